import CNcursesw
import XCTest
@testable import OpsdeckTerminal

final class KeyInputTests: XCTestCase {
    func testCharacters() {
        XCTAssertEqual(KeyInput.character(13), .key(.enter))
        XCTAssertEqual(KeyInput.character(9), .key(.tab))
        XCTAssertEqual(KeyInput.character(27), .key(.escape))
        XCTAssertEqual(KeyInput.character(127), .key(.backspace))
        XCTAssertEqual(KeyInput.character(8), .key(.backspace))
        XCTAssertEqual(KeyInput.character(3), .key(.ctrl("c")))
        XCTAssertEqual(KeyInput.character(18), .key(.ctrl("r")))
        XCTAssertEqual(KeyInput.character(0x71), .key(.char("q")))
        XCTAssertEqual(KeyInput.character(0xE9), .key(.char("é")))
        XCTAssertEqual(KeyInput.character(0x65E5), .key(.char("日")))
        XCTAssertEqual(KeyInput.character(0), .ignored)
        XCTAssertEqual(KeyInput.character(0x1C), .ignored)
        XCTAssertEqual(KeyInput.character(0x9B), .ignored)   // C1 CSI
    }

    func testFunctionKeys() {
        XCTAssertEqual(KeyInput.functionKey(KEY_UP), .key(.up))
        XCTAssertEqual(KeyInput.functionKey(KEY_NPAGE), .key(.pageDown))
        XCTAssertEqual(KeyInput.functionKey(KEY_PPAGE), .key(.pageUp))
        XCTAssertEqual(KeyInput.functionKey(KEY_HOME), .key(.home))
        XCTAssertEqual(KeyInput.functionKey(KEY_END), .key(.end))
        XCTAssertEqual(KeyInput.functionKey(KEY_BTAB), .key(.backTab))
        XCTAssertEqual(KeyInput.functionKey(KEY_BACKSPACE), .key(.backspace))
        XCTAssertEqual(KeyInput.functionKey(KEY_DC), .key(.delete))
        XCTAssertEqual(KeyInput.functionKey(KEY_ENTER), .key(.enter))
        XCTAssertEqual(KeyInput.functionKey(opsdeck_key_f(5)), .key(.function(5)))
        XCTAssertEqual(KeyInput.functionKey(KEY_RESIZE), .resized)
        XCTAssertEqual(KeyInput.functionKey(KEY_MOUSE), .ignored)
    }
}

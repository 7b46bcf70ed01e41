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

final class BracketedPasteTests: XCTestCase {
    let start = (true, UInt32(BracketedPaste.startCode)), end = (true, UInt32(BracketedPaste.endCode))

    /// Feeds `items`, all read at `millis` (time is injected; the real reader uses the monotonic clock).
    func feed(_ p: inout BracketedPaste, _ items: [(Bool, UInt32)], at millis: Int64 = 0) -> [TerminalInput] {
        items.compactMap { p.take(isFunctionKey: $0.0, $0.1, nowMillis: millis) }
    }

    func testTextBetweenTheMarkersIsOnePasteAndNotKeys() {
        var p = BracketedPaste()
        let out = feed(&p, [(false, 0x61), start, (false, 27), (false, 0x32), (false, 0x79), (true, UInt32(KEY_UP)), (false, 13), end, (false, 0x62)])
        XCTAssertEqual(out, [.key(.char("a")), .paste("\u{1B}2y\r"), .key(.char("b"))])
    }

    func testALongPasteComesInPiecesAndNeverAsKeys() {
        var p = BracketedPaste()
        var out = feed(&p, [(true, UInt32(BracketedPaste.startCode))])
        out += feed(&p, Array(repeating: (false, UInt32(0x79)), count: BracketedPaste.maxScalars + 5))
        out += feed(&p, [(true, UInt32(BracketedPaste.endCode))])
        XCTAssertEqual(out, [.paste(String(repeating: "y", count: BracketedPaste.maxScalars)), .paste("yyyyy")])
    }

    /// A lost end marker: once nothing has come for `idleMillis`, what was collected is one paste and keys
    /// work again; the late end marker, should it still come, is ignored.
    func testAPasteWithoutItsEndMarkerEndsWhenInputStops() {
        var p = BracketedPaste()
        XCTAssertNil(p.millisecondsUntilIdle(nowMillis: 0), "no paste open: nothing to wait for")
        XCTAssertEqual(feed(&p, [start, (false, 0x61), (false, 0x32)], at: 1000), [])
        XCTAssertEqual(p.millisecondsUntilIdle(nowMillis: 1200), 300)
        XCTAssertNil(p.idle(nowMillis: 1499), "still within the paste")
        XCTAssertEqual(feed(&p, [(false, 0x79)], at: 1400), [], "more text restarts the idle time")
        XCTAssertNil(p.idle(nowMillis: 1899))
        XCTAssertEqual(p.idle(nowMillis: 1900), .paste("a2y"))
        XCTAssertNil(p.millisecondsUntilIdle(nowMillis: 1900), "the paste is over")
        XCTAssertNil(p.idle(nowMillis: 5000), "nothing more to deliver")
        XCTAssertEqual(feed(&p, [(false, 0x71), end, (false, 3)], at: 5000), [.key(.char("q")), .ignored, .key(.ctrl("c"))])
    }

    func testIdleOutsideAPasteDeliversNothing() {
        var p = BracketedPaste()
        XCTAssertEqual(feed(&p, [(false, 0x61)], at: 0), [.key(.char("a"))])
        XCTAssertNil(p.idle(nowMillis: 10_000))
        XCTAssertEqual(feed(&p, [start, end], at: 10_000), [.paste("")], "an empty paste with both markers is still a paste")
    }
}

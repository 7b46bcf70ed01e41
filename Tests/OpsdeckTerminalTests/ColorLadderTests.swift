import XCTest
@testable import OpsdeckTerminal

final class ColorLadderTests: XCTestCase {
    private let accent = RoleLook(foreground: [.rgb(0xFF8700), .indexed(208), .ansi(11)], background: [.terminalDefault],
                                  attributes: [.bold], monoAttributes: [.reverse])

    func testDepthFollowsTheTerminalAndNoColor() {
        XCTAssertEqual(ColorDepth.detect(hasColors: true, colors: 1 << 24, noColor: false), .direct)
        XCTAssertEqual(ColorDepth.detect(hasColors: true, colors: 256, noColor: false), .indexed256)
        XCTAssertEqual(ColorDepth.detect(hasColors: true, colors: 16, noColor: false), .ansi16)
        XCTAssertEqual(ColorDepth.detect(hasColors: true, colors: 8, noColor: false), .ansi8)
        XCTAssertEqual(ColorDepth.detect(hasColors: true, colors: 2, noColor: false), .monochrome)
        XCTAssertEqual(ColorDepth.detect(hasColors: false, colors: 256, noColor: false), .monochrome)
        XCTAssertEqual(ColorDepth.detect(hasColors: true, colors: 1 << 24, noColor: true), .monochrome)
    }

    func testEachDepthTakesTheFirstColourItCanShow() {
        XCTAssertEqual(ColorLadder.resolve(accent, depth: .direct), ResolvedLook(foreground: 0xFF8700, background: -1, attributes: [.bold]))
        XCTAssertEqual(ColorLadder.resolve(accent, depth: .indexed256).foreground, 208)
        XCTAssertEqual(ColorLadder.resolve(accent, depth: .ansi16).foreground, 11)
        // 8 colours: bright yellow becomes yellow in bold.
        XCTAssertEqual(ColorLadder.resolve(accent, depth: .ansi8), ResolvedLook(foreground: 3, background: -1, attributes: [.bold]))
        XCTAssertEqual(ColorLadder.resolve(accent, depth: .monochrome), ResolvedLook(foreground: -1, background: -1, attributes: [.reverse]))
    }

    func testRGBWithoutFallbacksIsConvertedToTheNearestPaletteColour() {
        let look = RoleLook(foreground: [.rgb(0x5F87AF)], background: [.rgb(0x1C1C1C)])
        let at256 = ColorLadder.resolve(look, depth: .indexed256)
        XCTAssertEqual(at256.foreground, 67)     // cube (1,2,3) is exactly 5F87AF
        XCTAssertEqual(at256.background, 234)    // grey ramp 1C1C1C
        let at16 = ColorLadder.resolve(look, depth: .ansi16)
        XCTAssertEqual(at16.background, 0)
        XCTAssertEqual(ColorLadder.nearestANSI(0xF00000), 9)
        XCTAssertEqual(ColorLadder.nearestANSI(0xC0C0C0), 7)
    }

    func testPaletteValuesMatchXterm() {
        XCTAssertEqual(ColorLadder.xterm256RGB(16), 0x000000)
        XCTAssertEqual(ColorLadder.xterm256RGB(196), 0xFF0000)
        XCTAssertEqual(ColorLadder.xterm256RGB(231), 0xFFFFFF)
        XCTAssertEqual(ColorLadder.xterm256RGB(232), 0x080808)
        XCTAssertEqual(ColorLadder.xterm256RGB(255), 0xEEEEEE)
        for index in 16...255 { XCTAssertEqual(ColorLadder.nearestXterm256(ColorLadder.xterm256RGB(index)), index == 16 ? 16 : index, "index \(index)") }
    }

    func testDirectColourNeverSendsDarkRGBAsAnANSINumber() {
        // xterm-direct reads colour numbers below 8 as ANSI colours.
        XCTAssertEqual(ColorLadder.resolve(RoleLook(foreground: [.rgb(0x000003)]), depth: .direct).foreground, 8)
        XCTAssertEqual(ColorLadder.resolve(RoleLook(foreground: [.ansi(2)]), depth: .direct).foreground, 2)
        XCTAssertEqual(ColorLadder.resolve(RoleLook(foreground: [.ansi(9)]), depth: .direct).foreground, 0xFF0000)
    }
}

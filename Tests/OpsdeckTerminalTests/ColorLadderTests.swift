import OpsdeckUI
import XCTest
@testable import OpsdeckTerminal

final class ColorLadderTests: XCTestCase {
    private let accent = RoleStyle(fg: [.rgb(0xFF, 0x87, 0x00), .palette(208), .ansi(.brightYellow)], bg: [.ansi(.terminalDefault)],
                                   attributes: [.bold], mono: [.reverse])

    func testSupportFollowsTheTerminalAndNoColor() {
        XCTAssertEqual(ColorSupport.detect(hasColors: true, colors: 1 << 24, noColor: false), .truecolor)
        XCTAssertEqual(ColorSupport.detect(hasColors: true, colors: 256, noColor: false), .palette256)
        XCTAssertEqual(ColorSupport.detect(hasColors: true, colors: 16, noColor: false), .ansi16)
        XCTAssertEqual(ColorSupport.detect(hasColors: true, colors: 8, noColor: false), .ansi8)
        XCTAssertEqual(ColorSupport.detect(hasColors: true, colors: 2, noColor: false), .monochrome)
        XCTAssertEqual(ColorSupport.detect(hasColors: false, colors: 256, noColor: false), .monochrome)
        XCTAssertEqual(ColorSupport.detect(hasColors: true, colors: 1 << 24, noColor: true), .monochrome)
    }

    func testEachLevelTakesTheFirstColourItCanShow() {
        XCTAssertEqual(ColorLadder.resolve(accent, support: .truecolor), ResolvedLook(foreground: 0xFF8700, background: -1, attributes: [.bold]))
        XCTAssertEqual(ColorLadder.resolve(accent, support: .palette256).foreground, 208)
        XCTAssertEqual(ColorLadder.resolve(accent, support: .ansi16).foreground, 11)
        // 8 colours: bright yellow becomes yellow in bold.
        XCTAssertEqual(ColorLadder.resolve(accent, support: .ansi8), ResolvedLook(foreground: 3, background: -1, attributes: [.bold]))
        XCTAssertEqual(ColorLadder.resolve(accent, support: .monochrome), ResolvedLook(foreground: -1, background: -1, attributes: [.reverse]))
    }

    func testRGBWithoutFallbacksIsConvertedToTheNearestPaletteColour() {
        let style = RoleStyle(fg: [.rgb(0x5F, 0x87, 0xAF)], bg: [.rgb(0x1C, 0x1C, 0x1C)])
        let at256 = ColorLadder.resolve(style, support: .palette256)
        XCTAssertEqual(at256.foreground, 67)     // cube (1,2,3) is exactly 5F87AF
        XCTAssertEqual(at256.background, 234)    // grey ramp 1C1C1C
        XCTAssertEqual(ColorLadder.resolve(style, support: .ansi16).background, 0)
        XCTAssertEqual(ColorLadder.resolve(RoleStyle(fg: [.palette(196)]), support: .ansi16).foreground, 9)
        XCTAssertEqual(ColorLadder.nearestANSI(0xF00000), 9)
        XCTAssertEqual(ColorLadder.nearestANSI(0xC0C0C0), 7)
    }

    func testNoColoursListedMeansTheTerminalDefault() {
        XCTAssertEqual(ColorLadder.resolve(RoleStyle(attributes: [.underline]), support: .palette256),
                       ResolvedLook(foreground: -1, background: -1, attributes: [.underline]))
    }

    func testPaletteValuesMatchXterm() {
        XCTAssertEqual(ColorLadder.xterm256RGB(16), 0x000000)
        XCTAssertEqual(ColorLadder.xterm256RGB(196), 0xFF0000)
        XCTAssertEqual(ColorLadder.xterm256RGB(231), 0xFFFFFF)
        XCTAssertEqual(ColorLadder.xterm256RGB(232), 0x080808)
        XCTAssertEqual(ColorLadder.xterm256RGB(255), 0xEEEEEE)
        for index in 16...255 { XCTAssertEqual(ColorLadder.nearestXterm256(ColorLadder.xterm256RGB(index)), index, "index \(index)") }
    }

    func testDirectColourNeverSendsDarkRGBAsAnANSINumber() {
        // xterm-direct reads colour numbers below 8 as ANSI colours.
        XCTAssertEqual(ColorLadder.resolve(RoleStyle(fg: [.rgb(0, 0, 3)]), support: .truecolor).foreground, 8)
        XCTAssertEqual(ColorLadder.resolve(RoleStyle(fg: [.ansi(.green)]), support: .truecolor).foreground, 2)
        XCTAssertEqual(ColorLadder.resolve(RoleStyle(fg: [.ansi(.brightRed)]), support: .truecolor).foreground, 0xFF0000)
    }
}

import XCTest
import OpsdeckActions
import OpsdeckModel
@testable import OpsdeckUI

/// No cell of any screen holds a control, bidi or zero-width character, even when the text never went
/// through a decoder (domain values built raw, typed keys, operator label, file problems, messages).
final class ScreenInjectionReliabilityTests: XCTestCase {
    func testNoCellHoldsAControlBidiOrZeroWidthScalarOnAnyScreen() {
        let sizes = [(120, 40), (80, 24), (60, 20), (200, 60), (40, 12)]
        var screens = 0, cells = 0
        for (w, h) in sizes {
            for (name, state) in ScreenTour.views(from: HostileText.state(width: w, height: h)) {
                let g = render(state)
                screens += 1; cells += g.cells.count
                if let bad = HostileText.firstForbidden(in: g) { XCTFail("\(name) at \(w)×\(h): \(bad)") }
            }
        }
        print("reliability: screen injection: \(screens) hostile screens, \(cells) cells, no control/bidi/zero-width scalar")
    }

    /// The escapes are shown, not dropped: an operator sees that a name carries an ESC.
    func testEscapesShowAsControlPictures() {
        let s = ScreenTour.press(HostileText.state(), [.char("4"), .enter])
        let g = render(s)
        let text = (0..<g.height).map { g.text(row: $0) }.joined(separator: "\n")
        XCTAssertTrue(text.contains("␛[2J␛[31mRED"), text)
    }

    func testTypedControlAndBidiCharactersAreNotText() {
        for c: Character in ["\u{1B}", "\u{7}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{200B}", "\u{FEFF}", "\u{7F}"] {
            XCTAssertFalse(Key.char(c).isPrintable, "U+\(String(c.unicodeScalars.first!.value, radix: 16))")
        }
        for c: Character in ["a", "é", "日", "🚀", " ", "—"] { XCTAssertTrue(Key.char(c).isPrintable, String(c)) }
        let s = ScreenTour.press(Fixture.state(), [.char("/"), .char("\u{202E}"), .char("a"), .char("\u{200B}")])
        XCTAssertEqual(s.pane(s.focus).filter, "a")
    }

    /// The grid guard applies the same mapping as the decoders, so widths computed on raw text still fit.
    func testGridShowsRawTextTheWayTheDecodersDo() {
        var g = CellGrid(width: 20, height: 1)
        g.put("a\u{1B}[1m\u{202E}b\u{9B}c\u{200B}", x: 0, y: 0, width: 20, role: .normal)
        XCTAssertEqual(g.text(row: 0).trimmingCharacters(in: .whitespaces), InertText.clean("a\u{1B}[1m\u{202E}b\u{9B}c\u{200B}"))
        XCTAssertEqual(g.text(row: 0).trimmingCharacters(in: .whitespaces), "a␛[1mb\u{FFFD}c")
    }
}

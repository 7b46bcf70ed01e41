import XCTest
@testable import OpsdeckUI

final class DisplayWidthTests: XCTestCase {
    func testGraphemeWidths() {
        XCTAssertEqual(DisplayWidth.of("a" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("é" as Character), 1)                 // precomposed
        XCTAssertEqual(DisplayWidth.of("e\u{301}" as Character), 1)          // base + combining acute
        XCTAssertEqual(DisplayWidth.of("\u{301}" as Character), 0)           // lone combining mark
        XCTAssertEqual(DisplayWidth.of("\u{200B}" as Character), 0)          // zero-width space
        XCTAssertEqual(DisplayWidth.of("山" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("ウ" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("한" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("Ａ" as Character), 2)                 // fullwidth Latin
        XCTAssertEqual(DisplayWidth.of("ｱ" as Character), 1)                 // halfwidth katakana
        XCTAssertEqual(DisplayWidth.of("🚀" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("☕" as Character), 2)                 // emoji presentation in the BMP
        XCTAssertEqual(DisplayWidth.of("❤\u{FE0F}" as Character), 2)         // text symbol + VS16
        XCTAssertEqual(DisplayWidth.of("❤" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("🇩🇪" as Character), 2)               // flag
        XCTAssertEqual(DisplayWidth.of("👩‍👩‍👧" as Character), 2)         // ZWJ sequence
        XCTAssertEqual(DisplayWidth.of("✓" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("Jose\u{301} 山田 🚀"), 4 + 1 + 4 + 1 + 2)
    }

    func row(_ g: CellGrid, _ y: Int = 0) -> [String] { g.row(y).map(\.text) }

    func testWideCharactersTakeACellAndAContinuation() {
        var g = CellGrid(width: 6, height: 1)
        g.put("山田x", x: 0, y: 0, width: 6, role: .row)
        XCTAssertEqual(row(g), ["山", "", "田", "", "x", " "])
        XCTAssertTrue(g[1, 0].isContinuation)
        XCTAssertEqual(g.text(row: 0), "山田x ")
    }

    func testTruncationWithEllipsisNeverShiftsColumns() {
        for width in 1...8 {
            var g = CellGrid(width: 10, height: 1)
            g.put("山田太郎🚀", x: 0, y: 0, width: width, role: .row)
            g.put("|", x: width, y: 0, width: 1, role: .border)
            // Display width of everything before the bar is exactly `width`.
            XCTAssertEqual(DisplayWidth.of(g.text(row: 0).prefix { $0 != "|" }), width, "width \(width)")
            XCTAssertEqual(g[width, 0].text, "|")
        }
        var g = CellGrid(width: 5, height: 1)
        g.put("山田太郎", x: 0, y: 0, width: 5, role: .row)
        XCTAssertEqual(g.text(row: 0), "山田…")
        g.put("山田太郎", x: 0, y: 0, width: 4, role: .row)
        XCTAssertEqual(g.text(row: 0), "山… …")   // 山 + … + pad, then the untouched 5th cell
    }

    func testCombiningMarksStayWithTheirBase() {
        var g = CellGrid(width: 6, height: 1)
        g.put("Jose\u{301}!", x: 0, y: 0, width: 6, role: .row)
        XCTAssertEqual(row(g), ["J", "o", "s", "e\u{301}", "!", " "])
    }

    func testRightAlignmentAndControlCharacters() {
        var g = CellGrid(width: 6, height: 1)
        g.put("山1", x: 0, y: 0, width: 6, role: .row, align: .right)
        XCTAssertEqual(g.text(row: 0), "   山1")
        g.put("a\u{1B}[2Jb", x: 0, y: 0, width: 6, role: .row)
        XCTAssertFalse(g.text(row: 0).contains("\u{1B}"))
        XCTAssertEqual(g.text(row: 0), "a␛[2Jb", "shown as the decoders show it")
    }

    func testWritesOutsideTheGridAreDropped() {
        var g = CellGrid(width: 3, height: 1)
        g.put("abcdef", x: 1, y: 0, width: 5, role: .row)
        XCTAssertEqual(g.text(row: 0), " ab")
        g.put("x", x: 0, y: 5, width: 1, role: .row)
        XCTAssertEqual(g.text(row: 0), " ab")
    }
}

import XCTest
@testable import OpsdeckModel

/// InertText (terminal safety) and JSONOut (writing), checked through JSONReader.
final class JSONTextTests: XCTestCase {
    func testInertTextNeutralisesEveryTerminalControl() {
        let cases: [(String, String, String)] = [
            ("ESC / CSI", "a\u{1B}[31mred\u{1B}[0m", "a␛[31mred␛[0m"),
            ("OSC 52 clipboard write", "\u{1B}]52;c;ZXZpbA==\u{07}", "␛]52;c;ZXZpbA==␇"),
            ("BEL", "ding\u{07}", "ding␇"),
            ("CR overwrite", "paid\rREFUNDED", "paid␍REFUNDED"),
            ("backspace", "ok\u{08}\u{08}no", "ok␈␈no"),
            ("newline and tab", "a\nb\tc", "a␊b␉c"),
            ("NUL", "a\u{0}b", "a␀b"),
            ("DEL", "a\u{7F}", "a␡"),
            ("C1 CSI and NEL", "a\u{9B}31m\u{85}b", "a\u{FFFD}31m\u{FFFD}b"),
            ("bidi override (Trojan Source)", "Total \u{202E}00.001$", "Total 00.001$"),
            ("bidi isolates and marks", "\u{2066}x\u{2069}\u{200E}\u{200F}\u{061C}", "x"),
            ("zero-width", "pay\u{200B}pal\u{200D}\u{2060}\u{FEFF}", "paypal"),
            ("line separators", "a\u{2028}b\u{2029}", "a␤b␤"),
        ]
        for (what, input, expected) in cases {
            XCTAssertTrue(InertText.needsCleaning(input.utf8), what)
            XCTAssertEqual(InertText.inert(input), expected, what)
            XCTAssertFalse(InertText.needsCleaning(InertText.inert(input).utf8), "\(what): cleaning is final")
        }
    }

    func testInertTextLeavesOrdinaryTextAlone() {
        for s in ["Merino Wool Socks — Charcoal", "“quoted” ‘text’ … €20 • ™", "Ünïcödé 日本語 😀", "", "a b"] {
            XCTAssertFalse(InertText.needsCleaning(s.utf8), s)
            XCTAssertEqual(InertText.inert(s), s)
        }
    }

    func testStringsFromFilesAreInert() throws {
        let text = #"["\u001b]52;c;ZXZpbA==\u0007", "\u009b2J", "\u202eabc", "x\u200by"]"#
        XCTAssertEqual(try parseTree(text), .array([.string("␛]52;c;ZXZpbA==␇"), .string("\u{FFFD}2J"), .string("abc"), .string("xy")]))
    }

    func testJSONOutRoundTripsThroughTheReader() throws {
        let value = JSONOut.object([
            ("s", .string("quote \" backslash \\ slash / newline \n tab \t cr \r nul \u{0} del \u{7F} é 😀")),
            ("i", .int(Int64.min)), ("j", .int(Int64.max)), ("k", .int(-7)),
            ("d", .double(0.1)), ("e", .double(-2.5e-7)), ("big", .double(1e300)), ("nan", .double(.nan)),
            ("b", .bool(true)), ("f", .bool(false)), ("n", .null), ("none", .string(nil)),
            ("a", .array([.int(1), .array([]), .object([])])),
        ])
        let text = value.serialized()
        XCTAssertFalse(text.contains("\n"), "one JSON Lines record")
        let parsed = try parseTree(text)
        guard case .object(let m) = parsed else { return XCTFail("not an object") }
        // The reader makes controls inert, so they come back as their pictures.
        XCTAssertEqual(m["s"], .string("quote \" backslash \\ slash / newline ␊ tab ␉ cr ␍ nul ␀ del ␡ é 😀"))
        XCTAssertEqual(m["d"], .number(0.1)); XCTAssertEqual(m["e"], .number(-2.5e-7)); XCTAssertEqual(m["big"], .number(1e300))
        XCTAssertEqual(m["nan"], .null, "non-finite numbers are written as null")
        XCTAssertEqual(m["b"], .bool(true)); XCTAssertEqual(m["f"], .bool(false))
        XCTAssertEqual(m["n"], .null); XCTAssertEqual(m["none"], .null)
        XCTAssertEqual(m["a"], .array([.number(1), .array([]), .object([:])]))
        // Whole numbers survive exactly, at the extremes too.
        let ints: [Int64] = try JSONReader.withReader(bytes: Array(text.utf8)) { r in
            var c = try r.beginObject()
            var out: [Int64] = []
            while let k = try r.nextKey(&c) {
                if k == "i" || k == "j" || k == "k" { out.append(try r.readInt64()) } else { try r.skipValue() }
            }
            return out
        }
        XCTAssertEqual(ints, [Int64.min, Int64.max, -7])
    }

    func testJSONOutKeepsKeyOrderAndExactText() {
        let v = JSONOut.object([("b", .int(1)), ("a", .string("x\u{1B}")), ("c", .int(2))])
        XCTAssertEqual(v.serialized(), #"{"b":1,"a":"x\u001b","c":2}"#)
        XCTAssertEqual(JSONOut.int(5).serialized(), "5")
        XCTAssertEqual(JSONOut.double(5).serialized(), "5.0")
        XCTAssertEqual(JSONOut.double(.infinity).serialized(), "null")
        XCTAssertNotEqual(v, JSONOut.object([("a", .string("x\u{1B}")), ("b", .int(1)), ("c", .int(2))]))
    }
}

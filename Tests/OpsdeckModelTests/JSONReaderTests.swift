import XCTest
@testable import OpsdeckModel

/// A whole JSON value read through the pull parser, for comparing.
indirect enum Tree: Equatable {
    case null, bool(Bool), number(Double), string(String), array([Tree]), object([String: Tree])

    static func read(_ r: inout JSONReader) throws -> Tree {
        switch try r.peek() {
        case .null: _ = try r.readNull(); return .null
        case .bool: return .bool(try r.readBool())
        case .number: return .number(try r.readDouble())
        case .string: return .string(try r.readString())
        case .array:
            var c = try r.beginArray()
            var items: [Tree] = []
            while try r.nextElement(&c) { items.append(try read(&r)) }
            return .array(items)
        case .object:
            var c = try r.beginObject()
            var members: [String: Tree] = [:]
            while let k = try r.nextKey(&c) { members[k.string] = try read(&r) }
            return .object(members)
        }
    }
}

func parseTree(_ text: String) throws -> Tree {
    try JSONReader.withReader(bytes: Array(text.utf8)) { r in
        let t = try Tree.read(&r)
        try r.expectEnd()
        return t
    }
}

/// The syntax error `text` must raise, as "line:col: reason".
func syntaxError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let bytes = Array(text.utf8)
    do {
        _ = try JSONReader.withReader(bytes: bytes) { r in
            _ = try Tree.read(&r)
            try r.expectEnd()
        }
        XCTFail("parsed without error: \(text)", file: file, line: line)
        return ""
    } catch let e as JSONSyntaxError {
        let (l, c) = JSONReader.lineColumn(of: e.offset, in: bytes)
        return "\(l):\(c): \(e.reason)"
    } catch {
        XCTFail("not a syntax error: \(error)", file: file, line: line)
        return ""
    }
}

/// Reads one scalar with `body`, returning its value or the value error's reason.
func readScalar<T>(_ text: String, _ body: (inout JSONReader) throws -> T) throws -> Result<T, JSONValueError> {
    try JSONReader.withReader(bytes: Array(text.utf8)) { r in
        do {
            let v = try body(&r)
            try r.expectEnd()
            return .success(v)
        } catch let e as JSONValueError {
            try r.expectEnd()   // the reader has skipped the bad value
            return .failure(e)
        }
    }
}

final class JSONReaderTests: XCTestCase {
    func testReadsEveryKindOfValue() throws {
        let t = try parseTree(#" { "a" : [1, -2.5e1, true, false, null, "x"], "b": {}, "c": [] } "#)
        XCTAssertEqual(t, .object(["a": .array([.number(1), .number(-25), .bool(true), .bool(false), .null, .string("x")]),
                                   "b": .object([:]), "c": .array([])]))
        XCTAssertEqual(try parseTree("\t\r\n 7 \n"), .number(7))
    }

    func testSyntaxErrorsCarryLineAndColumn() {
        XCTAssertEqual(syntaxError(""), "1:1: unexpected end of file")
        XCTAssertEqual(syntaxError("{\n  \"a\": 1,\n  \"b\": @\n}"), "3:8: unexpected character '@'")
        XCTAssertEqual(syntaxError("{} x"), "1:4: unexpected 'x' after the end of the JSON value")
        XCTAssertEqual(syntaxError(#"{"a":1 "b":2}"#), #"1:8: expected ',' or '}' in object, found '"'"#)
        XCTAssertEqual(syntaxError(#"{1:2}"#), "1:2: expected a string key, found '1'")
        XCTAssertEqual(syntaxError("{\"a\":1,\n}"), "2:1: expected a string key, found '}'")
        XCTAssertEqual(syntaxError(#"{"a" 1}"#), "1:6: expected ':' after object key")
        XCTAssertEqual(syntaxError("[1 2]"), "1:4: expected ',' or ']' in array, found '2'")
        XCTAssertEqual(syntaxError("[1,]"), "1:4: unexpected character ']'")
        XCTAssertEqual(syntaxError("[tru]"), "1:2: invalid literal")
        XCTAssertEqual(syntaxError("nul"), "1:1: invalid literal")
        XCTAssertEqual(syntaxError("[\"abc"), "1:2: unterminated string")
        XCTAssertEqual(syntaxError(#"["a\x"]"#), #"1:4: invalid escape \'x' in string"#)
        XCTAssertEqual(syntaxError(#"["\u12G4"]"#), #"1:3: invalid \u escape in string"#)
        XCTAssertEqual(syntaxError(#"["\u12"]"#), #"1:3: invalid \u escape in string"#)
        XCTAssertEqual(syntaxError("[\"a\tb\"]"), "1:4: unescaped control character byte 0x09 in string")
        XCTAssertEqual(syntaxError("[-]"), "1:2: invalid number")
        XCTAssertEqual(syntaxError("[01]"), "1:2: invalid number (leading zero)")
        XCTAssertEqual(syntaxError("[1.]"), "1:2: invalid number (no digits after '.')")
        XCTAssertEqual(syntaxError("[1e+]"), "1:2: invalid number (no digits in exponent)")
        XCTAssertEqual(syntaxError("[+1]"), "1:2: unexpected character '+'")
        XCTAssertEqual(syntaxError("{\"a\":[1,"), "1:9: unexpected end of file")
        XCTAssertEqual(syntaxError("[1"), "1:3: unexpected end of file inside an array")
        XCTAssertEqual(syntaxError("{\"a\":1"), "1:7: unexpected end of file inside an object")
        XCTAssertEqual(syntaxError("{\"a\""), "1:5: unexpected end of file inside an object")
        XCTAssertEqual(syntaxError("\u{FEFF}{}"), "1:1: unexpected character byte 0xEF")
    }

    func testSyntaxErrorsSayWhenTheInputEndedInsideAValue() {
        func endedEarly(_ text: String) -> Bool? {
            do {
                _ = try JSONReader.withReader(bytes: Array(text.utf8)) { r in _ = try Tree.read(&r); try r.expectEnd() }
                return nil
            } catch { return (error as? JSONSyntaxError)?.endedEarly }
        }
        // Every cut of a document, inside strings (holding `}`, `"` and escapes), numbers, literals, keys.
        let doc = #"{"a":[1,-2.5e+1,true,false,null,"x\"}\u00e9\\"],"b":{"c}":{}}}"#
        XCTAssertNil(endedEarly(doc))
        for cut in 0..<doc.utf8.count {
            let prefix = String(decoding: doc.utf8.prefix(cut), as: UTF8.self)
            XCTAssertEqual(endedEarly(prefix), true, prefix)
        }
        for number in ["-", "-2.", "-2.5e", "-2.5e+"] { XCTAssertEqual(endedEarly(number), true, number) }
        // Wrong bytes before the end are malformed, not cut short.
        for bad in ["[tru]", "[-]", "[1.]", "[1e+]", "{} x", #"["a\x"]"#, #"["\u12"]"#, "[1 2]", #"{"a" 1}"#, "[1,]", #"{"a":1,}"#] {
            XCTAssertEqual(endedEarly(bad), false, bad)
        }
    }

    func testNestingLimit() throws {
        let ok = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        XCTAssertNoThrow(try parseTree(ok))
        let deep = String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)
        XCTAssertEqual(syntaxError(deep), "1:\(JSONReader.maxDepth + 1): nesting deeper than 512 levels")
        // Skipping goes through the same limit (a decoder skipping an unknown field must not overflow the stack).
        let bytes = Array(("{\"x\":" + String(repeating: "{\"a\":", count: 100_000)).utf8)
        XCTAssertThrowsError(try JSONReader.withReader(bytes: bytes) { r in try r.skipValue() }) {
            XCTAssertEqual(($0 as? JSONSyntaxError)?.reason, "nesting deeper than 512 levels")
        }
    }

    func testStringEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try parseTree(#""a\"b\\c\/d""#), .string("a\"b\\c/d"))
        XCTAssertEqual(try parseTree(#""caf\u00e9 \u20AC""#), .string("café €"))
        XCTAssertEqual(try parseTree(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try parseTree(#""x\uD83D""#), .string("x\u{FFFD}"), "lone high surrogate")
        XCTAssertEqual(try parseTree(#""\uDE00y""#), .string("\u{FFFD}y"), "lone low surrogate")
        XCTAssertEqual(try parseTree(#""\ud83d\u0041""#), .string("\u{FFFD}A"), "high surrogate then non-surrogate")
        XCTAssertEqual(try parseTree("\"😀 ünï\""), .string("😀 ünï"), "raw UTF-8 passes through")
        XCTAssertEqual(try parseTree("\"a\u{7F}\""), .string("a\u{2421}"), "raw DEL is made inert")
        // Control characters written as escapes are made inert, not passed on.
        XCTAssertEqual(try parseTree(#""\n\t\r\b\f\u001b[2J\u0007""#), .string("␊␉␍␈␌␛[2J␇"))
        // Invalid UTF-8 is repaired, never passed on raw.
        let bad: [UInt8] = [0x22, 0x61, 0xFF, 0xC3, 0x22]
        XCTAssertEqual(try JSONReader.withReader(bytes: bad) { try Tree.read(&$0) }, .string("a\u{FFFD}\u{FFFD}"))
    }

    func testEscapedKeysMatchTheirDecodedForm() throws {
        let text = #"{"n\u0061me": 1, "\u00e9": 2}"#
        let found: [String] = try JSONReader.withReader(bytes: Array(text.utf8)) { r in
            var c = try r.beginObject()
            var names: [String] = []
            while let k = try r.nextKey(&c) {
                if k == "name" { names.append("name") } else { names.append(k.string) }
                try r.skipValue()
            }
            return names
        }
        XCTAssertEqual(found, ["name", "é"])
    }

    func testWholeNumbers() throws {
        XCTAssertEqual(try readScalar("0") { try $0.readInt64() }.get(), 0)
        XCTAssertEqual(try readScalar("-0") { try $0.readInt64() }.get(), 0)
        XCTAssertEqual(try readScalar("-42") { try $0.readInt64() }.get(), -42)
        XCTAssertEqual(try readScalar("9223372036854775807") { try $0.readInt64() }.get(), Int64.max)
        XCTAssertEqual(try readScalar("-9223372036854775808") { try $0.readInt64() }.get(), Int64.min)
        XCTAssertEqual(try readScalar("12.0") { try $0.readInt64() }.get(), 12)
        XCTAssertEqual(try readScalar("1e3") { try $0.readInt64() }.get(), 1000)
        XCTAssertEqual(try readScalar("-2E2") { try $0.readInt64() }.get(), -200)
        func reason(_ text: String) throws -> String? {
            if case .failure(let e) = try readScalar(text, { try $0.readInt64() }) { return e.reason }
            return nil
        }
        XCTAssertEqual(try reason("9223372036854775808"), "number out of range")
        XCTAssertEqual(try reason("-9223372036854775809"), "number out of range")
        XCTAssertEqual(try reason(String(repeating: "9", count: 500)), "number out of range")
        XCTAssertEqual(try reason("1e30"), "number out of range")
        XCTAssertEqual(try reason("1e400"), "number out of range")
        XCTAssertEqual(try reason("-1e16"), "number out of range")
        XCTAssertEqual(try reason("12.5"), "expected a whole number, found 12.5")
        XCTAssertEqual(try reason("\"12\""), "expected a whole number, found a string")
        XCTAssertEqual(try reason("[1]"), "expected a whole number, found an array")
    }

    func testFractionalNumbers() throws {
        XCTAssertEqual(try readScalar("0.25") { try $0.readDouble() }.get(), 0.25)
        XCTAssertEqual(try readScalar("-1.5e-3") { try $0.readDouble() }.get(), -0.0015)
        XCTAssertEqual(try readScalar("123456789012345678901234567890") { try $0.readDouble() }.get(), 1.2345678901234568e29)
        if case .failure(let e) = try readScalar("1e999", { try $0.readDouble() }) {
            XCTAssertEqual(e.reason, "number out of range")
        } else { XCTFail("1e999 accepted") }
        if case .failure(let e) = try readScalar("true", { try $0.readDouble() }) {
            XCTAssertEqual(e.reason, "expected a number, found a boolean")
        } else { XCTFail("true accepted as a number") }
    }

    func testTypeMismatchSkipsTheValueAndKeepsGoing() throws {
        let text = #"{"a": {"deep": [1, {"x": "y"}]}, "b": 2}"#
        let b: Int64 = try JSONReader.withReader(bytes: Array(text.utf8)) { r in
            var c = try r.beginObject()
            var b: Int64 = -1
            while let k = try r.nextKey(&c) {
                if k == "a" {
                    XCTAssertThrowsError(try r.readString()) { XCTAssertEqual(($0 as? JSONValueError)?.reason, "expected a string, found an object") }
                } else { b = try r.readInt64() }
            }
            try r.expectEnd()
            return b
        }
        XCTAssertEqual(b, 2)
    }

    func testScalarsTimestampsEnumsAndIDs() throws {
        XCTAssertEqual(try readScalar("true") { try $0.readBool() }.get(), true)
        let null: String?? = try readScalar("null") { try $0.readOptionalString() }.get()
        XCTAssertEqual(null, .some(nil))
        XCTAssertEqual(try readScalar(#""2026-11-22T14:05:00+01:00""#) { try $0.readTimestamp() }.get(),
                       Timestamp(epochSeconds: 1_795_352_700))
        if case .failure(let e) = try readScalar(#""2026-11-22T14:05:00""#, { try $0.readTimestamp() }) {
            XCTAssertEqual(e.reason, #"expected an ISO 8601 time with offset (2026-11-22T14:05:00Z), found "2026-11-22T14:05:00""#)
        } else { XCTFail("timestamp without offset accepted") }
        XCTAssertEqual(try readScalar(#""on_hold""#) { try $0.readEnum(OrderStatus.self) }.get(), .onHold)
        XCTAssertEqual(try readScalar(#""o\u006e_hold""#) { try $0.readEnum(OrderStatus.self) }.get(), .onHold)
        if case .failure(let e) = try readScalar(#""lost\u001b""#, { try $0.readEnum(SalesChannel.self) }) {
            XCTAssertEqual(e.reason, #"unknown value "lost␛" (expected one of: web, mobile, marketplace, pos)"#)
        } else { XCTFail("unknown enum value accepted") }
        XCTAssertEqual(try readScalar("10452") { try $0.readID() }.get(), "10452")
        XCTAssertEqual(try readScalar(#""A-1""#) { try $0.readID() }.get(), "A-1")
        if case .failure(let e) = try readScalar(#""""#, { try $0.readID() }) {
            XCTAssertEqual(e.reason, "must not be empty")
        } else { XCTFail("empty id accepted") }
    }

    func testMessagesCutAHugeGraphemeByScalars() throws {
        // "a" and 100k combining accents: one Character of 200 KB, which a cut by Characters lets through.
        let huge = "a" + String(repeating: "\u{301}", count: 100_000)
        XCTAssertEqual(huge.count, 1)
        let p = DataProblem(file: "orders.json", recordID: huge, field: huge, reason: huge)
        XCTAssertEqual(p.recordID?.unicodeScalars.count, 81)
        XCTAssertEqual(p.field?.unicodeScalars.count, 121)
        XCTAssertEqual(p.reason.unicodeScalars.count, 301)
        XCTAssertEqual([p.reason.unicodeScalars.first, p.reason.unicodeScalars.last], ["a", "…"])
        XCTAssertEqual(DataProblem.cut("short", 300), "short")
        XCTAssertEqual(DataProblem.cut(String(repeating: "é", count: 300), 300), String(repeating: "é", count: 300))
        // An enum value quoted in a value error is cut the same way.
        guard case .failure(let e) = try readScalar("\"\(huge)\"", { try $0.readEnum(SalesChannel.self) }) else {
            return XCTFail("unknown enum value accepted")
        }
        XCTAssertEqual(e.reason, "unknown value \"a" + String(repeating: "\u{301}", count: 39) + "…\" (expected one of: web, mobile, marketplace, pos)")
    }

    func testByteOrderMarkIsSkippedOnlyWhenAsked() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)
        let t = try JSONReader.withReader(bytes: bytes) { r in r.skipByteOrderMark(); return try Tree.read(&r) }
        XCTAssertEqual(t, .array([.number(1)]))
    }

    func testLineColumn() {
        let b = Array("ab\ncd\n\nef".utf8)
        XCTAssertEqual(JSONReader.lineColumn(of: 0, in: b).line, 1)
        XCTAssertEqual(JSONReader.lineColumn(of: 4, in: b).line, 2)
        XCTAssertEqual(JSONReader.lineColumn(of: 4, in: b).column, 2)
        XCTAssertEqual(JSONReader.lineColumn(of: 7, in: b).line, 4)
        XCTAssertEqual(JSONReader.lineColumn(of: 7, in: b).column, 1)
    }


    func testSpecialBytesAreFoundAtEveryPositionOfLongStrings() throws {
        // The string scanner skips eight bytes at a time; a quote, backslash or control must be seen anywhere.
        for at in 0..<24 {
            let before = String(repeating: "a", count: at), after = String(repeating: "é", count: 5)
            XCTAssertEqual(try parseTree("\"\(before)\\n\(after)\""), .string(before + "␊" + after), "escape at \(at)")
            XCTAssertEqual(try parseTree("[\"\(before)\", \"\(after)\"]"), .array([.string(before), .string(after)]), "quote at \(at)")
            XCTAssertEqual(syntaxError("\"\(before)\u{1F}\(after)\""), "1:\(at + 2): unescaped control character byte 0x1F in string")
            XCTAssertEqual(syntaxError("\"\(before)"), "1:1: unterminated string")
        }
        // Bytes just above the special ones (0x20, 0x23, 0x5D, 0x7F and up) are plain.
        let plain = " #]\u{7F}ÿ€ #]\u{7F}ÿ€ #]"
        XCTAssertEqual(try parseTree("\"\(plain)\""), .string(plain.replacingOccurrences(of: "\u{7F}", with: "␡")))
    }
}

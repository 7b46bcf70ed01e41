import XCTest
@testable import OpsdeckModel

final class DecodingEnvelopeTests: XCTestCase {
    func testInvalidJSONIsAFileErrorWithLineAndColumnAndLeavesTheSnapshotAlone() throws {
        var s = StoreSnapshot()
        _ = decodeOK(.orders, envelope("orders", [orderJSON(id: "kept")]), into: &s)
        let torn = "{\"schema\":\"opsdeck/1\",\n\"orders\":[\n" + orderJSON(id: "new") + ",\n{\"id\":\"2\",\"sta"
        XCTAssertThrowsError(try SourceDecoder.decode(.orders, bytes: Array(torn.utf8), file: "orders.json", into: &s)) {
            XCTAssertEqual(($0 as? DataProblem)?.description, "orders.json:4:11: invalid JSON: unterminated string")
        }
        XCTAssertEqual(s.orders.map(\.id), ["kept"])
    }

    func testFileLevelProblems() {
        let cases: [(String, String)] = [
            ("", "orders.json: file is empty"),
            ("  \n\t", "orders.json: file holds only whitespace"),
            ("[1,2]", "orders.json:1:1: top level: expected an object, found an array; a data file is a JSON object"),
            (#"{"schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z"}"#, #"orders.json: no "orders" key in the top-level object"#),
            (#"{"orders":{}}"#, "orders.json: orders: expected an array, found an object"),
            (#"{"schema":"opsdeck/2","orders":[]}"#, #"orders.json: schema: "opsdeck/2" is not supported: this opsdeck reads opsdeck/1"#),
            (#"{"schema":"shopify/1","orders":[]}"#, #"orders.json: schema: "shopify/1" is not an opsdeck schema (expected "opsdeck/1")"#),
            (#"{"schema":1,"orders":[]}"#, "orders.json: schema: expected a string, found a number"),
            (#"{"orders":[]} {}"#, "orders.json:1:15: invalid JSON: unexpected '{' after the end of the JSON value"),
            (#"{"orders":[], "orders2": [}"#, "orders.json:1:27: invalid JSON: unexpected character '}'"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(decodeFailure(.orders, Array(text.utf8))?.description, expected, text)
        }
        XCTAssertEqual(decodeFailure(.orders, [0x7B, 0x22, 0x6F, 0xFF])?.description, "orders.json:1:2: invalid JSON: unterminated string",
                       "binary garbage is a clear error")
    }

    func testEnvelopeWarningsAndErrorsThatKeepTheFile() {
        var s = StoreSnapshot()
        var p = decodeOK(.orders, #"{"orders":[]}"#, into: &s)
        XCTAssertEqual(p.map(\.description), ["orders.json: schema: missing; read as opsdeck/1",
                                              "orders.json: generated_at: missing; freshness is measured from load time"])
        XCTAssertEqual(p.map(\.severity), [.warning, .warning])
        p = decodeOK(.orders, #"{"schema":"opsdeck/1.4","generated_at":"2026-11-22T14:05","orders":[]}"#, into: &s)
        XCTAssertEqual(p.map(\.description), [#"orders.json: generated_at: expected an ISO 8601 time with offset (2026-11-22T14:05:00Z), found "2026-11-22T14:05""#])
        XCTAssertEqual(p.map(\.severity), [.error])
        p = decodeOK(.orders, #"{"schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z","currency":"dollars","orders":[]}"#, into: &s)
        XCTAssertEqual(p.map(\.description), [#"orders.json: currency: expected a 3-letter ISO 4217 code such as USD, found "dollars""#])
    }

    func testEnvelopeFieldsInAnyOrderAndUnknownFieldsIgnored() throws {
        var s = StoreSnapshot()
        let text = "\u{FEFF}" + #"{"orders":[\#(orderJSON())],"exporter":{"v":[1,2,{"x":null}]},"currency":"CHF","generated_at":"2026-11-22T15:05:00+01:00","schema":"opsdeck/1"}"#
        let r = try SourceDecoder.decode(.orders, bytes: Array(text.utf8), file: "orders.json", into: &s)
        XCTAssertEqual(r.problems, [])
        XCTAssertEqual(r.generatedAt, Timestamp(iso8601: "2026-11-22T14:05:00Z"))
        XCTAssertEqual(s.orders.first?.currency, "CHF", "currency after the records still applies")
    }

    func testRecordThatIsNotAnObject() {
        var s = StoreSnapshot()
        let p = decodeOK(.orders, envelope("orders", ["42", "null", orderJSON(id: "ok")]), into: &s)
        XCTAssertEqual(p.map(\.description), ["orders.json[0]: expected an object, found a number",
                                              "orders.json[1]: expected an object, found null"])
        XCTAssertEqual(s.orders.map(\.id), ["ok"])
    }

    func testProblemsAreCappedWithACount() {
        var s = StoreSnapshot()
        let bad = Array(repeating: #"{"id":"x"}"#, count: 600)   // 5 missing fields each: 3000 errors
        let duplicates = Array(repeating: orderJSON(id: "A"), count: 301)  // 300 warnings
        var p = decodeOK(.orders, envelope("orders", bad + duplicates), into: &s)
        XCTAssertEqual(p.count, ProblemLog.limit + 1)
        XCTAssertEqual(p.last?.description, "orders.json: 2000 more errors and 300 more warnings not listed")
        XCTAssertEqual(p.last?.severity, .error)
        XCTAssertEqual(s.orders.map(\.id), ["A"])
        p = decodeOK(.orders, envelope("orders", Array(repeating: orderJSON(id: "A"), count: 1002)), into: &s)
        XCTAssertEqual(p.last?.description, "orders.json: 1 more warnings not listed")
        XCTAssertEqual(p.last?.severity, .warning)
    }

    func testReportCountsEverythingForCheck() {
        let (r, _) = SourceDecoder.report(.orders, bytes: Array(envelope("orders", [orderJSON(id: "A"), orderJSON(id: "A"), "1"]).utf8), file: "orders.json")
        XCTAssertEqual(r.records, 1); XCTAssertEqual(r.errors, 1); XCTAssertEqual(r.warnings, 1)
        XCTAssertEqual(r.generatedAt, Timestamp(iso8601: "2026-11-22T14:05:00Z"))
        let (bad, _) = SourceDecoder.report(.orders, bytes: Array("{".utf8), file: "orders.json")
        XCTAssertNil(bad.records)
        XCTAssertEqual(bad.problems.map(\.description), ["orders.json:1:2: invalid JSON: unexpected end of file inside an object"])
        XCTAssertEqual(bad.errors, 1)
    }
}

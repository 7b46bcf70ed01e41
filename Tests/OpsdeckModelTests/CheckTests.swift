import XCTest
@testable import OpsdeckModel

final class CheckTests: XCTestCase {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    func testCleanDirectoryPasses() {
        let check = StoreCheck.run(directory: Self.fixture("clean"))
        XCTAssertEqual(check.text, "6 files checked: 0 errors, 0 warnings")
        XCTAssertTrue(check.passed)
        XCTAssertEqual(check.files.map(\.file), ["orders.json", "stock.json", "carts.json", "escalations.json", "store.json", "action-results.jsonl"])
        XCTAssertEqual(check.files.map(\.records), [2, 2, 1, 1, 1, 1])
    }

    func testBrokenDirectoryReportsEveryProblemLine() {
        let check = StoreCheck.run(directory: Self.fixture("broken"))
        XCTAssertEqual(check.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), [
            "carts.json: required file missing",
            #"orders.json[1] id=2: placed_at: expected an ISO 8601 time with offset (2026-11-22T14:05:00Z), found "2026-11-22 09:00""#,
            #"orders.json[1] id=2: status: unknown value "sent" (expected one of: pending, paid, picking, packed, shipped, delivered, cancelled, on_hold)"#,
            "orders.json[1] id=2: total_minor: must not be negative, found -1000",
            "orders.json[1] id=2: lines[0].qty: must be at least 1, found 0",
            "orders.json[2] id=1: duplicate id, replaces record [0] (warning)",
            "stock.json:6:5: invalid JSON: expected ',' or ']' in array, found '{'",
            #"escalations.json: schema: "opsdeck/2" is not supported: this opsdeck reads opsdeck/1"#,
            #"store.json: store.dispatch_cutoff: expected a 24-hour time "HH:MM", found "25:00""#,
            "store.json: schema: missing; read as opsdeck/1 (warning)",
            "store.json: generated_at: missing; freshness is measured from load time (warning)",
            #"action-results.jsonl:2 id=a2: state: unknown value "lost" (expected one of: accepted, applied, rejected, failed)"#,
            "action-results.jsonl:3: incomplete last line (no newline at the end), ignored for now (warning)",
            "5 files checked: 9 errors, 4 warnings",
        ])
        XCTAssertFalse(check.passed)
        XCTAssertEqual(check.files.map(\.records), [1, nil, nil, 1, 1], "stock and escalations rejected whole")
    }

    func testJSONReport() throws {
        let check = StoreCheck.run(directory: Self.fixture("broken"))
        // Read back with the project's own reader: summary fields and one problem of each shape.
        let text = check.json
        XCTAssertFalse(text.contains("\n"))
        guard case .object(let top) = try parseTree(text) else { return XCTFail("not an object") }
        XCTAssertEqual(top["passed"], .bool(false))
        XCTAssertEqual(top["errors"], .number(9)); XCTAssertEqual(top["warnings"], .number(4))
        guard case .array(let files) = top["files"], case .array(let problems) = top["problems"] else { return XCTFail("shape") }
        XCTAssertEqual(files.count, 5)
        XCTAssertEqual(files[1], .object(["file": .string("stock.json"), "loaded": .bool(false), "records": .null,
                                          "generated_at": .null, "errors": .number(1), "warnings": .number(0)]))
        XCTAssertEqual(problems.count, 13)
        XCTAssertEqual(problems[6], .object([
            "severity": .string("error"), "file": .string("stock.json"), "line": .number(6), "column": .number(5),
            "index": .null, "id": .null, "field": .null, "reason": .string("invalid JSON: expected ',' or ']' in array, found '{'"),
            "message": .string("stock.json:6:5: invalid JSON: expected ',' or ']' in array, found '{'")]))
        XCTAssertEqual(problems[3], .object([
            "severity": .string("error"), "file": .string("orders.json"), "line": .null, "column": .null,
            "index": .number(1), "id": .string("2"), "field": .string("total_minor"), "reason": .string("must not be negative, found -1000"),
            "message": .string("orders.json[1] id=2: total_minor: must not be negative, found -1000")]))
    }

    func testWarningsAloneStillPass() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-check-\(getpid())-\(#line)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for kind in [SourceKind.orders, .stock, .carts, .tickets] {
            let key = ["orders.json": "orders", "stock.json": "items", "carts.json": "carts", "escalations.json": "tickets"][kind.fileName]!
            try Data(#"{"\#(key)":[]}"#.utf8).write(to: dir.appendingPathComponent(kind.fileName))
        }
        let check = StoreCheck.run(directory: dir.path)
        XCTAssertEqual(check.errors, 0); XCTAssertEqual(check.warnings, 8)
        XCTAssertTrue(check.passed)
        XCTAssertEqual(check.summary, "4 files checked: 0 errors, 8 warnings")
    }

    func testMissingDirectory() {
        let check = StoreCheck.run(directory: "/nonexistent/opsdeck-data")
        XCTAssertEqual(check.text, "/nonexistent/opsdeck-data: no such directory\n0 files checked: 1 error, 0 warnings")
        XCTAssertFalse(check.passed)
    }
}

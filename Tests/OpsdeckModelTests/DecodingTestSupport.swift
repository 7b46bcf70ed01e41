import XCTest
@testable import OpsdeckModel

/// Decodes `text` as `kind` into a fresh snapshot; fails the test on a file-level problem.
func decodeOK(_ kind: SourceKind, _ text: String, into snapshot: inout StoreSnapshot,
              file: StaticString = #filePath, line: UInt = #line) -> [DataProblem] {
    do {
        return try SourceDecoder.decode(kind, bytes: Array(text.utf8), file: kind.fileName, into: &snapshot).problems
    } catch {
        XCTFail("file-level problem: \(error)", file: file, line: line)
        return []
    }
}

/// The file-level problem decoding `text` must raise (nil, and a test failure, when it decodes).
func decodeFailure(_ kind: SourceKind, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> DataProblem? {
    var snapshot = StoreSnapshot()
    do {
        let r = try SourceDecoder.decode(kind, bytes: bytes, file: kind.fileName, into: &snapshot)
        XCTFail("expected a file-level problem, decoded with \(r.problems)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

/// An enveloped file with the given records (JSON text) under `key`.
func envelope(_ key: String, _ records: [String], extra: String = #""currency":"USD","#) -> String {
    #"{"schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z",\#(extra)"\#(key)":[\#(records.joined(separator: ","))]}"#
}

/// A valid order; `fields` replaces or adds top-level fields (JSON text after the id), e.g. `"status":"bogus"`.
func orderJSON(id: String = "1001", _ overrides: [String: String] = [:]) -> String {
    var fields: [(String, String)] = [
        ("id", "\"\(id)\""), ("customer_id", "\"c1\""), ("placed_at", "\"2026-11-22T09:00:00+01:00\""),
        ("status", "\"paid\""), ("total_minor", "21200"),
        ("lines", #"[{"sku":"SKU-1","qty":2,"unit_price_minor":10600,"name":"Wool socks"}]"#),
    ]
    for (k, v) in overrides.sorted(by: { $0.key < $1.key }) {
        if let i = fields.firstIndex(where: { $0.0 == k }) { fields[i].1 = v } else { fields.append((k, v)) }
    }
    return "{" + fields.filter { $0.1 != "<absent>" }.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
}

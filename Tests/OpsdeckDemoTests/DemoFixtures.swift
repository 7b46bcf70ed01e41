import Foundation
import XCTest
@testable import OpsdeckDemo
import OpsdeckModel
import OpsdeckActions

enum Fixture {
    /// A Monday morning in New York, before the 16:00 cut-off.
    static let now = Timestamp(iso8601: "2026-11-23T15:05:00Z")!
    /// Generated once: the store is large enough that every test making its own would be slow.
    static let store = DemoStore.generate(seed: 42, now: now)

    static func files(_ store: DemoStore, at: Timestamp = now) -> [SourceKind: [UInt8]] {
        Dictionary(uniqueKeysWithValues: DataFiles.kinds.map { ($0, DataFiles.bytes($0, of: store, generatedAt: at)) })
    }

    /// Decodes files as opsdeck would, failing the test on any problem (errors and warnings alike).
    static func decode(_ files: [SourceKind: [UInt8]], file: StaticString = #filePath, line: UInt = #line) -> StoreSnapshot {
        var snapshot = StoreSnapshot()
        // store.json first: the other files' defaults (currency) come from it.
        for kind in DataFiles.kinds {
            do {
                let r = try SourceDecoder.decode(kind, bytes: files[kind]!, file: kind.fileName, into: &snapshot)
                XCTAssertEqual(r.problems, [], "\(kind.fileName)", file: file, line: line)
                XCTAssertNotNil(r.generatedAt, file: file, line: line)
            } catch {
                XCTFail("\(error)", file: file, line: line)
            }
        }
        return snapshot
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "opsdeck-demo-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static let alice = OperatorIdentity(user: "alice", host: "ops1")

    static func entry(_ id: String, _ request: ActionRequest, at: Timestamp = now) -> JournalEntry {
        JournalEntry(actionID: id, key: "key-\(id)", at: at, by: alice, request: request)
    }
}

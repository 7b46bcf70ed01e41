import XCTest
import Foundation
@testable import OpsdeckDemo
import OpsdeckModel

final class GeneratorTests: XCTestCase {
    /// A Monday morning in New York, before the 16:00 cut-off.
    static let now = Timestamp(iso8601: "2026-11-23T15:05:00Z")!

    func testWritesFiles() throws {
        let dir = NSTemporaryDirectory() + "opsdeck-demo-peek"
        let store = DemoStore.generate(seed: 42, now: Self.now)
        try store.write(to: dir, generatedAt: Self.now)
        print(dir)
    }
}

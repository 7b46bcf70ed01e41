import XCTest
import Foundation
@testable import OpsdeckDemo
import OpsdeckModel
import OpsdeckActions

/// A clock tests move by hand; each reading can also advance it.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Timestamp
    private let step: Int64
    init(_ t: Timestamp, step: Int64 = 0) { self.t = t; self.step = step }
    func read() -> Timestamp { lock.lock(); defer { lock.unlock() }; let now = t; t = t.adding(seconds: step); return now }
    func advance(_ s: Int64) { lock.lock(); t = t.adding(seconds: s); lock.unlock() }
}

final class DoneFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

final class SimulatorRunnerTests: XCTestCase {
    /// A reader polling the files while the simulator rewrites them never sees a partial file.
    func testReadersNeverSeeAPartialFile() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Fixture.store.write(to: dir, generatedAt: Fixture.now)
        // Every tick is a new activity burst (the clock moves 3 s per reading, the interval is 1 s).
        let clock = TestClock(Fixture.now, step: 3)
        let runner = SimulatorRunner(
            directory: dir,
            simulator: StoreSimulator(store: Fixture.store, seed: 3, now: Fixture.now, config: SimulatorConfig(interval: 1, heartbeat: 1)),
            clock: { clock.read() })

        let done = DoneFlag()
        let failures = DoneFlag()
        Thread {
            for _ in 0..<150 { do { try runner.tick() } catch { failures.set() } }
            done.set()
        }.start()

        var reads = 0, invalid: [String] = []
        var versions: Set<String> = []
        let kinds: [SourceKind] = [.orders, .stock, .carts, .tickets]
        while !done.isSet || reads == 0 {
            for kind in kinds {
                guard let data = FileManager.default.contents(atPath: dir + "/" + kind.fileName) else {
                    invalid.append("\(kind.fileName) missing"); continue
                }
                let bytes = [UInt8](data)
                do {
                    try JSONReader.withReader(bytes: bytes) { r in try r.skipValue(); try r.expectEnd() }
                } catch {
                    invalid.append("\(kind.fileName): \(error)")
                }
                if kind == .orders { versions.insert(String(decoding: bytes.prefix(80), as: UTF8.self)) }
                reads += 1
            }
        }
        XCTAssertFalse(failures.isSet, "every write succeeded")
        XCTAssertEqual(invalid, [])
        XCTAssertGreaterThan(reads, 20)
        XCTAssertGreaterThan(versions.count, 2, "the reader saw the files change")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    /// End to end through the files: journal lines in, action-results.jsonl lines out, data files updated.
    func testAnswersTheJournalFileInActionResults() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Fixture.store.write(to: dir, generatedAt: Fixture.now)
        let clock = TestClock(Fixture.now)
        let runner = SimulatorRunner(
            directory: dir,
            simulator: StoreSimulator(store: Fixture.store, seed: 3, now: Fixture.now, config: SimulatorConfig(interval: 3600)),
            clock: { clock.read() })
        let ticket = Fixture.store.tickets.first { !$0.status.isResolved }!
        let sku = Fixture.store.stock.first { $0.supplier == "Campfire Foods" }!.sku
        let lines = [Fixture.entry("f-ack", .escalationAck(ticketID: ticket.id)),
                     Fixture.entry("f-restock", .restock(RestockRequest(sku: sku, qty: 48)))].map { $0.jsonLine() + "\n" }
        try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: runner.journal.path))

        for _ in 0...6 { try runner.tick(); clock.advance(1) }

        let results = try String(contentsOfFile: runner.resultsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        var snapshot = StoreSnapshot()
        _ = try SourceDecoder.decode(.actionResults, bytes: Array(results.joined(separator: "\n").utf8), file: "action-results.jsonl",
                                     into: &snapshot)
        XCTAssertEqual(results.count, 4)
        XCTAssertEqual(snapshot.actionResults["f-ack"]?.state, .applied)
        XCTAssertEqual(snapshot.actionResults["f-restock"]?.state, .applied)

        let poller = DataDirectoryPoller(directory: dir)
        let live = poller.refresh()
        XCTAssertEqual(live.tickets.first { $0.id == ticket.id }?.acknowledgedBy, "alice")
        XCTAssertEqual(live.stock.first { $0.sku == sku }?.incomingDetail.last?.actionID, "f-restock")
        XCTAssertEqual(live.actionResults["f-restock"]?.state, .applied)
    }

    /// `run(bursts:)` returns after that many bursts, and `start`/`stop` end the thread promptly.
    func testRunLoopStopsOnRequest() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Fixture.store.write(to: dir, generatedAt: Fixture.now)
        let clock = TestClock(Fixture.now, step: 2)
        let sim = StoreSimulator(store: Fixture.store, seed: 3, now: Fixture.now, config: SimulatorConfig(interval: 1))
        SimulatorRunner(directory: dir, simulator: sim, clock: { clock.read() }).run(bursts: 3)

        let runner = SimulatorRunner(directory: dir, simulator: sim)
        runner.start()
        Thread.sleep(forTimeInterval: 0.2)
        let began = Date()
        runner.stop()
        XCTAssertLessThan(Date().timeIntervalSince(began), 2, "stop wakes the sleeping loop")
    }
}

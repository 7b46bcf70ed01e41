import Foundation
import XCTest
@testable import OpsdeckActions
import OpsdeckModel

/// Several real `opsdeck action` processes sharing one journal, spawned with posix_spawn (no Foundation.Process).
final class JournalProcessTests: XCTestCase {
    var dir = ""
    override func setUp() {
        dir = Fixture.tempDir()
        Fixture.writeOrders(in: dir)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func opsdeck() throws -> String { try ChildProcess.opsdeck() }
    func spawnShell(_ script: String) -> pid_t { ChildProcess.spawnShell(script) }
    func wait(_ pid: pid_t) -> Int32 { ChildProcess.wait(pid) }
    func shell(_ script: String) -> Int32 { ChildProcess.shell(script) }

    func testFourProcessesRefundingOneOrderNeverExceedTheRefundable() throws {
        let bin = try opsdeck()
        // Each worker: 50 partial refunds of 3.00 on a 100.00 order, recording each exit status.
        let workers = (0..<4).map { w in
            spawnShell("""
            i=0; while [ $i -lt 50 ]; do i=$((i+1))
              '\(bin)' action refund --data '\(dir)' --order O1 --type partial --amount 3.00 --reason damaged >>'\(dir)/out.\(w)' 2>>'\(dir)/err.\(w)'
              echo $? >>'\(dir)/rc.\(w)'
            done
            """)
        }
        for pid in workers { XCTAssertEqual(wait(pid), 0) }

        let codes = (0..<4).flatMap { Fixture.lines(dir + "/rc.\($0)").filter { !$0.isEmpty } }
        XCTAssertEqual(codes.count, 200)
        XCTAssertEqual(Set(codes), ["0", "1"], "only written or rejected: \((0..<4).map { Fixture.lines(dir + "/err.\($0)").first ?? "" })")

        let raw = Fixture.lines(dir + "/journal.jsonl")
        XCTAssertEqual(raw.last, "")
        let entries = try raw.dropLast().map { try JournalEntry.parse(line: Array($0.utf8)) }   // every line parses
        let total = entries.reduce(Int64(0)) { if case .refund(let r) = $1.request { $0 + r.amountMinor } else { $0 } }
        XCTAssertLessThanOrEqual(total, 10_000)
        // Partial refunds must stay below the refundable: 33 × 3.00 = 99.00 fit, whatever the interleaving.
        XCTAssertEqual(entries.count, 33)
        XCTAssertEqual(codes.filter { $0 == "0" }.count, 33)
        // Every success printed its line, and each is in the journal exactly once.
        let confirmed = (0..<4).flatMap { Fixture.lines(dir + "/out.\($0)").filter { !$0.isEmpty } }
        XCTAssertEqual(confirmed.sorted(), raw.dropLast().sorted())
        let rejected = (0..<4).flatMap { Fixture.lines(dir + "/err.\($0)").filter { !$0.isEmpty } }
        XCTAssertEqual(Set(rejected), ["opsdeck: refund: 3.00 USD exceeds the refundable 1.00 USD (captured 100.00 USD, refunded 0.00 USD, pending 99.00 USD)"])
    }

    func testCLIRetryWithTheSameKeyWritesOnceAndJournalPrintsState() throws {
        let bin = try opsdeck()
        let refund = "'\(bin)' action refund --data '\(dir)' --order O1 --type full --reason damaged --key k-1 --confirm-amount 100.00"
        XCTAssertEqual(shell(refund + " >'\(dir)/a' 2>/dev/null"), 0)
        XCTAssertEqual(shell(refund + " >'\(dir)/b' 2>'\(dir)/b.err'"), 0)
        XCTAssertEqual(Fixture.lines(dir + "/a"), Fixture.lines(dir + "/b"))
        XCTAssertEqual(Fixture.lines(dir + "/b.err").first, "already written with key k-1; nothing new written")
        XCTAssertEqual(Fixture.lines(dir + "/journal.jsonl").count, 2)
        // Nothing is left after the full refund: rejected (1); a read-only journal refuses first (5).
        XCTAssertEqual(shell("'\(bin)' action refund --data '\(dir)' --order O1 --type partial --amount 1 --reason damaged 2>/dev/null"), 1)
        XCTAssertEqual(shell("'\(bin)' action refund --data '\(dir)' --order O1 --type partial --amount 1 --reason damaged --read-only 2>/dev/null"), 5)
        XCTAssertEqual(shell("'\(bin)' journal --data '\(dir)' --json >'\(dir)/j'"), 0)
        let printed = Fixture.lines(dir + "/j")
        XCTAssertEqual(printed.count, 2)
        XCTAssertTrue(printed[0].hasSuffix(#","state":"pending","message":null}"#), printed[0])
        XCTAssertEqual(try JournalEntry.parse(line: Array(printed[0].utf8)), try JournalEntry.parse(line: Array(Fixture.lines(dir + "/a")[0].utf8)))
    }

    // kill -9 during appends: JournalReliabilityTests (random kills of four writers, retries, torn lines).
}

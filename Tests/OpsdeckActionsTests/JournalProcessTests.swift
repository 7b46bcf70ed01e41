import Foundation
import XCTest
@testable import OpsdeckActions
import OpsdeckModel

/// Several real `opsdeck action` processes sharing one journal, spawned with posix_spawn (no Foundation.Process).
final class JournalProcessTests: XCTestCase {
    var dir = ""
    override func setUp() {
        dir = Fixture.tempDir()
        let orders = #"""
        {"schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z","currency":"USD","orders":[
         {"id":"O1","customer_id":"c1","placed_at":"2026-11-20T10:00:00Z","status":"paid","total_minor":10000,
          "lines":[{"line_id":"L1","sku":"A","qty":1,"unit_price_minor":10000}]},
         {"id":"BIG","customer_id":"c1","placed_at":"2026-11-20T10:00:00Z","status":"paid","total_minor":100000000,
          "lines":[{"line_id":"L1","sku":"A","qty":1,"unit_price_minor":100000000}]}]}
        """#
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/orders.json", contents: Data(orders.utf8)))
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// The `opsdeck` binary built beside this test bundle.
    func opsdeck() throws -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        let exe = n > 0 ? String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        var folder = (exe as NSString).deletingLastPathComponent
        if folder.hasSuffix(".xctest/Contents/MacOS") { folder = ((folder as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent }
        let path = folder + "/opsdeck"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("opsdeck binary not found at \(path): build it with `swift build --product opsdeck`")
            throw CocoaError(.fileNoSuchFile)
        }
        return path
    }

    /// Starts `/bin/sh -c script` in its own process group.
    func spawnShell(_ script: String) -> pid_t {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        let args: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", script].map { (s: String) in strdup(s) } + [nil]
        defer { args.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", nil, &attr, args, environ)
        XCTAssertEqual(rc, 0, "posix_spawn failed")
        return pid
    }

    func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

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

    /// Runs `script` in a shell and returns its exit status.
    func shell(_ script: String) -> Int32 {
        let status = wait(spawnShell(script))
        return (status >> 8) & 0xFF
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

    func testKillNineDuringAppendsLeavesAReadableJournalWithEveryConfirmedActionOnce() throws {
        let bin = try opsdeck()
        var rng = SystemRandomNumberGenerator()
        for round in 0..<6 {
            let workers = (0..<3).map { w in
                spawnShell("""
                while :; do '\(bin)' action refund --data '\(dir)' --order BIG --type partial --amount 0.01 --reason goodwill >>'\(dir)/out.\(round).\(w)' 2>/dev/null; done
                """)
            }
            usleep(UInt32.random(in: 150_000...600_000, using: &rng))
            for pid in workers { kill(-pid, SIGKILL) }
            for pid in workers { _ = wait(pid) }
        }
        let state = try ActionJournal(path: dir + "/journal.jsonl", readOnly: true).read()
        XCTAssertGreaterThan(state.entries.count, 10, "the workers should have written something")
        // Anything unreadable can only be a torn line; nothing invalid, nothing duplicated.
        XCTAssertEqual(state.allProblems.filter { $0.kind != .torn }, [])
        XCTAssertEqual(Set(state.entries.map(\.actionID)).count, state.entries.count)
        XCTAssertEqual(Set(state.entries.map(\.key)).count, state.entries.count)
        // A confirmed action (its line printed after fsync) is in the journal exactly once. A killed process
        // may have written a line it never confirmed; that is allowed, and its key makes a retry safe.
        let confirmed = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("out.") }
            .flatMap { Fixture.lines(dir + "/" + $0) }
            .compactMap { try? JournalEntry.parse(line: Array($0.utf8)) }   // a kill can cut stdout mid-line
        XCTAssertGreaterThan(confirmed.count, 0)
        print("kill -9: \(state.entries.count) actions journaled, \(confirmed.count) confirmed, \(state.allProblems.count) torn lines")
        for c in confirmed { XCTAssertEqual(state.entries.filter { $0.actionID == c.actionID }, [c]) }

        // The journal still takes appends after the kills.
        let after = ActionJournal(path: dir + "/journal.jsonl")
        var s = StoreSnapshot()
        s.orders = [Fixture.order("BIG", total: 100_000_000)]
        let e = Fixture.entry(Fixture.refund("BIG", .partial, 1))
        XCTAssertEqual(try after.append(e, snapshot: s, now: Fixture.now), .written(e))
        XCTAssertEqual(try ActionJournal(path: dir + "/journal.jsonl", readOnly: true).read().entries.last, e)
    }
}

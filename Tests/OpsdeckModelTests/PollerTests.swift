import XCTest
import Foundation
@testable import OpsdeckModel

/// The poller against a real temporary directory: every way an exporter may (mis)write a file.
final class PollerTests: XCTestCase {
    var dir = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "opsdeck-poller-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// Settle and racy windows off unless a test is about them, so each write is judged at once.
    func poller(settle: Double = 0, racy: Double = 0, maxBytes: Int64 = 512 << 20) -> DataDirectoryPoller {
        DataDirectoryPoller(directory: dir, options: .init(maxFileBytes: maxBytes, settleSeconds: settle, racyWindowSeconds: racy))
    }

    func ordersJSON(_ ids: [String], generatedAt: String = "2026-11-20T12:00:00Z") -> String {
        let records = ids.map {
            #"{"id":"\#($0)","customer_id":"c1","placed_at":"2026-11-20T10:00:00Z","status":"paid","total_minor":1200,"lines":[{"sku":"A","qty":1,"unit_price_minor":1200}]}"#
        }
        return #"{"schema":"opsdeck/1","generated_at":"\#(generatedAt)","currency":"EUR","orders":[\#(records.joined(separator: ",\n"))]}"#
    }

    var ordersPath: String { dir + "/orders.json" }

    /// Writes in place: truncate and rewrite the same inode.
    func writeInPlace(_ text: String, _ path: String? = nil) throws {
        let h = try XCTUnwrap(FileHandle(forUpdatingAtPath: path ?? ordersPath))
        try h.truncate(atOffset: 0)
        try h.write(contentsOf: Data(text.utf8))
        try h.close()
    }

    /// Writes a temporary file and renames it over the target, as careful exporters do.
    func writeAtomically(_ text: String, _ path: String? = nil) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path ?? ordersPath), options: .atomic)
    }

    func ids(_ s: StoreSnapshot) -> [String] { s.orders.map(\.id) }

    func testFirstLoadMarksEachSourceAndCountsReads() throws {
        try writeAtomically(ordersJSON(["1", "2"]))
        let p = poller()
        let s = p.refresh()
        XCTAssertEqual(ids(s), ["1", "2"])
        XCTAssertEqual(s.info(.orders).health, .ok)
        XCTAssertEqual(s.info(.orders).generatedAt, Timestamp(iso8601: "2026-11-20T12:00:00Z"))
        XCTAssertEqual(s.info(.orders).bytes, ordersJSON(["1", "2"]).utf8.count)
        XCTAssertNotNil(s.info(.orders).loadedAt)
        XCTAssertEqual(s.info(.stock).health, .missing)
        XCTAssertEqual(s.info(.stock).freshness(now: Timestamp(epochSeconds: 0), staleAfter: 300), .missing)
        XCTAssertEqual(p.filesRead, 1)
        XCTAssertGreaterThan(s.generation, 0)

        // Unchanged: stat only, nothing queued, nothing read, nothing published.
        XCTAssertFalse(p.poll())
        let again = p.refresh()
        XCTAssertEqual(p.filesRead, 1)
        XCTAssertEqual(again.generation, s.generation)
        XCTAssertNil(p.takeSnapshot())
    }

    func testAtomicReplaceIsPickedUp() throws {
        try writeAtomically(ordersJSON(["1"]))
        let p = poller()
        XCTAssertEqual(ids(p.refresh()), ["1"])
        try writeAtomically(ordersJSON(["2"]))          // same size, new inode
        XCTAssertTrue(p.poll())
        XCTAssertEqual(ids(p.refresh()), ["2"])
    }

    func testInPlaceRewriteIsPickedUp() throws {
        try writeAtomically(ordersJSON(["1"]))
        let p = poller()
        XCTAssertEqual(ids(p.refresh()), ["1"])
        let inode = try FileManager.default.attributesOfItem(atPath: ordersPath)[.systemFileNumber] as? Int
        try writeInPlace(ordersJSON(["1", "22"]))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: ordersPath)[.systemFileNumber] as? Int, inode)
        XCTAssertEqual(ids(p.refresh()), ["1", "22"])
    }

    func testRewriteWithIdenticalBytesIsNotDecodedAgain() throws {
        try writeAtomically(ordersJSON(["1"]))
        let p = poller()
        let s = p.refresh()
        try writeAtomically(ordersJSON(["1"]))             // new inode, same content
        XCTAssertTrue(p.poll())
        XCTAssertEqual(p.refresh().generation, s.generation)
        XCTAssertEqual(p.filesRead, 2)
        XCTAssertEqual(p.filesDecoded, 1)
        // After a torn version the same good bytes are decoded again, to clear the error.
        try writeInPlace("{")
        XCTAssertNotEqual(p.refresh().info(.orders).health, .ok)
        try writeInPlace(ordersJSON(["1"]))
        XCTAssertEqual(p.refresh().info(.orders).health, .ok)
        XCTAssertEqual(p.filesDecoded, 3)
    }

    func testTornFileKeepsLastGoodDataWithLineAndColumn() throws {
        try writeAtomically(ordersJSON(["1", "2"]))
        let p = poller()
        let good = p.refresh()
        let full = ordersJSON(["3", "4"])
        // Caught half-written: the file ends 12 bytes into its second line, after `{"id":"4","`.
        let secondLine = full.utf8.firstIndex(of: UInt8(ascii: "\n"))!
        try writeInPlace(String(full[...secondLine]) + #"{"id":"4","cu"#)
        let torn = p.refresh()
        XCTAssertEqual(ids(torn), ["1", "2"])
        guard case .fileError(let problem) = torn.info(.orders).health else { return XCTFail("\(torn.info(.orders).health)") }
        XCTAssertEqual(problem.file, "orders.json")
        XCTAssertEqual(problem.line, 2)
        XCTAssertEqual(problem.column, 11)                 // where the cut-off key "cu… starts
        XCTAssertTrue(problem.reason.contains("invalid JSON"), problem.reason)
        // The last good data's own times stay, so details can say how old the kept rows are.
        XCTAssertEqual(torn.info(.orders).loadedAt, good.info(.orders).loadedAt)
        XCTAssertEqual(torn.info(.orders).freshness(now: Timestamp(epochSeconds: 0), staleAfter: 300), .fileError(problem))
        XCTAssertGreaterThan(torn.generation, good.generation)

        try writeInPlace(full)
        let fixed = p.refresh()
        XCTAssertEqual(ids(fixed), ["3", "4"])
        XCTAssertEqual(fixed.info(.orders).health, .ok)
    }

    func testYoungTornFileIsRetriedBeforeBeingReported() throws {
        try writeAtomically(ordersJSON(["1"]))
        let p = poller(settle: 30)
        XCTAssertEqual(ids(p.refresh()), ["1"])
        try writeInPlace(#"{"schema":"opsdeck/1","orders":[{"id":"#)
        let mid = p.refresh()
        XCTAssertEqual(mid.info(.orders).health, .ok)      // not yet: the writer may still be at work
        XCTAssertEqual(ids(mid), ["1"])
        XCTAssertTrue(p.poll())                            // and it is read again at the next poll
        try writeInPlace(ordersJSON(["5"]))
        XCTAssertEqual(ids(p.refresh()), ["5"])
    }

    func testDeletedFileShowsMissingButKeepsRowsThenComesBack() throws {
        try writeAtomically(ordersJSON(["1"]))
        let p = poller()
        XCTAssertEqual(ids(p.refresh()), ["1"])
        try FileManager.default.removeItem(atPath: ordersPath)
        let gone = p.refresh()
        XCTAssertEqual(gone.info(.orders).health, .missing)
        XCTAssertEqual(gone.info(.orders).freshness(now: Timestamp(epochSeconds: 0), staleAfter: 300), .missing)
        XCTAssertEqual(ids(gone), ["1"])
        try writeAtomically(ordersJSON(["7"]))
        let back = p.refresh()
        XCTAssertEqual(back.info(.orders).health, .ok)
        XCTAssertEqual(ids(back), ["7"])
    }

    func testFileAppearingLateIsPickedUp() throws {
        let p = poller()
        let empty = p.refresh()
        XCTAssertEqual(empty.info(.orders).health, .missing)
        XCTAssertTrue(empty.orders.isEmpty)
        XCTAssertFalse(p.poll())
        try writeAtomically(ordersJSON(["9"]))
        XCTAssertTrue(p.poll())
        XCTAssertEqual(ids(p.refresh()), ["9"])
    }

    func testStoreSettingsLoadBeforeTheFilesThatFallBackOnThem() throws {
        // orders.json names no currency: its records take the store's, so store.json must load first.
        let orders = ordersJSON(["1"]).replacingOccurrences(of: #""currency":"EUR","#, with: "")
        try writeAtomically(orders)
        try writeAtomically(#"{"schema":"opsdeck/1","store":{"currency":"JPY","timezone":"Asia/Tokyo"}}"#, dir + "/store.json")
        let s = poller().refresh()
        XCTAssertEqual(s.settings.timeZone, "Asia/Tokyo")
        XCTAssertEqual(s.orders.map(\.currency), ["JPY"])
    }

    func testSourceGoesStaleAsTimePassesWithoutNewData() throws {
        try writeAtomically(ordersJSON(["1"], generatedAt: "2026-11-20T12:00:00+01:00"))
        let s = poller().refresh()
        let generated = try XCTUnwrap(Timestamp(iso8601: "2026-11-20T11:00:00Z"))
        let info = s.info(.orders)
        XCTAssertEqual(info.freshness(now: generated.adding(seconds: 300), staleAfter: 300), .ok(ageSeconds: 300))
        XCTAssertEqual(info.freshness(now: generated.adding(seconds: 301), staleAfter: 300), .stale(ageSeconds: 301))
    }

    func testOversizedFileIsRefusedWithoutReading() throws {
        try writeAtomically(ordersJSON(["1"]))
        let p = poller(maxBytes: 100)
        let s = p.refresh()
        XCTAssertEqual(p.filesRead, 0)
        guard case .fileError(let problem) = s.info(.orders).health else { return XCTFail() }
        XCTAssertTrue(problem.reason.contains("over the 100 bytes limit (--max-file-size)"), problem.reason)
    }

    func testRecentlyWrittenFileIsReadOnceMoreAfterTheRacyWindow() throws {
        try writeAtomically(ordersJSON(["1"]))
        let p = poller(racy: 0.3)
        _ = p.refresh()
        XCTAssertEqual(p.filesRead, 1)
        XCTAssertFalse(p.poll())                           // inside the window: nothing to do yet
        Thread.sleep(forTimeInterval: 0.35)
        XCTAssertTrue(p.poll())                            // past it: read again, unchanged stat or not
        let first = p.refresh().generation
        XCTAssertEqual(p.filesRead, 2)
        XCTAssertEqual(p.filesDecoded, 1)                  // same bytes: not decoded, nothing published
        XCTAssertNil(p.takeSnapshot())
        XCTAssertEqual(p.refresh().generation, first)
        XCTAssertFalse(p.poll())                           // now old enough to trust stat()
        _ = p.refresh()
        XCTAssertEqual(p.filesRead, 2)
    }

    func testWakeupDescriptorFiresWhenASnapshotIsReady() throws {
        try writeAtomically(ordersJSON(["1"]))
        let p = poller()
        XCTAssertTrue(p.poll())
        // The event loop's view: block in poll(2) on the wakeup descriptors until the loader publishes.
        var fds = p.wakeupFDs.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        XCTAssertFalse(fds.isEmpty)
        var snapshot: StoreSnapshot?
        let deadline = Date().addingTimeInterval(10)
        while snapshot == nil && Date() < deadline {
            _ = Glibc.poll(&fds, nfds_t(fds.count), 1000)
            p.drainWakeups()
            snapshot = p.takeSnapshot()
        }
        XCTAssertEqual(snapshot.map(ids), ["1"])
        XCTAssertNil(p.takeSnapshot())                     // the mailbox hands each snapshot over once

        // Idle: nothing wakes the loop.
        XCTAssertEqual(Glibc.poll(&fds, nfds_t(fds.count), 50), 0)
        // A file renamed into the directory wakes it at once through inotify, before any timed poll.
        try writeAtomically(ordersJSON(["2"]))
        XCTAssertGreaterThan(Glibc.poll(&fds, nfds_t(fds.count), 5000), 0)
        p.drainWakeups()
        XCTAssertEqual(Glibc.poll(&fds, nfds_t(fds.count), 0), 0)
        XCTAssertTrue(p.poll())
        XCTAssertEqual(ids(p.refresh()), ["2"])
    }
}

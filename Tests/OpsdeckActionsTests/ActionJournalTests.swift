import Foundation
import XCTest
@testable import OpsdeckActions
import OpsdeckModel

final class ActionJournalTests: XCTestCase {
    var dir = ""
    var path = ""
    let s = Fixture.snapshot()

    override func setUp() {
        dir = Fixture.tempDir()
        path = ActionJournal.defaultPath(dataDirectory: dir)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func append(_ j: ActionJournal, _ e: JournalEntry, confirmed: Set<ConfirmationCode> = []) throws -> AppendOutcome {
        try j.append(e, confirmed: confirmed, snapshot: s, now: Fixture.now)
    }

    func testCreatesFileWithMode0640WhateverTheUmask() throws {
        let old = umask(0o077)
        defer { umask(old) }
        _ = try append(ActionJournal(path: path), Fixture.entry(.escalationAck(ticketID: "T1")))
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o640)
    }

    func testAppendedLineIsReadByAnotherInstanceIncrementally() throws {
        let writer = ActionJournal(path: path), reader = ActionJournal(path: path, readOnly: true)
        XCTAssertEqual(try reader.read().entries, [])
        let a = Fixture.entry(.restock(RestockRequest(sku: "SKU1", qty: 3)))
        XCTAssertEqual(try append(writer, a), .written(a))
        XCTAssertEqual(try reader.read().entries, [a])
        let b = Fixture.entry(.escalationAck(ticketID: "T1"))
        XCTAssertEqual(try append(writer, b), .written(b))
        XCTAssertEqual(try reader.read().entries, [a, b])
        XCTAssertEqual(Fixture.lines(path), [a.jsonLine(), b.jsonLine(), ""])
    }

    func testSameKeySameRequestIsANoOpReturningTheOriginal() throws {
        let j = ActionJournal(path: path)
        // A full refund: after the first write nothing is refundable, so only idempotency lets the retry succeed.
        let first = Fixture.entry(Fixture.refund("O1", .full, 9_000), key: "k1")
        XCTAssertEqual(try append(j, first, confirmed: [.refundAboveLimit]), .written(first))
        let retry = Fixture.entry(Fixture.refund("O1", .full, 9_000), key: "k1", at: Fixture.t("2026-11-22T14:00:05Z"))
        XCTAssertEqual(try append(ActionJournal(path: path), retry), .alreadyWritten(first))
        XCTAssertEqual(Fixture.lines(path).count, 2)
    }

    func testSameKeyDifferentRequestIsAnError() throws {
        let j = ActionJournal(path: path)
        let first = Fixture.entry(Fixture.refund("O1", .partial, 100), key: "k1")
        _ = try append(j, first)
        let other = Fixture.entry(Fixture.refund("O1", .partial, 200), key: "k1")
        XCTAssertThrowsError(try append(j, other)) { e in
            XCTAssertEqual(e as? JournalError, .keyReused(key: "k1", original: first))
            XCTAssertEqual("\(e)", "idempotency key k1 was already used for a different refund (action \(first.actionID)); nothing was written")
        }
        XCTAssertEqual(Fixture.lines(path).count, 2)
    }

    func testReadOnlyJournalRefusesAppendsAndCreatesNothing() {
        let j = ActionJournal(path: path, readOnly: true)
        XCTAssertThrowsError(try append(j, Fixture.entry(.escalationAck(ticketID: "T1")))) { e in
            XCTAssertEqual(e as? JournalError, .readOnly(path: path))
            XCTAssertEqual("\(e)", "read-only: \(path) is opened read-only, nothing was written")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try j.read().entries, [])
    }

    func testRulesAreEnforcedInTheJournalLayer() throws {
        let j = ActionJournal(path: path)
        XCTAssertThrowsError(try append(j, Fixture.entry(Fixture.refund("CXL", .partial, 100)))) { e in
            XCTAssertEqual(e as? JournalError, .rejected(ActionRejection("refund: order CXL is cancelled")))
        }
        let first = Fixture.entry(.restock(RestockRequest(sku: "SKU1", qty: 120)))
        _ = try append(j, first)
        let second = Fixture.entry(.restock(RestockRequest(sku: "SKU1", qty: 10)))
        XCTAssertThrowsError(try append(j, second)) { e in
            guard case .needsConfirmation(let c)? = e as? JournalError else { return XCTFail("\(e)") }
            XCTAssertEqual(c.map(\.code), [.restockPending])
        }
        XCTAssertEqual(try append(j, second, confirmed: [.restockPending]), .written(second))
        XCTAssertEqual(try j.read().entries, [first, second])
    }

    func testTornLastLineIsReportedAndKeptSeparate() throws {
        let j = ActionJournal(path: path)
        let a = Fixture.entry(.escalationAck(ticketID: "T1"))
        _ = try append(j, a)
        // A writer died mid-line.
        let torn = String(Fixture.entry(.restock(RestockRequest(sku: "SKU1", qty: 1))).jsonLine().prefix(40))
        let h = FileHandle(forWritingAtPath: path)!
        h.seekToEndOfFile(); h.write(Data(torn.utf8)); h.closeFile()

        let reader = ActionJournal(path: path, readOnly: true)
        var state = try reader.read()
        XCTAssertEqual(state.entries, [a])
        XCTAssertEqual(state.incompleteTail?.line, 2)
        XCTAssertEqual(state.incompleteTail?.kind, .torn)

        let b = Fixture.entry(.escalationAssign(ticketID: "T1", assignee: "bob"))
        XCTAssertEqual(try append(j, b), .written(b))
        XCTAssertEqual(Fixture.lines(path), [a.jsonLine(), torn, b.jsonLine(), ""])
        state = try reader.read()
        XCTAssertEqual(state.entries, [a, b])
        XCTAssertNil(state.incompleteTail)
        XCTAssertEqual(state.problems.map(\.line), [2])
        XCTAssertEqual(state.problems.map(\.kind), [.torn])
        XCTAssertTrue(state.problems[0].description.hasPrefix("journal line 2: torn line: "), state.problems[0].description)
    }

    func testReplacedOrTruncatedFileIsReadAgain() throws {
        let j = ActionJournal(path: path)
        let a = Fixture.entry(.escalationAck(ticketID: "T1")), b = Fixture.entry(.escalationAck(ticketID: "T1"))
        _ = try append(j, a)
        XCTAssertEqual(try j.read().entries, [a])
        // Replaced by rename (new inode).
        let other = dir + "/other.jsonl"
        try Data((b.jsonLine() + "\n").utf8).write(to: URL(fileURLWithPath: other))
        XCTAssertEqual(rename(other, path), 0)
        XCTAssertEqual(try j.read().entries, [b])
        // Truncated in place and regrown past the old offset with different lines.
        let c = Fixture.entry(.restock(RestockRequest(sku: "SKU2", qty: 7, note: String(repeating: "x", count: 300))))
        let h = FileHandle(forWritingAtPath: path)!
        h.truncateFile(atOffset: 0); h.write(Data(("\n" + c.jsonLine() + "\n").utf8)); h.closeFile()
        XCTAssertEqual(try j.read().entries, [c])
    }

    func testWriteErrorIsReportedAndLeavesNoPartialLine() throws {
        let j = ActionJournal(path: path)
        let a = Fixture.entry(.escalationAck(ticketID: "T1"))
        _ = try append(j, a)
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        // A file size limit just past the current end: the write falls short, as on a full disk.
        signal(SIGXFSZ, SIG_IGN)
        var old = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &old)
        var small = old
        small.rlim_cur = rlim_t(sizeBefore + 10)
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &small), 0)
        let b = Fixture.entry(.escalationAssign(ticketID: "T1", assignee: "bob"))
        XCTAssertThrowsError(try append(j, b)) { e in
            XCTAssertEqual(e as? JournalError, .io(path: path, operation: "write", code: EFBIG))
            XCTAssertEqual("\(e)", "\(path): write failed: File too large")
        }
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &old), 0)
        XCTAssertEqual(Fixture.lines(path), [a.jsonLine(), ""])
        XCTAssertEqual(try append(j, b), .written(b))
        XCTAssertEqual(try ActionJournal(path: path, readOnly: true).read().entries, [a, b])
    }

    func testNotARegularFileIsRefused() {
        XCTAssertThrowsError(try ActionJournal(path: "/dev/null", readOnly: true).read()) { e in
            XCTAssertEqual(e as? JournalError, .io(path: "/dev/null", operation: "open (not a regular file)", code: EINVAL))
        }
    }

    func testThreadsSharingOneJournalNeverExceedTheRefundable() throws {
        let j = ActionJournal(path: path)
        let snapshot = s
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20 {
                _ = try? j.append(Fixture.entry(Fixture.refund("O1", .partial, 700)), snapshot: snapshot, now: Fixture.now)
            }
        }
        let entries = try ActionJournal(path: path, readOnly: true).read().entries
        // 90.00 refundable; partial refunds of 7.00 must stay strictly below it: 12 fit (84.00).
        XCTAssertEqual(entries.count, 12)
    }
}

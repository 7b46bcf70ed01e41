import Foundation
import XCTest
@testable import OpsdeckActions
import OpsdeckModel

/// Issue 6, item 4: the journal under faults. Writers killed with SIGKILL at random moments, a full disk,
/// and a journal path that is not the plain file it should be. SHORT by default, FULL with OPSDECK_FULL=1.
final class JournalReliabilityTests: XCTestCase {
    let full = ProcessInfo.processInfo.environment["OPSDECK_FULL"] == "1"
    var dir = ""
    var path: String { dir + "/journal.jsonl" }
    let snapshot = Fixture.snapshot()

    override func setUp() {
        dir = Fixture.tempDir()
        Fixture.writeOrders(in: dir)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func q(_ s: String) -> String { ChildProcess.quoted(s) }
    func bytes(_ p: String) -> [UInt8] { Array(FileManager.default.contents(atPath: p) ?? Data()) }
    func ack() -> JournalEntry { Fixture.entry(.escalationAck(ticketID: "T1")) }

    /// `opsdeck action refund` of 0.01 on BIG (1,000,000.00, so the rules never run out).
    func refundCommand(_ bin: String, key: String, journal: String? = nil) -> String {
        "\(q(bin)) action refund --data \(q(dir))" + (journal.map { " --journal \(q($0))" } ?? "")
            + " --order BIG --type partial --amount 0.01 --reason goodwill --key \(key)"
    }

    // MARK: - kill -9

    func testKillNineAtRandomMomentsDuringAppendsFromFourProcesses() throws {
        let bin = try ChildProcess.opsdeck()
        let target = full ? 1_000 : 200
        var rng = SystemRandomNumberGenerator()
        var rounds = 0, kills = 0, retries = 0, confirmedBeforeKill = 0, writtenUnconfirmed = 0
        var injected = 0, tornTailsSeen = 0
        var attempted: Set<String> = []
        var confirmed: [String: JournalEntry] = [:]

        // A dashboard reading all along: it never sees half a line, and what it saw stays (a growing prefix).
        let reader = LiveReader(path: path)
        reader.start()
        while attempted.count < target {
            rounds += 1
            let r = rounds, out = dir + "/r\(r)"
            // Four writers, each running the real CLI in a loop with fresh keys, noting each key before trying it.
            let workers = (0..<4).map { w in
                ChildProcess.spawnShell("""
                i=0; while :; do i=$((i+1)); k=w\(w)-r\(r)-$i
                  echo $k >>\(q(out)).attempts.\(w)
                  \(refundCommand(bin, key: "$k")) >>\(q(out)).out.\(w) 2>>\(q(out)).err.\(w)
                done
                """)
            }
            // Each is killed (with what it started) at its own random moment; in some rounds a torn line is
            // left meanwhile, as by a writer dying mid-line on a filesystem that tears writes.
            var events: [(at: UInt32, worker: Int?)] = (0..<4).map { (UInt32.random(in: 100_000...900_000, using: &rng), $0) }
            if Bool.random(using: &rng) { events.append((UInt32.random(in: 50_000...900_000, using: &rng), nil)) }
            events.sort { $0.at < $1.at }
            var clock: UInt32 = 0
            for e in events {
                usleep(e.at - clock); clock = e.at
                if let w = e.worker { kill(-workers[w], SIGKILL); kills += 1 } else { injectTornLine(); injected += 1 }
            }
            for pid in workers { _ = ChildProcess.wait(pid) }

            // Read under the shared lock first: a killed writer's last write() is complete once its lock is gone.
            let state = try ActionJournal(path: path, readOnly: true).read()
            let raw = Fixture.lines(path)
            let tornLines = Set(state.problems.filter { $0.kind == .torn }.map(\.line))
            XCTAssertEqual(state.problems.filter { $0.kind != .torn }, [], "round \(r): only torn lines may be unreadable")
            for (i, line) in raw.dropLast().enumerated() where !tornLines.contains(i + 1) {
                XCTAssertNoThrow(try JournalEntry.parse(line: Array(line.utf8)), "round \(r), line \(i + 1) merged or damaged: \(line)")
            }
            if let tail = raw.last, !tail.isEmpty {
                XCTAssertEqual(state.incompleteTail?.kind, .torn, "round \(r): an unfinished last line is reported")
                tornTailsSeen += 1
            } else {
                XCTAssertNil(state.incompleteTail)
            }
            XCTAssertEqual(Set(state.entries.map(\.key)).count, state.entries.count, "round \(r): a key doubled")
            XCTAssertEqual(Set(state.entries.map(\.actionID)).count, state.entries.count, "round \(r): an action doubled")

            let tried = (0..<4).flatMap { Fixture.completeLines(out + ".attempts.\($0)") }
            attempted.formUnion(tried)
            XCTAssertEqual((0..<4).flatMap { Fixture.lines(out + ".err.\($0)").filter { !$0.isEmpty } }, [], "round \(r): no append failed")
            // What each CLI printed is what it was told was on disk (after fsync): each is there exactly once.
            let printed = try (0..<4).flatMap { Fixture.completeLines(out + ".out.\($0)") }.map { try JournalEntry.parse(line: Array($0.utf8)) }
            for p in printed {
                XCTAssertEqual(state.entries.filter { $0.key == p.key }, [p], "round \(r): confirmed \(p.key) not there exactly once")
                XCTAssertTrue(tried.contains(p.key))
                confirmed[p.key] = p
            }
            confirmedBeforeKill += printed.count

            // Retry with the same key: every key whose writer was killed, and a few confirmed ones.
            let unconfirmed = tried.filter { confirmed[$0] == nil }
            let again = unconfirmed + printed.map(\.key).shuffled(using: &rng).prefix(3)
            retries += again.count
            let script = again.map { "\(refundCommand(bin, key: $0)) >\(q(out)).retry.\($0) 2>\(q(out)).retry.\($0).err || echo $? >>\(q(out)).retry-failed" }
            XCTAssertEqual(ChildProcess.shell(script.joined(separator: "\n")), 0)
            XCTAssertEqual(Fixture.lines(out + ".retry-failed"), [""], "round \(r): a retry failed")
            var newlyWritten = 0
            for k in again {
                let said = Fixture.lines(out + ".retry.\(k).err").first ?? ""
                let entry = try JournalEntry.parse(line: Array((Fixture.completeLines(out + ".retry.\(k)").first ?? "").utf8))
                XCTAssertEqual(entry.key, k)
                if let c = confirmed[k] {
                    XCTAssertEqual(entry, c, "a retry of a confirmed action returns the original")
                    XCTAssertEqual(said, "already written with key \(k); nothing new written")
                } else if said.isEmpty {
                    newlyWritten += 1
                } else {
                    XCTAssertEqual(said, "already written with key \(k); nothing new written")
                    writtenUnconfirmed += 1   // killed after its write, before it could say so
                }
                confirmed[k] = entry
            }
            let after = try ActionJournal(path: path, readOnly: true).read()
            XCTAssertEqual(after.entries.count, state.entries.count + newlyWritten, "round \(r): a retry wrote a second line")
            XCTAssertEqual(Set(after.entries.map(\.key)), attempted, "round \(r): every key tried is in the journal once retried")
            XCTAssertEqual(after.entries.count, attempted.count, "round \(r): no key twice")
        }

        let (reads, readerFaults) = reader.stop()
        XCTAssertEqual(readerFaults, [], "what a live reader saw")
        XCTAssertGreaterThan(reads, rounds)
        let final = try ActionJournal(path: path, readOnly: true).read()
        XCTAssertEqual(final.entries.count, attempted.count)
        for c in confirmed.values { XCTAssertEqual(final.entries.filter { $0.actionID == c.actionID }, [c]) }
        XCTAssertGreaterThan(confirmedBeforeKill, rounds, "the writers should confirm appends between kills")
        // Every torn line left is reported; any beyond those were torn by a kill itself.
        let torn = final.allProblems.filter { $0.kind == .torn }.count
        XCTAssertGreaterThanOrEqual(torn, injected)
        print("reliability: journal kill -9: \(rounds) rounds, \(kills) kills, \(attempted.count) appends attempted by 4 processes "
              + "(+\(retries) retries with the same key), \(confirmedBeforeKill) confirmed before a kill, \(writtenUnconfirmed) written "
              + "but killed before confirming (the retry found them); torn lines: \(injected) left by a writer dying mid-line, \(torn - injected) "
              + "torn by a kill, all \(torn) reported and kept apart (\(tornTailsSeen) rounds ended on an unfinished last line); "
              + "\(final.entries.count) entries, none missing, none doubled; a live reader read it \(reads) times meanwhile, never a half line")
    }

    /// What a writer that dies mid-line leaves behind (under the lock, as the protocol has it): a prefix of a
    /// line and no newline, on a line of its own.
    func injectTornLine() {
        let line = Fixture.entry(Fixture.refund("BIG", .partial, 1)).jsonLine()
        let cut = String(line.prefix(Int.random(in: 1..<line.utf8.count)))
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        var st = stat()
        fstat(fd, &st)
        var last: UInt8 = 0x0A
        if st.st_size > 0 { XCTAssertEqual(pread(fd, &last, 1, st.st_size - 1), 1) }
        let b = Array(((last == 0x0A ? "" : "\n") + cut).utf8)
        XCTAssertEqual(write(fd, b, b.count), b.count)
    }

    // MARK: - Full disk

    /// Appends acknowledgements, then one restock whose note makes the journal exactly `size` bytes long.
    func pad(_ j: ActionJournal, toSize size: Int) throws {
        func restock(_ n: Int) -> JournalEntry { Fixture.entry(.restock(RestockRequest(sku: "SKU2", qty: 1, note: String(repeating: "x", count: n)))) }
        let fixed = restock(0).jsonLine().utf8.count + 1
        while bytes(j.path).count + fixed + 500 < size { _ = try j.append(ack(), snapshot: snapshot, now: Fixture.now) }
        _ = try j.append(restock(size - bytes(j.path).count - fixed), snapshot: snapshot, now: Fixture.now)
        XCTAssertEqual(bytes(j.path).count, size)
    }

    /// A 64 KB tmpfs in the test directory, or a skip (printed) where mounting is not allowed. Unmount it when done.
    func mountSmallTmpfs(_ variant: String) throws -> String {
        let mnt = dir + "/small"
        XCTAssertEqual(mkdir(mnt, 0o755), 0)
        guard ChildProcess.shell("mount -t tmpfs -o size=64k,mode=0755 tmpfs \(q(mnt)) 2>\(q(dir))/mount.err") == 0 else {
            let why = Fixture.lines(dir + "/mount.err").first ?? ""
            print("reliability: journal \(variant) (tmpfs): skipped, mount is not allowed here: \(why)")
            throw XCTSkip("mount -t tmpfs is not allowed here: \(why)")
        }
        return mnt
    }

    func testFullDiskOnASmallTmpfs() throws {
        let mnt = try mountSmallTmpfs("full disk")
        defer { XCTAssertEqual(ChildProcess.shell("umount \(q(mnt))"), 0) }
        let jpath = mnt + "/journal.jsonl", bin = try ChildProcess.opsdeck()
        let j = ActionJournal(path: jpath)
        // 60 bytes before the end of the journal's first page; then the disk is filled up.
        try pad(j, toSize: 4096 - 60)
        let filler = open(mnt + "/filler", O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0x41, count: 4096)
        while write(filler, block, block.count) > 0 {}
        XCTAssertEqual(errno, ENOSPC)
        close(filler)
        let before = bytes(jpath)

        // The disk takes the first 60 bytes of a line and then refuses: a partial write is what a full disk gives.
        let line = Array((ack().jsonLine() + "\n").utf8)
        let probe = open(jpath, O_WRONLY | O_APPEND)
        XCTAssertEqual(write(probe, line, line.count), 60)
        XCTAssertEqual(ftruncate(probe, off_t(before.count)), 0)
        close(probe)

        // In process: JournalError.io naming the file and the reason; the 60 bytes were taken back.
        let e = ack()
        XCTAssertThrowsError(try j.append(e, snapshot: snapshot, now: Fixture.now)) { error in
            XCTAssertEqual(error as? JournalError, .io(path: jpath, operation: "write", code: ENOSPC))
            XCTAssertEqual("\(error)", "\(jpath): write failed: No space left on device")
        }
        XCTAssertEqual(bytes(jpath), before, "no partial line is left")
        // Through the CLI: exit status 6, the same message, nothing printed as done.
        let cli = refundCommand(bin, key: "full-1", journal: jpath) + " >\(q(dir))/cli.out 2>\(q(dir))/cli.err"
        XCTAssertEqual(ChildProcess.shell(cli), 6)
        XCTAssertEqual(Fixture.lines(dir + "/cli.err"), ["opsdeck: \(jpath): write failed: No space left on device; the action was not recorded", ""])
        XCTAssertEqual(Fixture.lines(dir + "/cli.out"), [""])
        XCTAssertEqual(bytes(jpath), before)

        // Space freed: the next appends work and the earlier lines are intact.
        XCTAssertEqual(unlink(mnt + "/filler"), 0)
        XCTAssertEqual(ChildProcess.shell(cli), 0)
        XCTAssertEqual(try j.append(e, snapshot: snapshot, now: Fixture.now), .written(e))
        let after = bytes(jpath)
        XCTAssertEqual(Array(after.prefix(before.count)), before)
        let state = try ActionJournal(path: jpath, readOnly: true).read()
        XCTAssertEqual(state.allProblems, [])
        XCTAssertEqual(state.entries.suffix(2).map(\.key), ["full-1", e.key])
        print("reliability: journal full disk (64 KB tmpfs): ENOSPC after a 60-byte partial write, reported in process and by the CLI (exit 6); "
              + "journal byte-identical after both failures (\(before.count) bytes); appends work once space is freed")
    }

    /// A filesystem gone read-only (ext4 does so itself after I/O errors, errors=remount-ro): root cannot write
    /// either. Appends fail clearly, reading goes on, and appends work again once it is writable.
    func testReadOnlyFilesystemRefusesAppendsAndStillReads() throws {
        let mnt = try mountSmallTmpfs("read-only filesystem")
        defer { XCTAssertEqual(ChildProcess.shell("umount \(q(mnt))"), 0) }
        let jpath = mnt + "/journal.jsonl", bin = try ChildProcess.opsdeck()
        let e = ack()
        _ = try ActionJournal(path: jpath).append(e, snapshot: snapshot, now: Fixture.now)
        XCTAssertEqual(ChildProcess.shell("mount -o remount,ro \(q(mnt))"), 0)
        let cli = refundCommand(bin, key: "erofs-1", journal: jpath) + " >\(q(dir))/cli.out 2>\(q(dir))/cli.err"
        XCTAssertEqual(ChildProcess.shell(cli), 6)
        XCTAssertEqual(Fixture.lines(dir + "/cli.err"), ["opsdeck: \(jpath): open failed: Read-only file system; the action was not recorded", ""])
        XCTAssertEqual(Fixture.lines(dir + "/cli.out"), [""])
        XCTAssertEqual(try ActionJournal(path: jpath, readOnly: true).read().entries, [e])
        XCTAssertEqual(ChildProcess.shell("mount -o remount,rw \(q(mnt))"), 0)
        XCTAssertEqual(ChildProcess.shell(cli), 0)
        XCTAssertEqual(try ActionJournal(path: jpath, readOnly: true).read().entries.map(\.key), [e.key, "erofs-1"])
        print("reliability: journal read-only filesystem (tmpfs remounted ro): append refused with EROFS, exit 6, reads unaffected; appends work after remount rw")
    }

    /// The same failure without mount: a file size limit in a child process (SIGXFSZ ignored, so write() gets
    /// EFBIG). The limit cuts the line at many byte positions, every other time after a torn last line.
    func testFileSizeLimitInAChildCLIProcess() throws {
        let bin = try ChildProcess.opsdeck()
        let cuts = full ? Array(1...200) : [1, 2, 40, 199] + (0..<4).map { _ in Int.random(in: 3...198) }
        for (i, cut) in cuts.enumerated() {
            let jpath = dir + "/j\(i).jsonl"
            let torn = i % 2 == 1 ? Array(ack().jsonLine().utf8.prefix(30)) : []
            try pad(ActionJournal(path: jpath), toSize: 1024 - cut - torn.count)
            let h = try XCTUnwrap(FileHandle(forWritingAtPath: jpath))
            h.seekToEndOfFile(); h.write(Data(torn)); h.closeFile()
            let before = bytes(jpath)
            // `ulimit -f 2` is 1024 bytes: the first `cut` bytes (a newline first after a torn line) fit, then EFBIG.
            let cli = refundCommand(bin, key: "fsize-\(i)", journal: jpath) + " >\(q(dir))/cli.out 2>\(q(dir))/cli.err"
            XCTAssertEqual(ChildProcess.shell("trap '' XFSZ; ulimit -f 2; " + cli), 6)
            XCTAssertEqual(Fixture.lines(dir + "/cli.err"), ["opsdeck: \(jpath): write failed: File too large; the action was not recorded", ""])
            XCTAssertEqual(Fixture.lines(dir + "/cli.out"), [""])
            XCTAssertEqual(bytes(jpath), before, "cut after \(cut) bytes: what was written is truncated away")
            XCTAssertEqual(ChildProcess.shell(cli), 0)
            let state = try ActionJournal(path: jpath, readOnly: true).read()
            XCTAssertEqual(state.allProblems.map(\.kind), torn.isEmpty ? [] : [.torn])
            XCTAssertEqual(state.entries.last?.key, "fsize-\(i)")
        }
        print("reliability: journal file size limit (child CLI, RLIMIT_FSIZE): \(cuts.count) lines cut by EFBIG after 1–200 bytes "
              + "(\(cuts.count / 2) after a torn last line): each exit 6, journal byte-identical, the retry written on its own line")
    }

    /// An append-only file (chattr +a, which root obeys too) cannot be truncated: a partial line then stays,
    /// without a newline, reported as torn, and the next line starts on a line of its own.
    func testPartialLineThatCannotBeTakenBackStaysApartAsTorn() throws {
        let bin = try ChildProcess.opsdeck()
        try pad(ActionJournal(path: path), toSize: 1024 - 40)
        let before = bytes(path)
        guard ChildProcess.shell("chattr +a \(q(path)) 2>\(q(dir))/chattr.err") == 0 else {
            let why = Fixture.lines(dir + "/chattr.err").first ?? ""
            print("reliability: journal append-only file: skipped, chattr +a is not available here: \(why)")
            throw XCTSkip("chattr +a is not available here: \(why)")
        }
        defer { _ = ChildProcess.shell("chattr -a \(q(path))") }
        let cli = refundCommand(bin, key: "ao-1") + " >\(q(dir))/cli.out 2>\(q(dir))/cli.err"
        XCTAssertEqual(ChildProcess.shell("trap '' XFSZ; ulimit -f 2; " + cli), 6)
        XCTAssertEqual(Fixture.lines(dir + "/cli.err").first, "opsdeck: \(path): write failed: File too large; the action was not recorded")
        XCTAssertEqual(bytes(path).count, 1024)
        XCTAssertEqual(Array(bytes(path).prefix(before.count)), before)
        var state = try ActionJournal(path: path, readOnly: true).read()
        XCTAssertEqual(state.incompleteTail?.kind, .torn)
        XCTAssertNil(state.entry(key: "ao-1"), "a line that was cut short is never an entry")

        XCTAssertEqual(ChildProcess.shell(cli), 0)
        let lines = Fixture.lines(path)
        XCTAssertEqual(lines.count, before.split(separator: 0x0A).count + 3)   // + the torn line, the retry, ""
        state = try ActionJournal(path: path, readOnly: true).read()
        XCTAssertEqual(state.problems.map(\.kind), [.torn])
        XCTAssertEqual(state.problems.first?.line, lines.count - 2)
        XCTAssertEqual(state.entries.last?.key, "ao-1")
        print("reliability: journal append-only file: a 40-byte partial line that ftruncate cannot remove stays torn and apart; the retry is line \(lines.count - 1)")
    }

    // MARK: - The file changes under a running process

    func testRewrittenInPlaceWithLinesOfTheSameLengthIsReadAgain() throws {
        let j = ActionJournal(path: path)
        let a = ack(), b = ack()
        _ = try j.append(a, snapshot: snapshot, now: Fixture.now)
        _ = try j.append(b, snapshot: snapshot, now: Fixture.now)
        XCTAssertEqual(try j.read().entries, [a, b])
        // Rewritten in place (as `cp backup journal.jsonl` does: same inode) with other lines of the same length.
        let c = ack(), d = ack()
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        h.truncateFile(atOffset: 0); h.write(Data((c.jsonLine() + "\n" + d.jsonLine() + "\n").utf8)); h.closeFile()
        XCTAssertEqual(bytes(path).count, (a.jsonLine() + b.jsonLine()).utf8.count + 2)
        XCTAssertEqual(try j.read().entries, [c, d])
        // a is no longer in the file, so its retry writes it (rather than answering "already written").
        XCTAssertEqual(try j.append(a, snapshot: snapshot, now: Fixture.now), .written(a))
        XCTAssertEqual(try ActionJournal(path: path, readOnly: true).read().entries, [c, d, a])
    }

    func testJournalRenamedOverWhileAWriterWaitsForTheLockGetsTheLine() throws {
        let j = ActionJournal(path: path)
        let a = ack(), b = ack(), c = ack()
        _ = try j.append(a, snapshot: snapshot, now: Fixture.now)
        // A tool rotating the journal holds the lock while it renames a fresh file over it.
        let held = open(path, O_RDONLY | O_CLOEXEC)
        XCTAssertEqual(flock(held, LOCK_EX), 0)
        var st = stat()
        fstat(held, &st)
        let outcome = Outcome()
        let snap = snapshot
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            outcome.set(Result { () throws(JournalError) in try j.append(b, snapshot: snap, now: Fixture.now) })
            done.signal()
        }
        XCTAssertTrue(waitForLockWaiter(inode: UInt64(st.st_ino)), "the writer never waited for the lock")
        try Data((c.jsonLine() + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/fresh.jsonl"))
        XCTAssertEqual(rename(dir + "/fresh.jsonl", path), 0)
        XCTAssertEqual(flock(held, LOCK_UN), 0)
        close(held)
        done.wait()
        XCTAssertEqual(outcome.get(), .success(.written(b)))
        XCTAssertEqual(Fixture.lines(path), [c.jsonLine(), b.jsonLine(), ""], "the line goes to the journal, not the replaced file")
    }

    /// Waits until /proc/locks lists a process blocked on a lock of this inode (a `->` line).
    func waitForLockWaiter(inode: UInt64) -> Bool {
        for _ in 0..<60_000 {
            let locks = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
            if locks.split(separator: "\n").contains(where: { $0.contains("->") && $0.contains(":\(inode) ") }) { return true }
            usleep(1_000)
        }
        return false
    }

    // MARK: - A path that is not a plain file

    func testAFIFOAtThePathIsRefusedWithoutHanging() throws {
        let bin = try ChildProcess.opsdeck()
        XCTAssertEqual(mkfifo(path, 0o640), 0)
        let link = dir + "/link.jsonl"
        XCTAssertEqual(symlink(path, link), 0)
        for p in [path, link] {
            let refused = JournalError.io(path: p, operation: "open (not a regular file)", code: EINVAL)
            XCTAssertEqual(guardedAgainstHanging(fifo: path) { _ = try ActionJournal(path: p, readOnly: true).read() }, refused)
            let (e, snap) = (ack(), snapshot)
            XCTAssertEqual(guardedAgainstHanging(fifo: path) { _ = try ActionJournal(path: p).append(e, snapshot: snap, now: Fixture.now) }, refused)
            // `timeout` only stops a hang; it is never reached when this passes.
            XCTAssertEqual(ChildProcess.shell("timeout 60 \(q(bin)) journal --journal \(q(p)) 2>/dev/null"), 6)
            XCTAssertEqual(ChildProcess.shell("timeout 60 " + refundCommand(bin, key: "fifo", journal: p) + " 2>/dev/null"), 6)
        }
    }

    /// Runs `body` on another thread and returns what it threw; fails instead of hanging (then opens the
    /// FIFO for writing, which releases a reader stuck in open()).
    func guardedAgainstHanging(fifo: String, _ body: @escaping @Sendable () throws -> Void) -> JournalError? {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do { try body(); outcome.set(.success(.written(Fixture.entry(.escalationAck(ticketID: "none"))))) }
            catch { outcome.set(.failure(error as! JournalError)) }
            done.signal()
        }
        guard done.wait(timeout: .now() + 60) == .success else {
            XCTFail("hung on a FIFO")
            let w = open(fifo, O_WRONLY | O_NONBLOCK)
            if w >= 0 { close(w) }
            return nil
        }
        if case .failure(let e)? = outcome.get() { return e }
        XCTFail("a FIFO was accepted as the journal")
        return nil
    }

    func testSymlinksAndADirectoryAtThePath() throws {
        // A symlink to a regular file is followed (a journal kept on another disk) and stays a symlink.
        let real = dir + "/elsewhere.jsonl", link = dir + "/link.jsonl"
        XCTAssertEqual(symlink(real, link), 0)
        let e = ack()
        XCTAssertThrowsError(try ActionJournal(path: link).append(e, snapshot: snapshot, now: Fixture.now)) { error in
            XCTAssertEqual(error as? JournalError, .io(path: link, operation: "open", code: ENOENT), "a dangling link is not silently replaced")
        }
        XCTAssertEqual(try ActionJournal(path: link, readOnly: true).read().entries, [])
        XCTAssertTrue(FileManager.default.createFile(atPath: real, contents: nil))
        XCTAssertEqual(try ActionJournal(path: link).append(e, snapshot: snapshot, now: Fixture.now), .written(e))
        XCTAssertEqual(Fixture.lines(real), [e.jsonLine(), ""])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), real)
        // A directory is refused when read and when written.
        XCTAssertEqual(mkdir(path, 0o755), 0)
        XCTAssertThrowsError(try ActionJournal(path: path, readOnly: true).read()) { error in
            XCTAssertEqual(error as? JournalError, .io(path: path, operation: "open (not a regular file)", code: EINVAL))
        }
        XCTAssertThrowsError(try ActionJournal(path: path).append(e, snapshot: snapshot, now: Fixture.now)) { error in
            XCTAssertEqual(error as? JournalError, .io(path: path, operation: "open", code: EISDIR))
        }
    }

    /// Permission denied, for real: root ignores file modes, so the CLI runs as `nobody` (setpriv).
    func testNoPermissionIsAClearErrorAndWritesNothing() throws {
        let bin = try ChildProcess.opsdeck()
        guard geteuid() == 0, ChildProcess.shell("command -v setpriv >/dev/null") == 0 else {
            print("reliability: journal permission denied: skipped, needs root and setpriv to run the CLI as nobody")
            throw XCTSkip("needs root and setpriv to run the CLI as another user")
        }
        // A HOME nobody can search: an unreadable config path would (rightly) make the CLI read-only.
        let asNobody = "env -u XDG_CONFIG_HOME HOME=\(q(dir)) setpriv --reuid=65534 --regid=65534 --clear-groups "
        guard ChildProcess.shell(asNobody + "test -x \(q(bin))") == 0 else {
            print("reliability: journal permission denied: skipped, nobody cannot run \(bin) (a private build directory)")
            throw XCTSkip("nobody cannot run \(bin)")
        }
        XCTAssertEqual(chmod(dir, 0o755), 0)
        // The directory is root's: nobody cannot create the journal in it.
        XCTAssertEqual(ChildProcess.shell(asNobody + refundCommand(bin, key: "p-1") + " >\(q(dir))/out 2>\(q(dir))/err"), 6)
        XCTAssertEqual(Fixture.lines(dir + "/err").first, "opsdeck: \(path): create failed: Permission denied; the action was not recorded")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        // The journal exists, mode 0640 root:root: nobody can neither append nor read it.
        let e = ack()
        _ = try ActionJournal(path: path).append(e, snapshot: snapshot, now: Fixture.now)
        XCTAssertEqual(ChildProcess.shell(asNobody + refundCommand(bin, key: "p-2") + " >\(q(dir))/out 2>\(q(dir))/err"), 6)
        XCTAssertEqual(Fixture.lines(dir + "/err").first, "opsdeck: \(path): open failed: Permission denied; the action was not recorded")
        XCTAssertEqual(ChildProcess.shell(asNobody + "\(q(bin)) journal --data \(q(dir)) >\(q(dir))/out 2>\(q(dir))/err"), 6)
        XCTAssertEqual(Fixture.lines(dir + "/err").first, "opsdeck: \(path): open failed: Permission denied")
        XCTAssertEqual(Fixture.lines(path), [e.jsonLine(), ""])
    }
}

/// Reads the journal in a loop on its own thread, as a dashboard does, noting anything a reader must never see:
/// an unreadable line other than a torn one, or entries that differ from what an earlier read returned.
final class LiveReader: @unchecked Sendable {
    private let journal: ActionJournal
    private let lock = NSLock()
    private var stopping = false
    private var reads = 0
    private var faults: [String] = []
    private let done = DispatchSemaphore(value: 0)

    init(path: String) { journal = ActionJournal(path: path, readOnly: true) }

    func start() {
        Thread {
            var seen: [JournalEntry] = []
            while !self.locked({ self.stopping }) {
                let fault: String?
                do {
                    let state = try self.journal.read()
                    if let p = state.problems.first(where: { $0.kind != .torn }) { fault = p.description }
                    else if state.entries.count < seen.count || Array(state.entries.prefix(seen.count)) != seen { fault = "entries changed under a reader" }
                    else { fault = nil }
                    seen = state.entries
                } catch { fault = "\(error)" }
                self.locked { self.reads += 1; if let fault { self.faults.append(fault) } }
                usleep(20_000)
            }
            self.done.signal()
        }.start()
    }

    /// Stops the loop; returns how many reads it made and what went wrong.
    func stop() -> (reads: Int, faults: [String]) {
        locked { stopping = true }
        done.wait()
        return locked { (reads, faults) }
    }

    private func locked<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }
}

/// An append's result handed from another thread.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<AppendOutcome, JournalError>?
    func set(_ v: Result<AppendOutcome, JournalError>) { lock.lock(); value = v; lock.unlock() }
    func get() -> Result<AppendOutcome, JournalError>? { lock.lock(); defer { lock.unlock() }; return value }
}

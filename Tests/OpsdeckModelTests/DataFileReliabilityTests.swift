import Foundation
import XCTest
@testable import OpsdeckModel

/// Issue 6, hostile files: data files that are not regular files, or too large, are refused with a clear
/// reason — never a hang, never memory exhausted — and the last good data stays.
final class DataFileReliabilityTests: XCTestCase {
    var dir = ""

    override func setUp() { dir = Reliability.temporaryDirectory("hostile-files") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func path(_ kind: SourceKind) -> String { dir + "/" + kind.fileName }

    /// A small valid file of each array source.
    func validFile(_ kind: SourceKind) -> String {
        switch kind {
        case .orders, .orderHistory: envelope("orders", [orderJSON(id: "1")])
        case .stock: envelope("items", [#"{"sku":"A","name":"Mug","on_hand":3}"#])
        case .carts: envelope("carts", [#"{"id":"k1","updated_at":"2026-11-22T10:00:00Z","value_minor":500,"lines":[{"sku":"A","qty":1}]}"#])
        case .tickets: envelope("tickets", [#"{"id":"t1","subject":"Box","priority":"high","status":"open","opened_at":"2026-11-22T10:00:00Z"}"#])
        case .customers: envelope("customers", [#"{"id":"c1","name":"Ann"}"#])
        case .store: #"{"schema":"opsdeck/1","generated_at":"2026-11-22T10:00:00Z","store":{"name":"S"}}"#
        case .actionResults: #"{"action_id":"a1","state":"applied","at":"2026-11-22T10:00:00Z"}"# + "\n"
        }
    }

    func writeValid(_ kinds: [SourceKind]) throws {
        for k in kinds { try validFile(k).write(toFile: path(k), atomically: true, encoding: .utf8) }
    }

    func records(_ s: StoreSnapshot, _ kind: SourceKind) -> Int {
        switch kind {
        case .orders: s.orders.count
        case .orderHistory: s.orderHistory.count
        case .stock: s.stock.count
        case .carts: s.carts.count
        case .tickets: s.tickets.count
        case .customers: s.customers.count
        case .store: s.settings.name == "S" ? 1 : 0
        case .actionResults: s.actionResults.count
        }
    }

    func poller(maxBytes: Int64 = FileSizeLimit.defaultBytes) -> DataDirectoryPoller {
        DataDirectoryPoller(directory: dir, options: .init(maxFileBytes: maxBytes, settleSeconds: 0, racyWindowSeconds: 0))
    }

    func refresh(_ p: DataDirectoryPoller, _ what: String) -> StoreSnapshot? {
        Reliability.withinDeadline(30, what) { p.refresh() }
    }

    /// Replaces `kind`'s file by something hostile, the way an exporter bug or an attacker could.
    func replace(_ kind: SourceKind, _ make: (String) throws -> Void) throws {
        let tmp = dir + "/.hostile-" + kind.fileName
        try make(tmp)
        XCTAssertEqual(rename(tmp, path(kind)), 0, String(cString: strerror(errno)))
    }

    func mkfifoAt(_ p: String) throws { guard mkfifo(p, 0o600) == 0 else { throw POSIXError(.init(rawValue: errno)!) } }

    func bindSocket(_ p: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            let b = Array(p.utf8.prefix(raw.count - 1)); raw.copyBytes(from: b); raw[b.count] = 0
        }
        let r = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        guard r == 0 else { throw POSIXError(.init(rawValue: errno)!) }
        return fd
    }

    /// Every kind of non-regular file in place of a source that loaded: a FIFO with no writer (a blocking
    /// open would hang the loader for good), a directory, /dev/zero and /dev/urandom through symlinks (an
    /// endless read would exhaust memory), a symlink loop, a socket. Each is refused with its reason and
    /// the last good records stay; nothing blocks.
    func testNonRegularFilesAreRefusedAndKeepTheLastGoodData() throws {
        let kinds: [SourceKind] = [.orders, .stock, .carts, .tickets, .customers, .orderHistory, .actionResults]
        try writeValid(kinds)
        let p = poller()
        let good = try XCTUnwrap(refresh(p, "first load"))
        for k in kinds { XCTAssertEqual(records(good, k), 1, "\(k)") }

        try replace(.orders) { try mkfifoAt($0) }
        try FileManager.default.removeItem(atPath: path(.stock))          // rename(2) cannot put a directory over a file
        try FileManager.default.createDirectory(atPath: path(.stock), withIntermediateDirectories: false)
        try replace(.carts) { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero") }
        try replace(.tickets) { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/urandom") }
        try replace(.customers) { _ in
            try FileManager.default.createSymbolicLink(atPath: dir + "/loop-b", withDestinationPath: dir + "/loop-a")
            try FileManager.default.createSymbolicLink(atPath: dir + "/loop-a", withDestinationPath: dir + "/loop-b")
            try FileManager.default.createSymbolicLink(atPath: dir + "/.hostile-customers.json", withDestinationPath: dir + "/loop-a")
        }
        try FileManager.default.removeItem(atPath: path(.orderHistory))
        let socketFD = try bindSocket(path(.orderHistory))
        defer { close(socketFD) }
        try replace(.actionResults) { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/null") }

        let s = try XCTUnwrap(refresh(p, "poll over non-regular files"))
        let expected: [SourceKind: String] = [
            .orders: "is a FIFO (named pipe), not a regular file; not read",
            .stock: "is a directory, not a regular file; not read",
            .carts: "is a character device, not a regular file; not read",
            .tickets: "is a character device, not a regular file; not read",
            .customers: "symbolic link loop (or a chain of too many links); not read",
            .orderHistory: "cannot open: No such device or address",
            .actionResults: "is a character device, not a regular file; not read",
        ]
        for k in kinds {
            XCTAssertEqual(s.fileError(k)?.reason, expected[k], "\(k)")
            XCTAssertEqual(s.fileError(k)?.file, k.fileName)
            XCTAssertEqual(records(s, k), 1, "\(k): last good records kept")
        }
        XCTAssertEqual(p.filesRead, kinds.count, "no byte was read from any of them")
        Reliability.report("non-regular files: FIFO, directory, /dev/zero, /dev/urandom, /dev/null, symlink loop, socket: all refused, last good data kept")

        // The same directory through `opsdeck check`: every file refused with the same reason, nothing blocks.
        let check = try XCTUnwrap(Reliability.withinDeadline(30, "StoreCheck") { [dir] in StoreCheck.run(directory: dir) })
        for k in kinds {
            XCTAssertTrue(check.text.contains("\(k.fileName): \(expected[k]!)"), check.text)
        }
        XCTAssertFalse(check.passed)
    }

    /// A FIFO that does have a writer waiting is refused as well, and the writer is never read from.
    func testFIFOWithAWriterIsNotRead() throws {
        try mkfifoAt(path(.orders))
        let writer = open(path(.orders), O_RDWR | O_NONBLOCK)       // O_RDWR: open succeeds without a reader
        defer { close(writer) }
        let text = Array(validFile(.orders).utf8)
        XCTAssertEqual(write(writer, text, text.count), text.count)
        let s = try XCTUnwrap(refresh(poller(), "FIFO with data"))
        XCTAssertEqual(s.fileError(.orders)?.reason, "is a FIFO (named pipe), not a regular file; not read")
        XCTAssertTrue(s.orders.isEmpty)
        var buf = [UInt8](repeating: 0, count: text.count + 1)
        XCTAssertEqual(read(writer, &buf, buf.count), text.count, "everything written is still in the pipe")
    }

    /// Symlinks to regular files are followed (exporters may publish through one), and a change of the
    /// target or of the link is picked up.
    func testSymlinkToARegularFileIsFollowed() throws {
        let exports = dir + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: false)
        try validFile(.orders).write(toFile: exports + "/orders-1.json", atomically: true, encoding: .utf8)
        try envelope("orders", [orderJSON(id: "1"), orderJSON(id: "2")])
            .write(toFile: exports + "/orders-2.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path(.orders), withDestinationPath: "exports/orders-1.json")
        let p = poller()
        XCTAssertEqual(try XCTUnwrap(refresh(p, "via symlink")).orders.map(\.id), ["1"])
        try replace(.orders) { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "exports/orders-2.json") }
        XCTAssertEqual(try XCTUnwrap(refresh(p, "retargeted")).orders.map(\.id), ["1", "2"])
        try envelope("orders", [orderJSON(id: "3")]).write(toFile: exports + "/orders-2.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(try XCTUnwrap(refresh(p, "target replaced")).orders.map(\.id), ["3"])
    }

    /// A 1.5 GiB file (sparse: no disk used) under the default 1 GiB limit: refused from fstat() without a
    /// byte read, with the size, the limit and the option to change it; the last good data stays.
    func testFileOverTheDefaultLimitIsRefusedUnread() throws {
        try writeValid([.orders])
        let p = poller()
        XCTAssertEqual(try XCTUnwrap(refresh(p, "good")).orders.count, 1)
        try replace(.orders) { tmp in
            XCTAssertTrue(FileManager.default.createFile(atPath: tmp, contents: Data("{".utf8)))
            XCTAssertEqual(truncate(tmp, 3 << 29), 0)
        }
        let s = try XCTUnwrap(refresh(p, "oversized"))
        XCTAssertEqual(s.fileError(.orders)?.description,
                       "orders.json: file is 1.5 GB, over the 1 GB limit (--max-file-size); not read")
        XCTAssertEqual(s.orders.map(\.id), ["1"])
        XCTAssertEqual(p.filesRead, 1, "the oversized file was not read")
        let check = StoreCheck.run(directory: dir)
        XCTAssertTrue(check.text.contains("orders.json: file is 1.5 GB, over the 1 GB limit (--max-file-size); not read"), check.text)
    }

    /// The limit is configurable, in the poller and in `opsdeck check`.
    func testConfiguredLimitAppliesToPollerAndCheck() throws {
        let text = validFile(.orders)
        try text.write(toFile: path(.orders), atomically: true, encoding: .utf8)
        let limit = Int64(text.utf8.count - 1)
        let s = try XCTUnwrap(refresh(poller(maxBytes: limit), "limit"))
        XCTAssertEqual(s.fileError(.orders)?.reason,
                       "file is \(text.utf8.count) bytes, over the \(limit) bytes limit (--max-file-size); not read")
        XCTAssertEqual(try XCTUnwrap(refresh(poller(maxBytes: limit + 1), "at the limit")).orders.count, 1)
        XCTAssertTrue(StoreCheck.run(directory: dir, maxFileBytes: limit).text.contains("orders.json: file is"))
        XCTAssertFalse(StoreCheck.run(directory: dir, maxFileBytes: limit + 1).text.contains("orders.json: file is"))
    }

    /// A file growing past the limit while it is read: the reader never takes more than the size fstat()
    /// gave when it opened the file (≤ the limit), discards a read the file grew during, and refuses the
    /// file once it is over the limit.
    func testFileGrowingPastTheLimitWhileReadIsNeverReadPastIt() throws {
        let limit: Int64 = 4 << 20
        let fd = open(path(.orders), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(ftruncate(fd, off_t(limit - (256 << 10))), 0)
        XCTAssertEqual(Int64(lseek(fd, 0, SEEK_END)), limit - (256 << 10))
        final class Flag: @unchecked Sendable { var stop = false; let lock = NSLock() }
        let done = Flag()
        let writer = Thread {
            let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 4 << 10)
            var size = limit - (256 << 10)
            var chunks = 0
            while size < limit + (512 << 10) {
                size += Int64(write(fd, chunk, chunk.count))
                chunks += 1
                usleep(chunks % 16 == 0 ? 20_000 : 100)      // now and then quiet long enough for a whole read
            }
            done.lock.lock(); done.stop = true; done.lock.unlock()
        }
        writer.start()
        var reads = 0, changed = 0, refused = 0, largest = 0
        while true {
            done.lock.lock(); let stop = done.stop; done.lock.unlock()
            switch SourceFileRead.read(path: path(.orders), maxBytes: limit) {
            case .bytes(let b, _): reads += 1; largest = max(largest, b.count); XCTAssertLessThanOrEqual(Int64(b.count), limit)
            case .changedWhileReading: changed += 1
            case .failed(let reason): refused += 1; XCTAssertTrue(reason.contains("over the 4 MB limit"), reason)
            case .absent: XCTFail("absent")
            }
            if stop { break }
        }
        close(fd)
        guard case .failed = SourceFileRead.read(path: path(.orders), maxBytes: limit) else { return XCTFail("4.5 MB file not refused") }
        XCTAssertGreaterThan(refused, 0)
        Reliability.report("growing file: \(reads) whole reads (largest \(largest) B ≤ limit \(limit) B), \(changed) reads discarded as changed, \(refused) refusals once over the limit")
    }

    func testSizeArgumentsParseAndPrint() {
        XCTAssertEqual(FileSizeLimit.parse("512M"), 512 << 20)
        XCTAssertEqual(FileSizeLimit.parse("2G"), 2 << 30)
        XCTAssertEqual(FileSizeLimit.parse("2g"), 2 << 30)
        XCTAssertEqual(FileSizeLimit.parse("1GiB"), 1 << 30)
        XCTAssertEqual(FileSizeLimit.parse("64KB"), 64 << 10)
        XCTAssertEqual(FileSizeLimit.parse("1.5G"), 3 << 29)
        XCTAssertEqual(FileSizeLimit.parse("1000000"), 1_000_000)
        XCTAssertEqual(FileSizeLimit.parse("1T"), 1 << 40)
        for bad in ["", "0", "-1G", "G", "1X", "1e9", "abc", "1..5M", "99999999999T", "0.1"] {
            XCTAssertNil(FileSizeLimit.parse(bad), bad)
        }
        XCTAssertEqual(FileSizeLimit.describe(1 << 30), "1 GB")
        XCTAssertEqual(FileSizeLimit.describe(641_728_512), "612 MB")
        XCTAssertEqual(FileSizeLimit.describe((1 << 20) + 1), "1.1 MB")
        XCTAssertEqual(FileSizeLimit.describe((1 << 20) + 1, roundUp: false), "1 MB")
        XCTAssertEqual(FileSizeLimit.describe(100), "100 bytes")
        XCTAssertEqual(FileSizeLimit.refusal(size: 641_728_512, limit: 256 << 20),
                       "file is 612 MB, over the 256 MB limit (--max-file-size); not read")
        XCTAssertEqual(FileSizeLimit.defaultBytes, 1 << 30)
        XCTAssertEqual(DataDirectoryPoller.Options().maxFileBytes, FileSizeLimit.defaultBytes)
    }
}

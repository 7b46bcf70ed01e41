#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import OpsdeckModel

/// The journal file shared by every opsdeck on the box (and read by the ERP).
///
/// Writes follow one protocol, so processes can share the file: open with O_APPEND, take an exclusive
/// flock, read the lines not seen yet, check the action against the newest snapshot and the journal,
/// start a new line if the file does not end in one (a torn line then stays separate), one write() of the
/// line, fsync, unlock, and only then report success. Reads take a shared flock, so they never see half a
/// line from a live writer. Only new bytes are read; a truncated or replaced file is read again from the top.
/// Opening never blocks (a FIFO at the path) and anything but a regular file is refused.
public final class ActionJournal: @unchecked Sendable {
    public let path: String
    /// A read-only journal refuses every append, whatever the caller is.
    public let readOnly: Bool

    // Guarded by `lock`; the flock alone does not exclude threads sharing this object.
    private let lock = NSLock()
    private var state = JournalState()
    private var offset = 0
    private var identity: (dev: UInt64, ino: UInt64)?
    /// The last complete line read, ending at `offset` (its last 4 KB): found there again, the file is the one we read.
    private var lastLine: [UInt8] = []

    public init(path: String, readOnly: Bool = false) {
        self.path = path
        self.readOnly = readOnly
    }

    /// `journal.jsonl` in the data directory.
    public static func defaultPath(dataDirectory: String) -> String {
        (dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/") + "journal.jsonl"
    }

    /// Reads lines added since the last call and returns the whole journal. A missing file is an empty journal.
    public func read() throws(JournalError) -> JournalState {
        lock.lock(); defer { lock.unlock() }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        if fd < 0 {
            if errno == ENOENT { state = JournalState(); offset = 0; identity = nil; lastLine = []; return state }
            throw .io(path: path, operation: "open", code: errno)
        }
        defer { close(fd) }
        try requireRegularFile(fd)
        try flockRetrying(fd, LOCK_SH)
        defer { _ = flock(fd, LOCK_UN) }
        try catchUp(fd)
        return state
    }

    /// Checks `entry` and appends it, unless its key was used before.
    ///
    /// - Same key, same request: nothing is written; returns `.alreadyWritten(original)` (a retry).
    /// - Same key, different request: throws `.keyReused`.
    /// - A rule fails: throws `.rejected`; a warning not in `confirmed`: throws `.needsConfirmation`.
    /// Returns only after the line is on disk (fsync).
    public func append(_ entry: JournalEntry, confirmed: Set<ConfirmationCode> = [], snapshot: StoreSnapshot,
                       now: Timestamp) throws(JournalError) -> AppendOutcome {
        guard !readOnly else { throw .readOnly(path: path) }
        lock.lock(); defer { lock.unlock() }
        let fd = try openLockedForAppend()
        defer { close(fd) }
        defer { _ = flock(fd, LOCK_UN) }
        try catchUp(fd)

        if let original = state.entry(key: entry.key) {
            guard original.sameRequest(as: entry) else { throw .keyReused(key: entry.key, original: original) }
            return .alreadyWritten(original)
        }
        switch ActionRules.check(entry.request, by: entry.by, board: ActionBoard(journal: state, snapshot: snapshot), now: now) {
        case .rejected(let r): throw .rejected(r)
        case .allowed(let needed):
            let missing = needed.filter { !confirmed.contains($0.code) }
            if !missing.isEmpty { throw .needsConfirmation(missing) }
        }

        var bytes: [UInt8] = []
        if state.incompleteTail != nil { bytes.append(0x0A) }   // keep a torn line on its own line
        bytes.append(contentsOf: entry.jsonLine().utf8)
        bytes.append(0x0A)
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "fstat", code: errno) }
        let sizeBefore = st.st_size

        // One write() puts the whole line in place. It only falls short on errors such as a full disk or a
        // file size limit; the rest is then tried once more so the error is reported with its errno.
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            let code = n < 0 ? errno : EIO
            // Take back a partial line; if that fails too, it is left without a newline and reads as torn.
            if done > 0 { _ = ftruncate(fd, sizeBefore) }
            throw .io(path: path, operation: "write", code: code)
        }
        if fsync(fd) != 0 {
            let code = errno
            // Not known to be durable, so not done: remove it rather than leave an unreported action.
            if ftruncate(fd, sizeBefore) == 0 { _ = fsync(fd) }
            throw .io(path: path, operation: "fsync", code: code)
        }
        try catchUp(fd)
        return .written(entry)
    }

    /// Opens the journal and takes the exclusive lock. A file renamed over the path (rotated, restored) while
    /// we waited is no longer the journal: an action appended there would be lost to readers, so open again.
    private func openLockedForAppend() throws(JournalError) -> Int32 {
        while true {
            let fd = try openForAppend()
            do throws(JournalError) { try flockRetrying(fd, LOCK_EX) } catch { close(fd); throw error }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0 && stat(path, &named) == 0 && held.st_dev == named.st_dev && held.st_ino == named.st_ino {
                return fd
            }
            close(fd)
        }
    }

    private func openForAppend() throws(JournalError) -> Int32 {
        let flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NOCTTY | O_NONBLOCK
        var fd = open(path, flags | O_CREAT | O_EXCL, 0o640)
        if fd >= 0 {
            // The umask must not widen or narrow it: operators share the file through its group.
            _ = fchmod(fd, 0o640)
            syncDirectory()
            return fd
        }
        guard errno == EEXIST else { throw .io(path: path, operation: "create", code: errno) }
        fd = open(path, flags)
        guard fd >= 0 else { throw .io(path: path, operation: "open", code: errno) }
        do throws(JournalError) { try requireRegularFile(fd) } catch { close(fd); throw error }
        return fd
    }

    private func requireRegularFile(_ fd: Int32) throws(JournalError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "fstat", code: errno) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, operation: "open (not a regular file)", code: EINVAL) }
    }

    /// Makes a newly created file's directory entry durable.
    private func syncDirectory() {
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    private func flockRetrying(_ fd: Int32, _ op: Int32) throws(JournalError) {
        while flock(fd, op) != 0 {
            if errno != EINTR { throw .io(path: path, operation: "flock", code: errno) }
        }
    }

    /// Reads the bytes after `offset`. Starts over when the file was replaced or truncated.
    private func catchUp(_ fd: Int32) throws(JournalError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "fstat", code: errno) }
        let id = (dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
        var restart = identity.map { $0 != id } ?? true
        if !restart && Int(st.st_size) < offset { restart = true }
        if !restart && offset > 0 {
            // Truncated and regrown (or rewritten in place, as `cp` does): our last line is no longer there.
            // It holds a unique action id, so finding it again means the file before it is the one we read.
            var there = [UInt8](repeating: 0, count: lastLine.count)
            let n = there.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset - lastLine.count)) }
            if n != lastLine.count || there != lastLine { restart = true }
        }
        if restart { state = JournalState(); offset = 0; identity = id; lastLine = [] }

        var fresh: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(at)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", code: errno)
            }
            if n == 0 { break }
            fresh.append(contentsOf: chunk[0..<n])
            at += n
        }
        let used = state.ingest(fresh[...])
        offset += used
        if used > 0 {
            let start = fresh[..<(used - 1)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            lastLine = Array(fresh[max(start, used - 4096)..<used])
        }
        state.noteTail(fresh[used...])
    }
}

public enum AppendOutcome: Sendable, Equatable {
    /// The line is on disk.
    case written(JournalEntry)
    /// A retry: the key was already used for the same request, nothing new was written.
    case alreadyWritten(JournalEntry)

    public var entry: JournalEntry {
        switch self { case .written(let e), .alreadyWritten(let e): e }
    }
}

public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    case readOnly(path: String)
    case rejected(ActionRejection)
    case needsConfirmation([Confirmation])
    case keyReused(key: String, original: JournalEntry)
    case io(path: String, operation: String, code: Int32)

    public var description: String {
        switch self {
        case .readOnly(let p): "read-only: \(p) is opened read-only, nothing was written"
        case .rejected(let r): r.message
        case .needsConfirmation(let c): c.map(\.message).joined(separator: "; ")
        case .keyReused(let k, let o):
            "idempotency key \(k) was already used for a different \(o.kind.rawValue) (action \(o.actionID)); nothing was written"
        case .io(let p, let op, let code):
            "\(p): \(op) failed: \(String(cString: strerror(code)))"
        }
    }
}

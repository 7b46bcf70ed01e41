#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What stat() says about a data file: enough to tell "changed" without reading it. A file replaced by
/// rename gets a new inode; one rewritten in place changes size or mtime (nanoseconds on Linux) or ctime.
struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var mtimeNanos: Int64
    var ctimeNanos: Int64
    var isRegular: Bool

    init(_ st: stat) {
        device = UInt64(st.st_dev); inode = UInt64(st.st_ino); size = Int64(st.st_size)
        #if canImport(Glibc)
        mtimeNanos = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        ctimeNanos = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
        #else
        mtimeNanos = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        ctimeNanos = Int64(st.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(st.st_ctimespec.tv_nsec)
        #endif
        isRegular = (st.st_mode & S_IFMT) == S_IFREG
    }
}

/// A file as last observed by the poller.
enum FileState: Equatable, Sendable {
    case present(FileStamp)
    case absent
    /// stat() failed for another reason (permissions, I/O); the loader reports it.
    case unreadable(Int32)

    /// One stat() call on a NUL-terminated path.
    static func observe(_ path: UnsafePointer<CChar>) -> FileState {
        var st = stat()
        guard stat(path, &st) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .absent : .unreadable(errno) }
        return .present(FileStamp(st))
    }
}

/// The real-time clock in nanoseconds: the clock file mtimes are taken from.
func wallClockNanos() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

extension Timestamp {
    /// The wall clock now. Only the poller (the imperative shell) reads it; metrics take `now` injected.
    public static func wallClock() -> Timestamp { Timestamp(epochMillis: wallClockNanos() / 1_000_000) }
}

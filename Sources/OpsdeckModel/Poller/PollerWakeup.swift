#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File descriptors that wake the UI's event loop: a pipe the loader writes to when a snapshot is ready,
/// and (Linux) an inotify descriptor on the data directory, so a rewritten file is noticed at once rather
/// than at the next timed poll. Both are non-blocking; `drain()` empties them.
final class PollerWakeup: @unchecked Sendable {
    let readyRead: Int32
    let readyWrite: Int32
    /// -1 when inotify is unavailable or the directory could not be watched (stat() polling still runs).
    let inotify: Int32

    init(directory: String, useInotify: Bool) {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        readyRead = fds[0]; readyWrite = fds[1]
        #if os(Linux)
        var fd: Int32 = -1
        if useInotify {
            fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            // Events that mean "a file may be new": written and closed, renamed in, created, deleted,
            // attributes changed (touch). Not IN_MODIFY: it fires on every write() of a big export.
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_MOVED_FROM)
            if fd >= 0 && inotify_add_watch(fd, directory, mask) < 0 { close(fd); fd = -1 }
        }
        inotify = fd
        #else
        inotify = -1
        #endif
    }

    var fds: [Int32] { [readyRead, inotify].filter { $0 >= 0 } }

    /// Called by the loader after publishing. A full pipe already means "wake up", so EAGAIN is fine.
    func signalReady() {
        var b: UInt8 = 1
        _ = write(readyWrite, &b, 1)
    }

    func drain() {
        var buf = [UInt8](repeating: 0, count: 4096)
        for fd in fds { while read(fd, &buf, buf.count) > 0 {} }
    }

    deinit {
        for fd in [readyRead, readyWrite, inotify] where fd >= 0 { close(fd) }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Write end of the self-pipe, read by the C signal handler. Set once before any handler is installed and
/// only cleared after they are all removed, so the handler never sees it change.
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

/// The handler only writes the signal number to a non-blocking pipe (async-signal-safe); the event loop
/// polls the read end and does the real work outside signal context.
private let recordSignal: @convention(c) (Int32) -> Void = { signal in
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteFD, &byte, 1)
    errno = savedErrno
}

/// Turns signals into bytes on a pipe so one poll(2) can wait for keys, data and signals alike.
final class SignalPipe {
    let readFD: Int32
    private let writeFD: Int32
    private var previous: [(Int32, sigaction)] = []

    /// Whoever started us may have blocked signals (Swift Testing does, and children inherit the mask).
    static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGTSTP, SIGCONT] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    init(catching signals: [Int32]) throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw TerminalError("cannot create the signal pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]; writeFD = fds[1]
        signalPipeWriteFD = writeFD
        for s in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = recordSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            var old = sigaction()
            sigaction(s, &action, &old)
            previous.append((s, old))
        }
    }

    /// Signals received since the last call, oldest first.
    func drain() -> [Int32] {
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[0..<n].map { Int32($0) }
        }
        return received
    }

    /// Puts the previous handlers back (the process may go on, e.g. `opsdeck demo` after the dashboard).
    func close() {
        for (s, old) in previous.reversed() {
            var old = old
            sigaction(s, &old, nil)
        }
        previous = []
        signalPipeWriteFD = -1
        Glibc.close(readFD)
        Glibc.close(writeFD)
    }
}

/// Why the terminal could not be used, worded for the operator.
public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

#if canImport(Glibc)
import Glibc
#endif

/// Write end of the self-pipe, read by the C signal handler. Set once before any handler is installed and
/// only cleared after they are all removed, so the handler never sees it change.
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

/// The terminating signal that armed the exit watchdog (0: none).
nonisolated(unsafe) private var watchdogSignal: Int32 = 0

/// Seconds the program has to restore the terminal and exit after SIGTERM, SIGINT or SIGHUP.
let exitWatchdogSeconds: UInt32 = 2

/// The handler only writes the signal number to a non-blocking pipe (async-signal-safe); the event loop
/// polls the read end and does the real work outside signal context. A terminating signal also arms an
/// alarm: when the terminal stops reading (a stalled SSH link, XOFF), the loop is stuck in a write to it
/// and would never see the pipe, so the alarm ends the process instead.
private let recordSignal: @convention(c) (Int32) -> Void = { signal in
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteFD, &byte, 1)
    if signal == SIGTERM || signal == SIGINT || signal == SIGHUP {
        watchdogSignal = signal
        alarm(exitWatchdogSeconds)
    }
    errno = savedErrno
}

/// The terminal could not be restored in time: leave with the status the signal would have given.
/// Nothing is half-written by this: a journal line is one write(2), which a signal does not split.
private let watchdogExpired: @convention(c) (Int32) -> Void = { _ in
    _exit(128 + (watchdogSignal == 0 ? SIGTERM : watchdogSignal))
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
        for s in [SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGTSTP, SIGCONT, SIGALRM] { sigaddset(&set, s) }
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
        install(SIGALRM, watchdogExpired)
        for s in signals { install(s, recordSignal) }
    }

    private func install(_ s: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var old = sigaction()
        sigaction(s, &action, &old)
        previous.append((s, old))
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

    /// Puts the previous handlers back (the process may go on, e.g. `opsdeck demo` after the dashboard) and
    /// disarms the exit watchdog. Call after the terminal is restored.
    func close() {
        alarm(0)
        watchdogSignal = 0
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

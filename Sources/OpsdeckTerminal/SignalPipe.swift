#if canImport(Glibc)
import Glibc
#endif
import OpsdeckModel
import OpsdeckUI

/// Write end of the self-pipe, read by the C signal handler. Set once before any handler is installed and
/// only cleared after they are all removed, so the handler never sees it change.
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

/// Write end of the exit watchdog's pipe (see `ExitWatchdog`), set and cleared like `signalPipeWriteFD`.
nonisolated(unsafe) private var watchdogArmFD: Int32 = -1

/// The terminating signal that armed the exit watchdog (0: none), for the backstop alarm.
nonisolated(unsafe) private var watchdogSignal: Int32 = 0

/// Seconds the program has to restore the terminal and exit after SIGTERM, SIGINT or SIGHUP.
let exitWatchdogSeconds = 2.0

/// Seconds the exit watchdog may spend writing held actions (a journal lock never released) before an
/// alarm ends the process anyway.
let exitBackstopSeconds: UInt32 = 10

/// The handler only writes the signal number to non-blocking pipes (async-signal-safe); the event loop
/// polls the read end and does the real work outside signal context. A terminating signal also arms the
/// exit watchdog: when the terminal stops reading (a stalled SSH link, XOFF), the loop is stuck in a write
/// to it and would never see the pipe, so the watchdog's thread writes the held actions and ends the process.
private let recordSignal: @convention(c) (Int32) -> Void = { signal in
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteFD, &byte, 1)
    if signal == SIGTERM || signal == SIGINT || signal == SIGHUP {
        if watchdogSignal == 0 { watchdogSignal = signal }
        _ = write(watchdogArmFD, &byte, 1)
    }
    errno = savedErrno
}

/// The exit watchdog's own writes hung: leave with the status the signal would have given.
/// Nothing is half-written by this: a journal line is one write(2), which a signal does not split.
private let backstopExpired: @convention(c) (Int32) -> Void = { _ in
    _exit(128 + (watchdogSignal == 0 ? SIGTERM : watchdogSignal))
}

/// Turns signals into bytes on a pipe so one poll(2) can wait for keys, data and signals alike.
final class SignalPipe {
    let readFD: Int32
    private let writeFD: Int32
    private let watchdog: ExitWatchdog
    private var previous: [(Int32, sigaction)] = []

    /// Whoever started us may have blocked signals (Swift Testing does, and children inherit the mask).
    static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGTSTP, SIGCONT, SIGALRM] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    init(catching signals: [Int32], watchdog: ExitWatchdog) throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw TerminalError("cannot create the signal pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]; writeFD = fds[1]
        self.watchdog = watchdog
        signalPipeWriteFD = writeFD
        watchdogArmFD = watchdog.armFD
        install(SIGALRM, backstopExpired)
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

    /// What the exit watchdog writes should the loop not get to it (see `ExitWatchdog`).
    func publish(held: [HeldAction], snapshot: StoreSnapshot?) { watchdog.publish(held: held, snapshot: snapshot) }

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
    /// stands the exit watchdog down. Call after the terminal is restored.
    func close() {
        // The watchdog first, while its backstop alarm handler is still ours (it may be writing right now).
        watchdogArmFD = -1
        watchdog.finish()
        for (s, old) in previous.reversed() {
            var old = old
            sigaction(s, &old, nil)
        }
        previous = []
        signalPipeWriteFD = -1
        watchdogSignal = 0
        Glibc.close(readFD)
        Glibc.close(writeFD)
    }
}

/// Why the terminal could not be used, worded for the operator.
public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

#if canImport(Glibc)
import Glibc
#endif
import OpsdeckActions
import OpsdeckModel
import OpsdeckUI
import Synchronization

/// Ends the process when a terminating signal came and the event loop has not finished within the grace
/// period: it is stuck writing to a terminal that stopped reading (a stalled SSH link, XOFF), or the held
/// actions' journal appends are slow. Before `_exit` it appends the held actions itself, from the copy the
/// loop publishes after each pass, so a held action is never lost to a stalled terminal. Racing the loop's
/// own writes is harmless: the same idempotency key with the same request is `alreadyWritten`.
/// There is no stderr report on this path: stderr is the terminal that may not be reading.
final class ExitWatchdog: Sendable {
    /// What the loop last published: the held actions and the snapshot the journal checks them against.
    private struct Pending: Sendable {
        var held: [HeldAction] = []
        var snapshot: StoreSnapshot?
        /// The dashboard finished on its own; the watchdog must not act any more.
        var finished = false
    }

    private let pending = Mutex(Pending())
    private let journal: ActionJournal
    private let grace: Double
    /// The signal handler writes the signal number here (async-signal-safe); `finish` closes it.
    let armFD: Int32

    /// Starts the watchdog thread, which sleeps until a signal arms it.
    init(journal: ActionJournal, graceSeconds: Double) throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw TerminalError("cannot create the exit watchdog's pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)   // a signal handler must never block
        self.journal = journal
        grace = graceSeconds
        armFD = fds[1]
        let watchFD = fds[0]
        var thread = pthread_t()
        let context = Unmanaged.passRetained(WatchContext(watchdog: self, fd: watchFD)).toOpaque()
        guard pthread_create(&thread, nil, { raw in
            let context = Unmanaged<WatchContext>.fromOpaque(raw!).takeRetainedValue()
            context.watchdog.watch(context.fd)
            return nil
        }, context) == 0 else {
            Unmanaged<WatchContext>.fromOpaque(context).release()
            close(fds[0]); close(fds[1])
            throw TerminalError("cannot start the exit watchdog thread")
        }
        pthread_detach(thread)
    }

    private final class WatchContext {
        let watchdog: ExitWatchdog
        let fd: Int32
        init(watchdog: ExitWatchdog, fd: Int32) { self.watchdog = watchdog; self.fd = fd }
    }

    /// The event loop's newest held actions and snapshot, after each pass.
    func publish(held: [HeldAction], snapshot: StoreSnapshot?) {
        pending.withLock { $0.held = held; $0.snapshot = snapshot }
    }

    /// The dashboard is done (terminal restored): the watchdog stands down and its thread ends. Waits while
    /// the watchdog is already writing, which then ends the process.
    func finish() {
        pending.withLock { $0.finished = true }
        close(armFD)
    }

    private func watch(_ fd: Int32) {
        defer { close(fd) }
        // Signals go to the other threads: their handlers stay where the loop expects them.
        var all = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, nil)
        var byte: UInt8 = 0
        // EOF: `finish` closed the pipe before any signal.
        guard read(fd, &byte, 1) == 1 else { return }
        let signal = Int32(byte)
        var waiter = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let deadline = WallClock.monotonicMillis() + Int64(grace * 1000)
        while true {
            let left = deadline - WallClock.monotonicMillis()
            if left <= 0 { break }
            // Further signals change nothing; EOF means the dashboard finished in time.
            if poll(&waiter, 1, Int32(left)) > 0, read(fd, &byte, 1) == 0 { return }
        }
        pending.withLock { p in
            guard !p.finished else { return }
            // A journal lock another process never releases must not keep us alive either.
            alarm(exitBackstopSeconds)
            if let snapshot = p.snapshot {
                for h in p.held { _ = try? journal.append(h.entry, confirmed: h.confirmed, snapshot: snapshot, now: WallClock.now()) }
            }
            _exit(128 + signal)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import OpsdeckActions
import OpsdeckModel
import OpsdeckUI

/// The imperative shell around `update`: waits in one poll(2) for keys, signals and data, feeds events to
/// the UI core, carries out effects, and draws only what changed.
final class EventLoop {
    private let screen: TerminalScreen
    private let signals: SignalPipe
    private let feed: DataFeed
    private let journal: JournalFeed
    /// The newest snapshot from the feed (also while paused): the journal checks actions against it.
    private var newestSnapshot: StoreSnapshot?
    private var state: AppState
    private var refreshPaused = false
    /// Newest snapshot held back while refresh is paused.
    private var heldSnapshot: StoreSnapshot?
    /// Whole second of the last tick, so ticks come at most once a second.
    private var lastTickSecond: Int64

    init(screen: TerminalScreen, signals: SignalPipe, feed: DataFeed, journal: JournalFeed, state: AppState) {
        self.screen = screen; self.signals = signals; self.feed = feed; self.journal = journal; self.state = state
        lastTickSecond = state.now.epochSeconds
    }

    /// Runs until quit (returns 0) or a terminating signal / lost terminal (returns 128 + signal).
    func run() -> Int32 {
        screen.draw(render(state))
        while true {
            let (terminalGone, feedFired) = waitForActivity()
            var events: [AppEvent] = []
            for signal in signals.drain() {
                switch signal {
                case SIGWINCH: screen.refreshSize()
                case SIGCONT:
                    screen.invalidate()   // the screen was given back to the shell meanwhile
                    screen.refreshSize()
                default: return 128 + signal
                }
            }
            if terminalGone { return 128 + SIGHUP }
            var keys: [AppEvent] = []
            for input in screen.readInput() {
                switch input {
                case .key(let key): keys.append(.key(key))
                case .paste(let text): keys.append(.paste(text))
                case .resized: screen.invalidate()   // ncurses noticed a new size itself
                case .ignored: break
                }
            }
            if screen.width != state.width || screen.height != state.height {
                events.append(.resize(width: screen.width, height: screen.height))
            }
            let now = WallClock.now()
            // A tick each whole second, when an undo window ends, and before keys (so a confirmed action's
            // window starts from the real time of the key).
            if now.epochSeconds > lastTickSecond || !keys.isEmpty || state.nextHeldRelease.map({ $0 <= now }) == true {
                lastTickSecond = now.epochSeconds
                events.append(.tick(now))
            }
            events += keys
            if let snapshot = feed.takeSnapshot(descriptorsFired: feedFired) {
                newestSnapshot = snapshot
                if refreshPaused { heldSnapshot = snapshot } else { events.append(.snapshot(snapshot)) }
            }
            if let changed = journal.takeChanges() { events.append(changed) }
            guard !events.isEmpty else { continue }
            // Effects may answer with events of their own (the journal's verdict), handled in the same pass.
            while !events.isEmpty {
                let (next, effects) = update(state, events.removeFirst())
                state = next
                for effect in effects {
                    if let status = carryOut(effect, answers: &events) { return status }
                }
            }
            // Before drawing: the draw is what blocks when the terminal stops reading.
            signals.publish(held: state.held, snapshot: newestSnapshot)
            screen.draw(render(state))
        }
    }

    /// After `run` returns (quit, signal or lost terminal): the actions still in their undo window were
    /// confirmed, so they are written now, oldest first, with the usual checks under the journal lock.
    /// Returns one line per action for stderr, printed once the terminal is restored.
    func writeHeldActions() -> [String] {
        state.held.map { h in
            let answers = journal.submit(h.entry, confirmed: h.confirmed, snapshot: newestSnapshot, now: WallClock.now())
            for case .actionResult(_, let result) in answers { return AppState.exitReport(h.entry, result) }
            return AppState.exitReport(h.entry, .failure(.rejected(ActionRejection("no answer from the journal"))))
        }
    }

    /// Returns an exit status when the effect ends the program.
    private func carryOut(_ effect: Effect, answers: inout [AppEvent]) -> Int32? {
        switch effect {
        case .quit:
            return 0
        case .applyTheme(let theme):
            screen.apply(theme)
        case .setRefreshPaused(let paused):
            refreshPaused = paused
            if !paused, let held = heldSnapshot {
                heldSnapshot = nil
                state = update(state, .snapshot(held)).0
            }
        case .submitAction(let entry, let confirmed):
            answers += journal.submit(entry, confirmed: confirmed, snapshot: newestSnapshot, now: WallClock.now())
        }
        return nil
    }

    /// Milliseconds to block: until just past the next whole second, the feed's next poll, or, only while
    /// an action is held, the end of its undo window, whichever is first.
    static func pollTimeout(now: Timestamp, feedDue: Int64, heldRelease: Timestamp?) -> Int64 {
        var timeout = min(1000 - now.epochMillis % 1000 + 1, feedDue)
        if let release = heldRelease { timeout = min(timeout, max(0, release.epochMillis - now.epochMillis)) }
        return timeout
    }

    /// The one place the program blocks. Wakes for a key, a signal, feed activity, the feed's timer, the
    /// next whole second (clock and ages) or an open paste's idle end, whichever comes first.
    private func waitForActivity() -> (terminalGone: Bool, feedFired: Bool) {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)]
        for fd in feed.wakeDescriptors { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        var timeout = Self.pollTimeout(now: WallClock.now(), feedDue: feed.millisecondsUntilDue(), heldRelease: state.nextHeldRelease)
        if let pasteIdle = screen.millisecondsUntilPasteIdle { timeout = min(timeout, pasteIdle + 1) }
        let n = poll(&fds, nfds_t(fds.count), Int32(timeout))
        // A hung-up terminal (SSH dropped) polls readable forever; treat it as SIGHUP rather than spin.
        let gone = n > 0 && fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
        let fired = n > 0 && fds[2...].contains { $0.revents != 0 }
        return (gone, fired)
    }
}

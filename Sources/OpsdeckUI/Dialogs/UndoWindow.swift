import OpsdeckActions
import OpsdeckModel

/// An action confirmed with `y` and held for `AppConfig.undoSeconds` before it is written, so a slip of
/// the finger can be taken back with `u`. It counts in pending markers and dialog checks meanwhile.
public struct HeldAction: Sendable, Equatable {
    public let entry: JournalEntry
    public let confirmed: Set<ConfirmationCode>
    /// The first tick at or after this instant writes it.
    public let releaseAt: Timestamp
}

extension AppState {
    /// When the shell must send a tick even if the second has not turned: the oldest held action's end.
    public var nextHeldRelease: Timestamp? { held.map(\.releaseAt).min() }

    /// `y` on a dialog that passes: closes it and holds the entry (or submits at once with no window).
    mutating func hold(_ entry: JournalEntry, confirmed: Set<ConfirmationCode>, from dialog: ActionDialog) -> [Effect] {
        guard config.undoSeconds > 0 else {
            overlay = .dialog(dialog)
            return [.submitAction(entry, confirmed: confirmed)]
        }
        let millis = Int64((config.undoSeconds * 1000).rounded())
        held.append(HeldAction(entry: entry, confirmed: confirmed, releaseAt: Timestamp(epochMillis: now.epochMillis + millis)))
        closeDialog(dialog)
        rebuildActions()
        return []
    }

    /// Ticks end undo windows: each held action whose time has come is submitted, oldest first.
    mutating func releaseHeld() -> [Effect] {
        let due = held.filter { $0.releaseAt <= now }
        guard !due.isEmpty else { return [] }
        held.removeAll { $0.releaseAt <= now }
        rebuildActions()
        return due.map { .submitAction($0.entry, confirmed: $0.confirmed) }
    }

    /// `u`: takes back the newest held action; nothing of it was written.
    mutating func undoNewest() {
        guard let last = held.popLast() else { say("Nothing to undo: confirmed actions are written once their window ends", error: true); return }
        rebuildActions()
        say("↶ Undone, nothing written: " + ActionSummary.text(last.entry.request) + " (\(last.entry.actionID.prefix(6)))")
    }

    /// Whole seconds left in a held action's window, as the footer counts down.
    func secondsLeft(_ h: HeldAction) -> Int64 { max(0, (h.releaseAt.epochMillis - now.epochMillis + 999) / 1000) }

    /// One line for stderr about a held action written when the program ended (quit or signal).
    public static func exitReport(_ entry: JournalEntry, _ result: Result<AppendOutcome, JournalError>) -> String {
        switch result {
        case .success(let outcome): "opsdeck: written on exit: " + queuedText(outcome)
        case .failure(let error):
            "opsdeck: NOT written on exit: " + ActionSummary.text(entry.request) + " (\(entry.actionID.prefix(6))): \(error.description)"
        }
    }
}

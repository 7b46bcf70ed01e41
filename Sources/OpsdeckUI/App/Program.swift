import OpsdeckActions
import OpsdeckModel

/// Everything that can happen to the dashboard. The terminal module turns keys, timers, signals and poller
/// output into these; `update` is the only place state changes.
public enum AppEvent: Sendable {
    case key(Key)
    /// The clock moved (injected, never read inside the UI core). The shell sends one each whole second
    /// and one when `AppState.nextHeldRelease` passes; it writes the held actions whose window ended.
    case tick(Timestamp)
    case snapshot(StoreSnapshot)
    case resize(width: Int, height: Int)
    /// The journal file changed (or was read after an append).
    case journal(JournalState)
    /// The journal file could not be read (the last good state is kept).
    case journalUnreadable(String)
    /// The journal's answer to `.submitAction` for the action with this id.
    case actionResult(actionID: String, Result<AppendOutcome, JournalError>)
}

/// What the shell must do after an update.
public enum Effect: Sendable, Equatable {
    case quit
    case setRefreshPaused(Bool)
    /// The operator switched themes: re-map colours (the new theme is also `state.theme`).
    case applyTheme(Theme)
    /// Append this entry to the journal (checked again there, under its lock, against the newest snapshot),
    /// then answer with `.actionResult` and `.journal`. With an undo window it comes from the tick that ends it.
    case submitAction(JournalEntry, confirmed: Set<ConfirmationCode>)
}

/// The pure state transition: no clock, no environment, no I/O.
public func update(_ state: AppState, _ event: AppEvent) -> (AppState, [Effect]) {
    var s = state
    var effects: [Effect] = []
    switch event {
    case .key(let key): effects = s.handle(key)
    case .tick(let t): s.advanceClock(to: t); effects = s.releaseHeld()
    case .snapshot(let snap): s.apply(snap)
    case .resize(let w, let h): s.width = max(0, w); s.height = max(0, h); s.keepCursorsVisible()
    case .journal(let j): s.applyJournal(j)
    case .journalUnreadable(let why): s.say("Journal unreadable: \(why)", error: true)
    case .actionResult(let id, let result): s.actionAnswered(actionID: id, result)
    }
    return (s, effects)
}

/// Draws the whole screen; costs O(visible rows).
public func render(_ state: AppState) -> CellGrid { ScreenRenderer(state: state).render() }

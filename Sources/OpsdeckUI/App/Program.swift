import OpsdeckModel

/// Everything that can happen to the dashboard. The terminal module turns keys, timers, signals and poller
/// output into these; `update` is the only place state changes.
public enum AppEvent: Sendable {
    case key(Key)
    /// The clock moved (injected, never read inside the UI core).
    case tick(Timestamp)
    case snapshot(StoreSnapshot)
    case resize(width: Int, height: Int)
}

/// What the shell must do after an update.
public enum Effect: Sendable, Equatable {
    case quit
    case setRefreshPaused(Bool)
    /// The operator switched themes: re-map colours (the new theme is also `state.theme`).
    case applyTheme(Theme)
}

/// The pure state transition: no clock, no environment, no I/O.
public func update(_ state: AppState, _ event: AppEvent) -> (AppState, [Effect]) {
    var s = state
    var effects: [Effect] = []
    switch event {
    case .key(let key): effects = s.handle(key)
    case .tick(let t): s.advanceClock(to: t)
    case .snapshot(let snap): s.apply(snap)
    case .resize(let w, let h): s.width = max(0, w); s.height = max(0, h); s.keepCursorsVisible()
    }
    return (s, effects)
}

/// Draws the whole screen; costs O(visible rows).
public func render(_ state: AppState) -> CellGrid { ScreenRenderer(state: state).render() }

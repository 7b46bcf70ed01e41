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
}

/// Dashboard state (interface first; filled in by the UI core work).
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var now: Timestamp
    public init(width: Int, height: Int, now: Timestamp) { self.width = width; self.height = height; self.now = now }
}

public func update(_ state: AppState, _ event: AppEvent) -> (AppState, [Effect]) {
    var s = state
    switch event {
    case .key(.char("q")): return (s, [.quit])
    case .tick(let t): s.now = t
    case .resize(let w, let h): s.width = w; s.height = h
    default: break
    }
    return (s, [])
}

public func render(_ state: AppState) -> CellGrid { CellGrid(width: state.width, height: state.height) }

import OpsdeckModel

/// A short line in the footer's message line.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// Removed by the first tick at or after this instant.
    public var expires: Timestamp
}

/// Windows drawn over the panes; they take keys first.
public enum Overlay: Sendable, Equatable {
    case detail(DetailState)
    case help(scroll: Int)
}

/// Dashboard state. Changed only by `update`; `render` draws it.
public struct AppState: Sendable {
    public let config: AppConfig
    public internal(set) var width: Int
    public internal(set) var height: Int
    public internal(set) var now: Timestamp
    /// Derived from the newest snapshot (nil until the first one arrives).
    public internal(set) var store: StoreView?
    public internal(set) var focus: PaneKind = .orders
    public internal(set) var panes: [PaneState] = Array(repeating: PaneState(), count: PaneKind.allCases.count)
    public internal(set) var zoomed = false
    public internal(set) var paused = false
    /// Typing goes to the focused pane's filter.
    public internal(set) var editingFilter = false
    public internal(set) var overlay: Overlay?
    public internal(set) var message: StatusMessage?
    public internal(set) var theme: Theme

    public init(config: AppConfig, width: Int, height: Int, now: Timestamp) {
        self.config = config; self.width = width; self.height = height; self.now = now
        theme = config.theme
    }

    public func pane(_ kind: PaneKind) -> PaneState { panes[kind.rawValue] }
}

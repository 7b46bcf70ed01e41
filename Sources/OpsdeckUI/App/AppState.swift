import OpsdeckActions
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
    /// An action being prepared; the board it is checked against is `AppState.actions`.
    case dialog(ActionDialog)
    /// `J`: the list of journaled actions.
    case journal(JournalViewState)
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
    /// The journal as last read by the shell.
    public internal(set) var journal = JournalState()
    /// Journal + newest snapshot: what dialogs check against and where pending markers come from.
    public internal(set) var actions: ActionBoard?
    /// Confirmed actions waiting out their undo window, oldest first (not yet in the journal).
    public internal(set) var held: [HeldAction] = []
    public internal(set) var message: StatusMessage?
    public internal(set) var theme: Theme

    public init(config: AppConfig, width: Int, height: Int, now: Timestamp) {
        self.config = config; self.width = width; self.height = height; self.now = now
        theme = config.theme
    }

    public func pane(_ kind: PaneKind) -> PaneState { panes[kind.rawValue] }

    /// `now` floored to the minute: every time shown on screen derives from it (or from the metrics,
    /// re-timed once a minute), so an idle screen changes in one burst a minute.
    public var minuteNow: Timestamp { Timestamp(epochSeconds: now.epochSeconds.floorDiv(60) * 60) }
}

/// Everything a key can do. The raw value is the name used in keys.toml and shown in help.
/// To add an action: add a case with its default keys, title and group here, then handle it in
/// `AppState.perform(_:)` (App/KeyDispatch.swift).
public enum KeyAction: String, Sendable, CaseIterable, Hashable {
    case quit, help
    case nextPane = "next-pane", previousPane = "previous-pane"
    case focusOrders = "focus-orders", focusStock = "focus-stock", focusCarts = "focus-carts"
    case focusEscalations = "focus-escalations"
    case up, down, pageUp = "page-up", pageDown = "page-down", top, bottom
    case open, back, filter, sort, reverseSort = "reverse-sort", zoom, pause, nextTheme = "next-theme"
    // Store actions: dialogs in Dialogs/, journaled by the shell.
    case restock, refund, remind, ack, assign, journal, undo

    public enum Group: String, Sendable, CaseIterable { case navigation = "Navigate", view = "View", store = "Store actions", app = "App" }

    public var group: Group {
        switch self {
        case .nextPane, .previousPane, .focusOrders, .focusStock, .focusCarts, .focusEscalations,
             .up, .down, .pageUp, .pageDown, .top, .bottom: .navigation
        case .open, .back, .filter, .sort, .reverseSort, .zoom: .view
        case .restock, .refund, .remind, .ack, .assign, .journal, .undo: .store
        case .quit, .help, .pause, .nextTheme: .app
        }
    }


    public var title: String {
        switch self {
        case .quit: "quit"
        case .help: "help"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .focusOrders: "orders pane"
        case .focusStock: "stock pane"
        case .focusCarts: "carts pane"
        case .focusEscalations: "escalations pane"
        case .up: "move up"
        case .down: "move down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "first row"
        case .bottom: "last row"
        case .open: "details"
        case .back: "close / clear filter"
        case .filter: "filter"
        case .sort: "sort column"
        case .reverseSort: "reverse sort"
        case .zoom: "zoom pane"
        case .pause: "pause refresh"
        case .nextTheme: "next theme"
        case .restock: "restock"
        case .refund: "refund"
        case .remind: "cart reminder"
        case .ack: "acknowledge"
        case .assign: "assign"
        case .journal: "journal"
        case .undo: "undo the newest held action"
        }
    }

    public var defaultKeys: [Key] {
        switch self {
        case .quit: [.char("q"), .ctrl("c")]
        case .help: [.char("?")]
        case .nextPane: [.tab]
        case .previousPane: [.backTab]
        case .focusOrders: [.char("1")]
        case .focusStock: [.char("2")]
        case .focusCarts: [.char("3")]
        case .focusEscalations: [.char("4")]
        case .up: [.up, .char("k")]
        case .down: [.down, .char("j")]
        case .pageUp: [.pageUp]
        case .pageDown: [.pageDown]
        case .top: [.home, .char("g")]
        case .bottom: [.end, .char("G")]
        case .open: [.enter]
        case .back: [.escape]
        case .filter: [.char("/")]
        case .sort: [.char("s")]
        case .reverseSort: [.char("S")]
        case .zoom: [.char("z")]
        case .pause: [.char("p")]
        case .nextTheme: [.char("T")]
        case .restock: [.char("r")]
        case .refund: [.char("f")]
        case .remind: [.char("m")]
        case .ack: [.char("a")]
        case .assign: [.char("A")]
        case .journal: [.char("J")]
        case .undo: [.char("u")]
        }
    }
}

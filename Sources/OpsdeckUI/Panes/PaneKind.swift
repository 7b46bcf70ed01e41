import OpsdeckModel

/// The four panes, in focus order (keys 1–4).
public enum PaneKind: Int, Sendable, CaseIterable, Hashable {
    case orders, stock, carts, escalations

    public var title: String {
        switch self {
        case .orders: "Orders"
        case .stock: "Stock"
        case .carts: "Abandoned carts"
        case .escalations: "Escalations"
        }
    }

    /// The data file behind the pane, whose freshness its title shows.
    public var source: SourceKind {
        switch self {
        case .orders: .orders
        case .stock: .stock
        case .carts: .carts
        case .escalations: .tickets
        }
    }

    public var number: Int { rawValue + 1 }
    var next: PaneKind { PaneKind(rawValue: (rawValue + 1) % 4)! }
    var previous: PaneKind { PaneKind(rawValue: (rawValue + 3) % 4)! }
}

/// One pane's browsing state. `rows` are indices into the snapshot's array for this pane, ranked and
/// filtered; they change only when the snapshot, the sort, the filter or the minute changes, so drawing
/// costs only the visible rows.
public struct PaneState: Sendable, Equatable {
    public internal(set) var rows: [Int] = []
    /// The selected record's id; the cursor follows it across snapshots.
    public internal(set) var selectedID: String?
    public internal(set) var cursor = 0
    /// First visible row.
    public internal(set) var top = 0
    public internal(set) var filter = ""
    /// nil: ranked by urgency (the default); else the column index sorted by.
    public internal(set) var sortColumn: Int?
    public internal(set) var reversed = false
    /// Ids of records that changed in a recent snapshot, with when their mark expires.
    public internal(set) var changed: [String: Timestamp] = [:]
    public init() {}
}

import OpsdeckModel

/// One column of a pane's table. Columns are dropped by `priority` (higher goes first) when the pane is
/// narrow; the `flex` column takes the leftover width, so the others never move.
struct Column: Sendable {
    var title: String
    var width: Int
    var align: Alignment = .left
    var flex = false
    var priority = 0
    /// The first direction `s` sorts this column in (largest/oldest first for numbers, A→Z for text).
    var descendingFirst = false

    static func text(_ t: String, _ w: Int, priority: Int = 0) -> Column { Column(title: t, width: w, priority: priority) }
    static func number(_ t: String, _ w: Int, priority: Int = 0) -> Column {
        Column(title: t, width: w, align: .right, priority: priority, descendingFirst: true)
    }
    static func flexible(_ t: String, min: Int) -> Column { Column(title: t, width: min, flex: true) }
}

/// What a cell shows; `role` overrides the row's role for this cell (not on the selected row).
struct CellText {
    var text: String
    var role: StyleRole?
    init(_ text: String, _ role: StyleRole? = nil) { self.text = text; self.role = role }
}

enum SortValue: Comparable {
    case number(Double)
    case text(String)
}

/// A pane's table over one array of the snapshot. Records are addressed by index into that array.
protocol PaneTable {
    static var kind: PaneKind { get }
    static var columns: [Column] { get }
    /// The rank-ordered indices of the records the pane lists (urgency first, customer worth breaking ties).
    static func ranked(_ store: StoreView) -> [Int]
    static func id(_ i: Int, _ store: StoreView) -> String
    /// Whether the record `id` differs from the one with the same id in `old` (absent counts as changed).
    static func changed(_ i: Int, new: StoreView, old: StoreView) -> Bool
    static func cell(_ column: Int, _ i: Int, _ store: StoreView) -> CellText
    static func sortValue(_ column: Int, _ i: Int, _ store: StoreView) -> SortValue
    /// Lowercased text the filter matches against.
    static func searchText(_ i: Int, _ store: StoreView) -> String
    /// Counts shown after the pane name, e.g. "182 open · 7 late".
    static func summary(_ store: StoreView) -> [Span]
    static var emptyText: String { get }
}

extension PaneKind {
    var table: any PaneTable.Type {
        switch self {
        case .orders: OrderQueuePane.self
        case .stock: StockPane.self
        case .carts: AbandonedCartsPane.self
        case .escalations: EscalationsPane.self
        }
    }
}

extension PaneTable {
    /// Ranked, then filtered, then (when a column is chosen) stably sorted by that column.
    static func rows(_ store: StoreView, ranked: [Int], filter: String, sortColumn: Int?, reversed: Bool) -> [Int] {
        var rows = ranked
        let needle = filter.lowercased()
        if !needle.isEmpty { rows = rows.filter { searchText($0, store).contains(needle) } }
        if let c = sortColumn {
            let desc = columns[c].descendingFirst != reversed
            let keyed = rows.map { (sortValue(c, $0, store), $0) }
            // Enumerated to keep the rank order among equal values.
            rows = keyed.enumerated().sorted { a, b in
                if a.element.0 != b.element.0 { return desc ? a.element.0 > b.element.0 : a.element.0 < b.element.0 }
                return a.offset < b.offset
            }.map(\.element.1)
        } else if reversed {
            rows.reverse()
        }
        return rows
    }

    /// Visible columns and their widths for an inner width (after the 1-cell gutter).
    static func layout(width: Int) -> [(column: Int, width: Int)] {
        var keep = Array(columns.indices)
        func need(_ cols: [Int]) -> Int { cols.reduce(0) { $0 + columns[$1].width } + max(0, cols.count - 1) }
        while need(keep) > width, let drop = keep.filter({ columns[$0].priority > 0 }).max(by: {
            (columns[$0].priority, $0) < (columns[$1].priority, $1) }) {
            keep.removeAll { $0 == drop }
        }
        let spare = max(0, width - need(keep))
        return keep.map { c in (c, columns[c].width + (columns[c].flex ? spare : 0)) }
    }
}

extension SortValue {
    static func money(_ v: Int64) -> SortValue { .number(Double(v)) }
    static func seconds(_ v: Int64?) -> SortValue { .number(v.map(Double.init) ?? .infinity) }
}

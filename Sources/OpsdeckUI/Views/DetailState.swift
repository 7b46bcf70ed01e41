/// A span of text in one style: the unit detail and help views are built from.
public struct Span: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String, _ role: StyleRole = .normal) { self.text = text; self.role = role }
}
public typealias StyledLine = [Span]

/// The detail view of one record: its lines are built when it opens and again with each snapshot or
/// minute, so drawing it costs only the visible lines.
public struct DetailState: Sendable, Equatable {
    public var pane: PaneKind
    public var id: String
    public internal(set) var title: String
    public internal(set) var lines: [StyledLine]
    public internal(set) var scroll = 0
    /// Order details: the SKUs of the order's lines and the one selected (Tab / Shift-Tab), which `r` restocks.
    public internal(set) var lineSKUs: [String] = []
    public internal(set) var selectedLine = 0
}

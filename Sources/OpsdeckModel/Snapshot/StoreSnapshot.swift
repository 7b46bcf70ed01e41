/// How one source file fared at its last load. Staleness is not stored here: it depends on "now" and is
/// derived with `freshness(now:staleAfter:)`, so a frozen exporter shows as STALE without any new read.
public enum SourceHealth: Sendable, Equatable {
    /// The last read decoded (possibly with record-level problems).
    case ok
    /// The last read failed as a whole (invalid JSON, too large, unreadable); the previous good data is kept.
    case fileError(DataProblem)
    /// No such file (yet). For a required source that has never loaded, the pane is empty and says so.
    case missing
}

public enum Freshness: Sendable, Equatable {
    case ok(ageSeconds: Int64)
    case stale(ageSeconds: Int64)
    case fileError(DataProblem)
    case missing
}

/// Load metadata of one source.
public struct SourceInfo: Sendable, Equatable {
    public var kind: SourceKind
    public var health: SourceHealth
    /// When the current (last good) data was read.
    public var loadedAt: Timestamp?
    /// The export's own `generated_at` of the current data.
    public var generatedAt: Timestamp?
    /// Records skipped or questioned in the current data (bad field, duplicate id).
    public var recordProblems: [DataProblem]
    /// Byte size of the current data's file.
    public var bytes: Int

    public init(kind: SourceKind, health: SourceHealth = .missing, loadedAt: Timestamp? = nil,
                generatedAt: Timestamp? = nil, recordProblems: [DataProblem] = [], bytes: Int = 0) {
        self.kind = kind; self.health = health; self.loadedAt = loadedAt; self.generatedAt = generatedAt
        self.recordProblems = recordProblems; self.bytes = bytes
    }

    /// Age is measured from `generated_at` (when the ERP made the data), falling back to load time.
    public func freshness(now: Timestamp, staleAfter: Int64) -> Freshness {
        switch health {
        case .fileError(let p): return .fileError(p)
        case .missing: return .missing
        case .ok: break
        }
        guard let since = generatedAt ?? loadedAt else { return .missing }
        let age = max(0, since.seconds(until: now))
        return age > staleAfter ? .stale(ageSeconds: age) : .ok(ageSeconds: age)
    }
}

/// Everything the dashboard shows, as of one poll: immutable, shared freely across threads.
public struct StoreSnapshot: Sendable {
    public var orders: [Order]
    public var stock: [StockItem]
    public var carts: [Cart]
    public var tickets: [Ticket]
    public var customers: [Customer]
    /// Past orders (`order_history.json`) used only for customer metrics and demand; may overlap `orders`.
    public var orderHistory: [Order]
    public var settings: StoreSettings
    /// Latest ERP answer per action id.
    public var actionResults: [String: ActionResult]
    public var sources: [SourceKind: SourceInfo]
    /// Increases with every published snapshot, so consumers can skip unchanged ones cheaply.
    public var generation: Int

    public init(orders: [Order] = [], stock: [StockItem] = [], carts: [Cart] = [], tickets: [Ticket] = [],
                customers: [Customer] = [], orderHistory: [Order] = [], settings: StoreSettings = StoreSettings(),
                actionResults: [String: ActionResult] = [:], sources: [SourceKind: SourceInfo] = [:], generation: Int = 0) {
        self.orders = orders; self.stock = stock; self.carts = carts; self.tickets = tickets
        self.customers = customers; self.orderHistory = orderHistory; self.settings = settings
        self.actionResults = actionResults; self.sources = sources; self.generation = generation
    }

    public func info(_ kind: SourceKind) -> SourceInfo { sources[kind] ?? SourceInfo(kind: kind) }

    /// Replaces the records that `kind`'s file provides with those of `other` (sources decoded apart).
    mutating func takeRecords(of kind: SourceKind, from other: StoreSnapshot) {
        switch kind {
        case .orders: orders = other.orders
        case .orderHistory: orderHistory = other.orderHistory
        case .stock: stock = other.stock
        case .carts: carts = other.carts
        case .tickets: tickets = other.tickets
        case .customers: customers = other.customers
        case .store: settings = other.settings
        case .actionResults: actionResults = other.actionResults
        }
    }
}

/// One file in the data directory.
public enum SourceKind: String, Sendable, CaseIterable, Hashable {
    case orders, stock, carts, tickets, customers, store, orderHistory, actionResults

    public var fileName: String {
        switch self {
        case .orders: "orders.json"
        case .stock: "stock.json"
        case .carts: "carts.json"
        case .tickets: "escalations.json"
        case .customers: "customers.json"
        case .store: "store.json"
        case .orderHistory: "order_history.json"
        case .actionResults: "action-results.jsonl"
        }
    }

    /// Files the dashboard needs; the others are optional and never shown as MISSING.
    public var isRequired: Bool { [.orders, .stock, .carts, .tickets].contains(self) }

    public static let defaultStaleAfter: [SourceKind: Int64] = [
        .orders: 300, .stock: 900, .carts: 900, .tickets: 300,
    ]
}

import OpsdeckModel

/// Abandoned carts, most valuable first; the customer's lifetime value breaks ties, then most recent.
enum AbandonedCartsPane: PaneTable {
    static let kind = PaneKind.carts
    static let columns: [Column] = [
        .number("Value", 10), .number("Age", 4, priority: 1), .number("Items", 5, priority: 2),
        .flexible("Customer", min: 8), .text("Seg", 4, priority: 2), .number("Sent", 4, priority: 1),
    ]
    static let emptyText = "no abandoned carts"

    static func ranked(_ s: StoreView) -> [Int] {
        let carts = s.snapshot.carts, f = s.facts
        var keyed: [(Int, Int64, Int64, Int64)] = []
        for (i, c) in carts.enumerated() where f.isAbandoned(c) {
            keyed.append((i, -c.valueMinor, -f.lifetimeValue(customerID: c.customerID), -c.updatedAt.epochMillis))
        }
        return keyed.sorted { ($0.1, $0.2, $0.3, $0.0) < ($1.1, $1.2, $1.3, $1.0) }.map(\.0)
    }

    static func id(_ i: Int, _ s: StoreView) -> String { s.snapshot.carts[i].id }

    static func changed(_ i: Int, new: StoreView, old: StoreView) -> Bool {
        let c = new.snapshot.carts[i]
        return old.cart(id: c.id) != c
    }

    static func customer(_ c: Cart, _ s: StoreView) -> String {
        c.customerID == nil ? (c.email ?? "guest") : s.customerName(c.customerID)
    }

    static func cell(_ column: Int, _ i: Int, _ s: StoreView) -> CellText {
        let c = s.snapshot.carts[i]
        switch column {
        case 0: return CellText(Money.format(c.valueMinor, c.currency))
        case 1: return CellText(TimeText.coarse(c.idleSeconds(now: s.facts.now)))
        case 2: return CellText("\(c.lines.reduce(0) { $0 + $1.qty })")
        case 3: return CellText(customer(c, s))
        case 4: let b = s.segmentBadge(c.customerID); return CellText(b, b.isEmpty ? nil : .badge)
        default:
            let max = s.settings.cartReminderMaxCount
            return CellText("\(c.remindersSent)/\(max)", c.remindersSent >= max ? .dim : nil)
        }
    }

    static func sortValue(_ column: Int, _ i: Int, _ s: StoreView) -> SortValue {
        let c = s.snapshot.carts[i]
        switch column {
        case 0: return .money(c.valueMinor)
        case 1: return .number(Double(c.idleSeconds(now: s.facts.now)))
        case 2: return .number(Double(c.lines.reduce(0) { $0 + $1.qty }))
        case 3: return .text(customer(c, s).lowercased())
        case 4: return .text(s.segmentBadge(c.customerID))
        default: return .number(Double(c.remindersSent))
        }
    }

    static func searchText(_ i: Int, _ s: StoreView) -> String {
        let c = s.snapshot.carts[i]
        return [c.id, customer(c, s), c.customerID ?? "", c.email ?? ""].joined(separator: " ").lowercased()
    }

    static func summary(_ s: StoreView) -> [Span] {
        let k = s.facts.kpis
        return [Span("\(k.abandonedCarts)"), Span(" · "), Span(Money.format(k.abandonedCartValueMinor, s.settings.currency, whole: true))]
    }
}

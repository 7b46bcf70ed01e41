import OpsdeckModel

/// Open orders: late first, then at risk, then by time left before `ship_by`; the customer's lifetime
/// value breaks ties.
enum OrderQueuePane: PaneTable {
    static let kind = PaneKind.orders
    static let columns: [Column] = [
        .text("Order", 7), .number("Age", 4, priority: 1), .flexible("Customer", min: 8), .text("Seg", 4, priority: 2),
        .number("Items", 5, priority: 3), .number("Total", 10, priority: 1), .text("Status", 7, priority: 4),
        .text("Ship-by", 8),
    ]
    static let emptyText = "no open orders"

    static func order(_ i: Int, _ s: StoreView) -> Order { s.snapshot.orders[i] }

    static func ranked(_ s: StoreView) -> [Int] {
        let f = s.facts
        let keyed = f.openOrderIndices.map { i -> (Int, Int, Int64, Int64, Int64) in
            let o = s.snapshot.orders[i]
            return (i, f.urgency(o).rawValue, o.secondsToShipBy(now: f.now) ?? .max,
                    -f.lifetimeValue(customerID: o.customerID), o.placedAt.epochMillis)
        }
        return keyed.sorted { ($0.1, $0.2, $0.3, $0.4, $0.0) < ($1.1, $1.2, $1.3, $1.4, $1.0) }.map(\.0)
    }

    static func id(_ i: Int, _ s: StoreView) -> String { order(i, s).id }

    static func changed(_ i: Int, new: StoreView, old: StoreView) -> Bool {
        let o = order(i, new)
        return old.facts.order(id: o.id) != o
    }

    static func cell(_ column: Int, _ i: Int, _ s: StoreView) -> CellText {
        let o = order(i, s)
        let now = s.facts.now
        switch column {
        case 0: return CellText(o.displayNumber)
        case 1: return CellText(TimeText.coarse(o.ageSeconds(now: now)))
        case 2: return CellText(s.customerName(o.customerID))
        case 3: let b = s.segmentBadge(o.customerID); return CellText(b, b.isEmpty ? nil : .badge)
        case 4: return CellText("\(o.itemCount)")
        case 5:
            // "↺": a journaled refund the ERP has not applied yet (its amount is in the detail view).
            if s.pendingRefundMinorByOrder[o.id] ?? 0 > 0 { return CellText("↺" + Money.format(o.totalMinor, o.currency), .badge) }
            return CellText(Money.format(o.totalMinor, o.currency))
        case 6: return o.status == .onHold ? CellText("on hold", .warn) : CellText(o.status.rawValue)
        default: return shipBy(o, s)
        }
    }

    static func shipBy(_ o: Order, _ s: StoreView) -> CellText {
        let left = o.secondsToShipBy(now: s.facts.now) ?? 0
        switch s.facts.urgency(o) {
        case .late: return CellText("LATE " + TimeText.coarse(-left), .critical)
        case .atRisk: return CellText("RISK " + TimeText.coarse(left), .warn)
        case .onTrack: return CellText("in " + TimeText.coarse(left))
        case .noDeadline, .done: return CellText("—", .dim)
        }
    }

    static func sortValue(_ column: Int, _ i: Int, _ s: StoreView) -> SortValue {
        let o = order(i, s)
        switch column {
        case 0: return .text(o.displayNumber)
        case 1: return .number(Double(o.ageSeconds(now: s.facts.now)))
        case 2: return .text(s.customerName(o.customerID).lowercased())
        case 3: return .text(s.segmentBadge(o.customerID))
        case 4: return .number(Double(o.itemCount))
        case 5: return .money(o.totalMinor)
        case 6: return .text(o.status.rawValue)
        default: return .seconds(o.secondsToShipBy(now: s.facts.now))
        }
    }

    static func searchText(_ i: Int, _ s: StoreView) -> String {
        let o = order(i, s)
        return [o.displayNumber, o.id, s.customerName(o.customerID), o.customerID, o.status.rawValue].joined(separator: " ").lowercased()
    }

    static func summary(_ s: StoreView) -> [Span] {
        let k = s.facts.kpis
        var out = [Span("\(k.openOrders) open")]
        out.append(Span(" · "))
        out.append(Span("\(k.lateOrders) late", k.lateOrders > 0 ? .critical : .title))
        if k.atRiskOrders > 0 { out += [Span(" · "), Span("\(k.atRiskOrders) at risk", .warn)] }
        return out
    }
}

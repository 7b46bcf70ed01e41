import OpsdeckModel

/// Unresolved tickets: breached first, then soonest SLA deadline; higher priority and then the
/// customer's lifetime value break ties.
enum EscalationsPane: PaneTable {
    static let kind = PaneKind.escalations
    static let columns: [Column] = [
        .text("Pri", 6), .text("Lv", 2, priority: 3), .flexible("Subject", min: 8), .text("Customer", 12, priority: 1),
        .number("Worth", 8, priority: 2), .text("SLA", 9), .text("Assignee", 10, priority: 4), .text("Status", 7, priority: 5),
    ]
    static let emptyText = "no open escalations"

    static func ranked(_ s: StoreView) -> [Int] {
        let f = s.facts
        var keyed: [(Int, Int, Int64, Int, Int64, Int64)] = []
        for (i, t) in s.snapshot.tickets.enumerated() where !t.status.isResolved {
            keyed.append((i, f.slaState(t).rawValue, t.secondsToBreach(now: f.now) ?? .max, -t.priority.rank,
                          -f.lifetimeValue(customerID: t.customerID), t.openedAt.epochMillis))
        }
        return keyed.sorted { ($0.1, $0.2, $0.3, $0.4, $0.5) < ($1.1, $1.2, $1.3, $1.4, $1.5) }.map(\.0)
    }

    static func id(_ i: Int, _ s: StoreView) -> String { s.snapshot.tickets[i].id }

    static func changed(_ i: Int, new: StoreView, old: StoreView) -> Bool {
        let t = new.snapshot.tickets[i]
        return old.ticket(id: t.id) != t
    }

    static func cell(_ column: Int, _ i: Int, _ s: StoreView) -> CellText {
        let t = s.snapshot.tickets[i]
        switch column {
        case 0:
            switch t.priority {
            case .urgent: return CellText("URGENT", .critical)
            case .high: return CellText("HIGH", .warn)
            case .normal, .low: return CellText(t.priority.rawValue)
            }
        case 1: return CellText("L\(t.level)")
        case 2: return CellText(t.subject)
        case 3: return t.customerID == nil ? CellText("—", .dim) : CellText(s.customerName(t.customerID))
        case 4: return CellText(Money.format(s.facts.lifetimeValue(customerID: t.customerID), s.settings.currency, whole: true))
        case 5: return sla(t, s)
        case 6: return t.assignee.map { CellText($0) } ?? CellText("unassigned", .warn)
        default: return CellText(t.status.rawValue.replacingUnderscores)
        }
    }

    static func sla(_ t: Ticket, _ s: StoreView) -> CellText {
        let left = t.secondsToBreach(now: s.facts.now) ?? 0
        switch s.facts.slaState(t) {
        case .breached: return CellText("BREACH " + TimeText.coarse(-left), .critical)
        case .breachingSoon: return CellText("SOON " + TimeText.coarse(left), .warn)
        case .ok: return CellText("in " + TimeText.coarse(left))
        case .none: return CellText("—", .dim)
        }
    }

    static func sortValue(_ column: Int, _ i: Int, _ s: StoreView) -> SortValue {
        let t = s.snapshot.tickets[i]
        switch column {
        case 0: return .number(Double(t.priority.rank))
        case 1: return .number(Double(t.level))
        case 2: return .text(t.subject.lowercased())
        case 3: return .text(s.customerName(t.customerID).lowercased())
        case 4: return .money(s.facts.lifetimeValue(customerID: t.customerID))
        case 5: return .seconds(t.secondsToBreach(now: s.facts.now))
        case 6: return .text(t.assignee ?? "")
        default: return .text(t.status.rawValue)
        }
    }

    static func searchText(_ i: Int, _ s: StoreView) -> String {
        let t = s.snapshot.tickets[i]
        return [t.id, t.subject, s.customerName(t.customerID), t.assignee ?? "", t.orderID ?? "", t.status.rawValue]
            .joined(separator: " ").lowercased()
    }

    static func summary(_ s: StoreView) -> [Span] {
        let k = s.facts.kpis
        return [Span("\(k.openTickets) open"), Span(" · "), Span("\(k.slaBreaches) breaching", k.slaBreaches > 0 ? .critical : .title)]
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

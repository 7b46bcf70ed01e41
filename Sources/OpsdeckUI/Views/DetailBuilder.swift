import OpsdeckModel

extension AppState {
    mutating func openDetail() {
        guard store != nil, let id = panes[focus.rawValue].selectedID else { return }
        overlay = .detail(DetailState(pane: focus, id: id, title: "", lines: []))
        refreshDetail()
    }

    /// Rebuilds an open detail view from the newest data (the record may have changed or gone).
    mutating func refreshDetail() {
        guard case .detail(var d)? = overlay, let store else { return }
        d.lineSKUs = d.pane == .orders ? store.facts.order(id: d.id)?.lines.map(\.sku) ?? [] : []
        d.selectedLine = min(d.selectedLine, max(0, d.lineSKUs.count - 1))
        (d.title, d.lines) = DetailBuilder(store: store, selectedLine: d.selectedLine).build(d.pane, id: d.id)
        d.scroll = min(d.scroll, max(0, d.lines.count - 1))
        overlay = .detail(d)
    }

    /// Tab / Shift-Tab in an order's details: the next or previous order line.
    mutating func selectDetailLine(_ d: DetailState, by step: Int) {
        guard !d.lineSKUs.isEmpty else { return }
        var d = d
        d.selectedLine = (d.selectedLine + step + d.lineSKUs.count) % d.lineSKUs.count
        overlay = .detail(d)
        refreshDetail()
    }
}

/// The lines of a record's detail view.
struct DetailBuilder {
    let store: StoreView
    /// The order line marked ▶ (the one `r` restocks).
    var selectedLine = 0
    var facts: StoreFacts { store.facts }
    var now: Timestamp { facts.now }
    var currency: String { store.settings.currency }
    var offset: Int64 { facts.calendar.offsetSeconds(at: now) }

    func build(_ pane: PaneKind, id: String) -> (String, [StyledLine]) {
        switch pane {
        case .orders:
            guard let o = facts.order(id: id) else { return gone("Order \(id)") }
            return ("Order \(o.displayNumber)", order(o))
        case .stock:
            guard let item = facts.stockItem(sku: id), let f = facts.stockFigures(sku: id) else { return gone("SKU \(id)") }
            return ("\(item.sku) · \(item.name)", stock(item, f))
        case .carts:
            guard let c = store.cart(id: id) else { return gone("Cart \(id)") }
            return ("Cart \(c.id)", cart(c))
        case .escalations:
            guard let t = store.ticket(id: id) else { return gone("Ticket \(id)") }
            return ("Ticket \(t.id)", ticket(t))
        }
    }

    func gone(_ title: String) -> (String, [StyledLine]) {
        (title, [[Span("No longer in the data: the newest export does not list it.", .warn)]])
    }

    func field(_ label: String, _ value: String, _ role: StyleRole = .normal) -> StyledLine {
        [Span(label.padding(14), .kpiLabel), Span(value, role)]
    }
    func heading(_ text: String) -> StyledLine { [Span(text, .header)] }
    func when(_ t: Timestamp?) -> String {
        guard let t else { return "—" }
        let delta = now.seconds(until: t)
        return TimeText.dateTime(t, offsetSeconds: offset) + (delta < 0 ? " (\(TimeText.coarse(-delta)) ago)" : " (in \(TimeText.coarse(delta)))")
    }

    func order(_ o: Order) -> [StyledLine] {
        var out: [StyledLine] = [
            field("Status", o.status.rawValue.replacingUnderscores + (o.holdReason.map { " — \($0)" } ?? ""), o.status == .onHold ? .warn : .normal),
            field("Placed", when(o.placedAt)),
        ]
        let ship = OrderQueuePane.shipBy(o, store)
        out.append(field("Ship by", o.shipBy.map { when($0) + "  " + ship.text } ?? "—", ship.role ?? .normal))
        out.append(field("Total", Money.format(o.totalMinor, o.currency) + "  paid " + Money.format(o.capturedMinor, o.currency)
                         + "  refunded " + Money.format(o.refundedMinor, o.currency)))
        if let pending = store.pendingRefundMinorByOrder[o.id], pending > 0 {
            out.append(field("Pending", "refund \(Money.format(pending, o.currency)) pending (journaled or held for undo, not yet applied by the ERP)", .badge))
        }
        if !o.discountCodes.isEmpty { out.append(field("Discounts", o.discountCodes.joined(separator: ", "))) }
        for t in o.tracking { out.append(field("Tracking", [t.carrier, t.number, t.status].compactMap { $0 }.joined(separator: " "))) }
        out.append([])
        out.append(heading("Lines"))
        for (i, l) in o.lines.enumerated() {
            out.append([Span((i == selectedLine ? "▶ " : "  ") + l.sku.padding(12), i == selectedLine ? .selectedRow : .normal),
                        Span((l.name ?? "").padding(24)),
                        Span("\(l.qty) × " + Money.format(l.unitPriceMinor, o.currency)),
                        Span(l.refundedQty > 0 ? "  refunded \(l.refundedQty)" : "", .warn)])
        }
        out.append([])
        out += customer(o.customerID, excludingOrder: o.id)
        out += related(orderID: o.id)
        return out
    }

    func customer(_ id: String?, excludingOrder: String? = nil) -> [StyledLine] {
        var out: [StyledLine] = [heading("Customer")]
        guard let id else { out.append(field("Customer", "guest")); return out }
        let c = facts.customer(id: id)
        out.append(field("Name", store.customerName(id) + (c?.email.map { "  <\($0)>" } ?? "")))
        guard let st = facts.stats(customerID: id) else { out.append(field("History", "no orders")); return out }
        out.append(field("Segment", st.segments.all.map(\.name).joined(separator: ", ").ifEmpty("—"), .badge))
        out.append(field("Lifetime value", Money.format(st.lifetimeValueMinor, currency)))
        out.append(field("Orders", "\(st.orderCount)" + (st.averageOrderValueMinor.map { ", average " + Money.format($0, currency) } ?? "")
                         + (st.daysSinceLastOrder(now: now).map { $0 == 0 ? ", last today" : ", last \($0)d ago" } ?? "")))
        // The customer's recent orders (history is scanned here, once per build, not per frame).
        let history = (store.snapshot.orders + store.snapshot.orderHistory.filter { facts.order(id: $0.id) == nil })
            .filter { $0.customerID == id && $0.id != excludingOrder }
            .sorted { $0.placedAt > $1.placedAt }
        for o in history.prefix(5) {
            out.append([Span("  " + o.displayNumber.padding(10)), Span(TimeText.dateTime(o.placedAt, offsetSeconds: offset).padding(18)),
                        Span(Money.format(o.totalMinor, o.currency).padding(12)), Span(o.status.rawValue.replacingUnderscores, .dim)])
        }
        if history.count > 5 { out.append([Span("  … \(history.count - 5) more", .dim)]) }
        return out
    }

    func related(orderID: String) -> [StyledLine] {
        var out: [StyledLine] = []
        for t in store.snapshot.tickets where t.orderID == orderID {
            out.append(field("Ticket", "\(t.id) \(t.subject) — \(t.status.rawValue.replacingUnderscores)", t.status.isResolved ? .dim : .warn))
        }
        for c in store.snapshot.carts where c.recoveredOrderID == orderID {
            out.append(field("Cart", "\(c.id) recovered into this order", .ok))
        }
        return out.isEmpty ? [] : [[], heading("Related")] + out
    }

    func stock(_ item: StockItem, _ f: StockFigures) -> [StyledLine] {
        var out: [StyledLine] = [
            field("State", StockPane.state(item, f).text, StockPane.state(item, f).role ?? .normal),
            field("Available", "\(f.available)  (on hand \(item.onHand), reserved \(item.reserved))"),
            field("Incoming", "\(item.incoming)"),
        ]
        for d in item.incomingDetail {
            out.append([Span("  " + (d.ref ?? "PO").padding(12)), Span("\(d.qty)".padding(8)), Span(when(d.eta), .dim)])
        }
        out.append(field("Daily demand", String(format1(f.dailyDemand)) + (f.demandIsDerived ? " (from recent orders)" : "")))
        out.append(field("Cover", StockPane.cover(f.daysOfCover)))
        out.append(field("Reorder point", "\(f.reorderPoint)" + (f.reorderPointIsDerived ? " (demand × lead time + safety)" : "")))
        out.append(field("Suggested qty", "\(f.suggestedQty)"))
        out.append(field("Supplier", item.supplier ?? "—"))
        out.append(field("Lead time", item.leadTimeDays.map { format1($0) + "d" } ?? "—"))
        out.append(field("Location", item.location ?? "—"))
        return out
    }

    func cart(_ c: Cart) -> [StyledLine] {
        var out: [StyledLine] = [
            field("Value", Money.format(c.valueMinor, c.currency)),
            field("Last activity", when(c.updatedAt)),
            field("Created", when(c.createdAt)),
            field("Reminders", "\(c.remindersSent) of \(store.settings.cartReminderMaxCount)" + (c.lastReminderAt.map { ", last " + when($0) } ?? "")),
            field("Marketing", c.acceptsMarketing.map { $0 ? "consented" : "no consent" } ?? "unknown"),
            [], heading("Lines"),
        ]
        for l in c.lines {
            out.append([Span("  " + l.sku.padding(12)), Span((l.name ?? "").padding(24)),
                        Span("\(l.qty)" + (l.unitPriceMinor.map { " × " + Money.format($0, c.currency) } ?? ""))])
        }
        out.append([])
        out += customer(c.customerID)
        return out
    }

    func ticket(_ t: Ticket) -> [StyledLine] {
        let sla = EscalationsPane.sla(t, store)
        var out: [StyledLine] = [
            field("Subject", t.subject),
            field("Priority", t.priority.rawValue + "  level \(t.level)" + (t.escalated ? "  escalated" : "")),
            field("Status", t.status.rawValue.replacingUnderscores),
            field("SLA", (t.nextSLADeadline.map { "\($0.kind.rawValue) due " + when($0.at) + "  " } ?? "") + sla.text, sla.role ?? .normal),
            field("Opened", when(t.openedAt)),
            field("Assignee", (t.assignee ?? "unassigned") + (t.group.map { " (\($0))" } ?? "")),
            field("Acknowledged", t.acknowledgedBy.map { "\($0) " + when(t.acknowledgedAt) } ?? "no"),
            field("Order", t.orderID.map { id in id + (facts.order(id: id).map { " — " + $0.status.rawValue.replacingUnderscores } ?? "") } ?? "—"),
            [],
        ]
        out += customer(t.customerID)
        return out
    }

    func format1(_ x: Double) -> String { String(Double(Int((x * 10).rounded())) / 10) }
}

extension String {
    /// Pads with spaces to at least `width` display columns.
    func padding(_ width: Int) -> String {
        let w = DisplayWidth.of(self)
        return w >= width ? self + " " : self + String(repeating: " ", count: width - w)
    }
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}

import OpsdeckModel

/// The store going about its day: orders arrive and move through the warehouse, stock sells and arrives,
/// carts are abandoned and recovered, tickets come in, escalate and get solved.
extension StoreSimulator {
    static let agents = HelpdeskPolicy.agents

    mutating func playActivity(now t: Int64) {
        if rng.chance(0.5) { placeOrder(now: t) }
        for _ in 0..<rng.int(0...2) { advanceOrder(now: t) }
        if rng.chance(0.3) { deliverOrder(now: t) }
        if rng.chance(0.02) { expediteIncoming(now: t) }
        updateCarts(now: t)
        updateTickets(now: t)
        dropOldOrders(now: t)
    }

    // MARK: orders

    func sellable() -> [CatalogItem] {
        let available = Dictionary(uniqueKeysWithValues: store.stock.map { ($0.sku, $0.status == .active ? $0.onHand - $0.reserved : 0) })
        return store.catalog.filter { available[$0.sku, default: 0] > 0 }
    }

    mutating func placeOrder(now t: Int64, customerID: String? = nil, cartLines: [CartLine]? = nil) {
        let items = sellable()
        guard !items.isEmpty else { return }
        let picker = ItemPicker(items)
        let id = mintOrderID()
        var lines: [OrderLine] = []
        if let cartLines {
            for l in cartLines { lines.append(OrderLine(lineID: "\(id)-\(lines.count + 1)", sku: l.sku, name: l.name, qty: l.qty,
                                                        unitPriceMinor: l.unitPriceMinor ?? 0)) }
        } else {
            for _ in 0..<(rng.weighted([55, 30, 15]) + 1) {
                let item = picker.pick(&rng)
                guard !lines.contains(where: { $0.sku == item.sku }) else { continue }
                lines.append(OrderLine(lineID: "\(id)-\(lines.count + 1)", sku: item.sku, name: item.name,
                                       qty: rng.weighted([85, 15]) + 1, unitPriceMinor: item.priceMinor))
            }
        }
        let code = rng.chance(0.2) ? rng.pick(DiscountCode.all) : nil
        if let code { for i in lines.indices { lines[i].discountMinor = lines[i].unitPriceMinor * Int64(lines[i].qty) * code.percent / 100 } }
        let total = lines.reduce(0) { $0 + $1.unitPriceMinor * Int64($1.qty) - $1.discountMinor }
        let customer = customerID.flatMap { id in store.customers.first { $0.id == id } } ?? rng.pick(store.customers)
        let express = rng.chance(0.1)
        let shipBy = express ? t + 3 * 3600 : calendar.shipBy(placedAt: t)
        let pending = rng.chance(0.1)
        store.orders.append(Order(
            id: id, number: "#\(id)", customerID: customer.id, placedAt: calendar.local(t), status: pending ? .pending : .paid,
            totalMinor: total, currency: store.settings.currency, lines: lines, paidMinor: pending ? 0 : total,
            financialStatus: pending ? "pending" : "paid", channel: [SalesChannel.web, .mobile, .marketplace][rng.weighted([62, 28, 10])],
            shipBy: calendar.local(shipBy), deliverBy: calendar.local(shipBy + (express ? 1 : 3) * 86400),
            serviceLevel: express ? "express" : "standard", priority: customer.isVIP || express ? "high" : nil,
            discountCodes: code.map { [$0.code] } ?? []))
        for l in lines { adjustStock(l.sku) { $0.reserved += l.qty } }
        dirty.formUnion([.orders, .stock])
    }

    /// One order one step further: pending → paid → picking → packed → shipped; holds are sometimes released.
    mutating func advanceOrder(now t: Int64) {
        let candidates = store.orders.indices.filter { store.orders[$0].status.isOpen }
        guard !candidates.isEmpty else { return }
        let i = rng.pick(candidates)
        var o = store.orders[i]
        switch o.status {
        case .pending: o.status = .paid; o.paidMinor = o.totalMinor; o.financialStatus = "paid"
        case .paid: o.status = .picking
        case .picking: o.status = .packed
        case .packed:
            o.status = .shipped
            for j in o.lines.indices {
                let l = o.lines[j]
                o.lines[j].fulfilledQty = l.qty
                adjustStock(l.sku) { $0.onHand = max(0, $0.onHand - l.qty); $0.reserved = max(0, $0.reserved - l.qty) }
            }
            let carrier = rng.pick(["UPS", "USPS", "FedEx", "DHL"])
            let number = (0..<12).map { _ in String(rng.int(0...9)) }.joined()
            o.tracking = [Shipment(carrier: carrier, number: number, status: "in_transit",
                                   eta: calendar.local(t + 3 * 86400), lastEventAt: calendar.local(t))]
        case .onHold:
            // Fraud and address checks clear now and then; stock-outs clear when stock is there.
            let waitingFor = o.holdReason == "awaiting stock" ? o.lines.map(\.sku) : []
            let inStock = waitingFor.allSatisfy { sku in store.stock.contains { $0.sku == sku && $0.onHand - $0.reserved > 0 } }
            guard inStock && rng.chance(0.3) else { return }
            if !waitingFor.isEmpty { for l in o.lines { adjustStock(l.sku) { $0.reserved += l.qty } } }
            o.status = .paid; o.holdReason = nil
        default: return
        }
        store.orders[i] = o
        dirty.formUnion([.orders, .stock])
    }

    mutating func deliverOrder(now t: Int64) {
        let shipped = store.orders.indices.filter { store.orders[$0].status == .shipped }
        guard !shipped.isEmpty else { return }
        let i = rng.pick(shipped)
        store.orders[i].status = .delivered
        for j in store.orders[i].tracking.indices {
            store.orders[i].tracking[j].status = "delivered"
            store.orders[i].tracking[j].lastEventAt = calendar.local(t)
        }
        dirty.insert(.orders)
    }

    /// `orders.json` holds two days of closed orders, as the exporter's window does.
    mutating func dropOldOrders(now t: Int64) {
        let before = store.orders.count
        store.orders.removeAll { !$0.status.isOpen && $0.status != .shipped && t - $0.placedAt.epochSeconds > DemoStoreBuilder.recentWindow }
        if store.orders.count != before { dirty.insert(.orders) }
    }

    // MARK: stock

    mutating func adjustStock(_ sku: String, _ change: (inout StockItem) -> Void) {
        guard let i = store.stock.firstIndex(where: { $0.sku == sku }) else { return }
        change(&store.stock[i])
        dirty.insert(.stock)
    }

    /// Purchase orders whose ETA has come are received: on-hand rises, incoming falls.
    mutating func receiveDeliveries(now t: Int64) {
        for i in store.stock.indices where store.stock[i].incomingDetail.contains(where: { ($0.eta?.epochSeconds ?? .max) <= t }) {
            let arrived = store.stock[i].incomingDetail.filter { ($0.eta?.epochSeconds ?? .max) <= t }
            let qty = arrived.reduce(0) { $0 + $1.qty }
            store.stock[i].incomingDetail.removeAll { ($0.eta?.epochSeconds ?? .max) <= t }
            store.stock[i].onHand += qty
            store.stock[i].incoming = max(0, store.stock[i].incoming - qty)
            dirty.insert(.stock)
        }
    }

    /// Now and then a supplier ships early, so the demo's purchase orders visibly land.
    mutating func expediteIncoming(now t: Int64) {
        let waiting = store.stock.indices.filter { i in store.stock[i].incomingDetail.contains { $0.actionID == nil } }
        guard !waiting.isEmpty else { return }
        let i = rng.pick(waiting)
        let j = store.stock[i].incomingDetail.firstIndex { $0.actionID == nil }!
        store.stock[i].incomingDetail[j].eta = calendar.local(t)
        receiveDeliveries(now: t)
    }

    // MARK: carts

    mutating func updateCarts(now t: Int64) {
        let abandonAfter = store.settings.cartAbandonAfterSeconds
        for i in store.carts.indices {
            let c = store.carts[i]
            let idle = t - c.updatedAt.epochSeconds
            if c.status == .open && idle > abandonAfter { store.carts[i].status = .abandoned; dirty.insert(.carts) }
            if c.status == .abandoned && idle > 7 * 86400 { store.carts[i].status = .expired; dirty.insert(.carts) }
        }
        if rng.chance(0.15) { newCart(now: t, idle: 0, status: .open) }
        // The cart sync runs behind: a cart idle for an hour or two shows up already abandoned.
        if rng.chance(0.1) { newCart(now: t, idle: rng.int64(61 * 60...180 * 60), status: .abandoned) }
        let abandoned = store.carts.indices.filter { store.carts[$0].status == .abandoned && store.carts[$0].customerID != nil }
        if rng.chance(0.06), !abandoned.isEmpty {
            let i = rng.pick(abandoned)
            placeOrder(now: t, customerID: store.carts[i].customerID, cartLines: store.carts[i].lines)
            store.carts[i].status = .recovered
            store.carts[i].recoveredOrderID = store.orders.last?.id
            store.carts[i].updatedAt = calendar.local(t)
            dirty.insert(.carts)
        }
        let before = store.carts.count
        store.carts.removeAll { $0.status == .expired && t - $0.updatedAt.epochSeconds > 14 * 86400 }
        if store.carts.count != before { dirty.insert(.carts) }
    }

    mutating func newCart(now t: Int64, idle: Int64, status: CartStatus) {
        let items = sellable()
        guard !items.isEmpty else { return }
        let picker = ItemPicker(items)
        var lines: [CartLine] = []
        for _ in 0..<(rng.weighted([50, 30, 20]) + 1) {
            let item = picker.pick(&rng)
            if !lines.contains(where: { $0.sku == item.sku }) {
                lines.append(CartLine(sku: item.sku, name: item.name, qty: 1, unitPriceMinor: item.priceMinor))
            }
        }
        let customer: Customer? = rng.chance(0.75) ? rng.pick(store.customers) : nil
        let updated = t - idle
        store.carts.append(Cart(
            id: "K-\(7000 + mintRef())", updatedAt: calendar.local(updated),
            valueMinor: lines.reduce(0) { $0 + ($1.unitPriceMinor ?? 0) * Int64($1.qty) }, currency: store.settings.currency,
            lines: lines, customerID: customer?.id, email: customer?.email, acceptsMarketing: customer?.acceptsMarketing ?? false,
            createdAt: calendar.local(updated - rng.int64(120...1800)), status: status))
        dirty.insert(.carts)
    }

    // MARK: tickets

    mutating func updateTickets(now t: Int64) {
        let open = store.tickets.indices.filter { !store.tickets[$0].status.isResolved }
        if rng.chance(0.06) { newTicket(now: t) }
        guard !open.isEmpty else { return }
        if rng.chance(0.05) {
            // Escalation: up a level, and up a priority once it reaches tier 2.
            let i = rng.pick(open)
            var tk = store.tickets[i]
            guard tk.level < 4 else { return }
            tk.level += 1; tk.escalated = true
            tk.group = HelpdeskPolicy.groups[min(tk.level, 3)]
            tk.acknowledgedBy = nil; tk.acknowledgedAt = nil
            if tk.level >= 2 && tk.priority < .urgent { tk.priority = TicketPriority.allCases[tk.priority.rank + 1] }
            store.tickets[i] = tk
            dirty.insert(.tickets)
        }
        if rng.chance(0.04) {
            let unacked = open.filter { store.tickets[$0].escalated && store.tickets[$0].acknowledgedBy == nil }
            if !unacked.isEmpty {
                let i = rng.pick(unacked)
                store.tickets[i].acknowledgedBy = rng.pick(Self.agents)
                store.tickets[i].acknowledgedAt = calendar.local(t)
                dirty.insert(.tickets)
            }
        }
        if rng.chance(0.06) {
            // An agent replies: the first-reply clock stops and the next reply is due later.
            let i = rng.pick(open)
            store.tickets[i].status = store.tickets[i].status == .new ? .open : .pending
            store.tickets[i].firstReplyDue = nil
            store.tickets[i].nextReplyDue = calendar.local(t + HelpdeskPolicy.firstReplyHours(store.tickets[i].priority) * 3600 * 2)
            store.tickets[i].assignee = store.tickets[i].assignee ?? rng.pick(Self.agents)
            dirty.insert(.tickets)
        }
        if rng.chance(0.04) {
            store.tickets[rng.pick(open)].status = .solved
            dirty.insert(.tickets)
        }
        let before = store.tickets.count
        store.tickets.removeAll { $0.status.isResolved && t - $0.openedAt.epochSeconds > 3 * 86400 }
        if store.tickets.count != before { dirty.insert(.tickets) }
    }

    mutating func newTicket(now t: Int64) {
        let order: Order? = rng.chance(0.7) && !store.orders.isEmpty ? rng.pick(store.orders) : nil
        let priority = TicketPriority.allCases[rng.weighted([2, 5, 3, 1])]
        store.tickets.append(Ticket(
            id: "T-\(9000 + mintRef())", subject: rng.pick(HelpdeskPolicy.subjects(order: order?.displayNumber)),
            priority: priority, status: .new, openedAt: calendar.local(t),
            customerID: order?.customerID ?? rng.pick(store.customers).id, orderID: order?.id,
            channel: TicketChannel.allCases[rng.weighted([5, 2, 3, 1])],
            firstReplyDue: calendar.local(t + HelpdeskPolicy.firstReplyHours(priority) * 3600),
            resolutionDue: calendar.local(t + HelpdeskPolicy.resolutionHours(priority) * 3600),
            group: HelpdeskPolicy.groups[0], lastCustomerMessageAt: calendar.local(t)))
        dirty.insert(.tickets)
    }
}

import OpsdeckModel

/// Chooses SKUs in proportion to their popularity.
struct ItemPicker {
    let items: [CatalogItem]
    private let cumulative: [Double]

    init(_ items: [CatalogItem]) {
        self.items = items
        var sum = 0.0
        cumulative = items.map { sum += $0.popularity; return sum }
    }

    func pick(_ rng: inout DemoRandom) -> CatalogItem {
        let r = rng.double(0...cumulative[cumulative.count - 1])
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < r { lo = mid + 1 } else { hi = mid }
        }
        return items[lo]
    }
}

enum DiscountCode {
    static let all: [(code: String, percent: Int64)] = [
        ("WELCOME10", 10), ("TRAIL15", 15), ("SPRING20", 20), ("FLASH25", 25), ("BFCM30", 30),
    ]
}

extension DemoStoreBuilder {
    /// Orders younger than this are in `orders.json`; older ones in `order_history.json`.
    static let recentWindow: Int64 = 48 * 3600
    /// When people shop, by local hour.
    static let hourWeights: [Double] = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 5, 6, 7, 8, 8, 7, 5, 3]

    /// A plausible moment to shop between `from` and `to`.
    mutating func shoppingTime(from: Int64, to: Int64) -> Int64 {
        let first = calendar.localDay(from).day, last = calendar.localDay(to).day
        let day = first + Int64(rng.int(0...Int(last - first)))
        let minute = rng.weighted(Self.hourWeights) * 60 + rng.int(0...59)
        return min(max(calendar.instant(day: day, minutes: minute) + Int64(rng.int(0...59)), from), to)
    }

    /// A paid order of `customer`'s habits; callers then set its status.
    mutating func buildOrder(id: String, customer: DemoCustomer, placedAt: Int64, picker: ItemPicker, premium: ItemPicker) -> Order {
        let persona = customer.persona
        let lineCount = persona == .bigSpender ? rng.int(1...3) : rng.weighted([50, 30, 14, 6]) + 1
        let code = rng.chance(persona.discountRate) ? rng.pick(DiscountCode.all) : nil
        var lines: [OrderLine] = []
        for _ in 0..<lineCount {
            let fancy = persona == .bigSpender || (persona == .vip && rng.chance(0.4))
            let item = fancy ? premium.pick(&rng) : picker.pick(&rng)
            guard !lines.contains(where: { $0.sku == item.sku }) else { continue }
            let qty = rng.weighted([80, 15, 5]) + 1
            var unit = item.priceMinor
            var compareAt: Int64?
            if persona == .discountHunter && rng.chance(0.3) { compareAt = unit; unit = unit * 80 / 100 }
            let discount = code.map { unit * Int64(qty) * $0.percent / 100 } ?? 0
            lines.append(OrderLine(lineID: "\(id)-\(lines.count + 1)", sku: item.sku, name: item.name, qty: qty,
                                   unitPriceMinor: unit, discountMinor: discount, compareAtMinor: compareAt))
        }
        let total = lines.reduce(0) { $0 + $1.unitPriceMinor * Int64($1.qty) - $1.discountMinor }
        let shipBy = calendar.shipBy(placedAt: placedAt)
        return Order(id: id, number: "#\(id)", customerID: customer.customer.id, placedAt: local(placedAt), status: .paid,
                     totalMinor: total, currency: settings.currency, lines: lines, paidMinor: total, financialStatus: "paid",
                     channel: [SalesChannel.web, .mobile, .marketplace][rng.weighted([62, 28, 10])],
                     shipBy: local(shipBy), deliverBy: local(shipBy + 3 * 86400), serviceLevel: "standard",
                     priority: persona == .vip ? "high" : nil, discountCodes: code.map { [$0.code] } ?? [])
    }

    // MARK: history

    mutating func makeHistory(days: Int) {
        let picker = ItemPicker(catalog), premium = ItemPicker(catalog.filter { $0.priceMinor >= 10_000 })
        let start = now - Int64(days) * 86400, end = now - Self.recentWindow
        var drafts: [(at: Int64, customer: Int)] = []
        for i in customers.indices {
            for _ in 0..<customers[i].persona.orderCount(&rng) { drafts.append((shoppingTime(from: start, to: end), i)) }
        }
        drafts.sort { ($0.at, $0.customer) < ($1.at, $1.customer) }
        for d in drafts {
            var o = buildOrder(id: mintOrderID(), customer: customers[d.customer], placedAt: d.at, picker: picker, premium: premium)
            o.status = .delivered
            for i in o.lines.indices { o.lines[i].fulfilledQty = o.lines[i].qty }
            switch rng.weighted([91, 3, 4, 2]) {
            case 1:
                o.status = .cancelled; o.paidMinor = 0; o.financialStatus = "voided"
                for i in o.lines.indices { o.lines[i].fulfilledQty = 0 }
            case 2: refund(&o, amount: o.lines[0].unitPriceMinor - o.lines[0].discountMinor / Int64(o.lines[0].qty),
                           at: d.at + Int64(rng.int(3...20)) * 86400, refundLine: true)
            case 3: refund(&o, amount: o.totalMinor, at: d.at + Int64(rng.int(3...20)) * 86400, refundLine: false)
            default: break
            }
            history.append(o)
        }
    }

    /// Records a refund the ERP has already paid out (not one made by opsdeck, so no action id).
    mutating func refund(_ o: inout Order, amount: Int64, at: Int64, refundLine: Bool) {
        let amount = min(amount, o.capturedMinor - o.refundedMinor)
        guard amount > 0 else { return }
        o.refunds.append(AppliedRefund(id: "RF-\(o.id)-\(o.refunds.count + 1)", amountMinor: amount, at: local(min(at, now))))
        o.refundedMinor += amount
        o.financialStatus = o.refundedMinor >= o.capturedMinor ? "refunded" : "partially_refunded"
        if refundLine { o.lines[0].refundedQty = 1 }
    }

    // MARK: the last two days

    enum RecentKind { case closed, late, express, awaitingStock, regular }

    /// ~`open` open orders (some late, some at risk, a few on hold) plus the last two days' shipped ones.
    mutating func makeRecentOrders(open: Int) {
        let buyers = customers.indices.filter { ![.firstTimer, .cartAbandoner].contains(customers[$0].persona) }
        let available = catalog.filter { !outOfStock.contains($0.sku) }
        let picker = ItemPicker(available), premium = ItemPicker(available.filter { $0.priceMinor >= 10_000 })
        let cutoff = calendar.lastCutoff(before: now), earlierCutoff = calendar.lastCutoff(before: cutoff)
        var drafts: [(at: Int64, customer: Int, kind: RecentKind)] = []
        func add(_ n: Int, _ kind: RecentKind, _ at: (inout DemoStoreBuilder) -> Int64) {
            for _ in 0..<n { drafts.append((at(&self), rng.pick(buyers), kind)) }
        }
        add(70, .closed) { $0.now - $0.rng.int64(2 * 3600...Self.recentWindow) }
        add(8, .late) { b in (b.rng.chance(0.7) ? cutoff : earlierCutoff) - b.rng.int64(3600...6 * 3600) }
        add(6, .express) { $0.now - $0.rng.int64(20 * 60...170 * 60) }
        add(4, .awaitingStock) { $0.now - $0.rng.int64(3 * 3600...30 * 3600) }
        let regularFrom = max(cutoff, now - 60 * 3600) + 60
        add(open - 18, .regular) { $0.shoppingTime(from: regularFrom, to: $0.now - 60) }
        drafts.sort { ($0.at, $0.customer) < ($1.at, $1.customer) }

        var refundedOpen = 0, refundedClosed = 0
        for d in drafts {
            var o = buildOrder(id: mintOrderID(), customer: customers[d.customer], placedAt: d.at, picker: picker, premium: premium)
            switch d.kind {
            case .closed:
                closeRecent(&o, placedAt: d.at)
                if o.status == .shipped && refundedClosed < 3 {
                    refundedClosed += 1
                    refund(&o, amount: o.totalMinor / 4, at: now - 1800, refundLine: false)
                }
            case .late:
                o.status = [.paid, .picking, .packed][rng.weighted([5, 3, 1])]
            case .express:
                o.serviceLevel = "express"; o.priority = "high"
                o.shipBy = local(d.at + 3 * 3600); o.deliverBy = local(d.at + 27 * 3600)
                o.status = rng.chance(0.5) ? .paid : .picking
            case .awaitingStock:
                let sku = rng.pick(outOfStock.sorted())
                let item = catalog.first { $0.sku == sku }!
                o.lines.append(OrderLine(lineID: "\(o.id)-\(o.lines.count + 1)", sku: item.sku, name: item.name, qty: 1,
                                         unitPriceMinor: item.priceMinor))
                o.totalMinor += item.priceMinor; o.paidMinor = o.totalMinor
                o.status = .onHold; o.holdReason = "awaiting stock"
            case .regular:
                switch rng.weighted([4, 45, 25, 20, 6]) {
                case 0: o.status = .pending; o.paidMinor = 0; o.financialStatus = "pending"
                case 1: o.status = .paid
                case 2: o.status = .picking
                case 3: o.status = .packed
                default: o.status = .onHold; o.holdReason = rng.pick(["fraud review", "address verification"])
                }
                if o.status == .packed && refundedOpen < 2 {
                    refundedOpen += 1
                    refund(&o, amount: o.totalMinor / 10, at: now - 600, refundLine: false)
                }
            }
            orders.append(o)
        }
    }

    /// Shipped (with tracking) or, after a day, delivered; a few cancelled.
    mutating func closeRecent(_ o: inout Order, placedAt: Int64) {
        if rng.chance(0.03) {
            o.status = .cancelled; o.paidMinor = 0; o.financialStatus = "voided"
            return
        }
        let shippedAt = min(placedAt + rng.int64(2 * 3600...20 * 3600), now - 600)
        for i in o.lines.indices { o.lines[i].fulfilledQty = o.lines[i].qty }
        let delivered = now - placedAt > 26 * 3600 && rng.chance(0.5)
        o.status = delivered ? .delivered : .shipped
        o.tracking = [trackingFor(shippedAt: shippedAt, delivered: delivered)]
    }

    mutating func trackingFor(shippedAt: Int64, delivered: Bool) -> Shipment {
        let carrier = rng.pick(["UPS", "USPS", "FedEx", "DHL"])
        let number = (0..<12).map { _ in String(rng.int(0...9)) }.joined()
        let eta = shippedAt + 3 * 86400
        return Shipment(carrier: carrier, number: "\(carrier == "UPS" ? "1Z" : "")\(number)",
                        status: delivered ? "delivered" : rng.pick(["in_transit", "in_transit", "out_for_delivery"]),
                        eta: local(eta), lastEventAt: local(min(shippedAt + rng.int64(600...20 * 3600), now - 60)))
    }
}

/// Everything derived from one snapshot: indexes, per-customer history, stock figures and the KPIs.
/// The UI builds it once per new snapshot (the O(orders) work happens here, in a few passes) and calls
/// `retimed(to:)` on clock ticks, which only redoes the cheap time-dependent KPIs.
///
/// Per-row queries use `now` and the snapshot's settings; the building blocks they call
/// (`Order.urgency`, `Cart.isAbandoned`, `Ticket.slaState`, `StockFigures`) are public too.
public struct StoreFacts: Sendable {
    public let snapshot: StoreSnapshot
    public let policy: MetricPolicy
    public let calendar: StoreCalendar
    /// The instant the time-dependent figures refer to.
    public private(set) var now: Timestamp
    public private(set) var kpis: StoreKPIs

    /// Stock figures, one per `snapshot.stock` element, same order.
    public let stockFigures: [StockFigures]
    /// Indices into `snapshot.orders` of the open orders.
    public let openOrderIndices: [Int]

    let orderIndex: IDIndex
    let stockIndex: IDIndex
    let customerIndex: IDIndex
    let customerStatsIndex: IDIndex
    let customerStats: [CustomerStats]
    /// Sorted `ship_by` millis of open orders, for counting late/at-risk orders at any instant.
    let openShipByMillis: [Int64]
    /// Non-cancelled orders of `orders.json` by `placed_at`, with running totals, for "today".
    let placedMillis: [Int64]
    let placedRunningTotal: [Int64]
    let averageLTV: Int64?
    /// Carts that are or will become abandoned: the millisecond from which each counts as abandoned
    /// (sorted; `Int64.min` when the ERP already says so), with running value totals.
    let abandonFromMillis: [Int64]
    let abandonRunningValue: [Int64]
    let recoveredCartCount: Int
    /// Next SLA deadline of each unresolved ticket (sorted millis; tickets without one are only counted).
    let ticketDeadlineMillis: [Int64]
    let openTicketCount: Int
    /// Active items out of stock / below their reorder point (stock levels do not depend on `now`).
    let outOfStockCount: Int
    let belowReorderCount: Int

    public init(snapshot: StoreSnapshot, now: Timestamp, policy: MetricPolicy = MetricPolicy()) {
        self.snapshot = snapshot; self.policy = policy; self.now = now
        calendar = StoreCalendar(settings: snapshot.settings)
        let settings = snapshot.settings

        let orders = snapshot.orders
        let orderIndexes = Concurrently(inBackground: orders.count >= 20_000) { OrderIndexes(orders: orders) }
        let customerIndex = Self.index(snapshot.customers) { $0.id }
        self.customerIndex = customerIndex
        let stockIndex = Self.index(snapshot.stock) { $0.sku }
        self.stockIndex = stockIndex

        // Non-cancelled orders of orders.json and order_history.json, each order once (orders.json wins:
        // it is the newer state). Orders are visited in place: copying one out would retain its dozen
        // strings and arrays, which at 100k orders costs more than everything else here together.
        // (The body gets the buffer and an index, not an `Order`: passing the element itself makes a copy.)
        func forEachCountedOrder(_ body: (UnsafeBufferPointer<Order>, Int) -> Void) {
            snapshot.orders.withUnsafeBufferPointer { buf in
                for i in buf.indices where buf[i].status != .cancelled { body(buf, i) }
            }
            guard !snapshot.orderHistory.isEmpty else { return }
            let orderIndex = orderIndexes.value.byID
            snapshot.orderHistory.withUnsafeBufferPointer { buf in
                for i in buf.indices where buf[i].status != .cancelled && orderIndex[buf[i].id] == nil { body(buf, i) }
            }
        }

        // Units sold per SKU (at its `stockIndex` position) over the demand window, needed only for items
        // whose demand is not given.
        var unitsSold = [Int](repeating: 0, count: snapshot.stock.count)
        if snapshot.stock.contains(where: { $0.dailyDemand == nil }) {
            let from = now.adding(seconds: -Int64(policy.demandWindowDays) * 86400)
            forEachCountedOrder { o, i in
                guard o[i].placedAt >= from && o[i].placedAt <= now else { return }
                o[i].lines.withUnsafeBufferPointer { lines in
                    for j in lines.indices {
                        if let k = stockIndex[lines[j].sku] { unitsSold[k] += lines[j].qty }
                    }
                }
            }
        }
        let figures = snapshot.stock.map { StockFigures(item: $0, unitsSold: unitsSold[stockIndex[$0.sku]!], policy: policy) }
        stockFigures = figures
        var out = 0, low = 0
        snapshot.stock.withUnsafeBufferPointer { items in
            for i in items.indices where items[i].status == .active {
                if figures[i].level == .out { out += 1 } else if figures[i].level == .low { low += 1 }
            }
        }
        outOfStockCount = out
        belowReorderCount = low

        // Per-customer history.
        var statsIndex = IDIndex(minimumCapacity: snapshot.customers.count)
        var stats: [CustomerStats] = []
        func slot(_ id: String) -> Int {
            if let i = statsIndex.insertIfAbsent(stats.count, forKey: id) { return i }
            stats.append(CustomerStats(customerID: id))
            return stats.count - 1
        }
        forEachCountedOrder { o, i in
            let k = slot(o[i].customerID)
            // `netCapturedMinor` and `isDiscounted` spelled out on fields: calling them would copy the order.
            let captured = o[i].paidMinor ?? (o[i].status.isPastPending ? o[i].totalMinor : 0)
            stats[k].add(total: o[i].totalMinor, net: max(0, captured - o[i].refundedMinor),
                         discounted: Order.isDiscounted(codes: o[i].discountCodes, lines: o[i].lines), placedAt: o[i].placedAt)
        }
        snapshot.carts.withUnsafeBufferPointer { carts in
            for i in carts.indices {
                if let id = carts[i].customerID, carts[i].isAbandoned(now: now, abandonAfterSeconds: settings.cartAbandonAfterSeconds) {
                    stats[slot(id)].abandonedCartCount += 1
                }
            }
        }
        var ltvs: [Int64] = []
        ltvs.reserveCapacity(stats.count)
        for s in stats where s.orderCount > 0 { ltvs.append(s.lifetimeValueMinor) }
        averageLTV = ltvs.isEmpty ? nil : ltvs.reduce(0, +) / Int64(ltvs.count)
        ltvs.sort()
        let thresholds = SegmentThresholds(sortedLTVs: ltvs, policy: policy)
        for i in stats.indices {
            let tagged = customerIndex[stats[i].customerID].map { snapshot.customers[$0].isVIP } ?? false
            stats[i].segments = thresholds.segments(of: stats[i], taggedVIP: tagged, policy: policy)
        }
        // Customers tagged VIP with no orders or carts still get their badge.
        for c in snapshot.customers where c.isVIP && statsIndex[c.id] == nil {
            var s = CustomerStats(customerID: c.id)
            s.segments = thresholds.segments(of: s, taggedVIP: true, policy: policy)
            statsIndex.updateValue(stats.count, forKey: c.id)
            stats.append(s)
        }
        customerStats = stats
        customerStatsIndex = statsIndex

        // Carts and tickets as instants, so retiming needs no pass over them.
        var abandonFrom: [(Int64, Int64)] = []
        var recovered = 0
        let idleMillis = (settings.cartAbandonAfterSeconds + 1) * 1000   // idle > threshold, in whole seconds
        snapshot.carts.withUnsafeBufferPointer { carts in
            for i in carts.indices {
                if carts[i].recoveredOrderID != nil || carts[i].status == .recovered { recovered += 1; continue }
                if carts[i].status == .expired { continue }
                let from = carts[i].status == .abandoned ? Int64.min : carts[i].updatedAt.epochMillis + idleMillis
                abandonFrom.append((from, carts[i].valueMinor))
            }
        }
        abandonFrom.sort { $0.0 < $1.0 }
        abandonFromMillis = abandonFrom.map(\.0)
        var value: Int64 = 0
        abandonRunningValue = abandonFrom.map { value += $0.1; return value }
        recoveredCartCount = recovered
        var deadlines: [Int64] = []
        var openTickets = 0
        snapshot.tickets.withUnsafeBufferPointer { tickets in
            for i in tickets.indices where !tickets[i].status.isResolved {
                openTickets += 1
                if let d = tickets[i].nextSLADeadline { deadlines.append(d.at.epochMillis) }
            }
        }
        ticketDeadlineMillis = deadlines.sorted()
        openTicketCount = openTickets

        // Open orders and their deadlines; today's orders by placement time.
        let o = orderIndexes.value
        orderIndex = o.byID
        openOrderIndices = o.open
        openShipByMillis = o.openShipByMillis
        placedMillis = o.placedMillis
        placedRunningTotal = o.placedRunningTotal

        kpis = StoreKPIs()
        kpis = computeKPIs()
    }

    /// The same facts at a later instant: recomputes the KPIs only (binary searches, no pass over the
    /// records). Demand and segments stay as of the snapshot's build.
    public func retimed(to now: Timestamp) -> StoreFacts {
        var f = self
        f.now = now
        f.kpis = f.computeKPIs()
        return f
    }

    // MARK: lookups

    public func order(id: String) -> Order? { orderIndex[id].map { snapshot.orders[$0] } }
    public func stockItem(sku: String) -> StockItem? { stockIndex[sku].map { snapshot.stock[$0] } }
    public func stockFigures(sku: String) -> StockFigures? { stockIndex[sku].map { stockFigures[$0] } }
    public func customer(id: String) -> Customer? { customerIndex[id].map { snapshot.customers[$0] } }
    /// History of a customer id seen in orders, carts or `customers.json` (VIP-tagged); nil otherwise.
    public func stats(customerID: String?) -> CustomerStats? {
        customerID.flatMap { customerStatsIndex[$0] }.map { customerStats[$0] }
    }
    /// The customer's worth for ranking ties: lifetime value, 0 when unknown.
    public func lifetimeValue(customerID: String?) -> Int64 { stats(customerID: customerID)?.lifetimeValueMinor ?? 0 }

    // MARK: per-row metrics at `now`

    public func urgency(_ order: Order) -> OrderUrgency {
        order.urgency(now: now, atRiskSeconds: snapshot.settings.atRiskSeconds)
    }
    public func isAbandoned(_ cart: Cart) -> Bool {
        cart.isAbandoned(now: now, abandonAfterSeconds: snapshot.settings.cartAbandonAfterSeconds)
    }
    public func slaState(_ ticket: Ticket) -> SLAState {
        ticket.slaState(now: now, warningSeconds: snapshot.settings.slaWarningSeconds)
    }

    // MARK: building blocks

    static func index<T>(_ items: [T], _ key: (T) -> String) -> IDIndex {
        var d = IDIndex(minimumCapacity: items.count)
        items.withUnsafeBufferPointer { buf in
            for i in buf.indices { d.updateValue(i, forKey: key(buf[i])) }   // duplicates: the last wins, as in decoding
        }
        return d
    }

    /// Number of elements of ascending `a` below `x`.
    static func countBelow(_ a: [Int64], _ x: Int64) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) / 2; if a[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    func computeKPIs() -> StoreKPIs {
        let s = snapshot.settings
        var k = StoreKPIs()
        let dayStart = calendar.startOfDay(containing: now)
        let dayEnd = calendar.instant(day: calendar.localDay(of: now) + 1, secondsIntoDay: 0)
        let a = Self.countBelow(placedMillis, dayStart.epochMillis)
        let b = Self.countBelow(placedMillis, dayEnd.epochMillis)
        k.ordersToday = b - a
        k.revenueTodayMinor = (b > 0 ? placedRunningTotal[b - 1] : 0) - (a > 0 ? placedRunningTotal[a - 1] : 0)

        k.openOrders = openOrderIndices.count
        k.openOrdersWithShipBy = openShipByMillis.count
        k.lateOrders = Self.countBelow(openShipByMillis, now.epochMillis)
        k.atRiskOrders = Self.countBelow(openShipByMillis, now.epochMillis + s.atRiskSeconds * 1000) - k.lateOrders

        k.outOfStock = outOfStockCount
        k.belowReorderPoint = belowReorderCount
        // Abandoned: abandon instant ≤ now. Breached: deadline ≤ now; soon: less than the warning left.
        let abandoned = Self.countBelow(abandonFromMillis, now.epochMillis + 1)
        k.abandonedCarts = abandoned
        k.abandonedCartValueMinor = abandoned > 0 ? abandonRunningValue[abandoned - 1] : 0
        k.recoveredCarts = recoveredCartCount
        k.openTickets = openTicketCount
        k.slaBreaches = Self.countBelow(ticketDeadlineMillis, now.epochMillis + 1)
        k.slaBreachingSoon = Self.countBelow(ticketDeadlineMillis, now.epochMillis + s.slaWarningSeconds * 1000) - k.slaBreaches
        k.averageLifetimeValueMinor = averageLTV
        k.nextCutoff = calendar.nextDispatchCutoff(after: now)
        k.secondsToCutoff = k.nextCutoff.map { now.seconds(until: $0) }
        return k
    }
}

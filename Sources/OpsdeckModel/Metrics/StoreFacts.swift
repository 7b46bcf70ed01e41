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

    let orderIndex: [String: Int]
    let stockIndex: [String: Int]
    let customerIndex: [String: Int]
    let customerStatsIndex: [String: Int]
    let customerStats: [CustomerStats]
    /// Sorted `ship_by` millis of open orders, for counting late/at-risk orders at any instant.
    let openShipByMillis: [Int64]
    /// Non-cancelled orders of `orders.json` by `placed_at`, with running totals, for "today".
    let placedMillis: [Int64]
    let placedRunningTotal: [Int64]
    let averageLTV: Int64?

    public init(snapshot: StoreSnapshot, now: Timestamp, policy: MetricPolicy = MetricPolicy()) {
        self.snapshot = snapshot; self.policy = policy; self.now = now
        calendar = StoreCalendar(settings: snapshot.settings)
        let settings = snapshot.settings

        let orderIndex = Self.index(snapshot.orders) { $0.id }
        let customerIndex = Self.index(snapshot.customers) { $0.id }
        self.orderIndex = orderIndex
        self.customerIndex = customerIndex
        stockIndex = Self.index(snapshot.stock) { $0.sku }

        // Orders and history together, each order once (orders.json wins: it is the newer state).
        let history: [Order]
        if snapshot.orderHistory.isEmpty { history = [] } else {
            history = snapshot.orderHistory.filter { orderIndex[$0.id] == nil }
        }

        // Units sold per SKU over the demand window, only for items whose demand is not given.
        var unitsSold: [String: Int] = [:]
        for item in snapshot.stock where item.dailyDemand == nil { unitsSold[item.sku] = 0 }
        if !unitsSold.isEmpty {
            let from = now.adding(seconds: -Int64(policy.demandWindowDays) * 86400)
            for list in [snapshot.orders, history] {
                for o in list where o.status != .cancelled && o.placedAt >= from && o.placedAt <= now {
                    for line in o.lines {
                        if let i = unitsSold.index(forKey: line.sku) { unitsSold.values[i] += line.qty }
                    }
                }
            }
        }
        stockFigures = snapshot.stock.map { StockFigures(item: $0, unitsSold: unitsSold[$0.sku] ?? 0, policy: policy) }

        // Per-customer history.
        var statsIndex: [String: Int] = [:]
        var stats: [CustomerStats] = []
        func slot(_ id: String) -> Int {
            if let i = statsIndex[id] { return i }
            stats.append(CustomerStats(customerID: id)); statsIndex[id] = stats.count - 1
            return stats.count - 1
        }
        for list in [snapshot.orders, history] {
            for o in list where o.status != .cancelled { stats[slot(o.customerID)].add(o) }
        }
        for c in snapshot.carts {
            if let id = c.customerID, c.isAbandoned(now: now, abandonAfterSeconds: settings.cartAbandonAfterSeconds) {
                stats[slot(id)].abandonedCartCount += 1
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
            stats.append(s); statsIndex[c.id] = stats.count - 1
        }
        customerStats = stats
        customerStatsIndex = statsIndex

        // Open orders and their deadlines; today's orders by placement time.
        var open: [Int] = []
        var shipBy: [Int64] = []
        var placed: [(Int64, Int64)] = []
        placed.reserveCapacity(snapshot.orders.count)
        for (i, o) in snapshot.orders.enumerated() {
            if o.status.isOpen {
                open.append(i)
                if let d = o.shipBy { shipBy.append(d.epochMillis) }
            }
            if o.status != .cancelled { placed.append((o.placedAt.epochMillis, o.totalMinor)) }
        }
        openOrderIndices = open
        openShipByMillis = shipBy.sorted()
        placed.sort { $0.0 < $1.0 }
        placedMillis = placed.map(\.0)
        var running: Int64 = 0
        placedRunningTotal = placed.map { running += $0.1; return running }

        kpis = StoreKPIs()
        kpis = computeKPIs()
    }

    /// The same facts at a later instant: recomputes the KPIs only (logarithmic in orders, linear in
    /// carts and tickets). Demand and segments stay as of the snapshot's build.
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

    static func index<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
        var d = [String: Int](minimumCapacity: items.count)
        for (i, item) in items.enumerated() { d[key(item)] = i }   // duplicates: the last wins, as in decoding
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

        for (item, f) in zip(snapshot.stock, stockFigures) where item.status == .active {
            if f.level == .out { k.outOfStock += 1 } else if f.level == .low { k.belowReorderPoint += 1 }
        }
        for c in snapshot.carts {
            if c.isRecovered { k.recoveredCarts += 1 }
            else if isAbandoned(c) { k.abandonedCarts += 1; k.abandonedCartValueMinor += c.valueMinor }
        }
        for t in snapshot.tickets where !t.status.isResolved {
            k.openTickets += 1
            switch slaState(t) {
            case .breached: k.slaBreaches += 1
            case .breachingSoon: k.slaBreachingSoon += 1
            case .ok, .none: break
            }
        }
        k.averageLifetimeValueMinor = averageLTV
        k.nextCutoff = calendar.nextDispatchCutoff(after: now)
        k.secondsToCutoff = k.nextCutoff.map { now.seconds(until: $0) }
        return k
    }
}

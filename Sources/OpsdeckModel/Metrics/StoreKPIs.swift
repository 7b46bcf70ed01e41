/// The header line's figures at one instant (definitions in docs/metrics.md).
public struct StoreKPIs: Sendable, Equatable {
    /// Non-cancelled orders in `orders.json` placed during the store-local day containing `now`.
    public var ordersToday = 0
    /// Σ `total_minor` of those orders.
    public var revenueTodayMinor: Int64 = 0
    /// Open orders (pending, paid, picking, packed, on hold).
    public var openOrders = 0
    /// Open orders that have a `ship_by`.
    public var openOrdersWithShipBy = 0
    public var lateOrders = 0
    public var atRiskOrders = 0
    /// Active items with nothing available, and with a stock position at or below the reorder point.
    public var outOfStock = 0
    public var belowReorderPoint = 0
    public var abandonedCarts = 0
    public var abandonedCartValueMinor: Int64 = 0
    public var recoveredCarts = 0
    /// Unresolved tickets, those past their SLA deadline, and those within the warning window.
    public var openTickets = 0
    public var slaBreaches = 0
    public var slaBreachingSoon = 0
    /// Mean lifetime value over customers with at least one order.
    public var averageLifetimeValueMinor: Int64?
    public var nextCutoff: Timestamp?
    public var secondsToCutoff: Int64?

    public init() {}

    /// Late orders as a percentage of open orders with a `ship_by`; nil when there are none.
    public var latePercent: Double? {
        openOrdersWithShipBy > 0 ? Double(lateOrders) * 100 / Double(openOrdersWithShipBy) : nil
    }

    /// recovered ÷ (recovered + abandoned) over the carts in `carts.json`; nil when both are zero.
    public var cartRecoveryRate: Double? {
        let n = recoveredCarts + abandonedCarts
        return n > 0 ? Double(recoveredCarts) / Double(n) : nil
    }
}

/// Where an item's stock stands, most urgent first.
public enum StockLevel: Int, Sendable, CaseIterable, Comparable {
    /// Nothing available to sell (available ≤ 0).
    case out
    /// Stock position (available + incoming) at or below the reorder point.
    case low
    case ok
    /// Stock position above `max_stock`.
    case over
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The derived stock figures of one item (formulas in docs/metrics.md).
public struct StockFigures: Sendable, Equatable {
    /// on_hand − reserved (negative when oversold).
    public var available: Int
    /// available + incoming: what the store will have once open purchase orders arrive.
    public var position: Int
    /// Units a day: the export's `daily_demand`, else units sold over the policy window ÷ window days.
    public var dailyDemand: Double
    /// True when `dailyDemand` was derived from orders rather than given.
    public var demandIsDerived: Bool
    /// max(0, position) ÷ daily demand; nil when there is no demand (cover is unbounded).
    public var daysOfCover: Double?
    /// The export's `reorder_point`, else ⌈demand × lead time⌉ + safety stock.
    public var reorderPoint: Int
    public var reorderPointIsDerived: Bool
    /// What a restock should order now: 0 when nothing is needed or the item is discontinued.
    public var suggestedQty: Int
    public var level: StockLevel

    /// `unitsSold` is the item's units in non-cancelled orders placed over the policy's demand window.
    public init(item: StockItem, unitsSold: Int, policy: MetricPolicy) {
        available = item.onHand - item.reserved
        position = available + item.incoming
        if let given = item.dailyDemand {
            dailyDemand = max(0, given); demandIsDerived = false
        } else {
            dailyDemand = Double(max(0, unitsSold)) / Double(policy.demandWindowDays); demandIsDerived = true
        }
        daysOfCover = dailyDemand > 0 ? Double(max(0, position)) / dailyDemand : nil
        if let given = item.reorderPoint {
            reorderPoint = given; reorderPointIsDerived = false
        } else {
            let lead = item.leadTimeDays ?? policy.defaultLeadTimeDays
            reorderPoint = Self.roundUp(dailyDemand * lead) + (item.safetyStock ?? 0); reorderPointIsDerived = true
        }
        if available <= 0 { level = .out }
        else if position <= reorderPoint { level = .low }
        else if let max = item.maxStock, position > max { level = .over }
        else { level = .ok }
        suggestedQty = item.status == .discontinued ? 0
            : Self.suggestedQty(item: item, position: position, reorderPoint: reorderPoint, dailyDemand: dailyDemand, policy: policy)
    }

    /// Order up to a target level: `max_stock` when given, else reorder point + `reorder_qty`, else
    /// reorder point + `restockCoverDays` of demand. The shortfall is raised to the MOQ and then rounded
    /// up to the order multiple (so it may overshoot the target by less than one multiple).
    static func suggestedQty(item: StockItem, position: Int, reorderPoint: Int, dailyDemand: Double, policy: MetricPolicy) -> Int {
        let target = item.maxStock ?? (reorderPoint + (item.reorderQty ?? roundUp(dailyDemand * policy.restockCoverDays)))
        let shortfall = target - position
        guard shortfall > 0 else { return 0 }
        var qty = max(shortfall, item.moq ?? 1)
        if let multiple = item.orderMultiple, multiple > 1 { qty = (qty + multiple - 1) / multiple * multiple }
        return qty
    }

    /// Ceiling to a whole unit, tolerant of float noise (7 × 0.1 × 10 should be 7, not 8).
    static func roundUp(_ x: Double) -> Int {
        guard x.isFinite, x > 0 else { return 0 }
        return Int((x - 1e-9).rounded(.up))
    }
}

/// Thresholds of the derived metrics that `store.json` does not carry. Every default is documented in
/// docs/metrics.md; change them there and here together.
public struct MetricPolicy: Sendable, Equatable {
    /// Daily demand, when the export gives none, is units sold over this many past days ÷ days.
    public var demandWindowDays: Int
    /// Lead time assumed for a reorder point when the item gives none.
    public var defaultLeadTimeDays: Double
    /// Without `max_stock` or `reorder_qty`, a suggested restock tops stock up to the reorder point plus
    /// this many days of demand.
    public var restockCoverDays: Double
    /// Big spender: lifetime value at or above this fixed amount, when set; otherwise at or above the
    /// `bigSpenderPercentile` of customers with orders.
    public var bigSpenderLTVMinor: Int64?
    public var bigSpenderPercentile: Double
    /// VIP: tagged `vip`, or lifetime value at or above this fixed amount, when set; otherwise at or above
    /// the `vipPercentile` of customers with orders.
    public var vipLTVMinor: Int64?
    public var vipPercentile: Double
    /// Percentile thresholds need a population: below this many customers with orders they are not applied.
    public var percentileMinimumCustomers: Int
    /// Discount buyer: at least this share of a customer's orders carried a discount.
    public var discountBuyerShare: Double

    public init(demandWindowDays: Int = 28, defaultLeadTimeDays: Double = 7, restockCoverDays: Double = 14,
                bigSpenderLTVMinor: Int64? = nil, bigSpenderPercentile: Double = 0.90,
                vipLTVMinor: Int64? = nil, vipPercentile: Double = 0.99,
                percentileMinimumCustomers: Int = 20, discountBuyerShare: Double = 0.5) {
        self.demandWindowDays = max(1, demandWindowDays); self.defaultLeadTimeDays = defaultLeadTimeDays
        self.restockCoverDays = restockCoverDays; self.bigSpenderLTVMinor = bigSpenderLTVMinor
        self.bigSpenderPercentile = bigSpenderPercentile; self.vipLTVMinor = vipLTVMinor
        self.vipPercentile = vipPercentile; self.percentileMinimumCustomers = percentileMinimumCustomers
        self.discountBuyerShare = discountBuyerShare
    }
}

/// Customer segments, in badge precedence: the first one a customer belongs to is their `primary`.
public enum CustomerSegment: Int, Sendable, CaseIterable {
    case vip, bigSpender, discountBuyer, cartAbandoner, firstTime, repeatBuyer, fullPriceBuyer

    /// Short label for a table column.
    public var badge: String {
        switch self {
        case .vip: "VIP"
        case .bigSpender: "BIG"
        case .discountBuyer: "DISC"
        case .cartAbandoner: "CART"
        case .firstTime: "NEW"
        case .repeatBuyer: "REP"
        case .fullPriceBuyer: "FULL"
        }
    }

    public var name: String {
        switch self {
        case .vip: "VIP"
        case .bigSpender: "big spender"
        case .discountBuyer: "discount buyer"
        case .cartAbandoner: "cart abandoner"
        case .firstTime: "first-time"
        case .repeatBuyer: "repeat"
        case .fullPriceBuyer: "full-price buyer"
        }
    }
}

/// The set of segments a customer belongs to (several at once, e.g. repeat + full-price + VIP).
public struct CustomerSegments: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ s: CustomerSegment) { rawValue = 1 << UInt8(s.rawValue) }
    public func contains(_ s: CustomerSegment) -> Bool { contains(CustomerSegments(s)) }
    /// The badge to show: the first segment in `CustomerSegment` order.
    public var primary: CustomerSegment? { CustomerSegment.allCases.first { contains($0) } }
    public var all: [CustomerSegment] { CustomerSegment.allCases.filter { contains($0) } }
}

/// One customer's history, computed once per snapshot from orders, order history and carts.
/// Cancelled orders count for nothing.
public struct CustomerStats: Sendable, Equatable {
    public var customerID: String
    /// Non-cancelled orders.
    public var orderCount: Int = 0
    /// Sum of `total_minor` over those orders.
    public var orderValueMinor: Int64 = 0
    /// Historical lifetime value: Σ max(0, captured − refunded) over those orders.
    public var lifetimeValueMinor: Int64 = 0
    public var discountedOrderCount: Int = 0
    public var firstOrderAt: Timestamp?
    public var lastOrderAt: Timestamp?
    /// Carts of this customer that are abandoned now.
    public var abandonedCartCount: Int = 0
    public var segments: CustomerSegments = []

    public init(customerID: String) { self.customerID = customerID }

    /// Mean `total_minor` per order (integer division); nil without orders.
    public var averageOrderValueMinor: Int64? { orderCount > 0 ? orderValueMinor / Int64(orderCount) : nil }

    /// Whole days since the last order (floor); nil without orders.
    public func daysSinceLastOrder(now: Timestamp) -> Int? {
        lastOrderAt.map { Int(max(0, $0.seconds(until: now)).floorDiv(86400)) }
    }

    mutating func add(_ order: Order) {
        orderCount += 1
        orderValueMinor += order.totalMinor
        lifetimeValueMinor += order.netCapturedMinor
        if order.isDiscounted { discountedOrderCount += 1 }
        if firstOrderAt.map({ order.placedAt < $0 }) ?? true { firstOrderAt = order.placedAt }
        if lastOrderAt.map({ order.placedAt > $0 }) ?? true { lastOrderAt = order.placedAt }
    }
}

/// The lifetime-value cut-offs of the percentile segments, fixed per snapshot.
struct SegmentThresholds: Sendable, Equatable {
    var bigSpenderMinor: Int64?
    var vipMinor: Int64?

    /// `sortedLTVs`: lifetime values of customers with at least one order, ascending.
    init(sortedLTVs: [Int64], policy: MetricPolicy) {
        func percentile(_ p: Double) -> Int64? {
            guard sortedLTVs.count >= policy.percentileMinimumCustomers, !sortedLTVs.isEmpty else { return nil }
            // Nearest-rank: the smallest value with at least p of the customers at or below it.
            let rank = Int((p * Double(sortedLTVs.count)).rounded(.up))
            return sortedLTVs[min(max(rank, 1), sortedLTVs.count) - 1]
        }
        bigSpenderMinor = policy.bigSpenderLTVMinor ?? percentile(policy.bigSpenderPercentile)
        vipMinor = policy.vipLTVMinor ?? percentile(policy.vipPercentile)
    }

    func segments(of s: CustomerStats, taggedVIP: Bool, policy: MetricPolicy) -> CustomerSegments {
        var out: CustomerSegments = []
        let ltv = s.lifetimeValueMinor
        if taggedVIP || (vipMinor.map { ltv > 0 && ltv >= $0 } ?? false) { out.insert(CustomerSegments(.vip)) }
        if let t = bigSpenderMinor, ltv > 0, ltv >= t { out.insert(CustomerSegments(.bigSpender)) }
        if s.orderCount > 0 {
            out.insert(CustomerSegments(s.orderCount == 1 ? .firstTime : .repeatBuyer))
            if s.discountedOrderCount == 0 { out.insert(CustomerSegments(.fullPriceBuyer)) }
            else if Double(s.discountedOrderCount) >= policy.discountBuyerShare * Double(s.orderCount) {
                out.insert(CustomerSegments(.discountBuyer))
            }
        }
        if s.abandonedCartCount > 0 { out.insert(CustomerSegments(.cartAbandoner)) }
        return out
    }
}

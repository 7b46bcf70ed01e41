/// How pressing an order is, most urgent first (the order queue's default rank).
public enum OrderUrgency: Int, Sendable, CaseIterable, Comparable {
    /// Open and past `ship_by`.
    case late
    /// Open and `ship_by` within the store's at-risk window.
    case atRisk
    /// Open with time to spare.
    case onTrack
    /// Open without a `ship_by`.
    case noDeadline
    /// Shipped, delivered or cancelled.
    case done

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

extension Order {
    /// Seconds since the order was placed.
    public func ageSeconds(now: Timestamp) -> Int64 { placedAt.seconds(until: now) }

    /// Seconds left before `ship_by` (negative once late); nil without a deadline.
    public func secondsToShipBy(now: Timestamp) -> Int64? { shipBy.map { now.seconds(until: $0) } }

    public func urgency(now: Timestamp, atRiskSeconds: Int64) -> OrderUrgency {
        guard status.isOpen else { return .done }
        guard let left = secondsToShipBy(now: now) else { return .noDeadline }
        if left < 0 { return .late }
        return left < atRiskSeconds ? .atRisk : .onTrack
    }

    /// A discount code, a line discount, or a line sold below its compare-at price.
    public var isDiscounted: Bool {
        !discountCodes.isEmpty || lines.contains { line in
            line.discountMinor > 0 || (line.compareAtMinor.map { line.unitPriceMinor < $0 } ?? false)
        }
    }

    /// What the order adds to its customer's lifetime value: captured minus refunded, never below zero.
    public var netCapturedMinor: Int64 { max(0, capturedMinor - refundedMinor) }
}

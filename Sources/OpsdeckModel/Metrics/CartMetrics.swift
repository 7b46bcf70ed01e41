extension Cart {
    /// Seconds since the cart's last activity.
    public func idleSeconds(now: Timestamp) -> Int64 { updatedAt.seconds(until: now) }

    /// The ERP says it was recovered, or names the order that recovered it.
    public var isRecovered: Bool { status == .recovered || recoveredOrderID != nil }

    /// Abandoned: not recovered or expired, and either marked abandoned by the ERP or idle longer than
    /// the store's threshold.
    public func isAbandoned(now: Timestamp, abandonAfterSeconds: Int64) -> Bool {
        if isRecovered || status == .expired { return false }
        return status == .abandoned || idleSeconds(now: now) > abandonAfterSeconds
    }
}

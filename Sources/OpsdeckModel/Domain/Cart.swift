public enum CartStatus: String, Sendable, CaseIterable { case open, abandoned, recovered, expired }

public struct CartLine: Sendable, Equatable {
    public var sku: String
    public var name: String?
    public var qty: Int
    public var unitPriceMinor: Int64?
    public init(sku: String, name: String? = nil, qty: Int, unitPriceMinor: Int64? = nil) {
        self.sku = sku; self.name = name; self.qty = qty; self.unitPriceMinor = unitPriceMinor
    }
}

public struct Cart: Sendable, Equatable, Identifiable {
    public var id: String
    public var updatedAt: Timestamp
    public var valueMinor: Int64
    public var currency: String
    public var lines: [CartLine]
    /// nil for guests.
    public var customerID: String?
    /// May be masked by the exporter (`a***@example.com`).
    public var email: String?
    public var acceptsMarketing: Bool?
    public var createdAt: Timestamp?
    public var status: CartStatus?
    public var remindersSent: Int
    public var lastReminderAt: Timestamp?
    public var recoveredOrderID: String?

    public init(id: String, updatedAt: Timestamp, valueMinor: Int64, currency: String, lines: [CartLine],
                customerID: String? = nil, email: String? = nil, acceptsMarketing: Bool? = nil,
                createdAt: Timestamp? = nil, status: CartStatus? = nil, remindersSent: Int = 0,
                lastReminderAt: Timestamp? = nil, recoveredOrderID: String? = nil) {
        self.id = id; self.updatedAt = updatedAt; self.valueMinor = valueMinor; self.currency = currency
        self.lines = lines; self.customerID = customerID; self.email = email; self.acceptsMarketing = acceptsMarketing
        self.createdAt = createdAt; self.status = status; self.remindersSent = remindersSent
        self.lastReminderAt = lastReminderAt; self.recoveredOrderID = recoveredOrderID
    }
}

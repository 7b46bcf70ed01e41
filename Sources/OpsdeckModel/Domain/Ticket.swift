public enum TicketPriority: String, Sendable, CaseIterable, Comparable {
    case low, normal, high, urgent
    public var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

public enum TicketStatus: String, Sendable, CaseIterable {
    case new, open, pending
    case onHold = "on_hold"
    case solved, closed
    public var isResolved: Bool { self == .solved || self == .closed }
}

public enum TicketChannel: String, Sendable, CaseIterable { case email, phone, chat, social }

public struct Ticket: Sendable, Equatable, Identifiable {
    public var id: String
    public var subject: String
    public var priority: TicketPriority
    /// `escalated` in the file is read as `.open` with `escalated = true`.
    public var status: TicketStatus
    public var openedAt: Timestamp
    public var escalated: Bool
    /// Escalation level 0–4.
    public var level: Int
    public var customerID: String?
    public var orderID: String?
    public var channel: TicketChannel?
    public var firstReplyDue: Timestamp?
    public var nextReplyDue: Timestamp?
    public var resolutionDue: Timestamp?
    public var assignee: String?
    public var group: String?
    public var acknowledgedBy: String?
    public var acknowledgedAt: Timestamp?
    public var lastCustomerMessageAt: Timestamp?

    public init(id: String, subject: String, priority: TicketPriority, status: TicketStatus, openedAt: Timestamp,
                escalated: Bool = false, level: Int = 0, customerID: String? = nil, orderID: String? = nil,
                channel: TicketChannel? = nil, firstReplyDue: Timestamp? = nil, nextReplyDue: Timestamp? = nil,
                resolutionDue: Timestamp? = nil, assignee: String? = nil, group: String? = nil,
                acknowledgedBy: String? = nil, acknowledgedAt: Timestamp? = nil,
                lastCustomerMessageAt: Timestamp? = nil) {
        self.id = id; self.subject = subject; self.priority = priority; self.status = status
        self.openedAt = openedAt; self.escalated = escalated; self.level = level; self.customerID = customerID
        self.orderID = orderID; self.channel = channel; self.firstReplyDue = firstReplyDue
        self.nextReplyDue = nextReplyDue; self.resolutionDue = resolutionDue; self.assignee = assignee
        self.group = group; self.acknowledgedBy = acknowledgedBy; self.acknowledgedAt = acknowledgedAt
        self.lastCustomerMessageAt = lastCustomerMessageAt
    }
}

/// The SLA deadline a ticket must meet next.
public struct SLADeadline: Sendable, Equatable {
    public enum Kind: String, Sendable { case firstReply = "first reply", nextReply = "next reply", resolution }
    public var kind: Kind
    public var at: Timestamp
    public init(kind: Kind, at: Timestamp) { self.kind = kind; self.at = at }
}

/// Where a ticket stands against its SLA, most urgent first.
public enum SLAState: Int, Sendable, CaseIterable, Comparable {
    case breached, breachingSoon, ok
    /// Solved/closed, or no deadline given.
    case none
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

extension Ticket {
    /// The earliest deadline that still applies: none once solved or closed; `first_reply_due` only
    /// until the helpdesk sets `next_reply_due` (which it does once the first reply went out);
    /// `resolution_due` always while unresolved.
    public var nextSLADeadline: SLADeadline? {
        guard !status.isResolved else { return nil }
        var candidates: [SLADeadline] = []
        if let d = nextReplyDue { candidates.append(SLADeadline(kind: .nextReply, at: d)) }
        else if let d = firstReplyDue { candidates.append(SLADeadline(kind: .firstReply, at: d)) }
        if let d = resolutionDue { candidates.append(SLADeadline(kind: .resolution, at: d)) }
        return candidates.min { $0.at < $1.at }
    }

    /// Seconds until the next deadline (zero or negative once breached).
    public func secondsToBreach(now: Timestamp) -> Int64? { nextSLADeadline.map { now.seconds(until: $0.at) } }

    /// Breached when the deadline has been reached; breaching soon when less than `warningSeconds` remain.
    public func slaState(now: Timestamp, warningSeconds: Int64) -> SLAState {
        guard let deadline = nextSLADeadline else { return .none }
        if deadline.at <= now { return .breached }
        return now.seconds(until: deadline.at) < warningSeconds ? .breachingSoon : .ok
    }
}

import OpsdeckModel

enum HelpdeskPolicy {
    /// Hours to first reply and to resolution, by priority (what the helpdesk's SLA policy would send).
    static func firstReplyHours(_ p: TicketPriority) -> Int64 { [TicketPriority.low: 24, .normal: 8, .high: 4, .urgent: 1][p]! }
    static func resolutionHours(_ p: TicketPriority) -> Int64 { [TicketPriority.low: 96, .normal: 48, .high: 24, .urgent: 8][p]! }
    static let agents = ["maria", "devon", "kenji", "ola"]
    static let groups = ["Tier 1", "Tier 2", "Logistics", "Billing"]
    static func subjects(order: String?) -> [String] {
        let o = order.map { " \($0)" } ?? ""
        return [
            "Where is my order\(o)?", "Wrong size delivered\(o)", "Refund not received\(o)", "Tent pole arrived broken\(o)",
            "Discount code not applied\(o)", "Please cancel my order\(o)", "Change delivery address\(o)",
            "Zipper broke after two weeks", "Charged twice\(o)", "Parcel marked delivered but not here\(o)",
            "Exchange boots for a bigger size\(o)", "Question about merino care", "Invoice with VAT number needed\(o)",
        ]
    }
}

extension DemoStoreBuilder {
    /// ~22 tickets: 3 past their SLA, 4 close to it, the rest comfortable, and 4 recently solved.
    mutating func makeTickets() {
        enum Plan { case breached, near, comfortable, solved }
        let plans: [Plan] = Array(repeating: .breached, count: 3) + Array(repeating: .near, count: 4)
            + Array(repeating: .comfortable, count: 11) + Array(repeating: .solved, count: 4)
        for (i, plan) in plans.enumerated() {
            let order: Order? = rng.chance(0.7) ? rng.pick(orders) : nil
            let customerID = order?.customerID ?? customers[rng.int(0...customers.count - 1)].customer.id
            let priority: TicketPriority
            switch plan {
            case .breached: priority = rng.pick([.high, .urgent, .normal])
            case .near: priority = rng.pick([.urgent, .high, .normal, .low])
            default: priority = TicketPriority.allCases[rng.weighted([2, 5, 3, 1])]
            }
            let reply = HelpdeskPolicy.firstReplyHours(priority) * 3600, resolve = HelpdeskPolicy.resolutionHours(priority) * 3600
            var t = Ticket(id: "T-\(8801 + i)", subject: rng.pick(HelpdeskPolicy.subjects(order: order?.displayNumber)),
                           priority: priority, status: .new, openedAt: local(now), customerID: customerID, orderID: order?.id,
                           channel: TicketChannel.allCases[rng.weighted([5, 2, 3, 1])])
            let opened: Int64
            switch plan {
            case .breached:
                // Nobody answered in time.
                opened = now - reply - rng.int64(10 * 60...2 * 3600)
                t.firstReplyDue = local(opened + reply)
                t.status = .new
            case .near:
                opened = now - reply + rng.int64(10 * 60...100 * 60)
                t.firstReplyDue = local(opened + reply)
                t.status = rng.chance(0.5) ? .new : .open
            case .comfortable:
                // Answered; the next reply and resolution are a few hours away or more.
                opened = now - rng.int64(10 * 60...max(10 * 60 + 1, resolve - 4 * 3600))
                t.nextReplyDue = local(now + rng.int64(3 * 3600...20 * 3600))
                t.status = [.open, .pending, .onHold][rng.weighted([6, 3, 1])]
            case .solved:
                opened = now - rng.int64(3 * 3600...2 * 86400)
                t.status = .solved
            }
            t.openedAt = local(opened)
            t.resolutionDue = local(opened + resolve)
            t.lastCustomerMessageAt = local(opened + (plan == .comfortable ? rng.int64(0...(now - opened) / 2) : 0))
            if plan != .solved && (priority >= .high || rng.chance(0.2)) && rng.chance(0.7) {
                t.escalated = true
                t.level = rng.int(1...3)
                t.group = HelpdeskPolicy.groups[min(t.level, 3)]
                if rng.chance(0.4) {
                    t.acknowledgedBy = rng.pick(HelpdeskPolicy.agents)
                    t.acknowledgedAt = local(min(opened + rng.int64(300...3600), now - 60))
                }
            } else {
                t.group = HelpdeskPolicy.groups[0]
            }
            if plan == .comfortable || plan == .solved || rng.chance(0.3) { t.assignee = rng.pick(HelpdeskPolicy.agents) }
            tickets.append(t)
        }
    }
}

/// One record of `escalations.json`.
enum TicketDecoder {
    /// The file's status values: the domain's, plus `escalated` (read as open and escalated).
    enum FileStatus: String, CaseIterable {
        case new, open, pending, onHold = "on_hold", solved, closed, escalated
        var status: TicketStatus { self == .escalated ? .open : TicketStatus(rawValue: rawValue)! }
    }

    static func ticket(_ f: inout FieldReader) throws -> Ticket? {
        guard var c = try f.beginObject("") else { return nil }
        var id: String?, subject: String?, priority: TicketPriority?, status: FileStatus?, openedAt: Timestamp?
        var escalated: Bool?, level: Int?, customerID: String?, orderID: String?, channel: TicketChannel?
        var firstReply: Timestamp?, nextReply: Timestamp?, resolution: Timestamp?, assignee: String?
        var group: String?, ackBy: String?, ackAt: Timestamp?, lastMessage: Timestamp?
        while let k = try f.json.nextKey(&c) {
            if k == "id" { id = try f.recordKey(k) }
            else if k == "subject" { subject = try f.string(k) }
            else if k == "priority" { priority = try f.enumValue(k, TicketPriority.self) }
            else if k == "status" { status = try f.enumValue(k, FileStatus.self) }
            else if k == "opened_at" { openedAt = try f.timestamp(k) }
            else if k == "escalated" { escalated = try f.bool(k) }
            else if k == "level" { level = try f.int(k, 0...4) }
            else if k == "customer_id" { customerID = try f.id(k) }
            else if k == "order_id" { orderID = try f.id(k) }
            else if k == "channel" { channel = try f.enumValue(k, TicketChannel.self) }
            else if k == "first_reply_due" { firstReply = try f.timestamp(k) }
            else if k == "next_reply_due" { nextReply = try f.timestamp(k) }
            else if k == "resolution_due" { resolution = try f.timestamp(k) }
            else if k == "assignee" { assignee = try f.string(k) }
            else if k == "group" { group = try f.string(k) }
            else if k == "acknowledged_by" { ackBy = try f.string(k) }
            else if k == "acknowledged_at" { ackAt = try f.timestamp(k) }
            else if k == "last_customer_message_at" { lastMessage = try f.timestamp(k) }
            else { try f.json.skipValue() }
        }
        guard let id = f.require(id, "id"), let subject = f.require(subject, "subject"),
              let priority = f.require(priority, "priority"), let status = f.require(status, "status"),
              let openedAt = f.require(openedAt, "opened_at") else { return nil }
        return Ticket(id: id, subject: subject, priority: priority, status: status.status, openedAt: openedAt,
                      escalated: escalated == true || status == .escalated, level: level ?? 0, customerID: customerID,
                      orderID: orderID, channel: channel, firstReplyDue: firstReply, nextReplyDue: nextReply,
                      resolutionDue: resolution, assignee: assignee, group: group, acknowledgedBy: ackBy,
                      acknowledgedAt: ackAt, lastCustomerMessageAt: lastMessage)
    }
}

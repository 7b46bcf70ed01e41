import OpsdeckModel

/// Builds an object leaving out absent optional fields, as exporters do (keeps files small and readable).
struct Fields {
    var members: [(String, JSONOut)] = []
    mutating func add(_ key: String, _ v: JSONOut) { members.append((key, v)) }
    mutating func add(_ key: String, _ s: String?) { if let s { members.append((key, .string(s))) } }
    mutating func add(_ key: String, _ t: Timestamp?) { if let t { members.append((key, .string(t.iso8601()))) } }
    mutating func add(_ key: String, _ i: Int64?) { if let i { members.append((key, .int(i))) } }
    mutating func add(_ key: String, _ i: Int?) { if let i { members.append((key, .int(i))) } }
    mutating func add(_ key: String, _ b: Bool?) { if let b { members.append((key, .bool(b))) } }
    mutating func add(_ key: String, _ d: Double?) { if let d { members.append((key, .double(d))) } }
    var json: JSONOut { .object(members) }
}

/// The data contract's shape of each record (see docs/data-format.md).
extension Order {
    func json(fileCurrency: String) -> JSONOut {
        var f = Fields()
        f.add("id", id); f.add("number", number); f.add("customer_id", customerID)
        f.add("placed_at", placedAt); f.add("status", status.rawValue); f.add("total_minor", totalMinor)
        if currency != fileCurrency { f.add("currency", currency) }
        f.add("lines", .array(lines.map(\.json)))
        f.add("paid_minor", paidMinor)
        if refundedMinor > 0 { f.add("refunded_minor", refundedMinor) }
        if !refunds.isEmpty { f.add("refunds", .array(refunds.map(\.json))) }
        f.add("financial_status", financialStatus); f.add("channel", channel?.rawValue)
        f.add("ship_by", shipBy); f.add("deliver_by", deliverBy); f.add("service_level", serviceLevel)
        f.add("priority", priority); f.add("hold_reason", holdReason)
        if !discountCodes.isEmpty { f.add("discount_codes", .array(discountCodes.map { .string($0) })) }
        if !tracking.isEmpty { f.add("tracking", .array(tracking.map(\.json))) }
        return f.json
    }
}

extension OrderLine {
    var json: JSONOut {
        var f = Fields()
        f.add("line_id", lineID); f.add("sku", sku); f.add("name", name); f.add("qty", qty)
        f.add("unit_price_minor", unitPriceMinor)
        if discountMinor > 0 { f.add("discount_minor", discountMinor) }
        f.add("compare_at_minor", compareAtMinor)
        if fulfilledQty > 0 { f.add("fulfilled_qty", fulfilledQty) }
        if refundedQty > 0 { f.add("refunded_qty", refundedQty) }
        return f.json
    }
}

extension AppliedRefund {
    var json: JSONOut {
        var f = Fields()
        f.add("id", id); f.add("amount_minor", amountMinor); f.add("at", at); f.add("action_id", actionID)
        return f.json
    }
}

extension Shipment {
    var json: JSONOut {
        var f = Fields()
        f.add("carrier", carrier); f.add("number", number); f.add("status", status); f.add("eta", eta)
        f.add("last_event_at", lastEventAt)
        return f.json
    }
}

extension StockItem {
    var json: JSONOut {
        var f = Fields()
        f.add("sku", sku); f.add("name", name); f.add("on_hand", onHand); f.add("reserved", reserved)
        f.add("incoming", incoming)
        if !incomingDetail.isEmpty {
            f.add("incoming_detail", .array(incomingDetail.map { po in
                var d = Fields()
                d.add("ref", po.ref); d.add("qty", po.qty); d.add("eta", po.eta); d.add("action_id", po.actionID)
                return d.json
            }))
        }
        f.add("lead_time_days", leadTimeDays); f.add("safety_stock", safetyStock); f.add("reorder_point", reorderPoint)
        f.add("reorder_qty", reorderQty); f.add("max_stock", maxStock); f.add("order_multiple", orderMultiple)
        f.add("moq", moq); f.add("daily_demand", dailyDemand); f.add("supplier", supplier)
        f.add("unit_cost_minor", unitCostMinor); f.add("location", location); f.add("status", status.rawValue)
        return f.json
    }
}

extension Cart {
    func json(fileCurrency: String) -> JSONOut {
        var f = Fields()
        f.add("id", id); f.add("updated_at", updatedAt); f.add("value_minor", valueMinor)
        if currency != fileCurrency { f.add("currency", currency) }
        f.add("lines", .array(lines.map { l in
            var d = Fields()
            d.add("sku", l.sku); d.add("name", l.name); d.add("qty", l.qty); d.add("unit_price_minor", l.unitPriceMinor)
            return d.json
        }))
        f.add("customer_id", customerID.map { JSONOut.string($0) } ?? .null)
        f.add("email", email); f.add("accepts_marketing", acceptsMarketing); f.add("created_at", createdAt)
        f.add("status", status?.rawValue); f.add("reminders_sent", remindersSent); f.add("last_reminder_at", lastReminderAt)
        f.add("recovered_order_id", recoveredOrderID)
        return f.json
    }
}

extension Ticket {
    var json: JSONOut {
        var f = Fields()
        f.add("id", id); f.add("subject", subject); f.add("priority", priority.rawValue); f.add("status", status.rawValue)
        f.add("opened_at", openedAt); f.add("escalated", escalated); f.add("level", level)
        f.add("customer_id", customerID); f.add("order_id", orderID); f.add("channel", channel?.rawValue)
        f.add("first_reply_due", firstReplyDue); f.add("next_reply_due", nextReplyDue); f.add("resolution_due", resolutionDue)
        f.add("assignee", assignee); f.add("group", group); f.add("acknowledged_by", acknowledgedBy)
        f.add("acknowledged_at", acknowledgedAt); f.add("last_customer_message_at", lastCustomerMessageAt)
        return f.json
    }
}

extension Customer {
    var json: JSONOut {
        var f = Fields()
        f.add("id", id); f.add("name", name); f.add("email", email)
        f.add("tags", .array(tags.map { .string($0) })); f.add("accepts_marketing", acceptsMarketing)
        return f.json
    }
}

extension StoreSettings {
    /// `store.json`'s `store` object, in the keys the settings decoder reads.
    var json: JSONOut {
        func hhmm(_ m: Int) -> String { (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)" }
        var f = Fields()
        f.add("name", name); f.add("timezone", timeZone); f.add("currency", currency)
        f.add("dispatch_cutoff", hhmm(dispatchCutoffMinutes))
        f.add("working_days", .array(workingDays.sorted().map { .int($0) }))
        f.add("at_risk_minutes", atRiskSeconds / 60); f.add("sla_warning_minutes", slaWarningSeconds / 60)
        f.add("cart_abandon_after_minutes", cartAbandonAfterSeconds / 60)
        f.add("cart_reminder", .object([("max_count", .int(cartReminderMaxCount)),
                                        ("min_gap_hours", .int(cartReminderMinGapSeconds / 3600))]))
        f.add("refund_limits_minor", .object(refundLimitsMinor.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))
        return f.json
    }
}

extension ActionResult {
    /// One line of `action-results.jsonl`.
    var json: JSONOut {
        var f = Fields()
        f.add("action_id", actionID); f.add("state", state.rawValue); f.add("at", at)
        f.add("message", message); f.add("erp_ref", erpRef)
        return f.json
    }
}

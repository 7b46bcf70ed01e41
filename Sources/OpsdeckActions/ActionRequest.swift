import OpsdeckModel

/// The `kind` field of a journal line.
public enum ActionKind: String, Sendable, CaseIterable {
    case restock, refund
    case cartReminder = "cart_reminder"
    case escalationAck = "escalation_ack"
    case escalationAssign = "escalation_assign"
    case cancel
}

public enum RefundType: String, Sendable, CaseIterable {
    case full, partial
    case storeCredit = "store_credit"
    case replacement, exchange

    /// Types that move money (or store credit) and so count against the refundable amount.
    public var movesMoney: Bool { self == .full || self == .partial || self == .storeCredit }
}

/// Why a refund is given. A fixed list so the ERP and reports can group refunds; documented in docs/journal.md.
public enum RefundReason: String, Sendable, CaseIterable {
    case damaged, defective
    case wrongItem = "wrong_item"
    case notAsDescribed = "not_as_described"
    case notDelivered = "not_delivered"
    case lateDelivery = "late_delivery"
    case changedMind = "changed_mind"
    case duplicateOrder = "duplicate_order"
    case priceAdjustment = "price_adjustment"
    case fraud, goodwill, other
}

/// Items of an order line being refunded; `restock` returns them to stock.
public struct RefundLine: Sendable, Equatable {
    public var lineID: String
    public var qty: Int
    public var restock: Bool
    public init(lineID: String, qty: Int, restock: Bool) { self.lineID = lineID; self.qty = qty; self.restock = restock }
}

public struct RestockRequest: Sendable, Equatable {
    public var sku: String
    public var qty: Int
    public var supplier: String?
    public var note: String?
    public init(sku: String, qty: Int, supplier: String? = nil, note: String? = nil) {
        self.sku = sku; self.qty = qty; self.supplier = supplier; self.note = note
    }
}

public struct RefundRequest: Sendable, Equatable {
    public var orderID: String
    public var type: RefundType
    public var amountMinor: Int64
    public var currency: String
    public var reason: RefundReason
    public var lines: [RefundLine]
    public var restockItems: Bool
    public init(orderID: String, type: RefundType, amountMinor: Int64, currency: String, reason: RefundReason,
                lines: [RefundLine] = [], restockItems: Bool = false) {
        self.orderID = orderID; self.type = type; self.amountMinor = amountMinor; self.currency = currency
        self.reason = reason; self.lines = lines; self.restockItems = restockItems
    }
}

public struct CartReminderRequest: Sendable, Equatable {
    public var cartID: String
    public var offerCode: String?
    public init(cartID: String, offerCode: String? = nil) { self.cartID = cartID; self.offerCode = offerCode }
}

/// What an operator asks for: everything in a journal line except who, when and the ids.
public enum ActionRequest: Sendable, Equatable {
    case restock(RestockRequest)
    case refund(RefundRequest)
    case cartReminder(CartReminderRequest)
    case escalationAck(ticketID: String)
    case escalationAssign(ticketID: String, assignee: String)
    /// A compensating line for an earlier action (never an edit of it).
    case cancel(actionID: String)

    public var kind: ActionKind {
        switch self {
        case .restock: .restock
        case .refund: .refund
        case .cartReminder: .cartReminder
        case .escalationAck: .escalationAck
        case .escalationAssign: .escalationAssign
        case .cancel: .cancel
        }
    }

    /// The record the action touches, as `(field, id)`: `("order_id", "10452")`.
    public var target: (field: String, id: String) {
        switch self {
        case .restock(let r): ("sku", r.sku)
        case .refund(let r): ("order_id", r.orderID)
        case .cartReminder(let r): ("cart_id", r.cartID)
        case .escalationAck(let t), .escalationAssign(let t, _): ("ticket_id", t)
        case .cancel(let id): ("action_id", id)
        }
    }

    public var targetJSON: JSONOut { .object([(target.field, .string(target.id))]) }

    /// Optional fields are left out rather than written as null, so a line holds only what was chosen.
    public var payloadJSON: JSONOut {
        switch self {
        case .restock(let r):
            var m: [(String, JSONOut)] = [("qty", .int(r.qty))]
            if let s = r.supplier { m.append(("supplier", .string(s))) }
            if let n = r.note { m.append(("note", .string(n))) }
            return .object(m)
        case .refund(let r):
            return .object([
                ("type", .string(r.type.rawValue)),
                ("amount_minor", .int(r.amountMinor)),
                ("currency", .string(r.currency)),
                ("reason", .string(r.reason.rawValue)),
                ("lines", .array(r.lines.map {
                    .object([("line_id", .string($0.lineID)), ("qty", .int($0.qty)), ("restock", .bool($0.restock))])
                })),
                ("restock_items", .bool(r.restockItems)),
            ])
        case .cartReminder(let r):
            return .object(r.offerCode.map { [("offer_code", .string($0))] } ?? [])
        case .escalationAck:
            return .object([])
        case .escalationAssign(_, let assignee):
            return .object([("assignee", .string(assignee))])
        case .cancel(let id):
            return .object([("cancels", .string(id))])
        }
    }
}

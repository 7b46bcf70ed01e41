public enum OrderStatus: String, Sendable, CaseIterable {
    case pending, paid, picking, packed, shipped, delivered, cancelled
    case onHold = "on_hold"

    /// Orders that still need work from the warehouse.
    public var isOpen: Bool { [.pending, .paid, .picking, .packed, .onHold].contains(self) }
    /// Payment has been captured (the ERP moved the order past `pending`).
    public var isPastPending: Bool { self != .pending && self != .cancelled }
}

public enum SalesChannel: String, Sendable, CaseIterable { case web, mobile, marketplace, pos }

public struct OrderLine: Sendable, Equatable {
    public var lineID: String?
    public var sku: String
    public var name: String?
    public var qty: Int
    public var unitPriceMinor: Int64
    public var discountMinor: Int64
    public var compareAtMinor: Int64?
    public var fulfilledQty: Int
    public var refundedQty: Int

    public init(lineID: String? = nil, sku: String, name: String? = nil, qty: Int, unitPriceMinor: Int64,
                discountMinor: Int64 = 0, compareAtMinor: Int64? = nil, fulfilledQty: Int = 0, refundedQty: Int = 0) {
        self.lineID = lineID; self.sku = sku; self.name = name; self.qty = qty
        self.unitPriceMinor = unitPriceMinor; self.discountMinor = discountMinor
        self.compareAtMinor = compareAtMinor; self.fulfilledQty = fulfilledQty; self.refundedQty = refundedQty
    }
}

/// A refund the ERP has applied. `actionID` echoes opsdeck's journal action when it originated there.
public struct AppliedRefund: Sendable, Equatable {
    public var id: String?
    public var amountMinor: Int64
    public var at: Timestamp?
    public var actionID: String?
    public init(id: String? = nil, amountMinor: Int64, at: Timestamp? = nil, actionID: String? = nil) {
        self.id = id; self.amountMinor = amountMinor; self.at = at; self.actionID = actionID
    }
}

public struct Shipment: Sendable, Equatable {
    public var carrier: String?
    public var number: String?
    public var status: String?
    public var eta: Timestamp?
    public var lastEventAt: Timestamp?
    public init(carrier: String? = nil, number: String? = nil, status: String? = nil,
                eta: Timestamp? = nil, lastEventAt: Timestamp? = nil) {
        self.carrier = carrier; self.number = number; self.status = status; self.eta = eta; self.lastEventAt = lastEventAt
    }
}

public struct Order: Sendable, Equatable, Identifiable {
    public var id: String
    public var number: String?
    public var customerID: String
    public var placedAt: Timestamp
    public var status: OrderStatus
    public var totalMinor: Int64
    public var currency: String
    public var lines: [OrderLine]
    public var paidMinor: Int64?
    public var refundedMinor: Int64
    public var refunds: [AppliedRefund]
    public var financialStatus: String?
    public var channel: SalesChannel?
    public var shipBy: Timestamp?
    public var deliverBy: Timestamp?
    public var serviceLevel: String?
    public var priority: String?
    public var holdReason: String?
    public var discountCodes: [String]
    public var tracking: [Shipment]

    public init(id: String, number: String? = nil, customerID: String, placedAt: Timestamp, status: OrderStatus,
                totalMinor: Int64, currency: String, lines: [OrderLine], paidMinor: Int64? = nil,
                refundedMinor: Int64 = 0, refunds: [AppliedRefund] = [], financialStatus: String? = nil,
                channel: SalesChannel? = nil, shipBy: Timestamp? = nil, deliverBy: Timestamp? = nil,
                serviceLevel: String? = nil, priority: String? = nil, holdReason: String? = nil,
                discountCodes: [String] = [], tracking: [Shipment] = []) {
        self.id = id; self.number = number; self.customerID = customerID; self.placedAt = placedAt
        self.status = status; self.totalMinor = totalMinor; self.currency = currency; self.lines = lines
        self.paidMinor = paidMinor; self.refundedMinor = refundedMinor; self.refunds = refunds
        self.financialStatus = financialStatus; self.channel = channel; self.shipBy = shipBy
        self.deliverBy = deliverBy; self.serviceLevel = serviceLevel; self.priority = priority
        self.holdReason = holdReason; self.discountCodes = discountCodes; self.tracking = tracking
    }

    /// Money captured from the customer: `paid_minor` when given, else the total once past `pending`.
    public var capturedMinor: Int64 { paidMinor ?? (status.isPastPending ? totalMinor : 0) }
    /// What the number column shows.
    public var displayNumber: String { number ?? id }
    public var itemCount: Int { lines.reduce(0) { $0 + $1.qty } }
}

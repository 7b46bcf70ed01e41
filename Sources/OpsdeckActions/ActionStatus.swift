import OpsdeckModel

/// Where a journaled action stands: pending → accepted → applied / rejected / failed, or cancelled.
public enum ActionState: Sendable, Equatable {
    /// Written; the ERP has not answered.
    case pending
    case accepted
    case applied
    case rejected(message: String?)
    case failed(message: String?)
    /// A later `cancel` line withdrew it before the ERP applied it.
    case cancelled(by: String)

    public var label: String {
        switch self {
        case .pending: "pending"
        case .accepted: "accepted"
        case .applied: "applied"
        case .rejected: "rejected"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }

    /// Final states never change again (except a cancel the ERP rejects, which revives its target).
    public var isFinal: Bool { self != .pending && self != .accepted }
}

public struct ActionStatus: Sendable, Equatable {
    public var entry: JournalEntry
    public var state: ActionState
    /// Counts against the checks: not finally answered yet, or applied but not yet visible in the exported
    /// data (the ERP's answer can arrive before the next orders/stock export that includes it).
    public var inFlight: Bool
    /// The ERP's answer, when there is one.
    public var result: ActionResult?
}

/// Every journaled action's status against one snapshot, and what is still in flight per record:
/// what the checks count and what the UI shows ("+120 pending" on a SKU, "refund 45.00 pending" on an order).
///
/// Retirement (an action stops being in flight) happens once, on the first of:
/// - the ERP echoes its action_id in the data: `orders[].refunds[].action_id` (refund),
///   `stock[].incoming_detail[].action_id` (restock); or the record shows the effect after the action was
///   written: `tickets[].acknowledged_at` ≥ its time (ack), `tickets[].assignee` equal to it (assign),
///   `carts[].last_reminder_at` ≥ its time (reminder);
/// - `action-results.jsonl` says rejected or failed;
/// - it says applied and the target's file was generated at or after that answer (so its totals include it);
/// - a cancel line for it that the ERP has not rejected or failed.
public struct ActionBoard: Sendable {
    public let journal: JournalState
    public let snapshot: StoreSnapshot
    /// One per journal entry, in journal order.
    public let statuses: [ActionStatus]
    private let index: [String: Int]

    public init(journal: JournalState, snapshot: StoreSnapshot) {
        self.journal = journal
        self.snapshot = snapshot
        let echoes = Echoes(snapshot)
        var cancelledBy: [String: String] = [:]
        for e in journal.entries {
            guard case .cancel(let target) = e.request, cancelledBy[target] == nil else { continue }
            switch snapshot.actionResults[e.actionID]?.state {
            case .rejected?, .failed?: continue
            default: cancelledBy[target] = e.actionID
            }
        }
        var statuses: [ActionStatus] = []
        var index: [String: Int] = [:]
        statuses.reserveCapacity(journal.entries.count)
        for e in journal.entries where index[e.actionID] == nil {
            index[e.actionID] = statuses.count
            statuses.append(Self.status(of: e, snapshot: snapshot, echoes: echoes, cancelledBy: cancelledBy[e.actionID]))
        }
        self.statuses = statuses
        self.index = index
        self.inFlight = statuses.filter(\.inFlight)
    }

    public func status(actionID: String) -> ActionStatus? { index[actionID].map { statuses[$0] } }

    /// The statuses still in flight, in journal order.
    public let inFlight: [ActionStatus]

    /// Restock quantity journaled and not yet visible in `stock.json` for this SKU.
    public func pendingRestock(sku: String) -> [ActionStatus] {
        inFlight.filter { if case .restock(let r) = $0.entry.request { r.sku == sku } else { false } }
    }

    /// Money-moving refunds (store credit included) journaled and not yet visible in `orders.json`.
    public func pendingRefunds(orderID: String) -> [ActionStatus] {
        inFlight.filter {
            if case .refund(let r) = $0.entry.request { r.orderID == orderID && r.type.movesMoney } else { false }
        }
    }

    public func pendingReminders(cartID: String) -> [ActionStatus] {
        inFlight.filter { if case .cartReminder(let r) = $0.entry.request { r.cartID == cartID } else { false } }
    }

    /// Per-SKU restock quantity in flight, for the stock pane ("+120 pending").
    public var pendingRestockQtyBySKU: [String: Int] {
        var m: [String: Int] = [:]
        for s in statuses where s.inFlight { if case .restock(let r) = s.entry.request { m[r.sku, default: 0] += r.qty } }
        return m
    }

    /// Per-order refund amount in flight, for the orders pane ("refund 45.00 pending").
    public var pendingRefundMinorByOrder: [String: Int64] {
        var m: [String: Int64] = [:]
        for s in statuses where s.inFlight {
            if case .refund(let r) = s.entry.request, r.type.movesMoney { m[r.orderID, default: 0] += r.amountMinor }
        }
        return m
    }

    /// What can still be refunded on an order; nil when the order is not in the snapshot.
    public func refundable(orderID: String) -> Refundable? {
        guard let order = snapshot.orders.last(where: { $0.id == orderID }) else { return nil }
        let pending = pendingRefunds(orderID: orderID).reduce(Int64(0)) {
            if case .refund(let r) = $1.entry.request { $0 + r.amountMinor } else { $0 }
        }
        return Refundable(capturedMinor: order.capturedMinor, refundedMinor: order.refundedMinor, pendingMinor: pending)
    }

    private static func status(of e: JournalEntry, snapshot: StoreSnapshot, echoes: Echoes, cancelledBy: String?) -> ActionStatus {
        let result = snapshot.actionResults[e.actionID]
        if echoes.shows(e) { return ActionStatus(entry: e, state: .applied, inFlight: false, result: result) }
        switch result?.state {
        case .applied?:
            let source = e.kind.source.flatMap { snapshot.info($0).generatedAt }
            let visible = source.map { $0 >= result!.at } ?? true
            return ActionStatus(entry: e, state: .applied, inFlight: !visible, result: result)
        case .rejected?: return ActionStatus(entry: e, state: .rejected(message: result?.message), inFlight: false, result: result)
        case .failed?: return ActionStatus(entry: e, state: .failed(message: result?.message), inFlight: false, result: result)
        case .accepted?, nil:
            if let c = cancelledBy { return ActionStatus(entry: e, state: .cancelled(by: c), inFlight: false, result: result) }
            return ActionStatus(entry: e, state: result == nil ? .pending : .accepted, inFlight: true, result: result)
        }
    }

}

/// Refundable = captured − refunded − journaled refunds still in flight.
public struct Refundable: Sendable, Equatable {
    public var capturedMinor: Int64
    public var refundedMinor: Int64
    public var pendingMinor: Int64
    public var remainingMinor: Int64 { max(0, capturedMinor - refundedMinor - pendingMinor) }
}

/// The ERP's echoes of opsdeck actions found in a snapshot.
struct Echoes {
    let refundIDs: Set<String>
    let restockIDs: Set<String>
    let tickets: [String: Ticket]
    let carts: [String: Cart]

    init(_ s: StoreSnapshot) {
        refundIDs = Set(s.orders.lazy.flatMap(\.refunds).compactMap(\.actionID))
        restockIDs = Set(s.stock.lazy.flatMap(\.incomingDetail).compactMap(\.actionID))
        tickets = Dictionary(s.tickets.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        carts = Dictionary(s.carts.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    }

    func shows(_ e: JournalEntry) -> Bool {
        switch e.request {
        case .refund: return refundIDs.contains(e.actionID)
        case .restock: return restockIDs.contains(e.actionID)
        case .escalationAck(let t):
            guard let at = tickets[t]?.acknowledgedAt else { return false }
            return at >= e.at
        case .escalationAssign(let t, let assignee):
            return tickets[t]?.assignee == assignee
        case .cartReminder(let r):
            guard let at = carts[r.cartID]?.lastReminderAt else { return false }
            return at >= e.at
        case .cancel: return false
        }
    }
}

extension ActionKind {
    /// The data file whose records this kind of action changes (nil for cancel).
    public var source: SourceKind? {
        switch self {
        case .restock: .stock
        case .refund: .orders
        case .cartReminder: .carts
        case .escalationAck, .escalationAssign: .tickets
        case .cancel: nil
        }
    }
}

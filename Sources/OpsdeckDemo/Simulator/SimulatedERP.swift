import OpsdeckModel
import OpsdeckActions

/// One pending piece of ERP work on a journaled action.
struct ERPTask: Sendable {
    enum Phase: Sendable { case accept, decide }
    var due: Int64
    var actionID: String
    var phase: Phase
}

/// The ERP's side of the journal contract: every action is accepted, then applied to the data (echoing its
/// action id where the contract says) or rejected with a reason a person can act on.
extension StoreSimulator {
    /// The supplier that cannot deliver, so operators see a rejection (and its reason) in the demo.
    static let unavailableSupplier = Catalog.nordkap.name
    static let largestRestock = 10_000

    mutating func runERP(now t: Int64) -> [ActionResult] {
        var results: [ActionResult] = []
        while let i = tasks.indices.filter({ tasks[$0].due <= t }).min(by: { (tasks[$0].due, $0) < (tasks[$1].due, $1) }) {
            let task = tasks.remove(at: i)
            guard let entry = entries[task.actionID] else { continue }
            switch task.phase {
            case .accept:
                results.append(answer(entry.actionID, .accepted, t, "received by the ERP", ref: "ERP-\(mintRef())"))
                outcomes[entry.actionID] = .accepted
                tasks.append(ERPTask(due: t + config.applyDelay, actionID: entry.actionID, phase: .decide))
            case .decide:
                results += decide(entry, now: t)
            }
        }
        return results
    }

    func answer(_ id: String, _ state: ActionResult.State, _ t: Int64, _ message: String?, ref: String? = nil) -> ActionResult {
        ActionResult(actionID: id, state: state, at: calendar.local(t), message: message, erpRef: ref)
    }

    /// Applies the action, or says why not. A cancel may also answer the action it cancels.
    mutating func decide(_ e: JournalEntry, now t: Int64) -> [ActionResult] {
        let verdict: Result<(String, String?), Rejection>
        var extra: [ActionResult] = []
        switch e.request {
        case .restock(let r): verdict = restock(r, actionID: e.actionID, now: t)
        case .refund(let r): verdict = refund(r, actionID: e.actionID, now: t)
        case .cartReminder(let r): verdict = remind(r, now: t)
        case .escalationAck(let id):
            let at = calendar.local(t)
            verdict = updateTicket(id, now: t) { $0.acknowledgedBy = e.by.user; $0.acknowledgedAt = at }
        case .escalationAssign(let id, let who): verdict = updateTicket(id, now: t) { $0.assignee = who }
        case .cancel(let target): (verdict, extra) = cancel(target, by: e.actionID, now: t)
        }
        switch verdict {
        case .success(let (message, ref)):
            outcomes[e.actionID] = .applied
            return extra + [answer(e.actionID, .applied, t, message, ref: ref)]
        case .failure(let rejection):
            outcomes[e.actionID] = .rejected
            return extra + [answer(e.actionID, .rejected, t, rejection.reason)]
        }
    }

    struct Rejection: Error { var reason: String }

    mutating func restock(_ r: RestockRequest, actionID: String, now t: Int64) -> Result<(String, String?), Rejection> {
        guard let i = store.stock.firstIndex(where: { $0.sku == r.sku }) else { return .failure(Rejection(reason: "unknown SKU \(r.sku)")) }
        let item = store.stock[i]
        let supplier = r.supplier ?? item.supplier ?? "the usual supplier"
        guard item.status == .active else { return .failure(Rejection(reason: "\(r.sku) is discontinued; no new purchase orders")) }
        guard supplier != Self.unavailableSupplier else {
            return .failure(Rejection(reason: "\(supplier) cannot deliver before January (mill closed); choose another supplier"))
        }
        guard r.qty > 0 && r.qty <= Self.largestRestock else {
            return .failure(Rejection(reason: "quantity \(r.qty) is outside 1–\(Self.largestRestock)"))
        }
        let ref = "PO-\(9000 + mintRef())"
        store.stock[i].incomingDetail.append(IncomingStock(ref: ref, qty: r.qty, eta: calendar.local(t + config.restockArrival), actionID: actionID))
        store.stock[i].incoming += r.qty
        dirty.insert(.stock)
        return .success(("purchase order \(ref) placed with \(supplier)", ref))
    }

    mutating func refund(_ r: RefundRequest, actionID: String, now t: Int64) -> Result<(String, String?), Rejection> {
        guard let i = store.orders.firstIndex(where: { $0.id == r.orderID }) else {
            return .failure(Rejection(reason: "order \(r.orderID) not found"))
        }
        var o = store.orders[i]
        guard o.status != .onHold else { return .failure(Rejection(reason: "order \(o.displayNumber) is on hold (\(o.holdReason ?? "no reason given"))")) }
        let refundable = o.capturedMinor - o.refundedMinor
        let amount = r.type.movesMoney ? r.amountMinor : 0
        guard amount <= refundable else {
            return .failure(Rejection(reason: "amount \(amount) exceeds the refundable \(refundable) on \(o.displayNumber)"))
        }
        let ref = "RF-\(9000 + mintRef())"
        o.refunds.append(AppliedRefund(id: ref, amountMinor: amount, at: calendar.local(t), actionID: actionID))
        o.refundedMinor += amount
        if amount > 0 { o.financialStatus = o.refundedMinor >= o.capturedMinor ? "refunded" : "partially_refunded" }
        for line in r.lines {
            guard let j = o.lines.firstIndex(where: { $0.lineID == line.lineID }) else { continue }
            o.lines[j].refundedQty = min(o.lines[j].qty, o.lines[j].refundedQty + line.qty)
            if line.restock || r.restockItems { adjustStock(o.lines[j].sku) { $0.onHand += line.qty } }
        }
        store.orders[i] = o
        dirty.insert(.orders)
        return .success(("\(r.type.rawValue) refund \(ref) of \(amount) on \(o.displayNumber)", ref))
    }

    mutating func remind(_ r: CartReminderRequest, now t: Int64) -> Result<(String, String?), Rejection> {
        guard let i = store.carts.firstIndex(where: { $0.id == r.cartID }) else { return .failure(Rejection(reason: "cart \(r.cartID) not found")) }
        let c = store.carts[i]
        guard c.status != .recovered else { return .failure(Rejection(reason: "cart already recovered as order \(c.recoveredOrderID ?? "?")")) }
        guard c.email != nil, c.acceptsMarketing == true else { return .failure(Rejection(reason: "no e-mail address with marketing consent")) }
        guard c.remindersSent < store.settings.cartReminderMaxCount else {
            return .failure(Rejection(reason: "already reminded \(c.remindersSent) times"))
        }
        store.carts[i].remindersSent += 1
        store.carts[i].lastReminderAt = calendar.local(t)
        dirty.insert(.carts)
        return .success(("reminder \(c.remindersSent + 1) e-mailed" + (r.offerCode.map { " with offer \($0)" } ?? ""), nil))
    }

    mutating func updateTicket(_ id: String, now t: Int64, _ change: (inout Ticket) -> Void) -> Result<(String, String?), Rejection> {
        guard let i = store.tickets.firstIndex(where: { $0.id == id }) else { return .failure(Rejection(reason: "ticket \(id) not found")) }
        guard !store.tickets[i].status.isResolved else { return .failure(Rejection(reason: "ticket \(id) is already \(store.tickets[i].status.rawValue)")) }
        change(&store.tickets[i])
        dirty.insert(.tickets)
        return .success(("ticket \(id) updated", nil))
    }

    /// An action still waiting in the ERP's queue is dropped (and answered rejected); a restock already applied
    /// has its purchase order withdrawn while the goods have not arrived; anything else cannot be undone.
    mutating func cancel(_ target: String, by id: String, now t: Int64) -> (Result<(String, String?), Rejection>, [ActionResult]) {
        guard let original = entries[target] else { return (.failure(Rejection(reason: "no action \(target) to cancel")), []) }
        if withdrawn.remove(target) != nil {
            outcomes[target] = .rejected
            return (.success(("cancelled before it was applied", nil)), [answer(target, .rejected, t, "cancelled by action \(id)")])
        }
        switch (outcomes[target], original.request) {
        case (.applied?, .restock(let r)):
            guard let i = store.stock.firstIndex(where: { $0.sku == r.sku }),
                  let j = store.stock[i].incomingDetail.firstIndex(where: { $0.actionID == target }) else {
                return (.failure(Rejection(reason: "the goods of \(target) have already arrived")), [])
            }
            let po = store.stock[i].incomingDetail.remove(at: j)
            store.stock[i].incoming = max(0, store.stock[i].incoming - po.qty)
            dirty.insert(.stock)
            return (.success(("purchase order \(po.ref ?? "") withdrawn", po.ref)), [])
        case (.applied?, _):
            return (.failure(Rejection(reason: "\(original.kind.rawValue) \(target) is already applied and cannot be undone")), [])
        default:
            return (.failure(Rejection(reason: "nothing to cancel: \(target) was rejected")), [])
        }
    }
}

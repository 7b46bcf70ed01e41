import OpsdeckModel

/// A rule the action breaks. `field` names the dialog input to point at (nil: the action as a whole).
public struct ActionRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String?
    public var message: String
    public init(field: String? = nil, _ message: String) { self.field = field; self.message = message }
    public var description: String { message }
}

/// Something the operator must explicitly confirm before the action is written.
public enum ConfirmationCode: String, Sendable, CaseIterable {
    /// An earlier restock of the same SKU is still in flight.
    case restockPending = "restock-pending"
    /// The refund is above the operator's limit: the amount must be typed in full.
    case refundAboveLimit = "refund-above-limit"
}

public struct Confirmation: Sendable, Equatable {
    public var code: ConfirmationCode
    public var message: String
}

public enum ActionCheck: Sendable, Equatable {
    case rejected(ActionRejection)
    /// Allowed once each listed confirmation is given.
    case allowed(needs: [Confirmation])
}

/// The rules every action must pass, against the newest snapshot and the journal. A pure function: the
/// dialog calls it as the user types, `ActionJournal.append` calls it again under the lock before writing.
/// Each rule and its message is listed in docs/journal.md.
public enum ActionRules {
    /// Restock quantities above this are refused as typos.
    public static let restockHardMax = 100_000
    public static let maxTextLength = 500

    public static func check(_ request: ActionRequest, by op: OperatorIdentity, board: ActionBoard,
                             now: Timestamp) -> ActionCheck {
        do {
            switch request {
            case .restock(let r): return try restock(r, board)
            case .refund(let r): return try refund(r, op, board)
            case .cartReminder(let r): return try cartReminder(r, board, now)
            case .escalationAck(let t): try openTicket(t, "ack", board); return .allowed(needs: [])
            case .escalationAssign(let t, let who):
                try openTicket(t, "assign", board)
                guard !who.trimmingSpaces.isEmpty else { throw ActionRejection(field: "assignee", "assign: assignee must not be empty") }
                try text(who, field: "assignee", "assign")
                return .allowed(needs: [])
            case .cancel(let id): try cancel(id, board); return .allowed(needs: [])
            }
        } catch let r as ActionRejection {
            return .rejected(r)
        } catch {
            return .rejected(ActionRejection("\(error)"))
        }
    }

    /// The largest restock accepted for an item: 10 × max_stock when the ERP gives one, capped at 100 000.
    public static func restockMaxQty(_ item: StockItem) -> Int {
        guard let m = item.maxStock, m > 0 else { return restockHardMax }
        return min(restockHardMax, m.multipliedReportingOverflow(by: 10).overflow ? restockHardMax : m * 10)
    }

    /// The operator's refund limit (`store.json` refund limits: their user name, else "*"); nil = no limit.
    public static func refundLimit(for op: OperatorIdentity, settings: StoreSettings) -> Int64? {
        settings.refundLimitsMinor[op.user] ?? settings.refundLimitsMinor["*"]
    }

    /// Whether the dialog must make the operator type this amount in full to confirm it.
    public static func needsTypedAmount(_ amountMinor: Int64, by op: OperatorIdentity, settings: StoreSettings) -> Bool {
        refundLimit(for: op, settings: settings).map { amountMinor > $0 } ?? false
    }

    // MARK: rules

    static func restock(_ r: RestockRequest, _ board: ActionBoard) throws -> ActionCheck {
        guard let item = board.snapshot.stock.last(where: { $0.sku == r.sku }) else {
            throw ActionRejection(field: "sku", "restock: SKU \(r.sku) is not in stock.json")
        }
        guard item.status == .active else { throw ActionRejection(field: "sku", "restock: SKU \(r.sku) is discontinued") }
        guard r.qty >= 1 else { throw ActionRejection(field: "qty", "restock: quantity must be at least 1") }
        let maxQty = restockMaxQty(item)
        guard r.qty <= maxQty else {
            throw ActionRejection(field: "qty", "restock: quantity \(r.qty) is above the maximum of \(maxQty) for \(r.sku)")
        }
        if let s = r.supplier { try text(s, field: "supplier", "restock") }
        if let n = r.note { try text(n, field: "note", "restock") }
        let pending = board.pendingRestock(sku: r.sku)
        guard !pending.isEmpty else { return .allowed(needs: []) }
        let qty = pending.reduce(0) { if case .restock(let p) = $1.entry.request { $0 + p.qty } else { $0 } }
        let who = pending.map { "\($0.entry.by.user) at \($0.entry.at.iso8601())" }.joined(separator: ", ")
        return .allowed(needs: [Confirmation(code: .restockPending,
            message: "restock: \(qty) of \(r.sku) already pending (\(who)); confirm to order more")])
    }

    static func refund(_ r: RefundRequest, _ op: OperatorIdentity, _ board: ActionBoard) throws -> ActionCheck {
        guard let order = board.snapshot.orders.last(where: { $0.id == r.orderID }),
              let room = board.refundable(orderID: r.orderID) else {
            throw ActionRejection("refund: order \(r.orderID) is not in orders.json")
        }
        let name = order.displayNumber
        func money(_ m: Int64) -> String { MoneyText.format(m, currency: order.currency) + " " + order.currency }
        guard order.status != .cancelled else { throw ActionRejection("refund: order \(name) is cancelled") }
        guard order.status != .onHold else {
            throw ActionRejection("refund: order \(name) is on hold" + (order.holdReason.map { " (\($0))" } ?? ""))
        }
        guard order.capturedMinor > 0 else { throw ActionRejection("refund: order \(name) was not paid (nothing captured)") }
        guard r.currency == order.currency else {
            throw ActionRejection(field: "currency", "refund: currency \(r.currency) does not match the order's \(order.currency)")
        }
        let left = room.remainingMinor
        let breakdown = "captured \(money(room.capturedMinor)), refunded \(money(room.refundedMinor)), pending \(money(room.pendingMinor))"
        switch r.type {
        case .full:
            guard left > 0 else { throw ActionRejection("refund: nothing left to refund on order \(name) (\(breakdown))") }
            guard r.amountMinor == left else {
                throw ActionRejection(field: "amount", "refund: a full refund must be exactly the refundable \(money(left)) (\(breakdown))")
            }
        case .partial, .storeCredit:
            let what = r.type == .partial ? "a partial refund" : "store credit"
            guard r.amountMinor > 0 else { throw ActionRejection(field: "amount", "refund: \(what) must be more than 0") }
            guard r.amountMinor <= left else {
                throw ActionRejection(field: "amount", "refund: \(money(r.amountMinor)) exceeds the refundable \(money(left)) (\(breakdown))")
            }
            guard r.type == .storeCredit || r.amountMinor < left else {
                throw ActionRejection(field: "amount", "refund: a partial refund must be less than the refundable \(money(left)); use a full refund")
            }
        case .replacement, .exchange:
            let what = r.type == .exchange ? "an exchange" : "a replacement"
            guard r.amountMinor == 0 else { throw ActionRejection(field: "amount", "refund: \(what) moves no money; the amount must be 0") }
            guard !r.lines.isEmpty else { throw ActionRejection(field: "lines", "refund: \(what) must name the lines it replaces") }
        }
        var seen = Set<String>()
        for l in r.lines {
            guard seen.insert(l.lineID).inserted else { throw ActionRejection(field: "lines", "refund: line \(l.lineID) is listed twice") }
            guard let line = order.lines.first(where: { ($0.lineID ?? $0.sku) == l.lineID }) else {
                throw ActionRejection(field: "lines", "refund: order \(name) has no line \(l.lineID)")
            }
            let open = line.qty - line.refundedQty - inFlightQty(line: l.lineID, order: r.orderID, board)
            guard l.qty >= 1, l.qty <= open else {
                throw ActionRejection(field: "lines", "refund: line \(l.lineID) quantity must be 1…\(open)")
            }
        }
        guard r.type.movesMoney, needsTypedAmount(r.amountMinor, by: op, settings: board.snapshot.settings),
              let limit = refundLimit(for: op, settings: board.snapshot.settings) else { return .allowed(needs: []) }
        return .allowed(needs: [Confirmation(code: .refundAboveLimit,
            message: "refund: \(money(r.amountMinor)) is above \(op.user)'s refund limit of \(money(limit)); type the amount to confirm")])
    }

    /// Items of an order line named by refunds, replacements and exchanges still in flight.
    static func inFlightQty(line: String, order: String, _ board: ActionBoard) -> Int {
        board.inFlight.reduce(0) { sum, st in
            guard case .refund(let r) = st.entry.request, r.orderID == order else { return sum }
            return sum + r.lines.filter { $0.lineID == line }.reduce(0) { $0 + $1.qty }
        }
    }

    static func cartReminder(_ r: CartReminderRequest, _ board: ActionBoard, _ now: Timestamp) throws -> ActionCheck {
        let s = board.snapshot
        guard let cart = s.carts.last(where: { $0.id == r.cartID }) else {
            throw ActionRejection("reminder: cart \(r.cartID) is not in carts.json")
        }
        if cart.isRecovered {
            throw ActionRejection("reminder: cart \(r.cartID) was recovered" + (cart.recoveredOrderID.map { " (order \($0))" } ?? ""))
        }
        guard cart.status != .expired else { throw ActionRejection("reminder: cart \(r.cartID) has expired") }
        guard cart.isAbandoned(now: now, abandonAfterSeconds: s.settings.cartAbandonAfterSeconds) else {
            throw ActionRejection("reminder: cart \(r.cartID) is not abandoned (last activity \(cart.idleSeconds(now: now) / 60) min ago)")
        }
        let customer = cart.customerID.flatMap { id in s.customers.last(where: { $0.id == id }) }
        guard cart.customerID != nil || !(cart.email ?? "").isEmpty else {
            throw ActionRejection("reminder: cart \(r.cartID) has no customer or email to remind")
        }
        guard cart.acceptsMarketing ?? customer?.acceptsMarketing ?? false else {
            throw ActionRejection("reminder: the customer of cart \(r.cartID) has not accepted marketing")
        }
        let pending = board.pendingReminders(cartID: r.cartID)
        let sent = cart.remindersSent + pending.count
        let maxCount = s.settings.cartReminderMaxCount
        guard sent < maxCount else {
            throw ActionRejection("reminder: cart \(r.cartID) already had \(sent) of \(maxCount) reminders")
        }
        let last = ([cart.lastReminderAt].compactMap { $0 } + pending.map(\.entry.at)).max()
        if let last, last.seconds(until: now) < s.settings.cartReminderMinGapSeconds {
            let next = last.adding(seconds: s.settings.cartReminderMinGapSeconds)
            throw ActionRejection("reminder: last reminder for cart \(r.cartID) was \(last.seconds(until: now) / 3600) h ago; "
                + "reminders must be \(s.settings.cartReminderMinGapSeconds / 3600) h apart (next from \(next.iso8601()))")
        }
        if let code = r.offerCode {
            guard sent >= 1 else {
                throw ActionRejection(field: "offer_code", "reminder: an offer code is allowed only from the 2nd reminder on")
            }
            guard !code.trimmingSpaces.isEmpty else { throw ActionRejection(field: "offer_code", "reminder: offer code is empty") }
            try text(code, field: "offer_code", "reminder")
        }
        return .allowed(needs: [])
    }

    static func openTicket(_ id: String, _ verb: String, _ board: ActionBoard) throws {
        guard let t = board.snapshot.tickets.last(where: { $0.id == id }) else {
            throw ActionRejection("\(verb): ticket \(id) is not in escalations.json")
        }
        guard !t.status.isResolved else { throw ActionRejection("\(verb): ticket \(id) is \(t.status.rawValue)") }
    }

    static func cancel(_ id: String, _ board: ActionBoard) throws {
        guard let target = board.status(actionID: id) else { throw ActionRejection("cancel: no action \(id) in the journal") }
        guard target.entry.kind != .cancel else { throw ActionRejection("cancel: action \(id) is itself a cancel") }
        if case .cancelled(let by) = target.state { throw ActionRejection("cancel: action \(id) is already cancelled (by \(by))") }
        guard !target.state.isFinal else { throw ActionRejection("cancel: action \(id) is already \(target.state.label)") }
    }

    /// Free text the operator typed must survive the journal round trip unchanged and stay inert on terminals.
    static func text(_ s: String, field: String, _ verb: String) throws {
        guard !InertText.needsCleaning(s.utf8) || InertText.clean(s) == s else {
            throw ActionRejection(field: field, "\(verb): \(field) must not contain control or invisible characters")
        }
        guard s.count <= maxTextLength else {
            throw ActionRejection(field: field, "\(verb): \(field) is longer than \(maxTextLength) characters")
        }
    }
}

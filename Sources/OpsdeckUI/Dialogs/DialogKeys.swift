import OpsdeckActions
import OpsdeckModel

/// Opening action dialogs, typing into them, and the journal's answer.
extension AppState {
    /// `r` on the Stock pane: a restock of the selected SKU, prefilled with the suggested quantity and supplier.
    mutating func openRestock() {
        guard focus == .stock else { say(Self.restockWhereText, error: true); return }
        guard let sku = pane(.stock).selectedID else { say("No SKU selected", error: true); return }
        openRestock(sku: sku, returnTo: nil)
    }

    /// `r` in a stock item's details (that SKU) or an order's (the selected line's SKU); closing the dialog
    /// returns to the details.
    mutating func openRestockFromDetail(_ d: DetailState) {
        switch d.pane {
        case .stock: openRestock(sku: d.id, returnTo: d)
        case .orders:
            guard d.lineSKUs.indices.contains(d.selectedLine) else { say("This order has no lines", error: true); return }
            openRestock(sku: d.lineSKUs[d.selectedLine], returnTo: d)
        case .carts, .escalations: say(Self.restockWhereText, error: true)
        }
    }

    static let restockWhereText = "Restock works on the Stock pane (2), in a stock item's details or on an order's line"

    /// The restock dialog, prefilled with the suggested quantity and the supplier.
    mutating func openRestock(sku: String, returnTo: DetailState?) {
        guard let store, let item = store.facts.stockItem(sku: sku),
              let figures = store.facts.stockFigures(sku: sku) else { say("SKU \(sku) is not in stock.json", error: true); return }
        guard !config.readOnly else { say(Self.readOnlyText, error: true); return }
        let suggested = figures.suggestedQty > 0 ? figures.suggestedQty : max(1, figures.reorderPoint)
        var dialog = ActionDialog(
            draft: config.mintDraft(.restock, sku), kind: .restock, targetID: sku,
            targetAtOpen: dialogTarget(.restock, sku) ?? sku, openedAt: now,
            fields: [ActionDialog.Field(name: "qty", label: "Quantity", text: "\(suggested)"),
                     ActionDialog.Field(name: "supplier", label: "Supplier", text: item.supplier ?? ""),
                     ActionDialog.Field(name: "note", label: "Note", text: "")])
        dialog.returnTo = returnTo
        overlay = .dialog(dialog)
    }

    static let readOnlyText = "Read-only: store actions are off (--read-only or read_only in a config file)"

    /// `f` on the Orders pane, or on an escalation that names an order: a refund of that order, prefilled
    /// with its refundable remainder.
    mutating func openRefund() {
        let orderID: String?
        switch focus {
        case .orders: orderID = pane(.orders).selectedID
        case .escalations:
            orderID = pane(.escalations).selectedID.flatMap { store?.ticket(id: $0)?.orderID }
            guard orderID != nil else { say("This escalation names no order to refund", error: true); return }
        default: say("Refund works on the Orders pane (1) or an escalation that names an order", error: true); return
        }
        guard let store, let id = orderID, let order = store.facts.order(id: id),
              let room = actions?.refundable(orderID: id) else { say("Order \(orderID ?? "") is not in orders.json", error: true); return }
        guard !config.readOnly else { say(Self.readOnlyText, error: true); return }
        var d = ActionDialog(
            draft: config.mintDraft(.refund, id), kind: .refund, targetID: id,
            targetAtOpen: dialogTarget(.refund, id) ?? id, openedAt: now,
            fields: [ActionDialog.Field(name: "type", label: "Type", text: RefundType.full.rawValue,
                                        choices: RefundType.allCases.map(\.rawValue)),
                     ActionDialog.Field(name: "amount", label: "Amount", text: MoneyText.format(room.remainingMinor, currency: order.currency)),
                     ActionDialog.Field(name: "reason", label: "Reason", text: RefundReason.damaged.rawValue,
                                        choices: RefundReason.allCases.map(\.rawValue)),
                     ActionDialog.Field(name: "restock", label: "Restock", text: "no", choices: ["no", "yes"]),
                     ActionDialog.Field(name: "typed", label: "Retype amt", text: "")])
        d.currency = order.currency
        d.openLines = order.lines.compactMap { l in
            let open = l.qty - l.refundedQty
            return open > 0 ? RefundLine(lineID: l.lineID ?? l.sku, qty: open, restock: false) : nil
        }
        overlay = .dialog(d)
    }

    /// `m` on the Carts pane: a reminder for the selected cart, with an optional offer code.
    mutating func openReminder() {
        openSimple(.cartReminder, pane: .carts, fields: [ActionDialog.Field(name: "offer_code", label: "Offer code", text: "")])
    }

    /// `a` / `A` on the Escalations pane: acknowledge the selected ticket, or assign it to someone.
    mutating func openTicketAction(_ kind: ActionKind) {
        let fields = kind == .escalationAssign ? [ActionDialog.Field(name: "assignee", label: "Assignee", text: "")] : []
        openSimple(kind, pane: .escalations, fields: fields)
    }

    mutating func openSimple(_ kind: ActionKind, pane kindPane: PaneKind, fields: [ActionDialog.Field]) {
        guard focus == kindPane else { say("\(kind.rawValue.replacingUnderscores.prefix(1).uppercased() + kind.rawValue.replacingUnderscores.dropFirst()) works on the \(kindPane.title) pane (\(kindPane.number))", error: true); return }
        guard let id = pane(kindPane).selectedID, let target = dialogTarget(kind, id) else { say("Nothing selected", error: true); return }
        guard !config.readOnly else { say(Self.readOnlyText, error: true); return }
        overlay = .dialog(ActionDialog(draft: config.mintDraft(kind, id), kind: kind, targetID: id, targetAtOpen: target,
                                       openedAt: now, fields: fields))
    }

    /// One line describing the action's record as it is now; nil when it is no longer in its file. The
    /// dialog compares it with the line from when it opened to show that the record changed meanwhile.
    func dialogTarget(_ kind: ActionKind, _ id: String) -> String? {
        guard let store else { return nil }
        switch kind {
        case .restock:
            guard let item = store.facts.stockItem(sku: id), let f = store.facts.stockFigures(sku: id) else { return nil }
            return "\(item.name) · avail \(f.available) · incoming \(item.incoming) · ROP \(f.reorderPoint)"
        case .refund:
            guard let o = store.facts.order(id: id) else { return nil }
            let left = actions?.refundable(orderID: id)?.remainingMinor ?? 0
            return "Order \(o.displayNumber) · \(store.customerName(o.customerID)) · \(o.status.rawValue)"
                + " · refundable \(MoneyText.format(left, currency: o.currency)) \(o.currency)"
        case .cartReminder:
            guard let c = store.cart(id: id) else { return nil }
            return "Cart \(id) · \(c.customerID.map { store.customerName($0) } ?? c.email ?? "guest") · "
                + "\(Money.format(c.valueMinor, c.currency)) · reminders sent \(c.remindersSent)"
        case .escalationAck, .escalationAssign:
            guard let t = store.ticket(id: id) else { return nil }
            return "\(id) · \(t.priority.rawValue) · \(t.status.rawValue) · \(t.assignee.map { "assigned to \($0)" } ?? "unassigned") · \(t.subject)"
        case .cancel:
            return nil
        }
    }

    /// Keys go to the dialog first. Fields take printable keys (so `y` and `q` can be typed into a note);
    /// on the buttons `y` confirms and `n` cancels.
    mutating func handleDialog(_ key: Key, _ dialog: ActionDialog) -> [Effect] {
        var d = dialog
        let n = d.fields.count
        switch (key, d.focus) {
        case (.escape, _), (.char("n"), .cancel), (.char("n"), .confirm), (.enter, .cancel):
            closeDialog(d)
            return []
        case (.char("y"), .cancel), (.char("y"), .confirm), (.enter, .confirm):
            return confirm(&d)
        case (.tab, _), (.enter, .field), (.down, .field):
            d.focus = d.focus.next(fieldCount: n)
        case (.backTab, _), (.up, .field):
            d.focus = d.focus.previous(fieldCount: n)
        case (.left, .field(let i)), (.right, .field(let i)):
            guard let choices = d.fields[i].choices, !choices.isEmpty else { return [] }
            let at = choices.firstIndex(of: d.fields[i].text) ?? 0
            d.fields[i].text = choices[(at + (key == .right ? 1 : choices.count - 1)) % choices.count]
            d.failure = nil
            if d.fields[i].name == "type" { d.refundTypeChanged(remaining: actions?.refundable(orderID: d.targetID)?.remainingMinor) }
        case (.left, .confirm), (.right, .cancel), (.left, .cancel), (.right, .confirm):
            d.focus = d.focus == .cancel ? .confirm : .cancel
        case (.backspace, .field(let i)), (.delete, .field(let i)):
            guard d.fields[i].choices == nil else { return [] }
            d.fields[i].text = String(d.fields[i].text.dropLast())
            d.failure = nil
        case (.char(let c), .field(let i)) where key.isPrintable && d.fields[i].choices == nil:
            guard d.fields[i].text.count < ActionRules.maxTextLength else { return [] }
            d.fields[i].text.append(c)
            d.failure = nil
        default:
            return []
        }
        overlay = .dialog(d)
        return []
    }

    /// `y`: confirmations not yet seen are shown and must be confirmed with `y` again; then the entry is held
    /// for the undo window (UndoWindow.swift) and submitted when it ends.
    mutating func confirm(_ d: inout ActionDialog) -> [Effect] {
        switch d.verdict(board: actions, now: now) {
        case .invalid(let r):
            d.failure = r.message
            overlay = .dialog(d)
            return []
        case .ready(let entry, let needs):
            guard needs.isEmpty else {
                for c in needs { d.acknowledged.insert(c.code) }
                d.failure = nil
                d.focus = .confirm
                overlay = .dialog(d)
                say("Confirm again (y) to go ahead: " + needs.map(\.message).joined(separator: "; "), error: true)
                return []
            }
            return hold(entry, confirmed: d.acknowledged, from: d)
        }
    }

    /// Back to the detail view the dialog was opened from, if any.
    mutating func closeDialog(_ d: ActionDialog) {
        overlay = d.returnTo.map { .detail($0) }
        refreshDetail()
    }

    /// The journal's answer to `.submitAction`: success closes the dialog with a footer message; a refusal
    /// stays in the dialog so the operator can fix it or cancel.
    mutating func actionAnswered(actionID: String, _ result: Result<AppendOutcome, JournalError>) {
        let open: ActionDialog? = if case .dialog(let d)? = overlay, d.draft.actionID == actionID { d } else { nil }
        switch result {
        case .success(let outcome):
            if let open { closeDialog(open) }
            say("✓ " + Self.queuedText(outcome))
        case .failure(let error):
            if var d = open {
                if case .needsConfirmation(let c) = error { d.acknowledged.subtract(c.map(\.code)) }
                d.failure = error.description
                overlay = .dialog(d)
            }
            say("✗ Not written: \(error.description)", error: true)
        }
    }

    /// "Restock queued: SKU ×120 from Acme — pending ERP (a1b2c3)".
    static func queuedText(_ outcome: AppendOutcome) -> String {
        let e = outcome.entry
        let what: String
        switch e.request {
        case .restock(let r): what = "Restock queued: \(r.sku) ×\(r.qty)" + (r.supplier.map { " from \($0)" } ?? "")
        case .refund(let r):
            var s = "Refund queued: order \(r.orderID) \(r.type.rawValue.replacingUnderscores)"
            if r.type.movesMoney { s += " \(MoneyText.format(r.amountMinor, currency: r.currency)) \(r.currency)" }
            what = s
        default: what = ActionSummary.text(e.request) + " queued"
        }
        let again = if case .alreadyWritten = outcome { " (already in the journal)" } else { "" }
        return what + " — pending ERP (\(e.actionID.prefix(6)))" + again
    }

    /// A new journal read: rebuild the board the dialogs check against and the panes' pending markers.
    mutating func applyJournal(_ journal: JournalState) {
        self.journal = journal
        rebuildActions()
    }

    mutating func rebuildActions() {
        guard let snapshot = store?.snapshot else { actions = nil; return }
        let board = ActionBoard(journal: journal.including(held.map(\.entry)), snapshot: snapshot)
        if let old = actions { announceAnswers(old: old, new: board) }
        actions = board
        store?.pendingRestockBySKU = board.pendingRestockQtyBySKU
        store?.pendingRefundMinorByOrder = board.pendingRefundMinorByOrder
        refreshDetail()
    }
}

extension AppState {
    /// The ERP's answer to one of this operator's actions goes to the footer when it arrives:
    /// "ERP applied: restock TS-BLK-M +120 (Acme) (a1b2c3)", "✗ ERP rejected: … — out of catalogue".
    mutating func announceAnswers(old: ActionBoard, new: ActionBoard) {
        for st in new.statuses.reversed() where st.entry.by == config.identity {
            guard let before = old.status(actionID: st.entry.actionID), before.state != st.state else { continue }
            let what = ActionSummary.text(st.entry.request) + " (\(st.entry.actionID.prefix(6)))"
            switch st.state {
            case .accepted, .applied: say("ERP \(st.state.label): " + what)
            case .rejected(let m), .failed(let m): say("✗ ERP \(st.state.label): " + what + (m.map { " — " + $0 } ?? ""), error: true)
            case .pending, .cancelled: continue
            }
            return
        }
    }
}

extension ActionDialog {
    /// Moving between refund types keeps the amount sensible: full is the whole remainder, replacement
    /// and exchange move no money; partial and store credit keep what was typed.
    mutating func refundTypeChanged(remaining: Int64?) {
        guard let a = fields.firstIndex(where: { $0.name == "amount" }), let type = RefundType(rawValue: text("type")) else { return }
        switch type {
        case .full: fields[a].text = MoneyText.format(remaining ?? 0, currency: currency)
        case .replacement, .exchange: fields[a].text = MoneyText.format(0, currency: currency)
        case .partial, .storeCredit: break
        }
    }
}

extension ActionDialog.Focus {
    /// Fields in order, then Cancel, then Confirm, round again.
    func next(fieldCount n: Int) -> Self {
        switch self {
        case .field(let i): i + 1 < n ? .field(i + 1) : .cancel
        case .cancel: .confirm
        case .confirm: n > 0 ? .field(0) : .cancel
        }
    }

    func previous(fieldCount n: Int) -> Self {
        switch self {
        case .field(let i): i > 0 ? .field(i - 1) : .confirm
        case .cancel: n > 0 ? .field(n - 1) : .confirm
        case .confirm: .cancel
        }
    }
}

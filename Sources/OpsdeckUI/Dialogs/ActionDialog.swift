import OpsdeckActions
import OpsdeckModel

/// An open action dialog. It holds its target by id (snapshots keep arriving while it is open) and the
/// ids minted when it opened, so what it shows is exactly the line `y` writes, and a retry reuses the key.
public struct ActionDialog: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        /// The request field a rule's `ActionRejection.field` names.
        public var name: String
        public var label: String
        public var text: String
        /// A fixed list (←/→ cycle through it) instead of free text; `text` is the chosen value.
        public var choices: [String]? = nil
    }

    /// What has keyboard focus: a field being typed into, or one of the buttons.
    public enum Focus: Sendable, Equatable { case field(Int), cancel, confirm }

    public let draft: ActionDraft
    public let kind: ActionKind
    public let targetID: String
    /// The target as it was when the dialog opened, to show whether it changed meanwhile.
    public let targetAtOpen: String
    /// The entry's time: when the dialog opened, so the line shown does not change while it is open.
    public let openedAt: Timestamp
    public internal(set) var fields: [Field]
    public internal(set) var focus: Focus = .cancel
    /// Confirmations the operator has given by pressing `y` once more after seeing them.
    public internal(set) var acknowledged: Set<ConfirmationCode> = []
    /// Refunds: the order's currency and its lines not yet refunded, as they were when the dialog opened.
    public internal(set) var currency = ""
    public internal(set) var openLines: [RefundLine] = []
    /// Why the journal refused the last submit (the dialog stays open).
    public internal(set) var failure: String?
    /// The detail view it was opened from (restock from a stock item or an order line), shown again when it closes.
    public internal(set) var returnTo: DetailState?

    func text(_ name: String) -> String { fields.first { $0.name == name }?.text ?? "" }

    /// The request the fields describe, or why they do not describe one yet.
    func request() -> Result<ActionRequest, ActionRejection> {
        switch kind {
        case .restock:
            let qtyText = text("qty").trimmedSpaces
            guard let qty = Int(qtyText) else {
                return .failure(ActionRejection(field: "qty", "restock: quantity must be a whole number"))
            }
            return .success(.restock(RestockRequest(sku: targetID, qty: qty, supplier: optional("supplier"), note: optional("note"))))
        case .refund:
            return refundRequest()
        case .cartReminder:
            return .success(.cartReminder(CartReminderRequest(cartID: targetID, offerCode: optional("offer_code"))))
        case .escalationAck:
            return .success(.escalationAck(ticketID: targetID))
        case .escalationAssign:
            return .success(.escalationAssign(ticketID: targetID, assignee: text("assignee").trimmedSpaces))
        case .cancel:
            return .failure(ActionRejection("cancel is done from the journal view"))
        }
    }

    /// Full, partial and store credit move money; replacement and exchange name every open line. Returning
    /// items to stock names the lines too, each with `restock`.
    func refundRequest() -> Result<ActionRequest, ActionRejection> {
        guard let type = RefundType(rawValue: text("type")), let reason = RefundReason(rawValue: text("reason")) else {
            return .failure(ActionRejection("refund: choose a type and a reason"))
        }
        guard let amount = MoneyText.parse(text("amount").trimmedSpaces, currency: currency) else {
            return .failure(ActionRejection(field: "amount", "refund: amount must be a number like \(MoneyText.format(4500, currency: currency))"))
        }
        let restock = text("restock") == "yes"
        let lines = restock || !type.movesMoney ? openLines.map { RefundLine(lineID: $0.lineID, qty: $0.qty, restock: restock) } : []
        return .success(.refund(RefundRequest(orderID: targetID, type: type, amountMinor: amount, currency: currency,
                                              reason: reason, lines: lines, restockItems: restock)))
    }

    /// Above the operator's refund limit the amount is confirmed by typing it again, not by a second `y`.
    func typedAmountMatches() -> Bool {
        guard let typed = MoneyText.parse(text("typed").trimmedSpaces, currency: currency) else { return false }
        return typed == MoneyText.parse(text("amount").trimmedSpaces, currency: currency)
    }

    func optional(_ name: String) -> String? {
        let t = text(name).trimmedSpaces
        return t.isEmpty ? nil : t
    }

    func entry(_ request: ActionRequest) -> JournalEntry { draft.entry(request, at: openedAt) }

    /// The live verdict shown while typing: the rules run against the board the UI holds.
    func verdict(board: ActionBoard?, now: Timestamp) -> DialogVerdict {
        switch request() {
        case .failure(let r): return .invalid(r)
        case .success(let req):
            guard let board else { return .invalid(ActionRejection("no store data yet")) }
            switch ActionRules.check(req, by: draft.by, board: board, now: now) {
            case .rejected(let r): return .invalid(r)
            case .allowed(let needs):
                let open = needs.filter { c in
                    c.code == .refundAboveLimit ? !typedAmountMatches() : !acknowledged.contains(c.code)
                }
                return .ready(entry(req), needs: open)
            }
        }
    }
}

enum DialogVerdict: Equatable {
    case invalid(ActionRejection)
    /// Writable once `needs` (confirmations not yet given) is empty.
    case ready(JournalEntry, needs: [Confirmation])
}

extension String {
    var trimmedSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

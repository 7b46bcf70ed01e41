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
    /// Why the journal refused the last submit (the dialog stays open).
    public internal(set) var failure: String?

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
        default:
            return .failure(ActionRejection("\(kind.rawValue) is not available in this build yet"))
        }
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
            case .allowed(let needs): return .ready(entry(req), needs: needs.filter { !acknowledged.contains($0.code) })
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

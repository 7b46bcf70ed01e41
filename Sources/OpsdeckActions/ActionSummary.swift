/// One-line human descriptions of actions, shared by the CLI, the footer and the Journal view.
public enum ActionSummary {
    /// `restock SKU-1 +120 (Acme)`, `refund order 10452: partial 45.00 USD, damaged`, `assign ticket T-9 to bob`.
    public static func text(_ r: ActionRequest) -> String {
        switch r {
        case .restock(let x):
            return "restock \(x.sku) +\(x.qty)" + (x.supplier.map { " (\($0))" } ?? "")
        case .refund(let x):
            var s = "refund order \(x.orderID): \(x.type.rawValue.replacingUnderscores)"
            if x.type.movesMoney { s += " " + MoneyText.format(x.amountMinor, currency: x.currency) + " " + x.currency }
            s += ", " + x.reason.rawValue.replacingUnderscores
            if !x.lines.isEmpty { s += ", lines " + x.lines.map { "\($0.lineID)×\($0.qty)" }.joined(separator: " ") }
            return s
        case .cartReminder(let x):
            return "remind cart \(x.cartID)" + (x.offerCode.map { " with offer \($0)" } ?? "")
        case .escalationAck(let t): return "acknowledge ticket \(t)"
        case .escalationAssign(let t, let who): return "assign ticket \(t) to \(who)"
        case .cancel(let id): return "cancel action \(id)"
        }
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

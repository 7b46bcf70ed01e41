import Foundation
import XCTest
@testable import OpsdeckActions
import OpsdeckModel

/// A small store with one record per case the rules distinguish.
enum Fixture {
    static func t(_ s: String) -> Timestamp { Timestamp(iso8601: s)! }
    static let now = t("2026-11-22T14:00:00Z")
    static let alice = OperatorIdentity(user: "alice", host: "ops1", sshClient: "10.0.0.8")

    static func order(_ id: String, status: OrderStatus = .paid, total: Int64 = 10_000, paid: Int64? = nil,
                      refunded: Int64 = 0, refunds: [AppliedRefund] = []) -> Order {
        Order(id: id, customerID: "c1", placedAt: t("2026-11-20T10:00:00Z"), status: status, totalMinor: total, currency: "USD",
              lines: [OrderLine(lineID: "L1", sku: "SKU1", qty: 2, unitPriceMinor: 4_000, refundedQty: 1),
                      OrderLine(lineID: "L2", sku: "SKU2", qty: 1, unitPriceMinor: 2_000)],
              paidMinor: paid, refundedMinor: refunded, refunds: refunds, holdReason: status == .onHold ? "fraud review" : nil)
    }

    static func snapshot() -> StoreSnapshot {
        var s = StoreSnapshot()
        s.orders = [order("O1", refunded: 1_000), order("HOLD", status: .onHold), order("CXL", status: .cancelled),
                    order("UNPAID", status: .pending)]
        s.stock = [StockItem(sku: "SKU1", name: "Mug", onHand: 3, maxStock: 50),
                   StockItem(sku: "SKU2", name: "Cup", onHand: 3),
                   StockItem(sku: "OLD", name: "Old", onHand: 0, status: .discontinued)]
        let idle = t("2026-11-21T10:00:00Z")
        s.carts = [Cart(id: "C1", updatedAt: idle, valueMinor: 5_000, currency: "USD", lines: [], customerID: "c1", acceptsMarketing: true),
                   Cart(id: "RECOV", updatedAt: idle, valueMinor: 1, currency: "USD", lines: [], customerID: "c1",
                        acceptsMarketing: true, status: .recovered, recoveredOrderID: "O9"),
                   Cart(id: "EXP", updatedAt: idle, valueMinor: 1, currency: "USD", lines: [], customerID: "c1", status: .expired),
                   Cart(id: "FRESH", updatedAt: t("2026-11-22T13:50:00Z"), valueMinor: 1, currency: "USD", lines: [],
                        customerID: "c1", acceptsMarketing: true, status: .open),
                   Cart(id: "GUEST", updatedAt: idle, valueMinor: 1, currency: "USD", lines: [], acceptsMarketing: true),
                   Cart(id: "NOCONSENT", updatedAt: idle, valueMinor: 1, currency: "USD", lines: [], email: "x@y.z", acceptsMarketing: false),
                   Cart(id: "VIACUSTOMER", updatedAt: idle, valueMinor: 1, currency: "USD", lines: [], customerID: "c2"),
                   Cart(id: "TWO", updatedAt: idle, valueMinor: 1, currency: "USD", lines: [], customerID: "c1", acceptsMarketing: true,
                        status: .abandoned, remindersSent: 2, lastReminderAt: t("2026-11-21T12:00:00Z")),
                   Cart(id: "THREE", updatedAt: idle, valueMinor: 1, currency: "USD", lines: [], customerID: "c1", acceptsMarketing: true,
                        remindersSent: 3, lastReminderAt: t("2026-11-20T12:00:00Z")),
                   Cart(id: "RECENT", updatedAt: idle, valueMinor: 1, currency: "USD", lines: [], customerID: "c1", acceptsMarketing: true,
                        remindersSent: 1, lastReminderAt: t("2026-11-22T04:00:00Z"))]
        s.customers = [Customer(id: "c1", acceptsMarketing: true), Customer(id: "c2", acceptsMarketing: true)]
        s.tickets = [Ticket(id: "T1", subject: "late", priority: .high, status: .open, openedAt: idle),
                     Ticket(id: "SOLVED", subject: "x", priority: .low, status: .solved, openedAt: idle)]
        s.settings.refundLimitsMinor = ["alice": 5_000, "*": 2_000]
        for k in SourceKind.allCases { s.sources[k] = SourceInfo(kind: k, health: .ok, generatedAt: t("2026-11-22T13:59:00Z")) }
        return s
    }

    static func entry(_ r: ActionRequest, key: String? = nil, at: Timestamp = now, by: OperatorIdentity = alice) -> JournalEntry {
        let d = ActionDraft.open(r.kind, targetID: r.target.id, by: by)
        return ActionDraft(key: key ?? d.key, actionID: d.actionID, by: by).entry(r, at: at)
    }

    static func refund(_ order: String = "O1", _ type: RefundType = .partial, _ amount: Int64, lines: [RefundLine] = []) -> ActionRequest {
        .refund(RefundRequest(orderID: order, type: type, amountMinor: amount, currency: "USD", reason: .damaged, lines: lines))
    }

    static func tempDir() -> String {
        let d = NSTemporaryDirectory() + "opsdeck-actions-" + ActionDraft.newActionID()
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    static func lines(_ path: String) -> [String] {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

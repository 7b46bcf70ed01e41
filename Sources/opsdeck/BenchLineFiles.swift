import Foundation
import OpsdeckActions
import OpsdeckDemo
import OpsdeckModel

/// The line-oriented files of a store of `orders` orders for `opsdeck bench`: `action-results.jsonl` (the
/// ERP's answers, re-read whole on every append) and the action journal, one line per action, `orders / 10`
/// actions each. Their decoders read one short line at a time, so per-line costs show here, not in orders.json.
struct BenchLineFiles {
    let orders: Int
    let now: Int64

    var actions: Int { max(10, orders / 10) }

    func actionResults() -> [UInt8] {
        var rng = DemoRandom(seed: UInt64(orders) ^ 0xA5)
        var o = ByteOut()
        for i in 0..<actions {
            let state = ["accepted", "applied", "rejected", "failed"][rng.next(4)]
            o.raw("{"); o.key("action_id"); o.str(Self.actionID(i)); o.comma(); o.key("state"); o.str(state); o.comma()
            o.key("at"); o.time(now - Int64(actions - i) * 60); o.comma()
            o.key("message"); o.str(state == "rejected" ? "Rejected by the ERP: order already refunded" : "Processed by the ERP batch run"); o.comma()
            o.key("erp_ref"); o.str("ERP-\(700000 + i)"); o.raw("}\n")
        }
        return o.bytes
    }

    func journal() -> [UInt8] {
        var rng = DemoRandom(seed: UInt64(orders) ^ 0x5A)
        let by = OperatorIdentity(user: "alice", host: "ops1.example.com", sshClient: "10.0.0.8")
        var o = ByteOut()
        for i in 0..<actions {
            let request: ActionRequest
            switch rng.next(3) {
            case 0: request = .restock(RestockRequest(sku: BenchStoreWriter.sku(rng.next(max(50, orders / 50))), qty: 12 * (1 + rng.next(10)),
                                                      supplier: "Supplier \(rng.next(17))", note: "weekly reorder"))
            case 1: request = .refund(RefundRequest(orderID: "O\(rng.next(orders))", type: .partial, amountMinor: Int64(500 + rng.next(5000)),
                                                    currency: "USD", reason: .damaged,
                                                    lines: [RefundLine(lineID: "L1", qty: 1, restock: true)]))
            default: request = .cartReminder(CartReminderRequest(cartID: "K\(rng.next(max(10, orders / 10)))", offerCode: "SAVE10"))
            }
            let entry = JournalEntry(actionID: Self.actionID(i), key: "\(request.kind.rawValue):\(i):\(String(rng.next(1 << 30), radix: 16))",
                                     at: Timestamp(epochSeconds: now - Int64(actions - i) * 60, offsetSeconds: 0), by: by, request: request)
            o.raw(entry.jsonLine()); o.raw("\n")
        }
        return o.bytes
    }

    /// A UUID-shaped id, deterministic: the journal and the results name the same actions.
    static func actionID(_ i: Int) -> String { String(format: "%08x-0000-4000-8000-%012x", i &* 2_654_435_761 & 0xFFFF_FFFF, i) }
}

import OpsdeckActions
import OpsdeckModel
@testable import OpsdeckUI

/// A small deterministic store built with domain initialisers: accented, CJK and emoji names, a late
/// order, an out-of-stock SKU, a breaching ticket, a stale source (carts) and a parse-error source
/// (escalations).
enum Fixture {
    static let now = Timestamp(iso8601: "2026-11-24T14:05:00Z")!
    static func ago(_ s: Int64) -> Timestamp { now.adding(seconds: -s) }
    static func ahead(_ s: Int64) -> Timestamp { now.adding(seconds: s) }
    static let m: Int64 = 60, h: Int64 = 3600, d: Int64 = 86400

    static func line(_ sku: String, _ name: String, qty: Int, _ price: Int64, discount: Int64 = 0) -> OrderLine {
        OrderLine(lineID: "\(sku)-l", sku: sku, name: name, qty: qty, unitPriceMinor: price, discountMinor: discount)
    }

    static var customers: [Customer] {
        [
            Customer(id: "c1", name: "Ana Ruiz", email: "ana@example.com", tags: ["vip"]),
            Customer(id: "c2", name: "Zoë Müller", email: "zoe@example.de"),
            Customer(id: "c3", name: "山田 太郎", email: "taro@example.jp"),
            Customer(id: "c4", name: "Chris 🚀 Lee"),
            Customer(id: "c5", name: "Jose\u{301} Álvarez"),
        ]
    }

    static var orders: [Order] {
        [
            Order(id: "o10452", number: "10452", customerID: "c1", placedAt: ago(5 * h), status: .paid, totalMinor: 21200,
                  currency: "USD", lines: [line("TS-BLK-M", "Tee black M", qty: 2, 6000), line("MUG-01", "Mug ☕ large", qty: 1, 9200)],
                  shipBy: ago(1 * h - 5 * m)),
            Order(id: "o10460", number: "10460", customerID: "c2", placedAt: ago(2 * h), status: .picking, totalMinor: 4550,
                  currency: "USD", lines: [line("SOCK-JP", "靴下 ウール", qty: 1, 4550)], shipBy: ahead(2 * h + 10 * m)),
            Order(id: "o10461", number: "10461", customerID: "c3", placedAt: ago(40 * m), status: .paid, totalMinor: 128000,
                  currency: "USD", lines: [line("JKT-RED", "Jacket red", qty: 4, 32000)], shipBy: ahead(26 * h)),
            Order(id: "o10462", number: "10462", customerID: "c4", placedAt: ago(10 * m), status: .pending, totalMinor: 1999,
                  currency: "USD", lines: [line("MUG-01", "Mug ☕ large", qty: 1, 1999)]),
            Order(id: "o10463", number: "10463", customerID: "c5", placedAt: ago(3 * h), status: .onHold, totalMinor: 8900,
                  currency: "USD", lines: [line("TS-BLK-M", "Tee black M", qty: 1, 8900)], shipBy: ahead(5 * h), holdReason: "address check"),
            Order(id: "o10440", number: "10440", customerID: "c1", placedAt: ago(2 * d), status: .shipped, totalMinor: 50000,
                  currency: "USD", lines: [line("JKT-RED", "Jacket red", qty: 1, 50000)]),
        ]
    }

    static var history: [Order] {
        [
            Order(id: "o9001", number: "9001", customerID: "c1", placedAt: ago(40 * d), status: .delivered, totalMinor: 90000,
                  currency: "USD", lines: [line("JKT-RED", "Jacket red", qty: 3, 30000)]),
            Order(id: "o9002", number: "9002", customerID: "c2", placedAt: ago(30 * d), status: .delivered, totalMinor: 3000,
                  currency: "USD", lines: [line("SOCK-JP", "靴下 ウール", qty: 1, 4000, discount: 1000)], discountCodes: ["WELCOME10"]),
        ]
    }

    static var stock: [StockItem] {
        [
            StockItem(sku: "TS-BLK-M", name: "Tee black M", onHand: 3, reserved: 3, reorderPoint: 40, dailyDemand: 6, supplier: "Acme"),
            StockItem(sku: "MUG-01", name: "Mug ☕ large", onHand: 12, incoming: 0, reorderPoint: 20, dailyDemand: 4),
            StockItem(sku: "SOCK-JP", name: "靴下 ウール (メリノ)", onHand: 80, incoming: 50, reorderPoint: 30, dailyDemand: 5),
            StockItem(sku: "JKT-RED", name: "Jacket red", onHand: 300, reorderPoint: 10, maxStock: 100, dailyDemand: 1),
            StockItem(sku: "CAP-OLD", name: "Cap (old logo)", onHand: 5, reorderPoint: 0, dailyDemand: 0, status: .discontinued),
        ]
    }

    static var carts: [Cart] {
        [
            Cart(id: "k1", updatedAt: ago(3 * h), valueMinor: 31000, currency: "USD",
                 lines: [CartLine(sku: "JKT-RED", qty: 1, unitPriceMinor: 31000)], customerID: "c3", acceptsMarketing: true, status: .abandoned),
            Cart(id: "k2", updatedAt: ago(26 * h), valueMinor: 4500, currency: "USD",
                 lines: [CartLine(sku: "SOCK-JP", qty: 1)], customerID: nil, email: "g***@example.com", remindersSent: 1),
            Cart(id: "k3", updatedAt: ago(2 * h), valueMinor: 12000, currency: "USD",
                 lines: [CartLine(sku: "MUG-01", qty: 6)], customerID: "c2", remindersSent: 3),
            Cart(id: "k4", updatedAt: ago(5 * h), valueMinor: 9000, currency: "USD", lines: [], customerID: "c1", status: .recovered,
                 recoveredOrderID: "o10452"),
            Cart(id: "k5", updatedAt: ago(5 * m), valueMinor: 2000, currency: "USD", lines: [], customerID: "c4"),
        ]
    }

    static var tickets: [Ticket] {
        [
            Ticket(id: "T-881", subject: "Parcel damaged — need replacement 至急", priority: .urgent, status: .open, openedAt: ago(6 * h),
                   escalated: true, level: 2, customerID: "c1", orderID: "o10440", nextReplyDue: ago(35 * m), assignee: "bob"),
            Ticket(id: "T-884", subject: "Wrong size 🙁", priority: .high, status: .new, openedAt: ago(1 * h), level: 1,
                   customerID: "c2", firstReplyDue: ahead(45 * m)),
            Ticket(id: "T-885", subject: "Invoice address", priority: .normal, status: .pending, openedAt: ago(3 * h),
                   customerID: "c5", resolutionDue: ahead(20 * h), assignee: "carol"),
            Ticket(id: "T-870", subject: "Solved one", priority: .low, status: .solved, openedAt: ago(3 * d)),
        ]
    }

    static var settings: StoreSettings {
        StoreSettings(name: "Northwind Outfitters", timeZone: "UTC", dispatchCutoffMinutes: 16 * 60, currency: "USD")
    }

    static var sources: [SourceKind: SourceInfo] {
        [
            .orders: SourceInfo(kind: .orders, health: .ok, loadedAt: ago(2), generatedAt: ago(3)),
            .stock: SourceInfo(kind: .stock, health: .ok, loadedAt: ago(100), generatedAt: ago(130)),
            .carts: SourceInfo(kind: .carts, health: .ok, loadedAt: ago(19 * m), generatedAt: ago(20 * m)),
            .tickets: SourceInfo(kind: .tickets, health: .fileError(DataProblem(file: "escalations.json", line: 12, column: 5,
                reason: "unexpected end of input")), loadedAt: ago(10 * m), generatedAt: ago(10 * m)),
            .customers: SourceInfo(kind: .customers, health: .ok, loadedAt: ago(2), generatedAt: ago(3)),
        ]
    }

    static func snapshot(generation: Int = 1) -> StoreSnapshot {
        StoreSnapshot(orders: orders, stock: stock, carts: carts, tickets: tickets, customers: customers,
                      orderHistory: history, settings: settings, sources: sources, generation: generation)
    }

    static let operatorID = OperatorIdentity(user: "alice", host: "ops1", sshClient: "10.0.0.8")
    /// Every dialog in the tests mints this action id, so expected journal lines can be written out.
    static let draftActionID = "a1b2c3d4-0000-4000-8000-000000000001"

    /// No undo window unless a test asks for one (UndoWindowTests), so `y` submits at once.
    static func config(readOnly: Bool = false, undoSeconds: Double = 0) -> AppConfig {
        AppConfig(themes: [Theme.builtInDefault, Theme(name: "light", origin: "test", styles: [:])],
                  operatorLabel: "alice@ops1", readOnly: readOnly, undoSeconds: undoSeconds, identity: operatorID,
                  mintDraft: { kind, target in ActionDraft(key: "\(kind.rawValue):\(target):k1", actionID: draftActionID, by: operatorID) })
    }

    /// A dashboard at `width`×`height` that has received the fixture snapshot.
    static func state(width: Int = 120, height: Int = 40, readOnly: Bool = false, undoSeconds: Double = 0) -> AppState {
        let s = AppState(config: config(readOnly: readOnly, undoSeconds: undoSeconds), width: width, height: height, now: now)
        return update(s, .snapshot(snapshot())).0
    }
}

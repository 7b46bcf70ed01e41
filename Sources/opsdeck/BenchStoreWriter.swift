import Foundation
import OpsdeckDemo
import OpsdeckModel

/// Writes a large synthetic store for `opsdeck bench`: bulk, deterministic and streamed to disk in chunks,
/// so generating a million orders does not inflate the benchmark's own memory. Realism is the demo's job;
/// this aims at the shapes and sizes the decoder and metrics must handle (all fields, nested lines, times
/// with offsets, a year of history with the recent orders still open).
struct BenchStoreWriter {
    let orders: Int
    let now: Int64   // epoch seconds the data is relative to

    var skus: Int { max(50, orders / 50) }
    var customers: Int { max(10, orders / 4) }
    var carts: Int { max(10, orders / 10) }
    var tickets: Int { max(10, orders / 100) }

    /// Writes every file into `dir`; returns the total bytes written.
    func write(into dir: String) throws -> Int {
        var rng = DemoRandom(seed: UInt64(orders))
        var total = 0
        total += try file(dir, "orders.json", key: "orders", count: orders) { out, i in order(i, &out, &rng) }
        total += try file(dir, "stock.json", key: "items", count: skus) { out, i in stockItem(i, &out, &rng) }
        total += try file(dir, "carts.json", key: "carts", count: carts) { out, i in cart(i, &out, &rng) }
        total += try file(dir, "escalations.json", key: "tickets", count: tickets) { out, i in ticket(i, &out, &rng) }
        total += try file(dir, "customers.json", key: "customers", count: customers) { out, i in customer(i, &out, &rng) }
        return total
    }

    private func file(_ dir: String, _ name: String, key: String, count: Int,
                      _ record: (inout ByteOut, Int) -> Void) throws -> Int {
        let path = dir + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var out = ByteOut()
        out.raw(#"{"schema":"opsdeck/1","generated_at":"#); out.time(now); out.raw(#","currency":"USD","#)
        out.raw("\"\(key)\":[\n")
        var written = 0
        for i in 0..<count {
            if i > 0 { out.raw(",\n") }
            record(&out, i)
            if out.bytes.count > 4 << 20 { written += out.bytes.count; try handle.write(contentsOf: out.bytes); out.bytes.removeAll(keepingCapacity: true) }
        }
        out.raw("\n]}\n")
        written += out.bytes.count
        try handle.write(contentsOf: out.bytes)
        return written
    }

    private func order(_ i: Int, _ o: inout ByteOut, _ rng: inout DemoRandom) {
        // A year of orders, oldest first; those of the last two days are still being worked on.
        let placed = now - 365 * 86400 + Int64(i) * 365 * 86400 / Int64(max(1, orders)) - Int64(rng.next(3600))
        let recent = now - placed < 2 * 86400
        let status = rng.next(50) == 0 ? "cancelled" : recent ? ["paid", "picking", "packed", "pending"][rng.next(4)] : ["shipped", "delivered"][rng.next(2)]
        let lineCount = 1 + rng.next(4)
        var total: Int64 = 0
        let discounted = rng.next(4) == 0
        o.raw("{"); o.key("id"); o.str("O\(i)"); o.comma(); o.key("number"); o.str("#\(100000 + i)"); o.comma()
        o.key("customer_id"); o.str("C\(rng.next(customers))"); o.comma()
        o.key("placed_at"); o.time(placed, offset: 3600); o.comma()
        o.key("status"); o.str(status); o.comma()
        o.key("channel"); o.str(["web", "mobile", "marketplace", "pos"][rng.next(4)]); o.comma()
        if recent { o.key("ship_by"); o.time(placed + 36 * 3600); o.comma() }
        if discounted { o.raw(#""discount_codes":["SAVE10"],"#) }
        o.key("lines"); o.raw("[")
        for l in 0..<lineCount {
            let sku = rng.next(skus), qty = 1 + rng.next(3), price = Int64(500 + rng.next(20000))
            let discount: Int64 = discounted ? price * Int64(qty) / 10 : 0
            total += price * Int64(qty) - discount
            if l > 0 { o.comma() }
            o.raw("{"); o.key("line_id"); o.str("L\(l + 1)"); o.comma(); o.key("sku"); o.str(Self.sku(sku)); o.comma()
            o.key("name"); o.str("Product \(sku) – size M"); o.comma(); o.key("qty"); o.int(Int64(qty)); o.comma()
            o.key("unit_price_minor"); o.int(price); o.comma(); o.key("discount_minor"); o.int(discount)
            if status == "delivered" { o.comma(); o.key("fulfilled_qty"); o.int(Int64(qty)) }
            o.raw("}")
        }
        o.raw("],"); o.key("total_minor"); o.int(total)
        if status != "pending" && status != "cancelled" { o.comma(); o.key("paid_minor"); o.int(total) }
        if status == "delivered" && rng.next(20) == 0 {
            o.comma(); o.key("refunded_minor"); o.int(total / 2)
            o.raw(#","refunds":[{"id":"R\#(i)","amount_minor":\#(total / 2),"at":"#); o.time(placed + 10 * 86400); o.raw("}]")
        }
        o.raw("}")
    }

    private func stockItem(_ i: Int, _ o: inout ByteOut, _ rng: inout DemoRandom) {
        o.raw("{"); o.key("sku"); o.str(Self.sku(i)); o.comma(); o.key("name"); o.str("Product \(i) – size M"); o.comma()
        o.key("on_hand"); o.int(Int64(rng.next(400))); o.comma(); o.key("reserved"); o.int(Int64(rng.next(20))); o.comma()
        o.key("incoming"); o.int(Int64(rng.next(3) == 0 ? 100 : 0)); o.comma()
        o.key("lead_time_days"); o.int(Int64(3 + rng.next(20))); o.comma(); o.key("safety_stock"); o.int(Int64(rng.next(30))); o.comma()
        o.key("reorder_qty"); o.int(Int64(50 + rng.next(200))); o.comma(); o.key("order_multiple"); o.int(12); o.comma()
        o.key("supplier"); o.str("Supplier \(i % 17)"); o.comma(); o.key("unit_cost_minor"); o.int(Int64(200 + rng.next(5000))); o.comma()
        o.key("status"); o.str(rng.next(40) == 0 ? "discontinued" : "active"); o.raw("}")
    }

    private func cart(_ i: Int, _ o: inout ByteOut, _ rng: inout DemoRandom) {
        let updated = now - Int64(rng.next(7 * 86400))
        let status = ["open", "abandoned", "recovered", "expired"][rng.next(4)]
        o.raw("{"); o.key("id"); o.str("K\(i)"); o.comma(); o.key("updated_at"); o.time(updated); o.comma()
        o.key("created_at"); o.time(updated - 1800); o.comma()
        o.key("value_minor"); o.int(Int64(1000 + rng.next(30000))); o.comma(); o.key("currency"); o.str("USD"); o.comma()
        o.key("lines"); o.raw("[{"); o.key("sku"); o.str(Self.sku(rng.next(skus))); o.comma(); o.key("qty"); o.int(1); o.comma()
        o.key("unit_price_minor"); o.int(2500); o.raw("}],")
        if rng.next(3) > 0 { o.key("customer_id"); o.str("C\(rng.next(customers))"); o.comma() }
        o.key("email"); o.str("c***\(i)@example.com"); o.comma(); o.key("accepts_marketing"); o.raw(rng.next(2) == 0 ? "true" : "false"); o.comma()
        o.key("status"); o.str(status); o.comma(); o.key("reminders_sent"); o.int(Int64(rng.next(3))); o.raw("}")
    }

    private func ticket(_ i: Int, _ o: inout ByteOut, _ rng: inout DemoRandom) {
        let opened = now - Int64(rng.next(3 * 86400))
        o.raw("{"); o.key("id"); o.str("T\(i)"); o.comma(); o.key("subject"); o.str("Where is my order #\(100000 + rng.next(orders))?"); o.comma()
        o.key("priority"); o.str(["low", "normal", "high", "urgent"][rng.next(4)]); o.comma()
        o.key("status"); o.str(["new", "open", "pending", "escalated", "solved"][rng.next(5)]); o.comma()
        o.key("opened_at"); o.time(opened); o.comma(); o.key("escalated"); o.raw(rng.next(3) == 0 ? "true" : "false"); o.comma()
        o.key("level"); o.int(Int64(rng.next(5))); o.comma(); o.key("customer_id"); o.str("C\(rng.next(customers))"); o.comma()
        o.key("channel"); o.str(["email", "phone", "chat", "social"][rng.next(4)]); o.comma()
        o.key("first_reply_due"); o.time(opened + 4 * 3600); o.comma(); o.key("resolution_due"); o.time(opened + 48 * 3600); o.raw("}")
    }

    private func customer(_ i: Int, _ o: inout ByteOut, _ rng: inout DemoRandom) {
        o.raw("{"); o.key("id"); o.str("C\(i)"); o.comma(); o.key("name"); o.str("Customer \(i)"); o.comma()
        o.key("email"); o.str("customer\(i)@example.com"); o.comma()
        o.key("tags"); o.raw(rng.next(100) == 0 ? #"["vip"]"# : "[]"); o.comma()
        o.key("accepts_marketing"); o.raw(rng.next(2) == 0 ? "true" : "false"); o.raw("}")
    }

    static func sku(_ i: Int) -> String { "SKU-\(String(100000 + i).dropFirst())" }
}

/// Append-only JSON bytes; values here never need escaping.
struct ByteOut {
    var bytes: [UInt8] = []
    init() { bytes.reserveCapacity(5 << 20) }
    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }
    mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    mutating func key(_ k: StaticString) {
        bytes.append(UInt8(ascii: "\"")); k.withUTF8Buffer { bytes.append(contentsOf: $0) }; bytes.append(contentsOf: "\":".utf8)
    }
    mutating func str(_ s: String) { bytes.append(UInt8(ascii: "\"")); bytes.append(contentsOf: s.utf8); bytes.append(UInt8(ascii: "\"")) }
    mutating func int(_ v: Int64) { bytes.append(contentsOf: String(v).utf8) }
    mutating func time(_ epochSeconds: Int64, offset: Int32 = 0) {
        str(Timestamp(epochSeconds: epochSeconds, offsetSeconds: offset).iso8601())
    }
}

/// The bench draws from the demo's SplitMix64 generator; `next(bound)` keeps the stores it writes as they were.
extension DemoRandom {
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

import Foundation

/// A small store written as the ERP would: one file per source, stamped "now" so nothing is stale.
struct StoreFixture {
    let directory: String

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    private var now: String { Self.iso(Date()) }
    private func ago(hours: Double) -> String { Self.iso(Date().addingTimeInterval(-hours * 3600)) }
    private func ahead(hours: Double) -> String { Self.iso(Date().addingTimeInterval(hours * 3600)) }

    private func envelope(_ key: String, _ records: [String]) -> String {
        "{\"schema\":\"opsdeck/1\",\"generated_at\":\"\(now)\",\"currency\":\"USD\",\"\(key)\":[\n"
            + records.joined(separator: ",\n") + "\n]}\n"
    }

    func order(_ id: String, customer: String = "C1", total: Int = 21200) -> String {
        """
        {"id":"\(id)","number":"\(id)","customer_id":"\(customer)","placed_at":"\(ago(hours: 5))","status":"paid",
         "total_minor":\(total),"ship_by":"\(ahead(hours: 3))",
         "lines":[{"sku":"TS-BLK-M","qty":2,"unit_price_minor":\(total / 2)}]}
        """
    }

    func ordersJSON(_ ids: [String]) -> String { envelope("orders", ids.map { order($0) }) }

    var stockJSON: String {
        envelope("items", [
            #"{"sku":"TS-BLK-M","name":"Tee black M","on_hand":0,"reserved":0,"reorder_point":40,"daily_demand":6}"#,
            #"{"sku":"MUG-CRM","name":"Mug crème","on_hand":15,"reserved":2,"reorder_point":10,"daily_demand":1}"#,
        ])
    }

    var cartsJSON: String {
        envelope("carts", [
            "{\"id\":\"cart-77\",\"updated_at\":\"\(ago(hours: 3))\",\"value_minor\":8900,\"lines\":[{\"sku\":\"TS-BLK-M\",\"qty\":1},{\"sku\":\"MUG-CRM\",\"qty\":1}],\"customer_id\":\"C1\",\"email\":\"ana@example.com\",\"accepts_marketing\":true,\"status\":\"abandoned\"}",
        ])
    }

    func ticketsJSON(subject: String = "Box damaged") -> String {
        envelope("tickets", [
            "{\"id\":\"T-501\",\"subject\":\"\(subject)\",\"priority\":\"urgent\",\"status\":\"open\",\"opened_at\":\"\(ago(hours: 2))\",\"escalated\":true,\"level\":2,\"resolution_due\":\"\(ahead(hours: 1))\"}",
        ])
    }

    var customersJSON: String {
        envelope("customers", [#"{"id":"C1","name":"Ana Ruiz","tags":["vip"]}"#])
    }

    /// Writes the whole store.
    func writeAll(orders: [String] = ["10452", "10453"]) throws {
        try write("orders.json", ordersJSON(orders))
        try write("stock.json", stockJSON)
        try write("carts.json", cartsJSON)
        try write("escalations.json", ticketsJSON())
        try write("customers.json", customersJSON)
    }

    /// Replaces a file the way exporters should: write a temporary file, then rename over the old one.
    func write(_ name: String, _ text: String) throws {
        let temporary = directory + "/." + name + ".tmp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, directory + "/" + name) == 0 else { throw TmuxError("rename failed for \(name)") }
    }

    /// Overwrites a file in place with only part of its text, as a reader catches a non-atomic export.
    func writeTorn(_ name: String, _ text: String) throws {
        try String(text.prefix(text.count / 2)).write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
    }
}

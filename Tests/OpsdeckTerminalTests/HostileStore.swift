import Foundation

/// A store, journal, ERP answers, keys file and theme directory whose every text attacks the terminal:
/// CSI, OSC 52 / 0 / 2, DCS, C1 CSI and OSC, BEL, CR, LF, backspaces, DEL (as JSON escapes), bidi overrides
/// and isolates and zero-width characters (raw UTF-8), invalid UTF-8 bytes, and files that are not JSON
/// with raw escape bytes in them (their parse errors quote those bytes).
struct HostileStore {
    let directory: String
    /// XDG_CONFIG_HOME for the run: a keys file and themes with hostile names and contents.
    var configHome: String { directory + "/config" }

    /// As a JSON string body.
    static let jsonPayload = #"\u001b[2J\u001b[31mRED\u001b]52;c;SU5KRUNURUQ=\u0007\u001b]0;PWNED\u0007\u001b]2;PWNED\u001b\\"#
        + #"\u001bP1$qm\u001b\\\u009b31m\u009d0;C1\u0007\u0007\r\n\b\b\u007f"#
        + "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200B}\u{200C}\u{200D}\u{200E}\u{200F}\u{FEFF}"
    /// Raw bytes that must never reach the terminal as they are.
    static let rawPayload: [UInt8] = rawValidPayload + [0xFF, 0xC0, 0x80]
    /// The same as valid UTF-8, for config files (which must be UTF-8 to be read at all).
    static let rawValidPayload: [UInt8] = Array("\u{1B}]0;RAW\u{07}\u{1B}[2J\u{1B}P0;RAW\u{1B}\\\u{9B}6n\u{202E}".utf8)

    /// Sequences injected by the payloads, none of which may appear in the output.
    static let injected: [String] = ["\u{1B}[31mRED", "\u{1B}]", "\u{1B}P", "\u{1B}[2J", "\u{9B}", "\u{9D}", "PWNED\u{07}", "RAW\u{07}"]

    static func h(_ s: String) -> String { s + jsonPayload + "end" }

    private static var now: String { StoreFixture.iso(Date()) }
    private static func ago(_ hours: Double) -> String { StoreFixture.iso(Date().addingTimeInterval(-hours * 3600)) }
    private static func ahead(_ hours: Double) -> String { StoreFixture.iso(Date().addingTimeInterval(hours * 3600)) }

    private func envelope(_ key: String, _ records: [String], extra: String = "") -> String {
        "{\"schema\":\"opsdeck/1\",\"generated_at\":\"\(Self.now)\",\"currency\":\"USD\"\(extra),\"\(key)\":[\n" + records.joined(separator: ",\n") + "\n]}\n"
    }

    /// Writes everything. With `hostile` false, the same store with plain text (the clean baseline).
    func writeAll(hostile: Bool = true) throws {
        func h(_ s: String) -> String { hostile ? Self.h(s) : s }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try write("orders.json", envelope("orders", [
            #"{"id":"10452","number":"10452","customer_id":"C1","placed_at":"\#(Self.ago(5))","status":"on_hold","hold_reason":"\#(h("hold"))","total_minor":21200,"ship_by":"\#(Self.ahead(3))","lines":[{"sku":"TS-BLK-M","name":"\#(h("Tee"))","qty":2,"unit_price_minor":10600}]}"#,
            #"{"id":"10453","number":"10453","customer_id":"C2","placed_at":"\#(Self.ago(2))","status":"paid","total_minor":4550,"ship_by":"\#(Self.ahead(6))","lines":[{"sku":"MUG-CRM","qty":1,"unit_price_minor":4550}]}"#,
        ]))
        try write("stock.json", envelope("items", [
            #"{"sku":"TS-BLK-M","name":"\#(h("Tee black M"))","on_hand":0,"reserved":0,"reorder_point":40,"daily_demand":6,"supplier":"\#(h("Acme"))"}"#,
            #"{"sku":"MUG-CRM","name":"\#(h("Mug"))","on_hand":15,"reserved":2,"reorder_point":10,"daily_demand":1}"#,
        ]))
        try write("escalations.json", envelope("tickets", [
            #"{"id":"T-501","subject":"\#(h("Box damaged"))","priority":"urgent","status":"open","opened_at":"\#(Self.ago(2))","escalated":true,"level":2,"customer_id":"C1","order_id":"10452","assignee":"\#(h("bob"))","resolution_due":"\#(Self.ahead(1))"}"#,
        ]))
        try write("customers.json", envelope("customers", [
            #"{"id":"C1","name":"\#(h("Ana Ruiz"))","email":"\#(h("ana"))@example.com","tags":["vip","\#(h("tag"))"]}"#,
            #"{"id":"C2","name":"Zoë \#(h("M"))"}"#,
        ]))
        try write("store.json", "{\"schema\":\"opsdeck/1\",\"generated_at\":\"\(Self.now)\",\"store\":{\"name\":\"\(h("Northwind"))\",\"currency\":\"USD\",\"timezone\":\"UTC\"}}\n")
        // Not JSON, with raw escape bytes: the footer quotes the bytes where parsing stopped.
        var carts = Array(envelope("carts", []).utf8)
        if hostile { carts.insert(contentsOf: Self.rawPayload, at: carts.count - 4) } else { carts.insert(contentsOf: Array("oops".utf8), at: carts.count - 4) }
        try write("carts.json", carts)

        // Short enough that the journal view still has room for what was done and the ERP's answer.
        let short = hostile ? #"\u001b]0;OP\u0007\u202e"# : ""
        let op = #"{"user":"eve\#(short)","host":"box\#(short)","ssh_client":"\#(h("10.0.0.9"))"}"#
        var journal = [
            #"{"action_id":"aaaaaaaa-0000-4000-8000-000000000001","key":"restock:TS-BLK-M:x1","kind":"restock","at":"\#(Self.ago(1))","operator":\#(op),"target":{"sku":"TS-BLK-M"},"payload":{"qty":12,"supplier":"Acme\#(short)","note":"\#(h("rush"))"}}"#,
            #"{"action_id":"aaaaaaaa-0000-4000-8000-000000000002","key":"escalation_assign:T-501:x2","kind":"escalation_assign","at":"\#(Self.ago(0.5))","operator":\#(op),"target":{"ticket_id":"T-501"},"payload":{"assignee":"\#(h("mallory"))"}}"#,
            #"{"action_id":"aaaaaaaa-0000-4000-8000-000000000003","key":"cart_reminder:cart-77:x3","kind":"cart_reminder","at":"\#(Self.ago(0.2))","operator":\#(op),"target":{"cart_id":"cart-77"},"payload":{"offer_code":"\#(h("SAVE10"))"}}"#,
        ].map { Array(($0 + "\n").utf8) }.joined().map { $0 }
        journal += hostile ? Array("{\"action_id\":\"".utf8) + Self.rawPayload + Array(" not json\n".utf8) : Array("{\"action_id\": not json\n".utf8)
        try write("journal.jsonl", journal)
        try write("action-results.jsonl",
                  #"{"action_id":"aaaaaaaa-0000-4000-8000-000000000001","state":"rejected","at":"\#(Self.now)","message":"\#(h("supplier closed"))"}"# + "\n")

        // Keys and themes: warnings quote them before the screen opens; a theme's name is its file name.
        let themes = configHome + "/opsdeck/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try write(configHome + "/opsdeck/keys.toml", Array("quit = \"\(hostile ? #"\u001b]0;KEYS\u0007"# : "Q1")\"\n".utf8)
                  + (hostile ? Array("help = \"".utf8) + Self.rawValidPayload + Array("\"\n".utf8) : Array("help = \"?\"\n".utf8)), absolute: true)
        let name = hostile ? "evil\u{1B}]0;THEME\u{07}\u{202E}" : "evil"
        try write(themes + "/" + name + ".toml", Array("description = \"a theme\"\n[role.title]\nattrs = [\"bold\"]\n".utf8), absolute: true)
        try write(themes + "/broken.toml", Array("[role.title]\n".utf8) + (hostile ? Self.rawValidPayload : Array("oops".utf8)) + Array(" = 1\n".utf8), absolute: true)
    }

    private func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }

    private func write(_ name: String, _ bytes: [UInt8], absolute: Bool = false) throws {
        let path = absolute ? name : directory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw TmuxError("cannot write \(path)") }
    }
}

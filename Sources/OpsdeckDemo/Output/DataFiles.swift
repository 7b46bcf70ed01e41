import OpsdeckModel

/// Turns the store into the bytes of each data file. One function per file kind, each the only writer of it.
public enum DataFiles {
    public static let schema = "opsdeck/1"

    /// The JSON data files the exporter writes (`action-results.jsonl` is appended by the ERP instead).
    public static let kinds: [SourceKind] = [.store, .customers, .orderHistory, .orders, .stock, .carts, .tickets]

    public static func bytes(_ kind: SourceKind, of store: DemoStore, generatedAt: Timestamp) -> [UInt8] {
        let currency = store.settings.currency
        switch kind {
        case .store: return envelope("store", generatedAt, currency, single: store.settings.json)
        case .customers: return envelope("customers", generatedAt, currency, records: store.customers.map(\.json))
        case .orderHistory:
            return envelope("orders", generatedAt, currency, records: store.orderHistory.map { $0.json(fileCurrency: currency) })
        case .orders: return envelope("orders", generatedAt, currency, records: store.orders.map { $0.json(fileCurrency: currency) })
        case .stock: return envelope("items", generatedAt, currency, records: store.stock.map(\.json))
        case .carts: return envelope("carts", generatedAt, currency, records: store.carts.map { $0.json(fileCurrency: currency) })
        case .tickets: return envelope("tickets", generatedAt, currency, records: store.tickets.map(\.json))
        case .actionResults: return []
        }
    }

    /// The envelope with one record a line, so the files read well in a pager and diff well.
    static func envelope(_ key: String, _ at: Timestamp, _ currency: String, records: [JSONOut]) -> [UInt8] {
        var out = header(key, at, currency)
        out.append(UInt8(ascii: "["))
        for (i, r) in records.enumerated() {
            out.append(contentsOf: i == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            r.write(into: &out)
        }
        out.append(contentsOf: "\n]}\n".utf8)
        return out
    }

    static func envelope(_ key: String, _ at: Timestamp, _ currency: String, single: JSONOut) -> [UInt8] {
        var out = header(key, at, currency)
        single.write(into: &out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    static func header(_ key: String, _ at: Timestamp, _ currency: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        out.append(UInt8(ascii: "{"))
        for (k, v) in [("schema", schema), ("generated_at", at.iso8601()), ("currency", currency)] {
            JSONOut.string(k).write(into: &out)
            out.append(UInt8(ascii: ":"))
            JSONOut.string(v).write(into: &out)
            out.append(UInt8(ascii: ","))
        }
        JSONOut.string(key).write(into: &out)
        out.append(UInt8(ascii: ":"))
        return out
    }
}

/// One record of `carts.json`. The currency is left empty when the record gives none.
enum CartDecoder {
    static func cart(_ f: inout FieldReader) throws -> Cart? {
        guard var c = try f.beginObject("") else { return nil }
        var id: String?, updatedAt: Timestamp?, value: Int64?, currency: String?, lines: [CartLine]?
        var customerID: String?, email: String?, marketing: Bool?, createdAt: Timestamp?, status: CartStatus?
        var reminders: Int?, lastReminder: Timestamp?, recoveredOrder: String?
        while let k = try f.json.nextKey(&c) {
            if k == "id" { id = try f.recordKey(k) }
            else if k == "updated_at" { updatedAt = try f.timestamp(k) }
            else if k == "value_minor" { value = try f.money(k) }
            else if k == "lines" { lines = try f.array(k, line) }
            else if k == "currency" { currency = try f.currency(k) }
            else if k == "customer_id" { customerID = try f.id(k) }
            else if k == "email" { email = try f.string(k) }
            else if k == "accepts_marketing" { marketing = try f.bool(k) }
            else if k == "created_at" { createdAt = try f.timestamp(k) }
            else if k == "status" { status = try f.enumValue(k, CartStatus.self) }
            else if k == "reminders_sent" { reminders = try f.int(k) }
            else if k == "last_reminder_at" { lastReminder = try f.timestamp(k) }
            else if k == "recovered_order_id" { recoveredOrder = try f.id(k) }
            else { try f.json.skipValue() }
        }
        guard let id = f.require(id, "id"), let updatedAt = f.require(updatedAt, "updated_at"),
              let value = f.require(value, "value_minor"), let lines = f.require(lines, "lines") else { return nil }
        return Cart(id: id, updatedAt: updatedAt, valueMinor: value, currency: currency ?? "", lines: lines,
                    customerID: customerID, email: email, acceptsMarketing: marketing, createdAt: createdAt,
                    status: status, remindersSent: reminders ?? 0, lastReminderAt: lastReminder,
                    recoveredOrderID: recoveredOrder)
    }

    static func line(_ f: inout FieldReader) throws -> CartLine? {
        guard var c = try f.beginObject("") else { return nil }
        var sku: String?, name: String?, qty: Int?, price: Int64?
        while let k = try f.json.nextKey(&c) {
            if k == "sku" { sku = try f.id(k) }
            else if k == "qty" { qty = try f.int(k, 1...FieldReader.maxCount) }
            else if k == "name" { name = try f.string(k) }
            else if k == "unit_price_minor" { price = try f.money(k) }
            else { try f.json.skipValue() }
        }
        guard let sku = f.require(sku, "sku"), let qty = f.require(qty, "qty") else { return nil }
        return CartLine(sku: sku, name: name, qty: qty, unitPriceMinor: price)
    }
}

/// One record of `orders.json` / `order_history.json`. The hot path of a 100k-order store: keys are matched
/// as bytes, timestamps and enums parsed without making strings.
enum OrderDecoder {
    /// Returns nil when the record is not an object or lacks a required field; other faults are noted in `f`.
    /// The currency is left empty when the record gives none (the file's default is filled in later).
    static func order(_ f: inout FieldReader) throws -> Order? {
        guard var c = try f.beginObject("") else { return nil }
        var id: String?, number: String?, customerID: String?, placedAt: Timestamp?, status: OrderStatus?
        var total: Int64?, currency: String?, lines: [OrderLine]?, paid: Int64?, refunded: Int64?
        var refunds: [AppliedRefund]?, financialStatus: String?, channel: SalesChannel?
        var shipBy: Timestamp?, deliverBy: Timestamp?, serviceLevel: String?, priority: String?
        var holdReason: String?, discountCodes: [String]?, tracking: [Shipment]?
        while let k = try f.json.nextKey(&c) {
            if k == "id" { id = try f.recordKey(k) }
            else if k == "customer_id" { customerID = try f.id(k) }
            else if k == "placed_at" { placedAt = try f.timestamp(k) }
            else if k == "status" { status = try f.enumValue(k, OrderStatus.self) }
            else if k == "total_minor" { total = try f.money(k) }
            else if k == "lines" { lines = try f.array(k, line) }
            else if k == "number" { number = try f.id(k) }
            else if k == "currency" { currency = try f.currency(k) }
            else if k == "paid_minor" { paid = try f.money(k) }
            else if k == "refunded_minor" { refunded = try f.money(k) }
            else if k == "refunds" { refunds = try f.array(k, refund) }
            else if k == "financial_status" { financialStatus = try f.string(k) }
            else if k == "channel" { channel = try f.enumValue(k, SalesChannel.self) }
            else if k == "ship_by" { shipBy = try f.timestamp(k) }
            else if k == "deliver_by" { deliverBy = try f.timestamp(k) }
            else if k == "service_level" { serviceLevel = try f.string(k) }
            else if k == "priority" { priority = try f.string(k) }
            else if k == "hold_reason" { holdReason = try f.string(k) }
            else if k == "discount_codes" { discountCodes = try f.strings(k) }
            else if k == "tracking" { tracking = try f.array(k, shipment) }
            else { try f.json.skipValue() }
        }
        f.require(id, "id")
        f.require(customerID, "customer_id")
        f.require(placedAt, "placed_at")
        f.require(status, "status")
        f.require(total, "total_minor")
        f.require(lines, "lines")
        guard let id, let customerID, let placedAt, let status, let total, let lines else { return nil }
        if lines.isEmpty && !f.hasErrors { f.note("lines", "an order needs at least one line") }
        let applied = refunds ?? []
        // Without `refunded_minor` the applied refunds say how much went back.
        let refundedMinor = refunded ?? applied.reduce(0) { min($0 + $1.amountMinor, FieldReader.maxMoney) }
        let captured = paid ?? (status.isPastPending ? total : 0)   // `Order.capturedMinor`, without a copy of the order
        if refundedMinor > captured {
            f.note("refunded_minor", "refunded \(refundedMinor) exceeds the \(captured) captured", .warning)
        }
        return Order(id: id, number: number, customerID: customerID, placedAt: placedAt, status: status,
                     totalMinor: total, currency: currency ?? "", lines: lines, paidMinor: paid,
                     refundedMinor: refundedMinor, refunds: applied, financialStatus: financialStatus,
                     channel: channel, shipBy: shipBy, deliverBy: deliverBy, serviceLevel: serviceLevel,
                     priority: priority, holdReason: holdReason, discountCodes: discountCodes ?? [],
                     tracking: tracking ?? [])
    }

    static func line(_ f: inout FieldReader) throws -> OrderLine? {
        guard var c = try f.beginObject("") else { return nil }
        var lineID: String?, sku: String?, name: String?, qty: Int?, unitPrice: Int64?, discount: Int64?
        var compareAt: Int64?, fulfilled: Int?, refundedQty: Int?
        while let k = try f.json.nextKey(&c) {
            if k == "sku" { sku = try f.id(k) }
            else if k == "qty" { qty = try f.int(k, 1...FieldReader.maxCount) }
            else if k == "unit_price_minor" { unitPrice = try f.money(k) }
            else if k == "line_id" { lineID = try f.id(k) }
            else if k == "name" { name = try f.string(k) }
            else if k == "discount_minor" { discount = try f.money(k) }
            else if k == "compare_at_minor" { compareAt = try f.money(k) }
            else if k == "fulfilled_qty" { fulfilled = try f.int(k) }
            else if k == "refunded_qty" { refundedQty = try f.int(k) }
            else { try f.json.skipValue() }
        }
        f.require(sku, "sku")
        f.require(qty, "qty")
        f.require(unitPrice, "unit_price_minor")
        guard let sku, let qty, let unitPrice else { return nil }
        if let fulfilled, fulfilled > qty { f.note("fulfilled_qty", "\(fulfilled) is more than the \(qty) ordered") }
        if let refundedQty, refundedQty > qty { f.note("refunded_qty", "\(refundedQty) is more than the \(qty) ordered") }
        return OrderLine(lineID: lineID, sku: sku, name: name, qty: qty, unitPriceMinor: unitPrice,
                         discountMinor: discount ?? 0, compareAtMinor: compareAt, fulfilledQty: fulfilled ?? 0,
                         refundedQty: refundedQty ?? 0)
    }

    static func refund(_ f: inout FieldReader) throws -> AppliedRefund? {
        guard var c = try f.beginObject("") else { return nil }
        var id: String?, amount: Int64?, at: Timestamp?, actionID: String?
        while let k = try f.json.nextKey(&c) {
            if k == "amount_minor" { amount = try f.money(k) }
            else if k == "id" { id = try f.string(k) }
            else if k == "at" { at = try f.timestamp(k) }
            else if k == "action_id" { actionID = try f.string(k) }
            else { try f.json.skipValue() }
        }
        f.require(amount, "amount_minor")
        guard let amount else { return nil }
        return AppliedRefund(id: id, amountMinor: amount, at: at, actionID: actionID)
    }

    static func shipment(_ f: inout FieldReader) throws -> Shipment? {
        guard var c = try f.beginObject("") else { return nil }
        var s = Shipment()
        while let k = try f.json.nextKey(&c) {
            if k == "carrier" { s.carrier = try f.string(k) }
            else if k == "number" { s.number = try f.string(k) }
            else if k == "status" { s.status = try f.string(k) }
            else if k == "eta" { s.eta = try f.timestamp(k) }
            else if k == "last_event_at" { s.lastEventAt = try f.timestamp(k) }
            else { try f.json.skipValue() }
        }
        return s
    }
}

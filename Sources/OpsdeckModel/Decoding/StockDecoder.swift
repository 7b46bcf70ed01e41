/// One record of `stock.json`.
enum StockDecoder {
    static func item(_ f: inout FieldReader) throws -> StockItem? {
        guard var c = try f.beginObject("") else { return nil }
        var sku: String?, name: String?, onHand: Int?, reserved: Int?, incoming: Int?, detail: [IncomingStock]?
        var leadTime: Double?, safety: Int?, reorderPoint: Int?, reorderQty: Int?, maxStock: Int?
        var multiple: Int?, moq: Int?, demand: Double?, supplier: String?, unitCost: Int64?, location: String?
        var status: StockStatus?
        while let k = try f.json.nextKey(&c) {
            if k == "sku" { sku = try f.recordKey(k) }
            else if k == "name" { name = try f.string(k) }
            // Negative on hand is real: the shop sold stock it did not have (oversold).
            else if k == "on_hand" { onHand = try f.int(k, -FieldReader.maxCount...FieldReader.maxCount) }
            else if k == "reserved" { reserved = try f.int(k) }
            else if k == "incoming" { incoming = try f.int(k) }
            else if k == "incoming_detail" { detail = try f.array(k, incomingStock) }
            else if k == "lead_time_days" { leadTime = try f.decimal(k) }
            else if k == "safety_stock" { safety = try f.int(k) }
            else if k == "reorder_point" { reorderPoint = try f.int(k) }
            else if k == "reorder_qty" { reorderQty = try f.int(k) }
            else if k == "max_stock" { maxStock = try f.int(k) }
            else if k == "order_multiple" { multiple = try f.int(k, 1...FieldReader.maxCount) }
            else if k == "moq" { moq = try f.int(k) }
            else if k == "daily_demand" { demand = try f.decimal(k) }
            else if k == "supplier" { supplier = try f.string(k) }
            else if k == "unit_cost_minor" { unitCost = try f.money(k) }
            else if k == "location" { location = try f.string(k) }
            else if k == "status" { status = try f.enumValue(k, StockStatus.self) }
            else { try f.json.skipValue() }
        }
        guard let sku = f.require(sku, "sku"), let name = f.require(name, "name"),
              let onHand = f.require(onHand, "on_hand") else { return nil }
        let detailList = detail ?? []
        // Without `incoming`, the open purchase order lines say how much is on its way.
        let incomingTotal = incoming ?? min(detailList.reduce(0) { $0 + $1.qty }, FieldReader.maxCount)
        return StockItem(sku: sku, name: name, onHand: onHand, reserved: reserved ?? 0, incoming: incomingTotal,
                         incomingDetail: detailList, leadTimeDays: leadTime, safetyStock: safety,
                         reorderPoint: reorderPoint, reorderQty: reorderQty, maxStock: maxStock,
                         orderMultiple: multiple, moq: moq, dailyDemand: demand, supplier: supplier,
                         unitCostMinor: unitCost, location: location, status: status ?? .active)
    }

    static func incomingStock(_ f: inout FieldReader) throws -> IncomingStock? {
        guard var c = try f.beginObject("") else { return nil }
        var ref: String?, qty: Int?, eta: Timestamp?, actionID: String?
        while let k = try f.json.nextKey(&c) {
            if k == "qty" { qty = try f.int(k, 1...FieldReader.maxCount) }
            else if k == "ref" { ref = try f.id(k) }
            else if k == "eta" { eta = try f.timestamp(k) }
            else if k == "action_id" { actionID = try f.string(k) }
            else { try f.json.skipValue() }
        }
        guard let qty = f.require(qty, "qty") else { return nil }
        return IncomingStock(ref: ref, qty: qty, eta: eta, actionID: actionID)
    }
}

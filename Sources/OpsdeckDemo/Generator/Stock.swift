import OpsdeckModel

extension DemoStoreBuilder {
    /// Picks, before any order exists, which SKUs will be out of stock (popular ones, for drama), which low,
    /// and which discontinued, so open orders can avoid or wait for them.
    mutating func chooseStockTroubles() {
        let popular = catalog.sorted { ($0.popularity, $0.sku) > ($1.popularity, $1.sku) }.prefix(120).map(\.sku)
        var pool = popular
        func take(_ n: Int) -> Set<String> {
            Set((0..<n).map { _ in pool.remove(at: rng.int(0...pool.count - 1)) })
        }
        outOfStock = take(4)
        lowStock = take(14)
        discontinued = take(2)
    }

    mutating func makeStock() {
        var sold: [String: Int] = [:], reserved: [String: Int] = [:]
        let since = now - 28 * 86400
        for o in history + orders where o.status != .cancelled && o.placedAt.epochSeconds >= since {
            for l in o.lines { sold[l.sku, default: 0] += l.qty }
        }
        for o in orders where o.status.isOpen && o.holdReason != "awaiting stock" {
            for l in o.lines { reserved[l.sku, default: 0] += l.qty }
        }
        var poNumber = 4100
        for item in catalog {
            let demand = max(0.03, (Double(sold[item.sku, default: 0]) / 28 * 100).rounded() / 100)
            let lead = Double(item.leadTimeDays)
            let (multiple, moq) = item.category == "Camp kitchen" ? (12, 24) : item.category == "Apparel" ? (6, 12) : (1, 4)
            let safety = max(2, Int((demand * 5).rounded(.up)))
            let rop = max(safety + 1, Int((demand * lead).rounded(.up)) + safety)
            let reorderQty = roundUp(max(moq, Int((demand * 30).rounded(.up))), to: multiple)
            let held = reserved[item.sku, default: 0]
            let onHand: Int
            if outOfStock.contains(item.sku) {
                onHand = 0
            } else if lowStock.contains(item.sku) {
                onHand = held + rng.int(1...max(1, rop - 1))
            } else {
                onHand = held + rng.int(rop + 1...rop + reorderQty)
            }
            var incoming: [IncomingStock] = []
            let poChance = outOfStock.contains(item.sku) ? 0.5 : lowStock.contains(item.sku) ? 0.5 : 0.08
            if !discontinued.contains(item.sku) && rng.chance(poChance) {
                poNumber += 1
                let eta = calendar.instant(day: calendar.localDay(now).day + Int64(rng.int(2...item.leadTimeDays)), minutes: 10 * 60)
                incoming.append(IncomingStock(ref: "PO-\(poNumber)", qty: reorderQty, eta: local(eta)))
            }
            let aisle = ["A", "B", "C", "D", "E"][abs(item.category.hashValueStable) % 5]
            stock.append(StockItem(
                sku: item.sku, name: item.name, onHand: onHand, reserved: min(held, onHand),
                incoming: incoming.reduce(0) { $0 + $1.qty }, incomingDetail: incoming, leadTimeDays: lead,
                safetyStock: safety, reorderPoint: rop, reorderQty: reorderQty, maxStock: rop + 2 * reorderQty,
                orderMultiple: multiple, moq: moq, dailyDemand: demand, supplier: item.supplier,
                unitCostMinor: item.unitCostMinor, location: "\(aisle)-\(rng.int(1...24))-\(rng.int(1...6))",
                status: discontinued.contains(item.sku) ? .discontinued : .active))
        }
    }

    func roundUp(_ n: Int, to multiple: Int) -> Int { (n + multiple - 1) / multiple * multiple }
}

extension String {
    /// A hash that is the same in every process (Swift's `hashValue` is seeded per run).
    var hashValueStable: Int { utf8.reduce(5381) { ($0 &* 33) &+ Int($1) } }
}

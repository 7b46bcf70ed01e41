import OpsdeckModel

extension DemoStore {
    /// A store read back from a data directory (a previous demo or simulation), so the simulator can carry
    /// on from the files instead of starting over. Prices come from the newest order lines of each SKU.
    public init(snapshot s: StoreSnapshot) {
        var prices: [String: Int64] = [:]
        for o in (s.orderHistory + s.orders).sorted(by: { $0.placedAt < $1.placedAt }) {
            for l in o.lines { prices[l.sku] = l.compareAtMinor ?? l.unitPriceMinor }
        }
        catalog = s.stock.map { item in
            CatalogItem(sku: item.sku, name: item.name, category: "",
                        priceMinor: prices[item.sku] ?? (item.unitCostMinor.map { $0 * 100 / 42 } ?? 1000),
                        unitCostMinor: item.unitCostMinor ?? 0, supplier: item.supplier ?? "",
                        leadTimeDays: Int(item.leadTimeDays ?? 14), popularity: max(0.03, item.dailyDemand ?? 0.1))
        }
        settings = s.settings
        customers = s.customers
        stock = s.stock
        orderHistory = s.orderHistory
        orders = s.orders
        carts = s.carts
        tickets = s.tickets
    }
}

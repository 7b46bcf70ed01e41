import Foundation
import OpsdeckModel

/// The demo store "Northwind Outfitters": everything its ERP would export, generated from a seed.
/// The same seed and `now` always give the same store (and byte-identical files).
public struct DemoStore: Sendable {
    public var settings: StoreSettings
    public var catalog: [CatalogItem]
    public var customers: [Customer]
    public var stock: [StockItem]
    /// Closed orders older than `orders.json`'s window (`order_history.json`).
    public var orderHistory: [Order]
    /// Open orders plus those of the last two days (`orders.json`).
    public var orders: [Order]
    public var carts: [Cart]
    public var tickets: [Ticket]

    public static let defaultSeed: UInt64 = 42

    public static func settings() -> StoreSettings {
        StoreSettings(name: "Northwind Outfitters", timeZone: "America/New_York", dispatchCutoffMinutes: 16 * 60,
                      workingDays: [1, 2, 3, 4, 5], atRiskSeconds: 4 * 3600, slaWarningSeconds: 2 * 3600,
                      cartAbandonAfterSeconds: 3600, cartReminderMaxCount: 3, cartReminderMinGapSeconds: 20 * 3600,
                      refundLimitsMinor: ["*": 25_000, "lead": 200_000], currency: "USD")
    }

    /// Generates the store as its ERP would see it at `now`.
    public static func generate(seed: UInt64 = defaultSeed, now: Timestamp) -> DemoStore {
        var b = DemoStoreBuilder(seed: seed, now: now.epochSeconds)
        b.beginPart(1); b.makeCustomers(count: 2000)
        b.beginPart(2); b.chooseStockTroubles()
        b.beginPart(3); b.makeHistory(days: 182)
        b.beginPart(4); b.makeRecentOrders(open: 150)
        b.beginPart(5); b.makeStock()
        b.beginPart(6); b.makeCarts()
        b.beginPart(7); b.makeTickets()
        return DemoStore(settings: b.settings, catalog: b.catalog, customers: b.customers.map(\.customer),
                         stock: b.stock, orderHistory: b.history, orders: b.orders, carts: b.carts, tickets: b.tickets)
    }
}

/// Working state of one generation. Each part (customers, orders, stock, carts, tickets) lives in its own file
/// as an extension; every part draws from its own split of the seed, so changing one part's draws does not
/// reshuffle the others.
struct DemoStoreBuilder {
    let settings = DemoStore.settings()
    let calendar: StoreCalendar
    let now: Int64
    var rng: DemoRandom
    let catalog = Catalog.items()
    var customers: [DemoCustomer] = []
    var history: [Order] = []
    var orders: [Order] = []
    var stock: [StockItem] = []
    var carts: [Cart] = []
    var tickets: [Ticket] = []
    /// SKUs that will be out of stock and low at `now`.
    var outOfStock: Set<String> = []
    var lowStock: Set<String> = []
    var discontinued: Set<String> = []
    var nextOrderNumber = 100_001

    let seed: UInt64

    init(seed: UInt64, now: Int64) {
        self.seed = seed
        self.now = now
        rng = DemoRandom(seed: seed)
        calendar = StoreCalendar(settings: settings)
    }

    /// Gives a part of the store its own stream of draws.
    mutating func beginPart(_ part: UInt64) {
        var mixer = DemoRandom(seed: seed ^ (part &* 0xD1B5_4A32_D192_ED03))
        rng = mixer.split()
    }

    func local(_ s: Int64) -> Timestamp { calendar.local(s) }

    mutating func mintOrderID() -> String {
        defer { nextOrderNumber += 1 }
        return String(nextOrderNumber)
    }
}

extension DemoStore {
    /// Writes every data file into `directory` (created if needed), each atomically.
    public func write(to directory: String, generatedAt: Timestamp) throws(FileWriteError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: directory, reason: "cannot create directory: \(error.localizedDescription)")
        }
        for kind in DataFiles.kinds {
            try AtomicFile.write(DataFiles.bytes(kind, of: self, generatedAt: generatedAt), to: directory + "/" + kind.fileName)
        }
    }
}

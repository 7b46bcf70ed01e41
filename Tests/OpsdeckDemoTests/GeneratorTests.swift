import XCTest
@testable import OpsdeckDemo
import OpsdeckModel

final class GeneratorTests: XCTestCase {
    func testSameSeedGivesByteIdenticalFiles() {
        let again = Fixture.files(DemoStore.generate(seed: 42, now: Fixture.now))
        let first = Fixture.files(Fixture.store)
        for kind in DataFiles.kinds { XCTAssertEqual(first[kind], again[kind], kind.fileName) }
    }

    func testDifferentSeedGivesDifferentStore() {
        let other = Fixture.files(DemoStore.generate(seed: 43, now: Fixture.now))
        let first = Fixture.files(Fixture.store)
        for kind in [SourceKind.orders, .stock, .carts, .tickets, .customers, .orderHistory] {
            XCTAssertNotEqual(first[kind], other[kind], kind.fileName)
        }
    }

    func testSizesMatchTheBrief() {
        let s = Fixture.store
        XCTAssertEqual(s.stock.count, 297)
        XCTAssertEqual(s.customers.count, 2000)
        XCTAssertEqual(s.orders.filter { $0.status.isOpen }.count, 150)
        XCTAssertEqual(s.carts.filter { $0.status == .abandoned }.count, 40)
        XCTAssertEqual(s.tickets.count, 22)
        let oldest = s.orderHistory.map(\.placedAt).min()!
        XCTAssertGreaterThan(oldest.seconds(until: Fixture.now), 170 * 86400)
        XCTAssertTrue(s.stock.contains { $0.name.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } }, "a CJK name")
        XCTAssertTrue(s.stock.contains { $0.name.contains("é") || $0.name.contains("ä") }, "an accented name")
        XCTAssertTrue(s.stock.contains { $0.name.unicodeScalars.contains { $0.properties.isEmojiPresentation } }, "an emoji")
    }

    func testGeneratedFilesDecodeWithoutAnyProblem() {
        let snapshot = Fixture.decode(Fixture.files(Fixture.store))
        XCTAssertEqual(snapshot.orders.count, Fixture.store.orders.count)
        XCTAssertEqual(snapshot.orderHistory.count, Fixture.store.orderHistory.count)
        XCTAssertEqual(snapshot.settings.name, "Northwind Outfitters")
        XCTAssertEqual(snapshot.settings.timeZone, "America/New_York")
        XCTAssertEqual(snapshot.settings.dispatchCutoffMinutes, 16 * 60)
        // What opsdeck reads back is what was generated.
        XCTAssertEqual(snapshot.orders, Fixture.store.orders)
        XCTAssertEqual(snapshot.stock, Fixture.store.stock)
        XCTAssertEqual(snapshot.carts, Fixture.store.carts)
        XCTAssertEqual(snapshot.tickets, Fixture.store.tickets)
    }

    /// The dashboard's own metrics find every situation the demo is meant to show.
    func testRealismSeenThroughTheMetrics() {
        let snapshot = Fixture.decode(Fixture.files(Fixture.store))
        let facts = StoreFacts(snapshot: snapshot, now: Fixture.now)
        let k = facts.kpis
        XCTAssertGreaterThanOrEqual(k.lateOrders, 5)
        XCTAssertLessThan(k.lateOrders, 30)
        XCTAssertGreaterThanOrEqual(k.atRiskOrders, 3)
        XCTAssertGreaterThanOrEqual(k.outOfStock, 3)
        XCTAssertLessThan(k.outOfStock, 15)
        XCTAssertGreaterThanOrEqual(k.belowReorderPoint, 8)
        XCTAssertGreaterThanOrEqual(k.abandonedCarts, 35)
        XCTAssertGreaterThan(k.recoveredCarts, 0)
        XCTAssertGreaterThanOrEqual(k.slaBreaches, 2)
        XCTAssertGreaterThanOrEqual(k.slaBreachingSoon, 2)
        XCTAssertGreaterThan(k.ordersToday, 0)

        var segments: [CustomerSegment: Int] = [:]
        for c in snapshot.customers {
            for s in facts.stats(customerID: c.id)?.segments.all ?? [] { segments[s, default: 0] += 1 }
        }
        for s in CustomerSegment.allCases { XCTAssertGreaterThan(segments[s, default: 0], 10, "segment \(s.name)") }

        XCTAssertTrue(snapshot.customers.contains { $0.isVIP })
        XCTAssertTrue(snapshot.orders.contains { $0.status == .onHold })
        XCTAssertTrue(snapshot.orders.contains { $0.status.isOpen && $0.refundedMinor > 0 && $0.refundedMinor < $0.totalMinor })
        XCTAssertTrue(snapshot.tickets.contains { $0.orderID != nil && $0.escalated })
    }

    func testWritesEveryFileIntoADirectory() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Fixture.store.write(to: dir + "/data", generatedAt: Fixture.now)
        for kind in DataFiles.kinds {
            let bytes = FileManager.default.contents(atPath: dir + "/data/" + kind.fileName).map { [UInt8]($0) }
            XCTAssertEqual(bytes, DataFiles.bytes(kind, of: Fixture.store, generatedAt: Fixture.now), kind.fileName)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/data").filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temp files left behind")
    }

    /// Whatever moment the demo starts (a weekend night, just after the cut-off), there is work to show.
    func testEveryStartTimeHasLateAndAtRiskWork() {
        for text in ["2026-11-29T03:30:00Z", "2026-11-24T21:10:00Z", "2027-07-04T16:00:00Z"] {
            let now = Timestamp(iso8601: text)!
            let store = DemoStore.generate(seed: 9, now: now)
            let k = StoreFacts(snapshot: Fixture.decode(Fixture.files(store, at: now)), now: now).kpis
            XCTAssertGreaterThanOrEqual(k.lateOrders, 5, text)
            XCTAssertGreaterThanOrEqual(k.atRiskOrders, 3, text)
            XCTAssertGreaterThanOrEqual(k.outOfStock, 3, text)
            XCTAssertGreaterThanOrEqual(k.slaBreaches, 2, text)
            XCTAssertGreaterThanOrEqual(k.abandonedCarts, 35, text)
        }
    }
}

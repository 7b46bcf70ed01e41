import XCTest
@testable import OpsdeckModel

/// Hand-computed cases for every derived metric (formulas in docs/metrics.md).
final class MetricsTests: XCTestCase {
    func t(_ s: String) -> Timestamp { Timestamp(iso8601: s)! }

    func order(_ id: String, customer: String = "c1", placed: String = "2026-11-20T10:00:00Z",
               status: OrderStatus = .paid, total: Int64 = 1000, lines: [OrderLine] = [],
               shipBy: String? = nil, paid: Int64? = nil, refunded: Int64 = 0, codes: [String] = []) -> Order {
        Order(id: id, customerID: customer, placedAt: t(placed), status: status, totalMinor: total, currency: "EUR",
              lines: lines, paidMinor: paid, refundedMinor: refunded, shipBy: shipBy.map(t), discountCodes: codes)
    }

    // MARK: calendar and cut-off

    func testCutoffLaterTodayInStoreTimeZone() {
        let cal = StoreCalendar(settings: StoreSettings(timeZone: "Europe/Berlin", dispatchCutoffMinutes: 16 * 60))
        // Friday 15:00 in Berlin (UTC+1 in November): today's 16:00 cut-off is 15:00Z.
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-20T14:00:00Z")), t("2026-11-20T15:00:00Z"))
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-20T14:00:00Z"))?.offsetSeconds, 3600)
    }

    func testCutoffSkipsTheWeekend() {
        let cal = StoreCalendar(settings: StoreSettings(timeZone: "Europe/Berlin"))
        // Friday 16:00:01 local: the next cut-off is Monday 16:00 local.
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-20T15:00:01Z")), t("2026-11-23T15:00:00Z"))
        // Exactly at the cut-off it is gone.
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-20T15:00:00Z")), t("2026-11-23T15:00:00Z"))
    }

    func testLocalDateDiffersFromUTCDate() {
        // 03:00Z on Saturday is still Friday 22:00 in New York (UTC−5): Friday is over, so Monday.
        let cal = StoreCalendar(settings: StoreSettings(timeZone: "America/New_York"))
        XCTAssertEqual(StoreCalendar.isoWeekday(ofDay: cal.localDay(of: t("2026-11-21T03:00:00Z"))), 5)
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-21T03:00:00Z")), t("2026-11-23T21:00:00Z"))
        // And 20:00 local Thursday is 01:00Z Friday: Friday's cut-off is that day, 21:00Z.
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-20T01:00:00Z")), t("2026-11-20T21:00:00Z"))
    }

    func testCutoffAcrossMidnightBelongsToThePreviousWorkingDay() {
        // Cut-off 00:30 after a working day (24:30). Saturday 00:10 local is before Friday's cut-off.
        let cal = StoreCalendar(settings: StoreSettings(timeZone: "Europe/Berlin", dispatchCutoffMinutes: 24 * 60 + 30))
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-20T23:10:00Z")), t("2026-11-20T23:30:00Z"))
        // Saturday 00:40 local: Friday's is past; Saturday and Sunday are not working days;
        // Monday's cut-off falls on Tuesday 00:30 local.
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-20T23:40:00Z")), t("2026-11-23T23:30:00Z"))
        // Monday 00:10 local: Sunday is not a working day, so there is no cut-off that night.
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-11-22T23:10:00Z")), t("2026-11-23T23:30:00Z"))
    }

    func testCutoffAcrossDaylightSavingChange() {
        // Berlin moves to UTC+2 on Sunday 2026-03-29: Friday's 16:00 is 15:00Z, Monday's is 14:00Z.
        let cal = StoreCalendar(settings: StoreSettings(timeZone: "Europe/Berlin"))
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-03-27T12:00:00Z")), t("2026-03-27T15:00:00Z"))
        XCTAssertEqual(cal.nextDispatchCutoff(after: t("2026-03-27T16:00:00Z")), t("2026-03-30T14:00:00Z"))
    }

    func testNoWorkingDaysMeansNoCutoff() {
        let cal = StoreCalendar(settings: StoreSettings(workingDays: []))
        XCTAssertNil(cal.nextDispatchCutoff(after: t("2026-11-20T10:00:00Z")))
    }

    // MARK: orders

    func testOrderAgeDeadlineAndUrgency() {
        let now = t("2026-11-20T12:00:00Z")
        let o = order("1", placed: "2026-11-20T06:48:00+01:00", shipBy: "2026-11-20T15:00:00+02:00")
        XCTAssertEqual(o.ageSeconds(now: now), 6 * 3600 + 12 * 60)
        XCTAssertEqual(o.secondsToShipBy(now: now), 3600)
        XCTAssertEqual(o.urgency(now: now, atRiskSeconds: 4 * 3600), .atRisk)
        XCTAssertEqual(o.urgency(now: now, atRiskSeconds: 3600), .onTrack)
        XCTAssertEqual(o.urgency(now: now.adding(seconds: 3601), atRiskSeconds: 3600), .late)
        XCTAssertEqual(order("2").urgency(now: now, atRiskSeconds: 3600), .noDeadline)
        XCTAssertEqual(order("3", status: .shipped, shipBy: "2026-11-19T00:00:00Z").urgency(now: now, atRiskSeconds: 0), .done)
        XCTAssertEqual(order("4", status: .onHold, shipBy: "2026-11-19T00:00:00Z").urgency(now: now, atRiskSeconds: 0), .late)
        XCTAssertLessThan(OrderUrgency.late, OrderUrgency.atRisk)
    }

    // MARK: stock

    func testDerivedDemandCoverReorderPointAndRoundedSuggestion() {
        let now = t("2026-11-28T12:00:00Z")
        let line = { (qty: Int) in OrderLine(sku: "TEE", qty: qty, unitPriceMinor: 100) }
        let orders = [
            order("1", placed: "2026-11-27T10:00:00Z", lines: [line(40)]),
            order("2", placed: "2026-11-01T12:00:00Z", lines: [line(16), OrderLine(sku: "MUG", qty: 5, unitPriceMinor: 1)]),
            order("3", placed: "2026-10-31T11:59:59Z", lines: [line(1000)]),                  // before the 28-day window
            order("4", placed: "2026-11-27T10:00:00Z", status: .cancelled, lines: [line(1000)]),
            order("5", placed: "2026-11-28T12:00:01Z", lines: [line(1000)]),                 // after now
        ]
        let item = StockItem(sku: "TEE", name: "Tee", onHand: 30, reserved: 5, incoming: 10, leadTimeDays: 5,
                             safetyStock: 4, orderMultiple: 6)
        let facts = StoreFacts(snapshot: StoreSnapshot(orders: orders, stock: [item]), now: now)
        let f = facts.stockFigures(sku: "TEE")!
        XCTAssertEqual(f.dailyDemand, 2.0)                 // 56 units ÷ 28 days
        XCTAssertTrue(f.demandIsDerived)
        XCTAssertEqual(f.available, 25)
        XCTAssertEqual(f.position, 35)
        XCTAssertEqual(f.daysOfCover, 17.5)
        XCTAssertEqual(f.reorderPoint, 14)                 // 2 × 5 + 4
        XCTAssertEqual(f.level, .ok)
        // Target 14 + ⌈2 × 14⌉ = 42, shortfall 7, rounded up to a multiple of 6.
        XCTAssertEqual(f.suggestedQty, 12)
    }

    func testGivenFiguresMaxStockMOQAndLevels() {
        let policy = MetricPolicy()
        let low = StockFigures(item: StockItem(sku: "A", name: "A", onHand: 12, reserved: 2, incoming: 5, reorderPoint: 20,
                                               maxStock: 60, orderMultiple: 12, moq: 50, dailyDemand: 3.5),
                               unitsSold: 999, policy: policy)
        XCTAssertFalse(low.demandIsDerived)
        XCTAssertEqual(low.dailyDemand, 3.5)
        XCTAssertEqual(low.daysOfCover!, 15.0 / 3.5, accuracy: 1e-12)
        XCTAssertEqual(low.reorderPoint, 20)
        XCTAssertEqual(low.level, .low)
        XCTAssertEqual(low.suggestedQty, 60)              // shortfall 45 → MOQ 50 → multiple of 12

        let out = StockFigures(item: StockItem(sku: "B", name: "B", onHand: 3, reserved: 3), unitsSold: 0, policy: policy)
        XCTAssertEqual(out.level, .out)
        XCTAssertNil(out.daysOfCover)                      // no demand: unbounded
        XCTAssertEqual(out.reorderPoint, 0)
        XCTAssertEqual(out.suggestedQty, 0)
        let outWithQty = StockFigures(item: StockItem(sku: "B", name: "B", onHand: 3, reserved: 5, reorderQty: 10),
                                      unitsSold: 0, policy: policy)
        XCTAssertEqual(outWithQty.available, -2)
        XCTAssertEqual(outWithQty.daysOfCover, nil)
        XCTAssertEqual(outWithQty.suggestedQty, 12)       // up to ROP 0 + 10 from position −2

        let over = StockFigures(item: StockItem(sku: "C", name: "C", onHand: 100, maxStock: 50), unitsSold: 28, policy: policy)
        XCTAssertEqual(over.level, .over)
        XCTAssertEqual(over.suggestedQty, 0)
        XCTAssertEqual(over.reorderPoint, 7)               // 1/day × default 7 days lead time

        let gone = StockFigures(item: StockItem(sku: "D", name: "D", onHand: 0, reorderQty: 10, status: .discontinued),
                                unitsSold: 0, policy: policy)
        XCTAssertEqual(gone.suggestedQty, 0)
    }

    func testReorderPointToleratesFloatNoise() {
        let f = StockFigures(item: StockItem(sku: "A", name: "A", onHand: 50, leadTimeDays: 70, dailyDemand: 0.1),
                             unitsSold: 0, policy: MetricPolicy())
        XCTAssertEqual(f.reorderPoint, 7)
    }

    // MARK: carts

    func testCartAbandonmentAndRecoveryRate() {
        let now = t("2026-11-20T12:00:00Z")
        func cart(_ id: String, idle: Int64, status: CartStatus? = nil, value: Int64 = 100, recovered: String? = nil) -> Cart {
            Cart(id: id, updatedAt: now.adding(seconds: -idle), valueMinor: value, currency: "EUR", lines: [],
                 customerID: "c\(id)", status: status, recoveredOrderID: recovered)
        }
        let carts = [
            cart("1", idle: 3601, value: 1000),                   // idle past the 1 h threshold
            cart("2", idle: 3600),                                // exactly at it: not yet
            cart("3", idle: 60, status: .abandoned, value: 500),  // the ERP says so
            cart("4", idle: 9999, status: .recovered),
            cart("5", idle: 9999, recovered: "o9"),
            cart("6", idle: 9999, status: .expired),
        ]
        XCTAssertEqual(carts.map { $0.isAbandoned(now: now, abandonAfterSeconds: 3600) }, [true, false, true, false, false, false])
        let facts = StoreFacts(snapshot: StoreSnapshot(carts: carts), now: now)
        XCTAssertEqual(facts.kpis.abandonedCarts, 2)
        XCTAssertEqual(facts.kpis.abandonedCartValueMinor, 1500)
        XCTAssertEqual(facts.kpis.recoveredCarts, 2)
        XCTAssertEqual(facts.kpis.cartRecoveryRate, 0.5)
        XCTAssertEqual(facts.stats(customerID: "c1")?.segments.contains(.cartAbandoner), true)
        XCTAssertNil(StoreFacts(snapshot: StoreSnapshot(), now: now).kpis.cartRecoveryRate)
    }

    // MARK: tickets

    func testSLADeadlinesAndStates() {
        let now = t("2026-11-20T12:00:00Z")
        var tk = Ticket(id: "T1", subject: "Where is my parcel", priority: .high, status: .open, openedAt: t("2026-11-20T09:00:00Z"),
                        firstReplyDue: t("2026-11-20T11:00:00Z"), resolutionDue: t("2026-11-21T09:00:00Z"))
        XCTAssertEqual(tk.nextSLADeadline, SLADeadline(kind: .firstReply, at: t("2026-11-20T11:00:00Z")))
        XCTAssertEqual(tk.secondsToBreach(now: now), -3600)
        XCTAssertEqual(tk.slaState(now: now, warningSeconds: 7200), .breached)
        // Once the helpdesk sets a next-reply deadline the first-reply one no longer applies.
        tk.nextReplyDue = t("2026-11-20T13:30:00+01:00")
        XCTAssertEqual(tk.nextSLADeadline?.kind, .nextReply)
        XCTAssertEqual(tk.secondsToBreach(now: now), 1800)
        XCTAssertEqual(tk.slaState(now: now, warningSeconds: 7200), .breachingSoon)
        XCTAssertEqual(tk.slaState(now: now, warningSeconds: 1800), .ok)
        XCTAssertEqual(tk.slaState(now: t("2026-11-20T12:30:00Z"), warningSeconds: 0), .breached)  // at the deadline
        tk.resolutionDue = t("2026-11-20T12:10:00Z")
        XCTAssertEqual(tk.nextSLADeadline?.kind, .resolution)
        tk.status = .solved
        XCTAssertNil(tk.nextSLADeadline)
        XCTAssertEqual(tk.slaState(now: now, warningSeconds: 7200), .none)
    }

    // MARK: customers

    func testCustomerHistoryAndSegments() {
        let now = t("2026-11-20T12:00:00Z")
        let orders = [
            order("o1", customer: "c1", placed: "2026-11-01T10:00:00Z", total: 10000),
            order("o2", customer: "c1", placed: "2026-11-10T10:00:00Z", status: .delivered, total: 5000, refunded: 1000, codes: ["WELCOME"]),
            order("o3", customer: "c2", placed: "2026-11-19T13:00:00Z", status: .pending, total: 3000),
            order("o4", customer: "c3", status: .cancelled, total: 9000),
            order("o5", customer: "c4", total: 2000,
                  lines: [OrderLine(sku: "X", qty: 1, unitPriceMinor: 2000, compareAtMinor: 2500)], paid: 1500),
        ]
        // History repeats o1 with a stale total: counted once, as orders.json says.
        let history = [order("o1", customer: "c1", placed: "2026-11-01T10:00:00Z", total: 99999),
                       order("h1", customer: "c2", placed: "2025-01-01T10:00:00Z", status: .delivered, total: 700)]
        let carts = [Cart(id: "k1", updatedAt: t("2026-11-20T09:00:00Z"), valueMinor: 100, currency: "EUR", lines: [], customerID: "c3")]
        let customers = [Customer(id: "c4", tags: ["VIP"]), Customer(id: "c9", tags: ["vip"])]
        let facts = StoreFacts(snapshot: StoreSnapshot(orders: orders, carts: carts, customers: customers, orderHistory: history), now: now)

        let c1 = facts.stats(customerID: "c1")!
        XCTAssertEqual(c1.orderCount, 2)
        XCTAssertEqual(c1.orderValueMinor, 15000)
        XCTAssertEqual(c1.lifetimeValueMinor, 14000)      // 10000 + (5000 − 1000)
        XCTAssertEqual(c1.averageOrderValueMinor, 7500)
        XCTAssertEqual(c1.daysSinceLastOrder(now: now), 10)
        XCTAssertEqual(c1.segments.all, [.discountBuyer, .repeatBuyer])   // 1 of 2 discounted = 50 %
        XCTAssertEqual(c1.segments.primary, .discountBuyer)

        let c2 = facts.stats(customerID: "c2")!
        XCTAssertEqual(c2.orderCount, 2)                   // one current, one from history
        XCTAssertEqual(c2.lifetimeValueMinor, 700)         // pending captured nothing
        XCTAssertEqual(c2.daysSinceLastOrder(now: now), 0) // 23 h ago
        XCTAssertEqual(c2.segments.all, [.repeatBuyer, .fullPriceBuyer])

        let c3 = facts.stats(customerID: "c3")!
        XCTAssertEqual(c3.orderCount, 0)
        XCTAssertNil(c3.averageOrderValueMinor)
        XCTAssertNil(c3.daysSinceLastOrder(now: now))
        XCTAssertEqual(c3.segments.all, [.cartAbandoner])

        let c4 = facts.stats(customerID: "c4")!
        XCTAssertEqual(c4.lifetimeValueMinor, 1500)        // paid_minor rules
        XCTAssertEqual(c4.segments.all, [.vip, .discountBuyer, .firstTime])  // sold below compare-at
        XCTAssertEqual(facts.stats(customerID: "c9")?.segments.primary, .vip)
        XCTAssertNil(facts.stats(customerID: "nobody"))
        XCTAssertEqual(facts.lifetimeValue(customerID: nil), 0)
        // Fewer than 20 customers with orders: no percentile segments.
        XCTAssertFalse(c1.segments.contains(.bigSpender))
        XCTAssertEqual(facts.kpis.averageLifetimeValueMinor, (14000 + 700 + 1500) / 3)
    }

    func testPercentileAndFixedSpendThresholds() {
        let now = t("2026-11-20T12:00:00Z")
        // 20 customers with lifetime values 100, 200, … 2000.
        let orders = (1...20).map { order("o\($0)", customer: "c\($0)", total: Int64($0) * 100) }
        let facts = StoreFacts(snapshot: StoreSnapshot(orders: orders), now: now)
        // Nearest rank: p90 is the 18th value (1800), p99 the 20th (2000).
        let big = (1...20).filter { facts.stats(customerID: "c\($0)")!.segments.contains(.bigSpender) }
        XCTAssertEqual(big, [18, 19, 20])
        XCTAssertEqual(facts.stats(customerID: "c20")?.segments.primary, .vip)
        XCTAssertEqual(facts.stats(customerID: "c19")?.segments.primary, .bigSpender)
        XCTAssertEqual(facts.stats(customerID: "c17")?.segments.primary, .firstTime)

        let fixed = StoreFacts(snapshot: StoreSnapshot(orders: orders), now: now,
                               policy: MetricPolicy(bigSpenderLTVMinor: 500, vipLTVMinor: 1500))
        XCTAssertEqual((1...20).filter { fixed.stats(customerID: "c\($0)")!.segments.contains(.bigSpender) }, Array(5...20))
        XCTAssertEqual((1...20).filter { fixed.stats(customerID: "c\($0)")!.segments.contains(.vip) }, Array(15...20))
    }

    // MARK: KPIs

    func testKPIsUseTheStoreDayAndRetime() {
        // Friday 23:30 in Berlin.
        let now = t("2026-11-20T22:30:00Z")
        let orders = [
            order("a", placed: "2026-11-19T23:30:00Z", status: .shipped, total: 100),  // 00:30 local: today
            order("b", placed: "2026-11-20T22:59:00Z", status: .shipped, total: 200),  // 23:59 local: today
            order("c", placed: "2026-11-20T23:10:00Z", status: .shipped, total: 400),  // 00:10 Saturday
            order("d", placed: "2026-11-19T22:59:00Z", status: .shipped, total: 800),  // 23:59 Thursday
            order("e", placed: "2026-11-20T12:00:00Z", status: .cancelled, total: 1600),
            order("late", placed: "2026-11-18T12:00:00Z", total: 1, shipBy: "2026-11-20T20:00:00Z"),
            order("risk", placed: "2026-11-18T12:00:00Z", total: 1, shipBy: "2026-11-20T23:30:00Z"),
            order("fine", placed: "2026-11-18T12:00:00Z", total: 1, shipBy: "2026-11-21T08:30:00Z"),
            order("gone", placed: "2026-11-18T12:00:00Z", status: .delivered, total: 1, shipBy: "2026-11-19T08:30:00Z"),
            order("free", placed: "2026-11-18T12:00:00Z", status: .picking, total: 1),
        ]
        let stock = [StockItem(sku: "A", name: "A", onHand: 0), StockItem(sku: "B", name: "B", onHand: 5, reorderPoint: 5),
                     StockItem(sku: "C", name: "C", onHand: 0, status: .discontinued), StockItem(sku: "D", name: "D", onHand: 9)]
        let tickets = [
            Ticket(id: "1", subject: "s", priority: .high, status: .open, openedAt: now, firstReplyDue: t("2026-11-20T22:00:00Z")),
            Ticket(id: "2", subject: "s", priority: .high, status: .new, openedAt: now, firstReplyDue: t("2026-11-20T23:00:00Z")),
            Ticket(id: "3", subject: "s", priority: .high, status: .solved, openedAt: now, firstReplyDue: t("2026-11-20T22:00:00Z")),
            Ticket(id: "4", subject: "s", priority: .low, status: .pending, openedAt: now),
        ]
        let settings = StoreSettings(timeZone: "Europe/Berlin")
        let facts = StoreFacts(snapshot: StoreSnapshot(orders: orders, stock: stock, tickets: tickets, settings: settings), now: now)
        let k = facts.kpis
        XCTAssertEqual(k.ordersToday, 2)
        XCTAssertEqual(k.revenueTodayMinor, 300)
        XCTAssertEqual(k.openOrders, 4)
        XCTAssertEqual(k.openOrdersWithShipBy, 3)
        XCTAssertEqual(k.lateOrders, 1)
        XCTAssertEqual(k.atRiskOrders, 1)
        XCTAssertEqual(k.latePercent!, 100.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(k.outOfStock, 1)                     // the discontinued item is not counted
        XCTAssertEqual(k.belowReorderPoint, 1)
        XCTAssertEqual(k.openTickets, 3)
        XCTAssertEqual(k.slaBreaches, 1)
        XCTAssertEqual(k.slaBreachingSoon, 1)
        XCTAssertEqual(k.nextCutoff, t("2026-11-23T15:00:00Z"))
        XCTAssertEqual(k.secondsToCutoff, 64 * 3600 + 1800)
        XCTAssertEqual(facts.openOrderIndices.map { orders[$0].id }, ["late", "risk", "fine", "free"])
        XCTAssertEqual(facts.urgency(orders[6]), .atRisk)

        // One hour later it is Saturday in Berlin: "today" restarts and the at-risk order is late.
        let later = facts.retimed(to: t("2026-11-20T23:31:00Z"))
        XCTAssertEqual(later.kpis.ordersToday, 1)
        XCTAssertEqual(later.kpis.revenueTodayMinor, 400)
        XCTAssertEqual(later.kpis.lateOrders, 2)
        XCTAssertEqual(later.kpis.slaBreaches, 2)
        XCTAssertEqual(later.urgency(orders[6]), .late)
    }
}

import XCTest
@testable import OpsdeckDemo
import OpsdeckModel
import OpsdeckActions

final class SimulatedERPTests: XCTestCase {
    let config = SimulatorConfig(interval: 3600, acceptDelay: 2, applyDelay: 3, restockArrival: 45, heartbeat: 600)

    func simulator() -> StoreSimulator { StoreSimulator(store: Fixture.store, seed: 1, now: Fixture.now, config: config) }

    /// Steps from `from` to `to` seconds after the fixture's now, one second at a time, collecting answers.
    func run(_ sim: inout StoreSimulator, _ journal: [JournalEntry], from: Int64 = 0, to: Int64) -> [ActionResult] {
        (from...to).flatMap { sim.step(now: Fixture.now.adding(seconds: $0), journal: journal).results }
    }

    func states(_ results: [ActionResult], _ id: String) -> [ActionResult.State] {
        results.filter { $0.actionID == id }.map(\.state)
    }

    func testEveryJournaledActionIsAcceptedThenAppliedWithItsEffects() throws {
        var sim = simulator()
        let store = Fixture.store
        let item = store.stock.first { $0.supplier == "Acme Textiles" && $0.status == .active }!
        let order = store.orders.first { $0.status == .packed && $0.refundedMinor == 0 }!
        let cart = store.carts.first { $0.status == .abandoned && $0.acceptsMarketing == true && $0.email != nil && $0.remindersSent == 0 }!
        let ticket = store.tickets.first { !$0.status.isResolved && $0.acknowledgedBy == nil }!
        let journal = [
            Fixture.entry("a-restock", .restock(RestockRequest(sku: item.sku, qty: 120, supplier: "Acme Textiles"))),
            Fixture.entry("a-refund", .refund(RefundRequest(orderID: order.id, type: .partial, amountMinor: 500, currency: "USD",
                                                            reason: .damaged, lines: [RefundLine(lineID: order.lines[0].lineID!, qty: 1, restock: false)]))),
            Fixture.entry("a-remind", .cartReminder(CartReminderRequest(cartID: cart.id))),
            Fixture.entry("a-ack", .escalationAck(ticketID: ticket.id)),
            Fixture.entry("a-assign", .escalationAssign(ticketID: ticket.id, assignee: "kenji")),
        ]
        let results = run(&sim, journal, to: 10)
        for e in journal { XCTAssertEqual(states(results, e.actionID), [.accepted, .applied], e.actionID) }
        XCTAssertTrue(results.allSatisfy { $0.at.epochSeconds <= Fixture.now.epochSeconds + 10 })

        let s = sim.store
        let stocked = s.stock.first { $0.sku == item.sku }!
        XCTAssertEqual(stocked.incomingDetail.last?.actionID, "a-restock")
        XCTAssertEqual(stocked.incomingDetail.last?.qty, 120)
        XCTAssertEqual(stocked.incoming, item.incoming + 120)
        let refunded = s.orders.first { $0.id == order.id }!
        XCTAssertEqual(refunded.refunds.last?.actionID, "a-refund")
        XCTAssertEqual(refunded.refundedMinor, 500)
        XCTAssertEqual(refunded.lines[0].refundedQty, 1)
        XCTAssertEqual(refunded.financialStatus, "partially_refunded")
        let reminded = s.carts.first { $0.id == cart.id }!
        XCTAssertEqual(reminded.remindersSent, 1)
        XCTAssertNotNil(reminded.lastReminderAt)
        let handled = s.tickets.first { $0.id == ticket.id }!
        XCTAssertEqual(handled.acknowledgedBy, "alice")
        XCTAssertEqual(handled.assignee, "kenji")

        // The files carry the echoes opsdeck looks for.
        let out = sim.step(now: Fixture.now.adding(seconds: 11), journal: journal)
        XCTAssertTrue(out.results.isEmpty, "nothing answered twice")
        let snapshot = Fixture.decode(Fixture.files(sim.store))
        XCTAssertEqual(snapshot.stock.first { $0.sku == item.sku }?.incomingDetail.last?.actionID, "a-restock")
        XCTAssertEqual(snapshot.orders.first { $0.id == order.id }?.refunds.last?.actionID, "a-refund")

        // The purchase order arrives: on hand rises by what was ordered.
        _ = run(&sim, journal, from: 12, to: 60)
        let arrived = sim.store.stock.first { $0.sku == item.sku }!
        XCTAssertFalse(arrived.incomingDetail.contains { $0.actionID == "a-restock" })
        XCTAssertEqual(arrived.onHand - item.onHand, 120, "no sales in between with a one-hour activity interval")
    }

    func testRejectionsSayWhy() {
        var sim = simulator()
        let wool = Fixture.store.stock.first { $0.supplier == StoreSimulator.unavailableSupplier && $0.status == .active }!
        let held = Fixture.store.orders.first { $0.status == .onHold }!
        let guest = Fixture.store.carts.first { $0.status == .abandoned && $0.acceptsMarketing != true }!
        let solved = Fixture.store.tickets.first { $0.status == .solved }!
        let paid = Fixture.store.orders.first { $0.status == .paid && $0.refundedMinor == 0 }!
        let journal = [
            Fixture.entry("r-supplier", .restock(RestockRequest(sku: wool.sku, qty: 24))),
            Fixture.entry("r-sku", .restock(RestockRequest(sku: "NO-SUCH-SKU", qty: 5))),
            Fixture.entry("r-hold", .refund(RefundRequest(orderID: held.id, type: .full, amountMinor: held.totalMinor, currency: "USD", reason: .other))),
            Fixture.entry("r-cap", .refund(RefundRequest(orderID: paid.id, type: .partial, amountMinor: paid.totalMinor + 1, currency: "USD", reason: .goodwill))),
            Fixture.entry("r-consent", .cartReminder(CartReminderRequest(cartID: guest.id))),
            Fixture.entry("r-solved", .escalationAck(ticketID: solved.id)),
        ]
        let results = run(&sim, journal, to: 6)
        for e in journal {
            XCTAssertEqual(states(results, e.actionID), [.accepted, .rejected], e.actionID)
            XCTAssertFalse(results.last { $0.actionID == e.actionID }?.message?.isEmpty ?? true)
        }
        XCTAssertTrue(results.last { $0.actionID == "r-supplier" }!.message!.contains(StoreSimulator.unavailableSupplier))
        XCTAssertEqual(sim.store.stock.first { $0.sku == wool.sku }, wool, "a rejected restock changes nothing")
        XCTAssertEqual(sim.store.orders.first { $0.id == paid.id }?.refundedMinor, 0)
    }

    func testCancelBeforeAndAfterApplying() {
        var sim = simulator()
        let sku = Fixture.store.stock.first { $0.supplier == "Sierra Footwear" && $0.status == .active }!.sku
        var journal = [Fixture.entry("c-early", .restock(RestockRequest(sku: sku, qty: 10))),
                       Fixture.entry("c-late", .restock(RestockRequest(sku: sku, qty: 20)))]
        let before = Fixture.store.stock.first { $0.sku == sku }!
        var results = run(&sim, journal, to: 3)
        // c-early is accepted but not yet applied when its cancel arrives: it is never applied.
        journal.append(Fixture.entry("x-early", .cancel(actionID: "c-early")))
        results += run(&sim, journal, from: 4, to: 6)
        // c-late was applied at 5: its cancel withdraws the purchase order.
        journal.append(Fixture.entry("x-late", .cancel(actionID: "c-late")))
        results += run(&sim, journal, from: 7, to: 20)
        XCTAssertEqual(states(results, "c-early"), [.accepted, .rejected])
        XCTAssertEqual(states(results, "x-early"), [.accepted, .applied])
        XCTAssertEqual(states(results, "c-late"), [.accepted, .applied])
        XCTAssertEqual(states(results, "x-late"), [.accepted, .applied])
        let item = sim.store.stock.first { $0.sku == sku }!
        XCTAssertFalse(item.incomingDetail.contains { $0.actionID != nil }, "the withdrawn purchase order is gone")
        XCTAssertEqual(item.incoming, before.incoming)
        XCTAssertEqual(item.onHand, before.onHand)
    }

    func testSameSeedSameClockSameJournalGiveTheSameRun() {
        var a = StoreSimulator(store: Fixture.store, seed: 5, now: Fixture.now, config: SimulatorConfig(interval: 1))
        var b = a
        let journal = [Fixture.entry("d-1", .restock(RestockRequest(sku: Fixture.store.stock[0].sku, qty: 6)))]
        for s in 1...40 {
            let t = Fixture.now.adding(seconds: Int64(s))
            let x = a.step(now: t, journal: journal), y = b.step(now: t, journal: journal)
            XCTAssertEqual(x.files, y.files)
            XCTAssertEqual(x.results, y.results)
        }
        XCTAssertEqual(a.activityBursts, 40)
        XCTAssertNotEqual(a.store.orders, Fixture.store.orders, "the store moved")
    }
}

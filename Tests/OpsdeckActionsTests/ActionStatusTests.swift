import XCTest
@testable import OpsdeckActions
import OpsdeckModel

final class ActionStatusTests: XCTestCase {
    func board(_ entries: [JournalEntry], _ s: StoreSnapshot) -> ActionBoard {
        ActionBoard(journal: JournalState(bytes: Array(entries.map { $0.jsonLine() + "\n" }.joined().utf8)), snapshot: s)
    }
    func result(_ e: JournalEntry, _ state: ActionResult.State, at: String, message: String? = nil) -> ActionResult {
        ActionResult(actionID: e.actionID, state: state, at: Fixture.t(at), message: message)
    }

    func testRefundLifecycleFromResultsAndEcho() {
        let e = Fixture.entry(Fixture.refund("O1", .partial, 4_500))
        var s = Fixture.snapshot()
        XCTAssertEqual(board([e], s).status(actionID: e.actionID)?.state, .pending)
        XCTAssertEqual(board([e], s).pendingRefundMinorByOrder, ["O1": 4_500])

        s.actionResults[e.actionID] = result(e, .accepted, at: "2026-11-22T14:01:00Z")
        XCTAssertEqual(board([e], s).status(actionID: e.actionID)?.state, .accepted)
        XCTAssertEqual(board([e], s).refundable(orderID: "O1")?.remainingMinor, 4_500)

        // Applied, but orders.json was generated before the answer: its refunded_minor does not include it yet.
        s.actionResults[e.actionID] = result(e, .applied, at: "2026-11-22T14:02:00Z")
        var st = board([e], s).status(actionID: e.actionID)!
        XCTAssertEqual(st.state, .applied)
        XCTAssertTrue(st.inFlight)
        XCTAssertEqual(board([e], s).refundable(orderID: "O1")?.remainingMinor, 4_500)

        // The next export includes it: retired once, not counted twice.
        s.sources[.orders]?.generatedAt = Fixture.t("2026-11-22T14:03:00Z")
        s.orders[0].refundedMinor += 4_500
        st = board([e], s).status(actionID: e.actionID)!
        XCTAssertFalse(st.inFlight)
        XCTAssertEqual(board([e], s).refundable(orderID: "O1"), Refundable(capturedMinor: 10_000, refundedMinor: 5_500, pendingMinor: 0))
        XCTAssertEqual(board([e], s).pendingRefundMinorByOrder, [:])
    }

    func testEchoRetiresWithoutAResultLine() {
        let e = Fixture.entry(Fixture.refund("O1", .storeCredit, 1_000))
        var s = Fixture.snapshot()
        s.orders[0].refunds = [AppliedRefund(amountMinor: 1_000, actionID: e.actionID)]
        let st = board([e], s).status(actionID: e.actionID)!
        XCTAssertEqual(st.state, .applied)
        XCTAssertFalse(st.inFlight)
    }

    func testRejectedAndFailedCarryTheMessageAndStopCounting() {
        let a = Fixture.entry(Fixture.refund("O1", .partial, 1_000)), b = Fixture.entry(.restock(RestockRequest(sku: "SKU1", qty: 5)))
        var s = Fixture.snapshot()
        s.actionResults[a.actionID] = result(a, .rejected, at: "2026-11-22T14:01:00Z", message: "card expired")
        s.actionResults[b.actionID] = result(b, .failed, at: "2026-11-22T14:01:00Z", message: "supplier API down")
        let bd = board([a, b], s)
        XCTAssertEqual(bd.status(actionID: a.actionID)?.state, .rejected(message: "card expired"))
        XCTAssertEqual(bd.status(actionID: b.actionID)?.state, .failed(message: "supplier API down"))
        XCTAssertEqual(bd.inFlight, [])
    }

    func testCancelWithdrawsUnlessTheERPRejectsTheCancel() {
        let r = Fixture.entry(.restock(RestockRequest(sku: "SKU1", qty: 120)))
        let c = Fixture.entry(.cancel(actionID: r.actionID))
        var s = Fixture.snapshot()
        XCTAssertEqual(board([r], s).pendingRestockQtyBySKU, ["SKU1": 120])
        XCTAssertEqual(board([r, c], s).status(actionID: r.actionID)?.state, .cancelled(by: c.actionID))
        XCTAssertEqual(board([r, c], s).pendingRestockQtyBySKU, [:])
        s.actionResults[c.actionID] = result(c, .rejected, at: "2026-11-22T14:01:00Z", message: "PO already sent")
        XCTAssertEqual(board([r, c], s).status(actionID: r.actionID)?.state, .pending)
        XCTAssertEqual(board([r, c], s).pendingRestockQtyBySKU, ["SKU1": 120])
    }

    func testTicketAndCartEchoes() {
        let ack = Fixture.entry(.escalationAck(ticketID: "T1"))
        let assign = Fixture.entry(.escalationAssign(ticketID: "T1", assignee: "bob"))
        let remind = Fixture.entry(.cartReminder(CartReminderRequest(cartID: "C1")))
        var s = Fixture.snapshot()
        XCTAssertEqual(board([ack, assign, remind], s).inFlight.count, 3)
        s.tickets[0].acknowledgedAt = Fixture.t("2026-11-22T13:00:00Z")   // an older ack is not this one
        XCTAssertEqual(board([ack], s).status(actionID: ack.actionID)?.state, .pending)
        s.tickets[0].acknowledgedAt = Fixture.t("2026-11-22T14:00:30Z")
        s.tickets[0].assignee = "bob"
        s.carts[0].lastReminderAt = Fixture.t("2026-11-22T14:00:10Z")
        s.carts[0].remindersSent = 1
        XCTAssertEqual(board([ack, assign, remind], s).inFlight, [])
        XCTAssertEqual(board([ack, assign, remind], s).statuses.map(\.state), [.applied, .applied, .applied])
    }

    func testSummaryTexts() {
        XCTAssertEqual(ActionSummary.text(Fixture.refund("O1", .storeCredit, 4_500)), "refund order O1: store credit 45.00 USD, damaged")
        XCTAssertEqual(ActionSummary.text(.restock(RestockRequest(sku: "SKU1", qty: 120, supplier: "Acme"))), "restock SKU1 +120 (Acme)")
        XCTAssertEqual(ActionSummary.text(.escalationAssign(ticketID: "T1", assignee: "bob")), "assign ticket T1 to bob")
    }
}

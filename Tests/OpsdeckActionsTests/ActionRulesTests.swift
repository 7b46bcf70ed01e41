import XCTest
@testable import OpsdeckActions
import OpsdeckModel

/// Every rule with its exact message (the same texts are listed in docs/journal.md).
final class ActionRulesTests: XCTestCase {
    let s = Fixture.snapshot()

    func check(_ r: ActionRequest, journal: [JournalEntry] = [], snapshot: StoreSnapshot? = nil,
               by: OperatorIdentity = Fixture.alice, now: Timestamp = Fixture.now) -> ActionCheck {
        var state = JournalState()
        let bytes = journal.map { $0.jsonLine() + "\n" }.joined()
        state = JournalState(bytes: Array(bytes.utf8))
        return ActionRules.check(r, by: by, board: ActionBoard(journal: state, snapshot: snapshot ?? s), now: now)
    }

    func assertRejected(_ c: ActionCheck, _ message: String, field: String? = nil, line: UInt = #line) {
        XCTAssertEqual(c, .rejected(ActionRejection(field: field, message)), line: line)
    }

    // MARK: restock

    func testRestockRules() {
        XCTAssertEqual(check(.restock(RestockRequest(sku: "SKU1", qty: 500))), .allowed(needs: []))
        assertRejected(check(.restock(RestockRequest(sku: "NOPE", qty: 1))), "restock: SKU NOPE is not in stock.json", field: "sku")
        assertRejected(check(.restock(RestockRequest(sku: "OLD", qty: 1))), "restock: SKU OLD is discontinued", field: "sku")
        assertRejected(check(.restock(RestockRequest(sku: "SKU1", qty: 0))), "restock: quantity must be at least 1", field: "qty")
        assertRejected(check(.restock(RestockRequest(sku: "SKU1", qty: -5))), "restock: quantity must be at least 1", field: "qty")
        // 10 × max_stock (50) for SKU1; 100 000 when the ERP gives no max_stock.
        assertRejected(check(.restock(RestockRequest(sku: "SKU1", qty: 501))), "restock: quantity 501 is above the maximum of 500 for SKU1", field: "qty")
        XCTAssertEqual(check(.restock(RestockRequest(sku: "SKU2", qty: 100_000))), .allowed(needs: []))
        assertRejected(check(.restock(RestockRequest(sku: "SKU2", qty: 100_001))), "restock: quantity 100001 is above the maximum of 100000 for SKU2", field: "qty")
        assertRejected(check(.restock(RestockRequest(sku: "SKU1", qty: 1, note: "a\u{1B}[2Jb"))),
                       "restock: note must not contain control or invisible characters", field: "note")
        assertRejected(check(.restock(RestockRequest(sku: "SKU1", qty: 1, supplier: "x\u{202E}y"))),
                       "restock: supplier must not contain control or invisible characters", field: "supplier")
        assertRejected(check(.restock(RestockRequest(sku: "SKU1", qty: 1, note: String(repeating: "n", count: 501)))),
                       "restock: note is longer than 500 characters", field: "note")
    }

    func testRestockWithOnePendingNeedsConfirmation() {
        let earlier = Fixture.entry(.restock(RestockRequest(sku: "SKU1", qty: 120)), at: Fixture.t("2026-11-22T13:00:00Z"))
        XCTAssertEqual(check(.restock(RestockRequest(sku: "SKU1", qty: 5)), journal: [earlier]), .allowed(needs: [
            Confirmation(code: .restockPending,
                         message: "restock: 120 of SKU1 already pending (alice at 2026-11-22T13:00:00Z); confirm to order more")]))
        // Once the ERP echoes it in incoming_detail, it no longer counts.
        var echoed = s
        echoed.stock[0].incomingDetail = [IncomingStock(ref: "PO-1", qty: 120, actionID: earlier.actionID)]
        XCTAssertEqual(check(.restock(RestockRequest(sku: "SKU1", qty: 5)), journal: [earlier], snapshot: echoed), .allowed(needs: []))
    }

    // MARK: refund

    func testRefundOrderState() {
        assertRejected(check(Fixture.refund("NOPE", .partial, 100)), "refund: order NOPE is not in orders.json")
        assertRejected(check(Fixture.refund("CXL", .partial, 100)), "refund: order CXL is cancelled")
        assertRejected(check(Fixture.refund("HOLD", .partial, 100)), "refund: order HOLD is on hold (fraud review)")
        assertRejected(check(Fixture.refund("UNPAID", .partial, 100)), "refund: order UNPAID was not paid (nothing captured)")
        assertRejected(check(.refund(RefundRequest(orderID: "O1", type: .partial, amountMinor: 100, currency: "EUR", reason: .damaged))),
                       "refund: currency EUR does not match the order's USD", field: "currency")
    }

    func testRefundAmountsAgainstRefundable() {
        // O1: captured 100.00, refunded 10.00 → 90.00 refundable.
        XCTAssertEqual(check(Fixture.refund("O1", .full, 9_000), by: bob), .allowed(needs: [limit(9_000, "bob", 2_000)]))
        assertRejected(check(Fixture.refund("O1", .full, 8_999)),
                       "refund: a full refund must be exactly the refundable 90.00 USD (captured 100.00 USD, refunded 10.00 USD, pending 0.00 USD)", field: "amount")
        XCTAssertEqual(check(Fixture.refund("O1", .partial, 1_000)), .allowed(needs: []))
        assertRejected(check(Fixture.refund("O1", .partial, 0)), "refund: a partial refund must be more than 0", field: "amount")
        assertRejected(check(Fixture.refund("O1", .partial, 9_000)),
                       "refund: a partial refund must be less than the refundable 90.00 USD; use a full refund", field: "amount")
        assertRejected(check(Fixture.refund("O1", .partial, 9_001)),
                       "refund: 90.01 USD exceeds the refundable 90.00 USD (captured 100.00 USD, refunded 10.00 USD, pending 0.00 USD)", field: "amount")
        XCTAssertEqual(check(Fixture.refund("O1", .storeCredit, 4_000)), .allowed(needs: []))
        assertRejected(check(Fixture.refund("O1", .storeCredit, 0)), "refund: store credit must be more than 0", field: "amount")
        assertRejected(check(Fixture.refund("O1", .replacement, 100, lines: [RefundLine(lineID: "L2", qty: 1, restock: false)])),
                       "refund: a replacement moves no money; the amount must be 0", field: "amount")
        assertRejected(check(Fixture.refund("O1", .exchange, 0)), "refund: an exchange must name the lines it replaces", field: "lines")
        XCTAssertEqual(check(Fixture.refund("O1", .replacement, 0, lines: [RefundLine(lineID: "L2", qty: 1, restock: true)])), .allowed(needs: []))
    }

    func testJournaledRefundsAndStoreCreditCountUntilRetired() {
        let a = Fixture.entry(Fixture.refund("O1", .partial, 5_000))
        let b = Fixture.entry(Fixture.refund("O1", .storeCredit, 3_000))
        let cap = "(captured 100.00 USD, refunded 10.00 USD, pending 80.00 USD)"
        assertRejected(check(Fixture.refund("O1", .partial, 1_001), journal: [a, b]),
                       "refund: 10.01 USD exceeds the refundable 10.00 USD \(cap)", field: "amount")
        XCTAssertEqual(check(Fixture.refund("O1", .full, 1_000), journal: [a, b]), .allowed(needs: []))
        // A refund the ERP rejected frees its amount; one it applied counts once the orders export shows it.
        var answered = s
        answered.actionResults[a.actionID] = ActionResult(actionID: a.actionID, state: .rejected, at: Fixture.t("2026-11-22T13:00:00Z"), message: "card expired")
        XCTAssertEqual(check(Fixture.refund("O1", .full, 6_000), journal: [a, b], snapshot: answered), .allowed(needs: [limit(6_000, "alice", 5_000)]))
        var applied = s
        applied.orders[0].refundedMinor += 5_000
        applied.orders[0].refunds = [AppliedRefund(id: "r1", amountMinor: 5_000, actionID: a.actionID)]
        XCTAssertEqual(check(Fixture.refund("O1", .full, 1_000), journal: [a, b], snapshot: applied), .allowed(needs: []))
        // Replacements move no money and do not count.
        let r = Fixture.entry(Fixture.refund("O1", .replacement, 0, lines: [RefundLine(lineID: "L2", qty: 1, restock: false)]))
        XCTAssertEqual(check(Fixture.refund("O1", .full, 9_000), journal: [r], by: bob), .allowed(needs: [limit(9_000, "bob", 2_000)]))
    }

    func testRefundLines() {
        assertRejected(check(Fixture.refund("O1", .partial, 100, lines: [RefundLine(lineID: "L9", qty: 1, restock: false)])),
                       "refund: order O1 has no line L9", field: "lines")
        assertRejected(check(Fixture.refund("O1", .partial, 100, lines: [RefundLine(lineID: "L1", qty: 2, restock: false)])),
                       "refund: line L1 quantity must be 1…1", field: "lines")
        assertRejected(check(Fixture.refund("O1", .partial, 100, lines: [RefundLine(lineID: "L2", qty: 1, restock: false),
                                                                         RefundLine(lineID: "L2", qty: 1, restock: true)])),
                       "refund: line L2 is listed twice", field: "lines")
        // Items already named by an in-flight replacement are not open any more.
        let replaced = Fixture.entry(Fixture.refund("O1", .replacement, 0, lines: [RefundLine(lineID: "L2", qty: 1, restock: false)]))
        assertRejected(check(Fixture.refund("O1", .partial, 100, lines: [RefundLine(lineID: "L2", qty: 1, restock: false)]), journal: [replaced]),
                       "refund: line L2 quantity must be 1…0", field: "lines")
    }

    let bob = OperatorIdentity(user: "bob", host: "ops1")
    func limit(_ amount: Int64, _ user: String, _ l: Int64) -> Confirmation {
        Confirmation(code: .refundAboveLimit, message: "refund: \(MoneyText.format(amount, currency: "USD")) USD is above \(user)'s refund limit of \(MoneyText.format(l, currency: "USD")) USD; type the amount to confirm")
    }

    func testRefundLimitPerOperatorWithDefault() {
        XCTAssertEqual(check(Fixture.refund("O1", .partial, 5_000)), .allowed(needs: []))
        XCTAssertEqual(check(Fixture.refund("O1", .partial, 5_001)), .allowed(needs: [limit(5_001, "alice", 5_000)]))
        XCTAssertEqual(check(Fixture.refund("O1", .storeCredit, 2_001), by: bob), .allowed(needs: [limit(2_001, "bob", 2_000)]))
        XCTAssertTrue(ActionRules.needsTypedAmount(2_001, by: bob, settings: s.settings))
        XCTAssertFalse(ActionRules.needsTypedAmount(2_000, by: bob, settings: s.settings))
        XCTAssertFalse(ActionRules.needsTypedAmount(1_000_000, by: bob, settings: StoreSettings()))
    }

    // MARK: cart reminder

    func testCartReminderRules() {
        XCTAssertEqual(check(.cartReminder(CartReminderRequest(cartID: "C1"))), .allowed(needs: []))
        XCTAssertEqual(check(.cartReminder(CartReminderRequest(cartID: "VIACUSTOMER"))), .allowed(needs: []))
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "NOPE"))), "reminder: cart NOPE is not in carts.json")
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "RECOV"))), "reminder: cart RECOV was recovered (order O9)")
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "EXP"))), "reminder: cart EXP has expired")
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "FRESH"))), "reminder: cart FRESH is not abandoned (last activity 10 min ago)")
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "GUEST"))), "reminder: cart GUEST has no customer or email to remind")
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "NOCONSENT"))), "reminder: the customer of cart NOCONSENT has not accepted marketing")
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "THREE"))), "reminder: cart THREE already had 3 of 3 reminders")
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "RECENT"))),
                       "reminder: last reminder for cart RECENT was 10 h ago; reminders must be 20 h apart (next from 2026-11-23T00:00:00Z)")
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "C1", offerCode: "SAVE10"))),
                       "reminder: an offer code is allowed only from the 2nd reminder on", field: "offer_code")
        XCTAssertEqual(check(.cartReminder(CartReminderRequest(cartID: "TWO", offerCode: "SAVE10"))), .allowed(needs: []))
    }

    func testJournaledRemindersCountTowardsLimitAndGap() {
        let first = Fixture.entry(.cartReminder(CartReminderRequest(cartID: "C1")), at: Fixture.t("2026-11-22T12:00:00Z"))
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "C1")), journal: [first]),
                       "reminder: last reminder for cart C1 was 2 h ago; reminders must be 20 h apart (next from 2026-11-23T08:00:00Z)")
        // A day later the journaled one counts as the first, so an offer is allowed.
        XCTAssertEqual(check(.cartReminder(CartReminderRequest(cartID: "C1", offerCode: "SAVE10")), journal: [first],
                             now: Fixture.t("2026-11-23T09:00:00Z")), .allowed(needs: []))
        let third = Fixture.entry(.cartReminder(CartReminderRequest(cartID: "TWO")), at: Fixture.t("2026-11-22T10:00:00Z"))
        assertRejected(check(.cartReminder(CartReminderRequest(cartID: "TWO")), journal: [third], now: Fixture.t("2026-11-24T10:00:00Z")),
                       "reminder: cart TWO already had 3 of 3 reminders")
    }

    // MARK: tickets and cancel

    func testTicketRules() {
        XCTAssertEqual(check(.escalationAck(ticketID: "T1")), .allowed(needs: []))
        XCTAssertEqual(check(.escalationAssign(ticketID: "T1", assignee: "bob")), .allowed(needs: []))
        assertRejected(check(.escalationAck(ticketID: "T9")), "ack: ticket T9 is not in escalations.json")
        assertRejected(check(.escalationAck(ticketID: "SOLVED")), "ack: ticket SOLVED is solved")
        assertRejected(check(.escalationAssign(ticketID: "SOLVED", assignee: "bob")), "assign: ticket SOLVED is solved")
        assertRejected(check(.escalationAssign(ticketID: "T1", assignee: "  ")), "assign: assignee must not be empty", field: "assignee")
        assertRejected(check(.escalationAssign(ticketID: "T1", assignee: "bo\nb")),
                       "assign: assignee must not contain control or invisible characters", field: "assignee")
    }

    func testCancelRules() {
        let r = Fixture.entry(.restock(RestockRequest(sku: "SKU1", qty: 3)))
        XCTAssertEqual(check(.cancel(actionID: r.actionID), journal: [r]), .allowed(needs: []))
        assertRejected(check(.cancel(actionID: "nope"), journal: [r]), "cancel: no action nope in the journal")
        let c = Fixture.entry(.cancel(actionID: r.actionID))
        assertRejected(check(.cancel(actionID: r.actionID), journal: [r, c]), "cancel: action \(r.actionID) is already cancelled (by \(c.actionID))")
        assertRejected(check(.cancel(actionID: c.actionID), journal: [r, c]), "cancel: action \(c.actionID) is itself a cancel")
        var applied = s
        applied.actionResults[r.actionID] = ActionResult(actionID: r.actionID, state: .applied, at: Fixture.t("2026-11-22T13:00:00Z"))
        assertRejected(check(.cancel(actionID: r.actionID), journal: [r], snapshot: applied), "cancel: action \(r.actionID) is already applied")
    }
}

import XCTest
import OpsdeckActions
import OpsdeckModel
@testable import OpsdeckUI

final class ActionDialogTests: XCTestCase {
    func press(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) { press(s, keys) }

    func press(_ s: AppState, _ keys: [Key]) -> (AppState, [Effect]) {
        var state = s
        var effects: [Effect] = []
        for k in keys { let r = update(state, .key(k)); state = r.0; effects += r.1 }
        return (state, effects)
    }

    func type(_ text: String) -> [Key] { text.map { .char($0) } }

    func dialog(_ s: AppState) -> ActionDialog? { if case .dialog(let d)? = s.overlay { d } else { nil } }

    func screen(_ s: AppState) -> String {
        let g = render(s)
        return (0..<g.height).map { g.text(row: $0) }.joined(separator: "\n")
    }

    /// The dialog's inside, rows joined without breaks, so a wrapped journal line reads whole.
    func dialogText(_ s: AppState) -> String {
        let g = render(s)
        let w = min(DialogView.width, g.width - 2), x = (g.width - w) / 2
        return (0..<g.height).map { y in g.row(y).dropFirst(x + 2).prefix(w - 3).map(\.text).joined()
            .trimmingCharacters(in: .whitespaces) }.joined()
    }

    /// The fixture's TS-BLK-M: 3 on hand, 3 reserved, reorder point 40, 6 a day, supplier Acme.
    var suggested: Int { Fixture.state().store!.facts.stockFigures(sku: "TS-BLK-M")!.suggestedQty }

    func restockEntry(qty: Int, supplier: String? = "Acme", note: String? = nil) -> JournalEntry {
        ActionDraft(key: "restock:TS-BLK-M:k1", actionID: Fixture.draftActionID, by: Fixture.operatorID)
            .entry(.restock(RestockRequest(sku: "TS-BLK-M", qty: qty, supplier: supplier, note: note)), at: Fixture.now)
    }

    /// The Stock pane with its first row (TS-BLK-M) selected and the restock dialog open.
    func opened() -> AppState { press(Fixture.state(), .char("2"), .char("r")).0 }

    func testRestockOpensPrefilledWithCancelFocused() throws {
        let d = try XCTUnwrap(dialog(opened()))
        XCTAssertGreaterThan(suggested, 0)
        XCTAssertEqual(d.targetID, "TS-BLK-M")
        XCTAssertEqual(d.fields.map(\.text), ["\(suggested)", "Acme", ""])
        XCTAssertEqual(d.focus, .cancel)
        let text = screen(opened())
        XCTAssertTrue(text.contains("Restock TS-BLK-M"))
        XCTAssertTrue(text.contains("[ Cancel ]"))
        XCTAssertTrue(text.contains("✓ passes the checks"))
        // The journal line is shown in full (wrapped), exactly as it will be written.
        let line = restockEntry(qty: suggested).jsonLine()
        XCTAssertTrue(dialogText(opened()).contains(line), "journal line not shown: \(line)")
    }

    func testEnterOnDefaultCancelClosesWithoutEffect() {
        let (s, effects) = press(opened(), .enter)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(effects, [])
        XCTAssertEqual(press(opened(), .char("n")).0.overlay, nil)
        XCTAssertEqual(press(opened(), .escape).1, [])
        XCTAssertNil(press(opened(), .escape).0.overlay)
    }

    func testYSubmitsTheExactEntry() {
        let (s, effects) = press(opened(), .char("y"))
        XCTAssertEqual(effects, [.submitAction(restockEntry(qty: suggested), confirmed: [])])
        XCTAssertNotNil(dialog(s), "the dialog stays open until the journal answers")
    }

    func testEditedFieldsGoIntoTheEntry() {
        // Tab: Cancel → Confirm → Quantity; erase it, type 120; Tab to Note past Supplier; a note with q and y in it.
        var keys: [Key] = [.tab, .tab] + Array(repeating: Key.backspace, count: 6) + type("120")
        keys += [.tab, .tab] + type("rush, qty by Friday") + [.tab, .char("y")]
        let (s, effects) = press(opened(), keys)
        XCTAssertEqual(effects, [.submitAction(restockEntry(qty: 120, note: "rush, qty by Friday"), confirmed: [])])
        XCTAssertEqual(dialog(s)?.fields.map(\.text), ["120", "Acme", "rush, qty by Friday"])
    }

    func testInvalidQuantityShowsTheRuleAndYDoesNothing() {
        let zero = press(opened(), [.tab, .tab] + Array(repeating: Key.backspace, count: 6) + type("0") + [.tab, .tab, .tab])
        XCTAssertTrue(screen(zero.0).contains("✗ restock: quantity must be at least 1"))
        let (s, effects) = press(zero.0, .char("y"))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(dialog(s)?.failure, "restock: quantity must be at least 1")

        let words = press(opened(), [.tab, .tab, .char("x")])
        XCTAssertTrue(screen(words.0).contains("✗ restock: quantity must be a whole number"))
        XCTAssertEqual(press(words.0, .escape, .char("y")).1, [])
    }

    func testPendingRestockMustBeConfirmedAgain() throws {
        let earlier = ActionDraft(key: "restock:TS-BLK-M:old", actionID: "e0000000-0000-4000-8000-000000000009", by: Fixture.operatorID)
            .entry(.restock(RestockRequest(sku: "TS-BLK-M", qty: 120, supplier: "Acme")), at: Fixture.ago(600))
        let journal = JournalState(bytes: Array((earlier.jsonLine() + "\n").utf8))
        let s = update(Fixture.state(), .journal(journal)).0
        XCTAssertEqual(s.store?.pendingRestockBySKU, ["TS-BLK-M": 120])
        XCTAssertTrue(screen(s).contains("+120 pend"), "the SKU row shows the pending restock")

        let once = press(s, .char("2"), .char("r"), .char("y"))
        XCTAssertEqual(once.1, [], "the first y only shows the warning")
        XCTAssertEqual(once.0.message?.isError, true)
        XCTAssertTrue(once.0.message?.text.contains("already pending") ?? false)
        let twice = press(once.0, .char("y"))
        XCTAssertEqual(twice.1, [.submitAction(restockEntry(qty: suggested), confirmed: [.restockPending])])
    }

    func testSuccessClosesTheDialogWithAFooterMessage() {
        let entry = restockEntry(qty: suggested)
        let s = update(opened(), .actionResult(actionID: entry.actionID, .success(.written(entry)))).0
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.message?.text, "✓ Restock queued: TS-BLK-M ×\(suggested) from Acme — pending ERP (a1b2c3)")
        XCTAssertEqual(s.message?.isError, false)
    }

    func testRefusalKeepsTheDialogOpenWithTheReason() throws {
        let refusal = JournalError.rejected(ActionRejection(field: "sku", "restock: SKU TS-BLK-M is discontinued"))
        let s = update(opened(), .actionResult(actionID: Fixture.draftActionID, .failure(refusal))).0
        XCTAssertEqual(dialog(s)?.failure, "restock: SKU TS-BLK-M is discontinued")
        XCTAssertTrue(screen(s).contains("✗ Not written: restock: SKU TS-BLK-M is discontinued"))
        let ro = update(opened(), .actionResult(actionID: Fixture.draftActionID, .failure(.readOnly(path: "/d/journal.jsonl")))).0
        XCTAssertTrue(dialog(ro)?.failure?.hasPrefix("read-only:") ?? false)
    }

    func testReadOnlyRefusesToOpen() {
        let (s, effects) = press(Fixture.state(readOnly: true), .char("2"), .char("r"))
        XCTAssertNil(s.overlay)
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.message?.isError, true)
        XCTAssertTrue(s.message?.text.hasPrefix("Read-only") ?? false)
    }

    func testRestockOnlyFromTheStockPane() {
        let (s, _) = press(Fixture.state(), .char("r"))
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.message?.isError, true)
    }

    func testTargetStaysFixedWhenSnapshotsMoveOrDropIt() throws {
        var snap = Fixture.snapshot(generation: 2)
        // A new first row would move the Stock cursor; the dialog keeps its SKU and says the SKU changed.
        snap.stock[0].onHand = 200
        let moved = update(opened(), .snapshot(snap)).0
        XCTAssertEqual(dialog(moved)?.targetID, "TS-BLK-M")
        XCTAssertTrue(screen(moved).contains("! changed since the dialog opened; was: Tee black M · avail 0"), dialogText(moved))

        snap.stock.removeAll { $0.sku == "TS-BLK-M" }
        let gone = update(opened(), .snapshot(snap)).0
        XCTAssertEqual(dialog(gone)?.targetID, "TS-BLK-M")
        XCTAssertTrue(screen(gone).contains("TS-BLK-M is no longer in stock.json"))
        XCTAssertEqual(press(gone, .char("y")).1, [], "a vanished SKU cannot be restocked")
    }
}

final class RefundDialogTests: XCTestCase {
    func press(_ s: AppState, _ keys: [Key]) -> (AppState, [Effect]) {
        var state = s
        var effects: [Effect] = []
        for k in keys { let r = update(state, .key(k)); state = r.0; effects += r.1 }
        return (state, effects)
    }

    func dialog(_ s: AppState) -> ActionDialog? { if case .dialog(let d)? = s.overlay { d } else { nil } }

    func screen(_ s: AppState) -> String {
        let g = render(s)
        return (0..<g.height).map { g.text(row: $0) }.joined(separator: "\n")
    }

    func entry(_ r: RefundRequest) -> JournalEntry {
        ActionDraft(key: "refund:o10452:k1", actionID: Fixture.draftActionID, by: Fixture.operatorID).entry(.refund(r), at: Fixture.now)
    }

    /// Orders pane, first row o10452 (paid, $212.00, nothing refunded), refund dialog open.
    func opened(_ s: AppState = Fixture.state()) -> AppState { press(s, [.char("f")]).0 }

    /// Tab from Cancel: Confirm, then the fields: type, amount, reason, restock, typed amount.
    let toType: [Key] = [.tab, .tab], toAmount: [Key] = [.tab, .tab, .tab]

    func testOpensAsAFullRefundOfTheRemainderWithCancelFocused() throws {
        let d = try XCTUnwrap(dialog(opened()))
        XCTAssertEqual(d.fields.map(\.text), ["full", "212.00", "damaged", "no", ""])
        XCTAssertEqual(d.focus, .cancel)
        XCTAssertTrue(screen(opened()).contains("refundable 212.00 USD"))
        let (closed, effects) = press(opened(), [.enter])
        XCTAssertNil(closed.overlay)
        XCTAssertEqual(effects, [])
    }

    func testYSubmitsTheFullRefund() {
        let (_, effects) = press(opened(), [.char("y")])
        XCTAssertEqual(effects, [.submitAction(entry(RefundRequest(orderID: "o10452", type: .full, amountMinor: 21200,
                                                                   currency: "USD", reason: .damaged)), confirmed: [])])
    }

    func testPartialRefundWithReasonAndRestock() {
        // Type → partial; amount 45.00; reason ← cycles back to "other"; restock → yes.
        var keys = toType + [.right, .tab] + Array(repeating: Key.backspace, count: 6) + "45.00".map { Key.char($0) }
        keys += [.tab, .left, .tab, .right, .tab, .tab, .char("y")]
        let (s, effects) = press(opened(), keys)
        XCTAssertEqual(dialog(s)?.fields.map(\.text), ["partial", "45.00", "other", "yes", ""])
        let lines = [RefundLine(lineID: "TS-BLK-M-l", qty: 2, restock: true), RefundLine(lineID: "MUG-01-l", qty: 1, restock: true)]
        XCTAssertEqual(effects, [.submitAction(entry(RefundRequest(orderID: "o10452", type: .partial, amountMinor: 4500, currency: "USD",
                                                                   reason: .other, lines: lines, restockItems: true)), confirmed: [])])
    }

    func testTooMuchIsRejectedAsTyped() {
        let keys = toType + [.right, .tab] + Array(repeating: Key.backspace, count: 6) + "300".map { Key.char($0) } + [.tab, .tab, .tab, .tab]
        let (s, _) = press(opened(), keys)
        XCTAssertTrue(screen(s).contains("✗ refund: 300.00 USD exceeds the refundable 212.00 USD"), screen(s))
        XCTAssertEqual(press(s, [.char("y")]).1, [])
    }

    func testReplacementMovesNoMoney() {
        let (s, effects) = press(opened(), toType + [.right, .right, .right, .tab, .tab, .tab, .tab, .tab, .char("y")])
        XCTAssertEqual(dialog(s)?.fields[1].text, "0.00")
        let lines = [RefundLine(lineID: "TS-BLK-M-l", qty: 2, restock: false), RefundLine(lineID: "MUG-01-l", qty: 1, restock: false)]
        XCTAssertEqual(effects, [.submitAction(entry(RefundRequest(orderID: "o10452", type: .replacement, amountMinor: 0, currency: "USD",
                                                                   reason: .damaged, lines: lines)), confirmed: [])])
    }

    func testAboveTheLimitTheAmountMustBeTyped() {
        var snap = Fixture.snapshot()
        snap.settings.refundLimitsMinor = ["*": 10000]
        let s = update(AppState(config: Fixture.config(), width: 120, height: 40, now: Fixture.now), .snapshot(snap)).0
        let noTyping = press(opened(s), [.char("y"), .char("y")])
        XCTAssertEqual(noTyping.1, [], "a second y does not replace typing the amount")
        XCTAssertTrue(screen(noTyping.0).contains("above alice's refund limit"), screen(noTyping.0))
        let typed = press(opened(s), [.backTab] + "212.00".map { Key.char($0) } + [.tab, .char("y")])
        XCTAssertEqual(typed.1, [.submitAction(entry(RefundRequest(orderID: "o10452", type: .full, amountMinor: 21200,
                                                                   currency: "USD", reason: .damaged)), confirmed: [])])
    }

    func testPendingRefundShowsOnTheRowAndInDetails() {
        let e = entry(RefundRequest(orderID: "o10452", type: .partial, amountMinor: 4500, currency: "USD", reason: .damaged))
        let s = update(Fixture.state(), .journal(JournalState(bytes: Array((e.jsonLine() + "\n").utf8)))).0
        XCTAssertTrue(screen(s).contains("↺$212.00"))
        XCTAssertTrue(screen(press(s, [.enter]).0).contains("refund $45.00 pending"))
        XCTAssertEqual(dialog(opened(s))?.fields[1].text, "167.00", "the remainder leaves out the pending refund")
    }
}

final class ReminderAndTicketDialogTests: XCTestCase {
    func press(_ s: AppState, _ keys: [Key]) -> (AppState, [Effect]) {
        var state = s
        var effects: [Effect] = []
        for k in keys { let r = update(state, .key(k)); state = r.0; effects += r.1 }
        return (state, effects)
    }

    func dialog(_ s: AppState) -> ActionDialog? { if case .dialog(let d)? = s.overlay { d } else { nil } }

    func screen(_ s: AppState) -> String {
        let g = render(s)
        return (0..<g.height).map { g.text(row: $0) }.joined(separator: "\n")
    }

    func entry(_ kind: ActionKind, _ target: String, _ r: ActionRequest) -> JournalEntry {
        ActionDraft(key: "\(kind.rawValue):\(target):k1", actionID: Fixture.draftActionID, by: Fixture.operatorID).entry(r, at: Fixture.now)
    }

    func typing(_ text: String) -> [Key] { text.map { .char($0) } }

    func testReminderForTheSelectedCart() {
        // Carts pane, first row k1: abandoned 3 h ago, accepts marketing, no reminder sent yet.
        let opened = press(Fixture.state(), [.char("3"), .char("m")])
        XCTAssertEqual(dialog(opened.0)?.targetID, "k1")
        XCTAssertEqual(press(opened.0, [.enter]).1, [], "Enter on the default Cancel")
        XCTAssertEqual(press(opened.0, [.char("y")]).1,
                       [.submitAction(entry(.cartReminder, "k1", .cartReminder(CartReminderRequest(cartID: "k1"))), confirmed: [])])
        // An offer code only from the second reminder on: the rule's message, and y does nothing.
        let offer = press(opened.0, [.tab, .tab] + typing("SAVE10") + [.tab, .char("y")])
        XCTAssertEqual(offer.1, [])
        XCTAssertTrue(screen(offer.0).contains("✗ reminder: an offer code is allowed only from the 2nd reminder on"), screen(offer.0))
    }

    func testAcknowledgeTheSelectedTicket() {
        let opened = press(Fixture.state(), [.char("4"), .char("a")])
        XCTAssertEqual(dialog(opened.0)?.targetID, "T-881")
        XCTAssertEqual(dialog(opened.0)?.fields, [])
        XCTAssertTrue(screen(opened.0).contains("Acknowledge T-881"))
        XCTAssertEqual(press(opened.0, [.char("y")]).1,
                       [.submitAction(entry(.escalationAck, "T-881", .escalationAck(ticketID: "T-881")), confirmed: [])])
        XCTAssertNil(press(opened.0, [.char("n")]).0.overlay)
    }

    func testAssignNeedsAnAssignee() {
        let opened = press(Fixture.state(), [.char("4"), .char("A")])
        let empty = press(opened.0, [.char("y")])
        XCTAssertEqual(empty.1, [])
        XCTAssertEqual(dialog(empty.0)?.failure, "assign: assignee must not be empty")
        let typed = press(opened.0, [.tab, .tab] + typing("carol") + [.tab, .char("y")])
        XCTAssertEqual(typed.1, [.submitAction(entry(.escalationAssign, "T-881", .escalationAssign(ticketID: "T-881", assignee: "carol")),
                                               confirmed: [])])
    }

    func testTicketActionsOnlyOnTheEscalationsPane() {
        let (s, effects) = press(Fixture.state(), [.char("a")])
        XCTAssertNil(s.overlay)
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.message?.text, "Escalation ack works on the Escalations pane (4)")
    }
}

final class JournalViewTests: XCTestCase {
    func press(_ s: AppState, _ keys: [Key]) -> AppState {
        keys.reduce(s) { update($0, .key($1)).0 }
    }

    func screen(_ s: AppState) -> String {
        let g = render(s)
        return (0..<g.height).map { g.text(row: $0) }.joined(separator: "\n")
    }

    func line(_ id: String, by user: String, _ r: ActionRequest, minutesAgo: Int64) -> String {
        JournalEntry(actionID: id, key: "k-\(id)", at: Fixture.ago(minutesAgo * 60),
                     by: OperatorIdentity(user: user, host: "ops1"), request: r).jsonLine() + "\n"
    }

    func testListsEveryActionNewestFirstAndFilters() {
        let text = line("aaaaaa-1", by: "alice", .restock(RestockRequest(sku: "MUG-01", qty: 30, supplier: "Acme")), minutesAgo: 20)
            + line("bbbbbb-2", by: "bob", .escalationAck(ticketID: "T-884"), minutesAgo: 5)
            + "{\"torn\n"
        var s = update(Fixture.state(), .journal(JournalState(bytes: Array(text.utf8)))).0
        s = press(s, [.char("J")])
        let shown = screen(s)
        XCTAssertTrue(shown.contains("2 of 2 actions"), shown)
        let restock = shown.range(of: "restock MUG-01 +30 (Acme)"), ack = shown.range(of: "acknowledge ticket T-884")
        XCTAssertNotNil(restock); XCTAssertNotNil(ack)
        XCTAssertLessThan(ack!.lowerBound, restock!.lowerBound, "newest first")
        XCTAssertTrue(shown.contains("alice@ops1") && shown.contains("pending") && shown.contains("aaaaaa"))
        XCTAssertTrue(shown.contains("journal line 3: torn line"), "unreadable lines are listed")

        // Typing filters (q is text here, not quit); Esc clears, then closes.
        let filtered = press(s, [.char("b"), .char("o"), .char("b")])
        XCTAssertTrue(screen(filtered).contains("1 of 2 actions"))
        XCTAssertFalse(screen(filtered).contains("restock MUG-01"))
        XCTAssertEqual(update(filtered, .key(.char("q"))).1, [])
        let cleared = press(filtered, [.escape])
        XCTAssertTrue(screen(cleared).contains("2 of 2 actions"))
        XCTAssertNil(press(cleared, [.escape]).overlay)
    }

    func testEmptyJournal() {
        XCTAssertTrue(screen(press(Fixture.state(), [.char("J")])).contains("No actions in the journal yet."))
    }
}

extension RefundDialogTests {
    func testRefundFromAnEscalationThatNamesAnOrder() {
        // T-881 (first Escalations row) names o10440: shipped, $500.00 paid.
        let s = press(Fixture.state(), [.char("4"), .char("f")]).0
        XCTAssertEqual(dialog(s)?.targetID, "o10440")
        XCTAssertEqual(dialog(s)?.fields[1].text, "500.00")
        // T-884 names no order.
        let none = press(Fixture.state(), [.char("4"), .down, .char("f")]).0
        XCTAssertNil(none.overlay)
        XCTAssertEqual(none.message?.text, "This escalation names no order to refund")
    }
}

extension JournalViewTests {
    func testTheERPsAnswerToMyActionReachesTheFooter() {
        let mine = JournalEntry(actionID: "cccccc-3", key: "k3", at: Fixture.ago(60), by: Fixture.operatorID,
                                request: .restock(RestockRequest(sku: "MUG-01", qty: 30)))
        var s = update(Fixture.state(), .journal(JournalState(bytes: Array((mine.jsonLine() + "\n").utf8)))).0
        XCTAssertNil(s.message)
        var snap = Fixture.snapshot(generation: 2)
        snap.actionResults = ["cccccc-3": ActionResult(actionID: "cccccc-3", state: .rejected, at: Fixture.ago(10), message: "supplier closed")]
        s = update(s, .snapshot(snap)).0
        XCTAssertEqual(s.message?.text, "✗ ERP rejected: restock MUG-01 +30 (cccccc) — supplier closed")
        XCTAssertEqual(s.message?.isError, true)
    }
}

extension JournalViewTests {
    func testAnUnreadableJournalIsSaidAndKeepsTheLastState() {
        let mine = JournalEntry(actionID: "dddddd-4", key: "k4", at: Fixture.ago(60), by: Fixture.operatorID,
                                request: .restock(RestockRequest(sku: "MUG-01", qty: 30)))
        var s = update(Fixture.state(), .journal(JournalState(bytes: Array((mine.jsonLine() + "\n").utf8)))).0
        s = update(s, .journalUnreadable("/d/journal.jsonl: open failed: Permission denied")).0
        XCTAssertEqual(s.message?.text, "Journal unreadable: /d/journal.jsonl: open failed: Permission denied")
        XCTAssertEqual(s.store?.pendingRestockBySKU, ["MUG-01": 30])
    }
}

extension RefundDialogTests {
    func testBackspaceDoesNotEditAListField() {
        let s = press(opened(), toType + [.backspace, .delete]).0
        XCTAssertEqual(dialog(s)?.fields[0].text, "full")
    }
}

import XCTest
import OpsdeckActions
import OpsdeckModel
@testable import OpsdeckUI

/// `y` holds an action for the undo window; `u` takes back the newest; the tick that ends the window
/// submits it. The clock is only ever moved by injected ticks.
final class UndoWindowTests: XCTestCase {
    func press(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) {
        var state = s
        var effects: [Effect] = []
        for k in keys { let r = update(state, .key(k)); state = r.0; effects += r.1 }
        return (state, effects)
    }

    func tick(_ s: AppState, at t: Timestamp) -> (AppState, [Effect]) { update(s, .tick(t)) }

    func screen(_ s: AppState) -> String {
        let g = render(s)
        return (0..<g.height).map { g.text(row: $0) }.joined(separator: "\n")
    }

    /// The fixture with a real draft minter (distinct ids per dialog) and a 5 s window.
    func state(undoSeconds: Double = 5, readOnly: Bool = false, keymap: Keymap = .defaults) -> AppState {
        let config = AppConfig(keymap: keymap, operatorLabel: "alice@ops1", readOnly: readOnly, undoSeconds: undoSeconds,
                               identity: Fixture.operatorID)
        return update(AppState(config: config, width: 120, height: 40, now: Fixture.now), .snapshot(Fixture.snapshot())).0
    }

    var suggested: Int { Fixture.state().store!.facts.stockFigures(sku: "TS-BLK-M")!.suggestedQty }

    func testConfirmHoldsTheActionWithACountdownAndWritesWhenTheWindowEnds() throws {
        let (held, effects) = press(state(), .char("2"), .char("r"), .char("y"))
        XCTAssertEqual(effects, [], "nothing is submitted while the window is open")
        XCTAssertNil(held.overlay, "the dialog closes at once")
        let h = try XCTUnwrap(held.held.first)
        XCTAssertEqual(held.held.count, 1)
        XCTAssertEqual(h.releaseAt, Fixture.now.adding(seconds: 5))
        XCTAssertEqual(held.nextHeldRelease, h.releaseAt)
        XCTAssertTrue(screen(held).contains("restock TS-BLK-M +\(suggested) (Acme) in 5s u undo"), screen(held))
        XCTAssertTrue(screen(held).contains("+\(suggested) pend"), "a held restock counts in the pending marker")

        let later = tick(held, at: Fixture.now.adding(seconds: 2))
        XCTAssertEqual(later.1, [])
        XCTAssertTrue(screen(later.0).contains("in 3s u undo"), screen(later.0))
        // 4.999 s: still held; 5 s: submitted, exactly as the dialog showed it, with its confirmations.
        XCTAssertEqual(tick(later.0, at: Timestamp(epochMillis: h.releaseAt.epochMillis - 1)).1, [])
        let (released, written) = tick(later.0, at: h.releaseAt)
        XCTAssertEqual(written, [.submitAction(h.entry, confirmed: [])])
        XCTAssertEqual(released.held, [])
        XCTAssertNil(released.nextHeldRelease)
        XCTAssertFalse(screen(released).contains("u undo"))
        XCTAssertEqual(tick(released, at: h.releaseAt.adding(seconds: 1)).1, [], "written once")
    }

    func testUndoDropsTheNewestAndNothingIsWritten() {
        var (s, _) = press(state(), .char("2"), .char("r"), .char("y"))
        (s, _) = press(s, .char("u"))
        XCTAssertEqual(s.held, [])
        XCTAssertTrue(s.message?.text.hasPrefix("↶ Undone, nothing written: restock TS-BLK-M +\(suggested)") ?? false, s.message?.text ?? "")
        XCTAssertFalse(screen(s).contains("+\(suggested) pend"), "the marker goes with it")
        XCTAssertEqual(tick(s, at: Fixture.now.adding(seconds: 60)).1, [])
        let again = press(s, .char("u")).0
        XCTAssertEqual(again.message?.isError, true)
        XCTAssertTrue(again.message?.text.hasPrefix("Nothing to undo") ?? false)
    }

    func testSeveralHeldUndoTakesTheNewestAndTheRestAreWrittenOldestFirst() throws {
        // TS-BLK-M, then the next SKU one second later, then a third one.
        var (s, _) = press(state(), .char("2"), .char("r"), .char("y"))
        s = tick(s, at: Fixture.now.adding(seconds: 1)).0
        (s, _) = press(s, .char("j"), .char("r"), .char("y"))
        (s, _) = press(s, .char("j"), .char("r"), .char("y"))
        XCTAssertEqual(s.held.count, 3)
        XCTAssertTrue(screen(s).contains("(+2 held)"), screen(s))
        let first = s.held[0], second = s.held[1], third = s.held[2]
        XCTAssertEqual(Set(s.held.map(\.entry.actionID)).count, 3)
        (s, _) = press(s, .char("u"))
        XCTAssertEqual(s.held, [first, second], "u takes back the newest only")
        XCTAssertTrue(s.message?.text.contains(String(third.entry.actionID.prefix(6))) ?? false)
        // One tick past both windows submits both, oldest first.
        let (done, effects) = tick(s, at: Fixture.now.adding(seconds: 30))
        XCTAssertEqual(effects, [.submitAction(first.entry, confirmed: []), .submitAction(second.entry, confirmed: [])])
        XCTAssertEqual(done.held, [])
    }

    func testAHeldRefundCountsAgainstTheNextOne() throws {
        var (s, _) = press(state(), .char("f"))
        // Partial 45.00 of the 212.00 order.
        let keys: [Key] = [.tab, .tab, .right, .tab] + Array(repeating: .backspace, count: 6) + "45.00".map { .char($0) } + [.tab, .tab, .tab, .tab, .char("y")]
        for k in keys { s = update(s, .key(k)).0 }
        XCTAssertEqual(s.held.count, 1)
        XCTAssertTrue(screen(s).contains("↺$212.00"), "held refunds show the pending marker")
        (s, _) = press(s, .char("f"))
        guard case .dialog(let d)? = s.overlay else { return XCTFail("no refund dialog") }
        XCTAssertEqual(d.fields[1].text, "167.00", "the prefilled remainder leaves out the held refund")
        (s, _) = press(s, .escape, .char("J"))
        XCTAssertTrue(screen(s).contains("held"), "the journal view shows it as held, not yet written:\n\(screen(s))")
    }

    func testUIsTextInsideADialogAndRebindable() throws {
        var (s, _) = press(state(), .char("2"), .char("r"), .char("y"))
        // In the next dialog's note field, u is a letter.
        (s, _) = press(s, .char("r"), .tab, .tab, .tab, .tab, .char("u"))
        XCTAssertEqual(s.held.count, 1)
        guard case .dialog(let d)? = s.overlay else { return XCTFail("dialog closed") }
        XCTAssertEqual(d.fields[2].text, "u")
        XCTAssertFalse(screen(s).contains("u undo"), "no undo key offered while typing")

        let (keymap, problems) = Keymap.load(text: #"undo = "U""#, file: "keys.toml")
        XCTAssertEqual(problems, [])
        var r = press(state(keymap: keymap), .char("2"), .char("r"), .char("y"), .char("u")).0
        XCTAssertEqual(r.held.count, 1, "u is no longer undo")
        XCTAssertTrue(screen(r).contains("U undo"))
        r = press(r, .char("U")).0
        XCTAssertEqual(r.held, [])
        XCTAssertTrue(OverlayView.helpLines(keymap).contains { $0.map(\.text).joined().contains("U") && $0.map(\.text).joined().contains("undo") })
    }

    func testNoWindowSubmitsAtOnceAsBefore() {
        let (s, effects) = press(state(undoSeconds: 0), .char("2"), .char("r"), .char("y"))
        XCTAssertEqual(effects.count, 1)
        XCTAssertEqual(s.held, [])
    }

    func testExitReportNamesEachOutcome() {
        let e = ActionDraft(key: "restock:TS-BLK-M:k1", actionID: Fixture.draftActionID, by: Fixture.operatorID)
            .entry(.restock(RestockRequest(sku: "TS-BLK-M", qty: 5, supplier: nil)), at: Fixture.now)
        XCTAssertEqual(AppState.exitReport(e, .success(.written(e))), "opsdeck: written on exit: Restock queued: TS-BLK-M ×5 — pending ERP (a1b2c3)")
        XCTAssertEqual(AppState.exitReport(e, .failure(.readOnly(path: "/j"))),
                       "opsdeck: NOT written on exit: restock TS-BLK-M +5 (a1b2c3): read-only: /j is opened read-only, nothing was written")
    }
}

/// `r` on an order line in the order's detail view: the same restock dialog as on the Stock pane.
final class DetailRestockTests: XCTestCase {
    func press(_ s: AppState, _ keys: Key...) -> AppState {
        var state = s
        for k in keys { state = update(state, .key(k)).0 }
        return state
    }

    func screen(_ s: AppState) -> String {
        let g = render(s)
        return (0..<g.height).map { g.text(row: $0) }.joined(separator: "\n")
    }

    func testTabSelectsAnOrderLineAndRRestocksItsSKU() throws {
        // Order 10452: TS-BLK-M ×2, MUG-01 ×1.
        let detail = press(Fixture.state(), .enter)
        guard case .detail(let d)? = detail.overlay else { return XCTFail("no detail view") }
        XCTAssertEqual(d.lineSKUs, ["TS-BLK-M", "MUG-01"])
        XCTAssertTrue(screen(detail).contains("▶ TS-BLK-M"))
        let second = press(detail, .tab)
        XCTAssertTrue(screen(second).contains("▶ MUG-01"), screen(second))
        XCTAssertTrue(screen(press(second, .tab)).contains("▶ TS-BLK-M"), "wraps round")
        XCTAssertTrue(screen(press(detail, .backTab)).contains("▶ MUG-01"))

        let dialog = press(second, .char("r"))
        guard case .dialog(let ad)? = dialog.overlay else { return XCTFail("no restock dialog:\n\(screen(dialog))") }
        XCTAssertEqual(ad.kind, .restock)
        XCTAssertEqual(ad.targetID, "MUG-01")
        let stockPane = press(Fixture.state(), .char("2"), .char("j"), .char("r"))
        guard case .dialog(let fromStock)? = stockPane.overlay, fromStock.targetID == "MUG-01" else {
            return XCTFail("expected MUG-01 second on the Stock pane")
        }
        XCTAssertEqual(ad.fields, fromStock.fields, "the same prefilled dialog as on the Stock pane")

        // Esc goes back to the detail view, line still selected; so does a confirmed action.
        let back = press(dialog, .escape)
        guard case .detail(let again)? = back.overlay else { return XCTFail("not back in the details") }
        XCTAssertEqual(again.selectedLine, 1)
        let r = update(dialog, .key(.char("y")))
        XCTAssertEqual(r.1.count, 1, "submitted (the fixture has no undo window)")
        let written = update(r.0, .actionResult(actionID: Fixture.draftActionID, .success(.written(ad.entry(try ad.request().get()))))).0
        guard case .detail? = written.overlay else { return XCTFail("not back in the details after writing") }
        XCTAssertTrue(written.message?.text.contains("Restock queued: MUG-01") ?? false)
    }

    /// `r` in a stock item's details restocks that SKU, with the Stock pane's dialog, and comes back there.
    func testRInAStockItemsDetailsRestocksThatSKU() throws {
        let onStock = press(Fixture.state(), .char("2"), .char("j"))
        let detail = press(onStock, .enter)
        guard case .detail(let d)? = detail.overlay, d.pane == .stock else { return XCTFail("no stock detail view") }
        XCTAssertEqual(d.id, "MUG-01", "the fixture's second stock row")
        XCTAssertTrue(screen(detail).contains("r restock"), "the footer offers it:\n\(screen(detail))")
        let dialog = press(detail, .char("r"))
        guard case .dialog(let ad)? = dialog.overlay else { return XCTFail("no restock dialog:\n\(screen(dialog))") }
        XCTAssertEqual(ad.kind, .restock)
        XCTAssertEqual(ad.targetID, "MUG-01")
        guard case .dialog(let fromStock)? = press(onStock, .char("r")).overlay else { return XCTFail("no dialog on the Stock pane") }
        XCTAssertEqual(ad.fields, fromStock.fields, "the same prefilled dialog as on the Stock pane")

        guard case .detail(let again)? = press(dialog, .escape).overlay else { return XCTFail("Esc: not back in the details") }
        XCTAssertEqual(again.id, "MUG-01")
        let r = update(dialog, .key(.char("y")))
        XCTAssertEqual(r.1.count, 1, "submitted (the fixture has no undo window)")
        let written = update(r.0, .actionResult(actionID: Fixture.draftActionID, .success(.written(ad.entry(try ad.request().get()))))).0
        guard case .detail(let back)? = written.overlay, back.pane == .stock else { return XCTFail("not back in the details after writing") }
        XCTAssertTrue(written.message?.text.contains("Restock queued: MUG-01") ?? false)

        // Elsewhere `r` still says where it works, and read-only offers nothing.
        let cart = press(Fixture.state(), .char("3"), .enter, .char("r"))
        guard case .detail? = cart.overlay else { return XCTFail("the cart's detail view stays") }
        XCTAssertEqual(cart.message?.text, AppState.restockWhereText)
        let ro = press(Fixture.state(readOnly: true), .char("2"), .enter)
        XCTAssertFalse(screen(ro).contains("r restock"), "no restock hint in read-only mode:\n\(screen(ro))")
    }

    func testRefusedOffTheStockFileAndInReadOnly() {
        var snap = Fixture.snapshot()
        snap.stock.removeAll { $0.sku == "MUG-01" }
        let s = update(AppState(config: Fixture.config(), width: 120, height: 40, now: Fixture.now), .snapshot(snap)).0
        let missing = press(s, .enter, .tab, .char("r"))
        guard case .detail? = missing.overlay else { return XCTFail("the detail view stays") }
        XCTAssertEqual(missing.message?.text, "SKU MUG-01 is not in stock.json")

        let ro = press(Fixture.state(readOnly: true), .enter, .char("r"))
        guard case .detail? = ro.overlay else { return XCTFail("the detail view stays") }
        XCTAssertTrue(ro.message?.text.hasPrefix("Read-only") ?? false)
        XCTAssertFalse(screen(ro).contains("restock line"), "no restock hint in read-only mode")
    }
}

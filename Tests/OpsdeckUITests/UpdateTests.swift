import XCTest
import OpsdeckModel
@testable import OpsdeckUI

final class UpdateTests: XCTestCase {
    func press(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) {
        var state = s
        var effects: [Effect] = []
        for k in keys { let r = update(state, .key(k)); state = r.0; effects += r.1 }
        return (state, effects)
    }

    func selected(_ s: AppState, _ kind: PaneKind? = nil) -> String? { s.pane(kind ?? s.focus).selectedID }

    func testOrdersAreRankedLateFirstThenByTimeLeft() {
        let s = Fixture.state()
        let store = s.store!
        XCTAssertEqual(s.pane(.orders).rows.map { OrderQueuePane.id($0, store) }, ["o10452", "o10460", "o10463", "o10461", "o10462"])
        XCTAssertEqual(s.pane(.stock).rows.map { StockPane.id($0, store) }, ["TS-BLK-M", "MUG-01", "SOCK-JP", "JKT-RED", "CAP-OLD"])
        XCTAssertEqual(s.pane(.carts).rows.map { AbandonedCartsPane.id($0, store) }, ["k1", "k3", "k2"])
        XCTAssertEqual(s.pane(.escalations).rows.map { EscalationsPane.id($0, store) }, ["T-881", "T-884", "T-885"])
    }

    func testCustomerWorthBreaksTies() {
        var snap = Fixture.snapshot()
        // Two late orders with the same deadline: the one of the customer worth more comes first.
        let due = Fixture.ago(600)
        snap.orders = [
            Order(id: "a", customerID: "c2", placedAt: Fixture.ago(7200), status: .paid, totalMinor: 100, currency: "USD", lines: [], shipBy: due),
            Order(id: "b", customerID: "c1", placedAt: Fixture.ago(3600), status: .paid, totalMinor: 100, currency: "USD", lines: [], shipBy: due),
        ] + snap.orders.filter { !$0.status.isOpen }
        let s = update(AppState(config: Fixture.config(), width: 120, height: 40, now: Fixture.now), .snapshot(snap)).0
        XCTAssertEqual(s.pane(.orders).rows.map { OrderQueuePane.id($0, s.store!) }, ["b", "a"])
    }

    func testQuitKeys() {
        XCTAssertEqual(press(Fixture.state(), .char("q")).1, [.quit])
        XCTAssertEqual(press(Fixture.state(), .ctrl("c")).1, [.quit])
        XCTAssertEqual(press(Fixture.state(), .char("?"), .char("q")).1, [.quit])
    }

    func testFocusKeys() {
        let s = Fixture.state()
        XCTAssertEqual(press(s, .tab).0.focus, .stock)
        XCTAssertEqual(press(s, .tab, .tab, .tab, .tab).0.focus, .orders)
        XCTAssertEqual(press(s, .backTab).0.focus, .escalations)
        XCTAssertEqual(press(s, .char("2")).0.focus, .stock)
        XCTAssertEqual(press(s, .char("3")).0.focus, .carts)
        XCTAssertEqual(press(s, .char("4")).0.focus, .escalations)
        XCTAssertEqual(press(s, .char("4"), .char("1")).0.focus, .orders)
    }

    func testMovementKeys() {
        let s = Fixture.state()
        XCTAssertEqual(selected(press(s, .down).0), "o10460")
        XCTAssertEqual(selected(press(s, .char("j"), .char("j")).0), "o10463")
        XCTAssertEqual(selected(press(s, .char("j"), .char("j"), .up).0), "o10460")
        XCTAssertEqual(selected(press(s, .char("j"), .char("k")).0), "o10452")
        XCTAssertEqual(selected(press(s, .up).0), "o10452", "stops at the top")
        XCTAssertEqual(selected(press(s, .end).0), "o10462")
        XCTAssertEqual(selected(press(s, .char("G"), .char("j")).0), "o10462", "stops at the bottom")
        XCTAssertEqual(selected(press(s, .end, .home).0), "o10452")
        XCTAssertEqual(selected(press(s, .end, .char("g")).0), "o10452")
        XCTAssertEqual(selected(press(s, .pageDown).0), "o10462", "a page is longer than the list")
        XCTAssertEqual(selected(press(s, .pageDown, .pageUp).0), "o10452")
        // Movement applies to the focused pane only.
        let moved = press(s, .char("2"), .down).0
        XCTAssertEqual(selected(moved, .stock), "MUG-01")
        XCTAssertEqual(selected(moved, .orders), "o10452")
    }

    func testPagingScrollsAWindowOverManyRows() {
        var snap = Fixture.snapshot()
        snap.orders = (0..<100).map { (i: Int) -> Order in
            let n = Int64(i)
            return Order(id: "n\(i)", customerID: "c1", placedAt: Fixture.ago(1000 + n), status: .paid, totalMinor: 100,
                         currency: "USD", lines: [], shipBy: Fixture.ahead(5 * 3600 + n * 60))
        }
        var s = update(AppState(config: Fixture.config(), width: 80, height: 24, now: Fixture.now), .snapshot(snap)).0
        let visible = s.layout.visibleRows(.orders)
        XCTAssertEqual(visible, 16)
        s = press(s, .pageDown).0
        XCTAssertEqual(s.pane(.orders).cursor, visible - 1)
        s = press(s, .pageDown).0
        XCTAssertEqual(s.pane(.orders).cursor, 2 * (visible - 1))
        XCTAssertEqual(s.pane(.orders).top, s.pane(.orders).cursor - visible + 1, "cursor on the last visible row")
        s = press(s, .end).0
        XCTAssertEqual(s.pane(.orders).top, 100 - visible)
        s = press(s, .home).0
        XCTAssertEqual(s.pane(.orders).top, 0)
    }

    func testEnterOpensDetailForEachPaneAndEscCloses() {
        let cases: [(Key, PaneKind, String, String)] = [
            (.char("1"), .orders, "o10452", "Order 10452"), (.char("2"), .stock, "TS-BLK-M", "TS-BLK-M · Tee black M"),
            (.char("3"), .carts, "k1", "Cart k1"), (.char("4"), .escalations, "T-881", "Ticket T-881"),
        ]
        for (key, pane, id, title) in cases {
            let s = press(Fixture.state(), key, .enter).0
            guard case .detail(let d)? = s.overlay else { return XCTFail("no detail for \(pane)") }
            XCTAssertEqual(d.pane, pane); XCTAssertEqual(d.id, id); XCTAssertEqual(d.title, title)
            XCTAssertNil(press(s, .escape).0.overlay)
        }
        let order = press(Fixture.state(), .enter).0
        guard case .detail(let d)? = order.overlay else { return XCTFail() }
        let text = d.lines.map { $0.map(\.text).joined() }
        XCTAssertTrue(text.contains { $0.contains("TS-BLK-M") && $0.contains("2 × $60.00") })
        XCTAssertTrue(text.contains { $0.contains("Lifetime value") && $0.contains("$1,612.00") })
        XCTAssertTrue(text.contains { $0.contains("VIP") })
        XCTAssertTrue(text.contains { $0.contains("9001") }, "customer history lists older orders")
        XCTAssertTrue(text.contains { $0.contains("k4 recovered into this order") })
        // ↓ scrolls the detail, not the pane.
        let scrolled = press(order, .down).0
        guard case .detail(let d2)? = scrolled.overlay else { return XCTFail() }
        XCTAssertEqual(d2.scroll, 1)
        XCTAssertEqual(selected(scrolled), "o10452")
    }

    func testDetailFollowsNewSnapshotsAndSaysWhenTheRecordIsGone() {
        var s = press(Fixture.state(), .enter).0
        var snap = Fixture.snapshot(generation: 2)
        snap.orders.removeAll { $0.id == "o10452" }
        s = update(s, .snapshot(snap)).0
        guard case .detail(let d)? = s.overlay else { return XCTFail() }
        XCTAssertTrue(d.lines.first?.first?.text.hasPrefix("No longer in the data") ?? false)
    }

    func testFilterAsYouTypeEnterKeepsEscClears() {
        var s = press(Fixture.state(), .char("/"), .char("z"), .char("o")).0
        XCTAssertTrue(s.editingFilter)
        XCTAssertEqual(s.pane(.orders).filter, "zo")
        XCTAssertEqual(s.pane(.orders).rows.map { OrderQueuePane.id($0, s.store!) }, ["o10460"])   // Zoë Müller
        s = press(s, .backspace).0
        XCTAssertEqual(s.pane(.orders).filter, "z")
        s = press(s, .char("q")).0
        XCTAssertEqual(s.pane(.orders).filter, "zq", "q types while filtering")
        s = press(s, .backspace, .char("o"), .enter).0
        XCTAssertFalse(s.editingFilter)
        XCTAssertEqual(s.pane(.orders).rows.count, 1)
        s = press(s, .escape).0
        XCTAssertEqual(s.pane(.orders).filter, "")
        XCTAssertEqual(s.pane(.orders).rows.count, 5)
        // Esc while typing clears too; CJK filters work.
        s = press(s, .char("/"), .char("山"), .char("田")).0
        XCTAssertEqual(s.pane(.orders).rows.map { OrderQueuePane.id($0, s.store!) }, ["o10461"])
        s = press(s, .escape).0
        XCTAssertFalse(s.editingFilter)
        XCTAssertEqual(s.pane(.orders).rows.count, 5)
    }

    func testSortCyclesColumnsAndReverses() {
        var s = Fixture.state()
        let store = s.store!
        func ids(_ s: AppState) -> [String] { s.pane(.orders).rows.map { OrderQueuePane.id($0, store) } }
        s = press(s, .char("s")).0
        XCTAssertEqual(s.pane(.orders).sortColumn, 0)
        XCTAssertEqual(ids(s), ["o10452", "o10460", "o10461", "o10462", "o10463"])   // by number, ascending
        s = press(s, .char("S")).0
        XCTAssertEqual(ids(s), ["o10463", "o10462", "o10461", "o10460", "o10452"])
        s = press(s, .char("s")).0   // Age: oldest first
        XCTAssertEqual(ids(s), ["o10452", "o10463", "o10460", "o10461", "o10462"])
        XCTAssertEqual(selected(s), "o10452", "the cursor stays on its record")
        for _ in 0..<(OrderQueuePane.columns.count - 1) { s = press(s, .char("s")).0 }
        XCTAssertNil(s.pane(.orders).sortColumn, "back to the urgency rank")
        XCTAssertEqual(ids(s), ["o10452", "o10460", "o10463", "o10461", "o10462"])
        XCTAssertTrue(s.message?.text.contains("urgency") ?? false)
    }

    func testZoomHelpPauseTheme() {
        let s = Fixture.state()
        let zoomed = press(s, .char("2"), .char("z")).0
        XCTAssertEqual(zoomed.layout.arrangement, .zoomed)
        XCTAssertEqual(Array(zoomed.layout.panes.keys), [.stock])
        XCTAssertEqual(press(zoomed, .char("z")).0.layout.arrangement, .grid)
        XCTAssertEqual(press(zoomed, .escape).0.layout.arrangement, .grid)

        let help = press(s, .char("?")).0
        XCTAssertEqual(help.overlay, .help(scroll: 0))
        XCTAssertEqual(press(help, .down).0.overlay, .help(scroll: 1))
        XCTAssertNil(press(help, .escape).0.overlay)
        XCTAssertNil(press(help, .char("?")).0.overlay)

        let (paused, e1) = press(s, .char("p"))
        XCTAssertTrue(paused.paused)
        XCTAssertEqual(e1, [.setRefreshPaused(true)])
        XCTAssertTrue(render(paused).text(row: 0).contains("PAUSED"))
        let (resumed, e2) = press(paused, .char("p"))
        XCTAssertFalse(resumed.paused)
        XCTAssertEqual(e2, [.setRefreshPaused(false)])

        let (light, e3) = press(s, .char("T"))
        XCTAssertEqual(light.theme.name, "light")
        XCTAssertEqual(e3, [.applyTheme(light.theme)])
        XCTAssertEqual(press(light, .char("T")).0.theme.name, "default")
    }

    func testUnboundKeysDoNothing() {
        XCTAssertEqual(press(Fixture.state(), .function(9)).1, [], "unbound keys do nothing")
    }

    func testCursorFollowsItsRecordAcrossSnapshots() {
        var s = press(Fixture.state(), .down, .down).0   // o10463
        XCTAssertEqual(selected(s), "o10463")
        var snap = Fixture.snapshot(generation: 2)
        // A new late order jumps to the top; the cursor stays on o10463, now one row further down.
        snap.orders.append(Order(id: "o10470", customerID: "c4", placedAt: Fixture.ago(600), status: .paid, totalMinor: 100,
                                 currency: "USD", lines: [], shipBy: Fixture.ago(300)))
        s = update(s, .snapshot(snap)).0
        XCTAssertEqual(selected(s), "o10463")
        XCTAssertEqual(s.pane(.orders).cursor, 3)
        // When the record goes, the cursor stays at its position.
        snap.orders.removeAll { $0.id == "o10463" }
        s = update(s, .snapshot(snap)).0
        XCTAssertEqual(s.pane(.orders).cursor, 3)
        XCTAssertEqual(selected(s), "o10461")
    }

    func testChangedRowsAreMarkedAndExpireOnTick() {
        var s = Fixture.state()
        XCTAssertTrue(s.pane(.orders).changed.isEmpty, "the first snapshot marks nothing")
        var snap = Fixture.snapshot(generation: 2)
        snap.orders[1].status = .packed                     // o10460 changed
        snap.stock[1].onHand = 11                            // MUG-01 changed
        s = update(s, .snapshot(snap)).0
        XCTAssertEqual(Set(s.pane(.orders).changed.keys), ["o10460"])
        XCTAssertEqual(Set(s.pane(.stock).changed.keys), ["MUG-01"])
        XCTAssertEqual(render(s).text(row: 5).first { $0 == "•" }, "•")
        s = update(s, .tick(Fixture.now.adding(seconds: 4))).0
        XCTAssertFalse(s.pane(.orders).changed.isEmpty)
        s = update(s, .tick(Fixture.now.adding(seconds: 5))).0
        XCTAssertTrue(s.pane(.orders).changed.isEmpty)
        XCTAssertTrue(s.pane(.stock).changed.isEmpty)
        XCTAssertFalse(render(s).text(row: 5).contains("•"))
    }

    func screen(_ s: AppState) -> String { GoldenScreen.text(of: render(s), now: Fixture.now) }

    func testIdleTicksChangeTheScreenOnlyWhenAMinuteTurns() {
        let s = Fixture.state()
        // Within the minute (and before any source's age reaches a whole minute) nothing changes.
        let later = update(s, .tick(Fixture.now.adding(seconds: 50))).0
        XCTAssertNil(GoldenScreen.firstDifference(screen(s), screen(later)))
        let nextMinute = update(later, .tick(Fixture.now.adding(seconds: 60))).0
        XCTAssertNotEqual(screen(nextMinute), screen(s))
        XCTAssertTrue(render(nextMinute).text(row: 0).hasSuffix("14:06 "))
        XCTAssertTrue(render(nextMinute).text(row: 0).contains("orders ✓1m"))
    }

    func testTimePassingReRanksOnTheMinute() {
        // o10460 is at risk (ship-by in 2h10); after 2h11 it is late and still ranked after the older late one.
        var s = Fixture.state()
        s = update(s, .tick(Fixture.now.adding(seconds: 2 * 3600 + 11 * 60))).0
        XCTAssertEqual(s.store?.facts.kpis.lateOrders, 2)
        XCTAssertTrue(render(s).text(row: 5).contains("10460") && render(s).text(row: 5).contains("LATE 1m"), render(s).text(row: 5))
    }

    func testResizeRelaysOutAndTooSmall() {
        let s = Fixture.state()
        XCTAssertEqual(s.layout.arrangement, .grid)
        XCTAssertEqual(update(s, .resize(width: 80, height: 40)).0.layout.arrangement, .stacked)
        XCTAssertEqual(update(s, .resize(width: 80, height: 24)).0.layout.arrangement, .tabbed)
        let small = update(s, .resize(width: 39, height: 30)).0
        XCTAssertTrue(small.layout.isTooSmall)
        XCTAssertTrue(render(small).text(row: 14).contains("terminal too small") || render(small).text(row: 15).contains("need 40×12, have 39×30"))
        XCTAssertEqual(render(update(s, .resize(width: 0, height: 0)).0).cells.count, 0)
    }

    func testHeaderShowsFreshnessPerSourceAndFooterNamesTheFileError() {
        let g = render(Fixture.state())
        let header = g.text(row: 0)
        XCTAssertTrue(header.contains("orders ✓"))
        XCTAssertTrue(header.contains("stock ✓2m"))
        XCTAssertTrue(header.contains("carts STALE 20m"))
        XCTAssertTrue(header.contains("tickets PARSE ERROR"))
        XCTAssertTrue(header.contains("alice@ops1"))
        XCTAssertTrue(header.contains(" RW "))
        XCTAssertTrue(render(Fixture.state(readOnly: true)).text(row: 0).contains(" RO "))
        XCTAssertTrue(g.text(row: 39).contains("escalations.json:12:5: unexpected end of input"))
        // The last good tickets stay listed.
        XCTAssertTrue((0..<40).contains { g.text(row: $0).contains("Parcel damaged") })
    }

    func testBeforeTheFirstSnapshotPanesWait() {
        let s = AppState(config: Fixture.config(), width: 120, height: 40, now: Fixture.now)
        let g = render(s)
        XCTAssertTrue(g.text(row: 0).contains("loading…"))
        XCTAssertTrue(g.text(row: 4).contains("waiting for data"))
        XCTAssertEqual(update(s, .key(.down)).1, [])
        XCTAssertNil(update(s, .key(.enter)).0.overlay)
    }
}

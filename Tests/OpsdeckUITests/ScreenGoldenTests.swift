import XCTest
import OpsdeckModel
@testable import OpsdeckUI

final class ScreenGoldenTests: XCTestCase {
    func check(_ s: AppState, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenScreen.assertMatches(render(s), now: s.now, name: name, file: file, line: line)
    }

    func testGrid120x40() { check(Fixture.state(width: 120, height: 40), "grid-120x40") }
    func testTabbed80x24() { check(Fixture.state(width: 80, height: 24), "tabbed-80x24") }
    func testTabbed60x20() { check(Fixture.state(width: 60, height: 20), "tabbed-60x20") }
    func testStacked80x40() { check(Fixture.state(width: 80, height: 40), "stacked-80x40") }
    func testTooSmall() { check(Fixture.state(width: 30, height: 10), "too-small-30x10") }

    func testOrderDetail120x40() {
        let s = update(Fixture.state(width: 120, height: 40), .key(.enter)).0
        check(s, "order-detail-120x40")
    }

    func testHelpReadOnlyPaused80x24() {
        var s = Fixture.state(width: 80, height: 24, readOnly: true)
        s = update(s, .key(.char("p"))).0
        s = update(s, .key(.char("?"))).0
        check(s, "help-ro-paused-80x24")
    }

    func testRestockDialog120x40() {
        var s = Fixture.state(width: 120, height: 40)
        for k: Key in [.char("2"), .char("r"), .tab, .tab] { s = update(s, .key(k)).0 }
        check(s, "restock-dialog-120x40")
    }

    func testRefundDialog80x24() {
        var s = Fixture.state(width: 80, height: 24)
        for k: Key in [.char("f"), .tab, .tab, .right] { s = update(s, .key(k)).0 }
        check(s, "refund-dialog-80x24")
    }

    func testFilterEditingStock80x24() {
        var s = Fixture.state(width: 80, height: 24)
        for k: Key in [.char("2"), .char("/"), .char("m"), .char("u")] { s = update(s, .key(k)).0 }
        check(s, "filter-stock-80x24")
    }
}

import XCTest
import OpsdeckModel
@testable import OpsdeckUI

final class FormatTests: XCTestCase {
    func testMoney() {
        XCTAssertEqual(Money.format(21200, "USD"), "$212.00")
        XCTAssertEqual(Money.format(3812045, "USD", whole: true), "$38,120")
        XCTAssertEqual(Money.format(3812050, "USD", whole: true), "$38,121")
        XCTAssertEqual(Money.format(-4505, "EUR"), "-€45.05")
        XCTAssertEqual(Money.format(500000, "JPY"), "¥500,000")
        XCTAssertEqual(Money.format(1234, "KWD"), "KWD 1.234")
        XCTAssertEqual(Money.format(990, "CHF"), "CHF 9.90")
        XCTAssertEqual(Money.format(5, "USD"), "$0.05")
    }

    func testCoarseAgesAndCountdowns() {
        XCTAssertEqual(TimeText.coarse(59), "<1m")
        XCTAssertEqual(TimeText.coarse(5 * 60 + 59), "5m")
        XCTAssertEqual(TimeText.coarse(3 * 3600 + 3599), "3h")
        XCTAssertEqual(TimeText.coarse(2 * 86400 + 5), "2d")
        XCTAssertEqual(TimeText.coarse(-30), "<1m")
        XCTAssertEqual(TimeText.countdown(45 * 60), "45m")
        XCTAssertEqual(TimeText.countdown(115 * 60 + 59), "1h55")
        XCTAssertEqual(TimeText.countdown(26 * 3600), "1d2h")
    }

    func testClockUsesTheOffset() {
        let t = Timestamp(iso8601: "2026-11-24T23:30:00Z")!
        XCTAssertEqual(TimeText.clock(t, offsetSeconds: 0), "23:30")
        XCTAssertEqual(TimeText.clock(t, offsetSeconds: 3600), "00:30")
        XCTAssertEqual(TimeText.clock(t, offsetSeconds: -5 * 3600), "18:30")
        XCTAssertEqual(TimeText.dateTime(t, offsetSeconds: 3600), "2026-11-25 00:30")
    }
}

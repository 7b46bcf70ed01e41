import XCTest
import OpsdeckModel
@testable import OpsdeckTerminal

/// The event loop's one blocking wait wakes for an undo window's end, and only while one is held.
final class PollTimeoutTests: XCTestCase {
    let now = Timestamp(epochMillis: 1_700_000_000_250)

    func testNothingHeldWaitsForTheNextSecondOrTheFeed() {
        XCTAssertEqual(EventLoop.pollTimeout(now: now, feedDue: 5000, heldRelease: nil), 751)
        XCTAssertEqual(EventLoop.pollTimeout(now: now, feedDue: 200, heldRelease: nil), 200)
    }

    func testAHeldActionWakesAtTheEndOfItsWindow() {
        XCTAssertEqual(EventLoop.pollTimeout(now: now, feedDue: 5000, heldRelease: Timestamp(epochMillis: now.epochMillis + 300)), 300)
        XCTAssertEqual(EventLoop.pollTimeout(now: now, feedDue: 5000, heldRelease: Timestamp(epochMillis: now.epochMillis + 4000)), 751,
                       "a later end changes nothing: the next second comes first")
        XCTAssertEqual(EventLoop.pollTimeout(now: now, feedDue: 5000, heldRelease: Timestamp(epochMillis: now.epochMillis - 10)), 0,
                       "an end already passed: no waiting")
    }
}

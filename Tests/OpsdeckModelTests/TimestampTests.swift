import XCTest
@testable import OpsdeckModel

final class TimestampTests: XCTestCase {
    func testRoundTripsWithOffset() throws {
        let t = try XCTUnwrap(Timestamp(iso8601: "2026-11-22T14:05:00.250+01:00"))
        XCTAssertEqual(t.epochMillis, 1_795_352_700_250)
        XCTAssertEqual(t.offsetSeconds, 3600)
        XCTAssertEqual(t.iso8601(), "2026-11-22T14:05:00.250+01:00")
        XCTAssertEqual(t.iso8601(offsetSeconds: 0), "2026-11-22T13:05:00.250Z")
        XCTAssertEqual(Timestamp(iso8601: "1969-12-31T23:59:59Z")?.epochMillis, -1000)
        XCTAssertEqual(Timestamp(epochMillis: -1000).iso8601(), "1969-12-31T23:59:59Z")
    }

    func testRejectsMissingOffsetAndImpossibleDates() {
        XCTAssertNil(Timestamp(iso8601: "2026-11-22T14:05:00"))
        XCTAssertNil(Timestamp(iso8601: "2026-02-29T00:00:00Z"))
        XCTAssertNotNil(Timestamp(iso8601: "2024-02-29T00:00:00Z"))
        XCTAssertNil(Timestamp(iso8601: "2026-11-22T24:00:00Z"))
        XCTAssertNil(Timestamp(iso8601: "2026-11-22T14:05:00Zjunk"))
    }
}

import XCTest
final class OpsdeckModelTestsSmoke: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }

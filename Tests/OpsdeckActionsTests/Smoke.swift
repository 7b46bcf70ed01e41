import XCTest
final class OpsdeckActionsTestsSmoke: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }

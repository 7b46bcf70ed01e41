import XCTest
final class OpsdeckDemoTestsSmoke: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }

import XCTest
final class OpsdeckUITestsSmoke: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }

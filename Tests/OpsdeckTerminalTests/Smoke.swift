import XCTest
final class OpsdeckTerminalTestsSmoke: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }

import Foundation
import XCTest

/// Issue 6: `--max-file-size` reaches the poller of `opsdeck run` and the reader of `opsdeck check`, and a
/// data file that is not a regular file does not hang the dashboard.
final class FileLimitReliabilityTests: XCTestCase {
    private var run: DashboardRun!
    private var session: TmuxSession?
    private var dataDirectory: String { run.dataDirectory }
    private var fixture: StoreFixture { run.fixture }

    override func setUpWithError() throws { run = try DashboardRun("limits") }

    override func tearDown() {
        session?.kill()
        run?.stop()
    }

    /// `opsdeck check …` in its own tmux session.
    private func check(_ arguments: String) throws -> TmuxSession {
        session?.kill()
        let s = try TmuxSession(command: "\(try DashboardRun.binary) check \(arguments)", width: 200, height: 40)
        session = s
        return s
    }

    private func size(_ name: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: dataDirectory + "/" + name)[.size] as! Int
    }

    /// A store whose orders.json is the only file over `limit`.
    private func writeStoreWithLargeOrders() throws -> Int {
        try fixture.writeAll(orders: (0..<40).map { "5\($0)" } + ["10452"])
        let others = try ["stock.json", "carts.json", "escalations.json", "customers.json"].map(size).max()!
        XCTAssertGreaterThan(try size("orders.json"), others + 1)
        return others + 1
    }

    func testCheckRefusesAFileOverTheGivenLimit() throws {
        let limit = try writeStoreWithLargeOrders()
        let tmux = try check("--max-file-size \(limit) \(dataDirectory)")
        let screen = try tmux.waitFor("EXIT=") { $0.contains("EXIT=") }
        let line = screen.split(separator: "\n").first { $0.hasPrefix("orders.json: file is ") } ?? ""
        XCTAssertTrue(line.hasSuffix(" KB, over the \(limit) bytes limit (--max-file-size); not read"), screen)
        XCTAssertTrue(screen.contains("EXIT=1"), screen)
        let ok = try check("--max-file-size 1M \(dataDirectory)")
        let okScreen = try ok.waitFor("EXIT=") { $0.contains("EXIT=") }
        XCTAssertFalse(okScreen.contains("--max-file-size"), okScreen)
    }

    func testMalformedSizeIsRejectedUpFront() throws {
        let tmux = try check("--max-file-size 12X \(dataDirectory)")
        let screen = try tmux.waitFor("EXIT=") { $0.contains("EXIT=") }
        XCTAssertTrue(screen.contains("--max-file-size"), screen)
        XCTAssertTrue(screen.contains("EXIT=64"), screen)
    }

    func testDashboardShowsTheRefusalAndKeepsTheOtherPanes() throws {
        let limit = try writeStoreWithLargeOrders()
        let tmux = try run.start(arguments: "--max-file-size \(limit)", width: 160)
        let screen = try tmux.waitFor("the refusal in the footer") { $0.contains("over the \(limit) bytes limit") }
        XCTAssertTrue(screen.contains("Box damaged"), "the other panes load:\n\(screen)")
        XCTAssertFalse(screen.contains("10452"), "orders.json was not read:\n\(screen)")
    }

    /// A FIFO as orders.json, written by nobody: the dashboard starts, shows the other panes and the reason.
    func testDashboardDoesNotHangOnAFIFO() throws {
        try fixture.writeAll()
        try FileManager.default.removeItem(atPath: dataDirectory + "/orders.json")
        XCTAssertEqual(mkfifo(dataDirectory + "/orders.json", 0o600), 0)
        let tmux = try run.start(width: 160)
        let screen = try tmux.waitFor("the FIFO refusal") { $0.contains("is a FIFO (named pipe)") }
        XCTAssertTrue(screen.contains("Box damaged"), screen)
        try tmux.send("q")
        XCTAssertTrue(try tmux.waitFor("EXIT=") { $0.contains("EXIT=") }.contains("EXIT=0"))
    }
}

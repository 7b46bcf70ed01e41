import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The undo window on the real binary: the footer counts down, `u` takes the action back, the window's
/// end writes it, and quitting or a signal while it is held writes it at once and says so on stderr.
final class UndoWindowEndToEndTests: XCTestCase {
    private var run: DashboardRun!

    override func setUpWithError() throws { run = try DashboardRun.onFixture("undo") }
    override func tearDown() { run?.stop() }

    /// Starts with this config once the rows show.
    private func start(config: String) throws -> TmuxSession {
        let tmux = try run.start(config: config)
        try run.waitForAllFourPanes()
        return tmux
    }

    /// Starts with this undo window, then stock pane, `r`, `y`: the restock of TS-BLK-M is held. Returns the
    /// session and the screen once the footer offers the undo.
    private func holdRestock(undoSeconds: String, file: StaticString = #filePath, line: UInt = #line) throws -> (TmuxSession, String) {
        let tmux = try start(config: "undo_seconds = \(undoSeconds)\n")
        try run.openRestockDialog(file: file, line: line)
        try tmux.send("y")
        return (tmux, try tmux.waitFor("the held action in the footer", file: file, line: line) { $0.contains("u undo") })
    }

    func testUndoTakesBackAHeldRestockAndNothingIsWritten() throws {
        let (tmux, held) = try holdRestock(undoSeconds: "30")
        XCTAssertTrue(held.contains("restock TS-BLK-M +"), held)
        XCTAssertTrue(held.range(of: #"in (30|29|28)s"#, options: .regularExpression) != nil, "countdown:\n\(held)")
        XCTAssertTrue(held.contains(" pend"), "held restock marked pending on the row:\n\(held)")
        XCTAssertFalse(held.contains("[ Cancel ]"), "the dialog closed")
        try tmux.send("u")
        let undone = try tmux.waitFor("the undo message") { $0.contains("Undone, nothing written: restock TS-BLK-M") }
        XCTAssertFalse(undone.contains("u undo"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.journalPath), "nothing written")
    }

    func testTheWindowsEndWritesTheAction() throws {
        // Long enough that a busy machine still sees the countdown before the window ends.
        let (tmux, _) = try holdRestock(undoSeconds: "4")
        XCTAssertEqual(run.journalLines.count, 0, "not written during the window")
        try tmux.waitFor("the journal's answer", timeout: 20) { $0.contains("Restock queued: TS-BLK-M") }
        XCTAssertEqual(run.journalLines.count, 1)
    }

    func testQuitWritesHeldActionsAndReportsThemAfterRestoringTheTerminal() throws {
        let (tmux, _) = try holdRestock(undoSeconds: "30")
        try tmux.send("q")
        let screen = try tmux.waitFor("EXIT=") { $0.contains("EXIT=") }
        XCTAssertTrue(screen.contains("EXIT=0"), screen)
        XCTAssertTrue(screen.contains("opsdeck: written on exit: Restock queued: TS-BLK-M"), screen)
        XCTAssertEqual(try tmux.query("#{alternate_on}"), "0")
        XCTAssertEqual(run.journalLines.count, 1)
        XCTAssertTrue(run.journalLines.first?.contains(#""target":{"sku":"TS-BLK-M"}"#) ?? false)
    }

    /// Enter on order 10452, `r` on its (selected) line: the Stock pane's restock dialog for that SKU; after
    /// `y` the details are back and the line is journaled when the window ends.
    func testRestockFromAnOrderLineInTheDetailView() throws {
        let tmux = try start(config: "undo_seconds = 0.2\n")
        try tmux.send("Enter")
        try tmux.waitFor("the order's details") { $0.contains("▶ TS-BLK-M") && $0.contains("r restock line") }
        try tmux.send("r")
        try tmux.waitFor("the restock dialog") { $0.contains("Restock TS-BLK-M") && $0.contains("[ Cancel ]") }
        try tmux.send("y")
        let screen = try tmux.waitFor("the queued message") { $0.contains("Restock queued: TS-BLK-M") }
        XCTAssertTrue(screen.contains("▶ TS-BLK-M"), "back in the details:\n\(screen)")
        XCTAssertEqual(run.journalLines.count, 1)
        XCTAssertTrue(run.journalLines.first?.contains(#""target":{"sku":"TS-BLK-M"}"#) ?? false)
    }

    /// SIGTERM, SIGINT and SIGHUP with an action held: written once, reported, terminal restored.
    func testSignalsWriteHeldActionsOnce() throws {
        let rounds = ProcessInfo.processInfo.environment["OPSDECK_FULL"] == "1" ? 10 : 1
        let signals = Array(repeating: [(SIGTERM, "TERM"), (SIGINT, "INT"), (SIGHUP, "HUP")], count: rounds).joined()
        for (signal, name) in signals {
            run.stop()
            run = try DashboardRun.onFixture("undo")
            let (tmux, _) = try holdRestock(undoSeconds: "30")
            XCTAssertEqual(run.journalLines.count, 0)
            XCTAssertEqual(kill(try run.pid, signal), 0)
            let screen = try tmux.waitFor("EXIT= after SIG\(name)") { $0.contains("EXIT=") }
            XCTAssertTrue(screen.contains("EXIT=\(128 + signal)"), "SIG\(name):\n\(screen)")
            XCTAssertTrue(screen.contains("opsdeck: written on exit: Restock queued: TS-BLK-M"), "SIG\(name):\n\(screen)")
            XCTAssertEqual(try tmux.query("#{alternate_on}"), "0", "SIG\(name): terminal restored")
            XCTAssertEqual(run.journalLines.count, 1, "SIG\(name): written exactly once")
        }
        print("reliability: held action on exit: \(signals.count) runs (SIGTERM, SIGINT, SIGHUP × \(rounds)), each written once and reported, terminal restored")
    }
}

import Foundation
import XCTest

/// Drives the real `opsdeck` binary in a private tmux server on a fixture data directory.
final class DashboardEndToEndTests: XCTestCase {
    private var run: DashboardRun!
    private var dataDirectory: String { run.dataDirectory }
    private var fixture: StoreFixture { run.fixture }

    override func setUpWithError() throws { run = try DashboardRun("e2e") }
    override func tearDown() { run?.stop() }

    /// A short undo window unless a test gives its own config.
    private func start(_ arguments: String = "", environment: [String: String] = [:], config: String = "undo_seconds = 0.2\n") throws -> TmuxSession {
        try run.start(config: config, arguments: arguments, environment: environment)
    }

    func testQuitRestoresTheTerminalAndExitsZero() throws {
        let tmux = try start()
        try tmux.waitFor("the first frame") { $0.contains("1 Orders") }   // drawn after the handlers are in
        XCTAssertEqual(try tmux.query("#{alternate_on}"), "1", "the dashboard uses the alternate screen")
        XCTAssertEqual(try tmux.query("#{cursor_flag}"), "0", "cursor hidden while running")
        try tmux.send("q")
        let screen = try tmux.waitFor("EXIT= in the pane") { $0.contains("EXIT=") }
        XCTAssertTrue(screen.contains("EXIT=0"), screen)
        XCTAssertEqual(try tmux.query("#{alternate_on}"), "0", "back on the normal screen")
        XCTAssertEqual(try tmux.query("#{cursor_flag}"), "1", "cursor visible again")
    }

    func testFourPanesShowTheirRows() throws {
        try fixture.writeAll()
        let tmux = try start()
        let screen = try run.waitForAllFourPanes()
        for title in ["1 Orders", "2 Stock", "3 Abandoned carts", "4 Escalations"] {
            XCTAssertTrue(screen.contains(title), "pane title \(title) missing:\n\(screen)")
        }
        XCTAssertTrue(screen.contains("Ana Ruiz"), screen)
        XCTAssertTrue(screen.contains("Mug crème"), "accented text drawn:\n\(screen)")
    }

    /// Select a SKU, `r`, `y`: one restock line in the journal, a footer message and the pending marker,
    /// which goes away once the ERP reports the action applied.
    func testRestockIsJournaledOnceAndShownPending() throws {
        try fixture.writeAll()
        let journalPath = run.journalPath
        let tmux = try start()
        try run.waitForAllFourPanes("the stock rows")
        try run.openRestockDialog()
        try tmux.send("y")
        let screen = try tmux.waitFor("the queued message") { $0.contains("Restock queued: TS-BLK-M") }
        XCTAssertFalse(screen.contains("[ Cancel ]"), "the dialog closed:\n\(screen)")
        XCTAssertTrue(screen.contains("pend"), "pending marker on the SKU row:\n\(screen)")

        let lines = try String(contentsOfFile: journalPath, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let line = try XCTUnwrap(lines.first)
        XCTAssertTrue(line.contains(#""kind":"restock""#) && line.contains(#""target":{"sku":"TS-BLK-M"}"#), String(line))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let actionID = try XCTUnwrap(object["action_id"] as? String)
        XCTAssertTrue(screen.contains(String(actionID.prefix(6))), "footer names the action:\n\(screen)")
        let qty = try XCTUnwrap((object["payload"] as? [String: Any])?["qty"] as? Int)
        XCTAssertTrue(screen.contains("+\(qty) pend"), screen)

        // Esc/Enter on the default Cancel writes nothing more.
        try tmux.send("r")
        try tmux.waitFor("the dialog again") { $0.contains("[ Cancel ]") }
        try tmux.send("Enter")
        try tmux.waitFor("the dialog closed") { !$0.contains("[ Cancel ]") }
        XCTAssertEqual(try String(contentsOfFile: journalPath, encoding: .utf8).split(separator: "\n").count, 1)

        let applied = "{\"action_id\":\"\(actionID)\",\"state\":\"applied\",\"at\":\"\(StoreFixture.iso(Date()))\"}\n"
        try fixture.write("action-results.jsonl", applied)
        try tmux.waitFor("the ERP's answer in the footer") { $0.contains("ERP applied: restock TS-BLK-M +\(qty)") }
        // Applied counts once the next stock export (generated after the answer) includes it.
        try fixture.write("stock.json", fixture.stockJSON)
        try tmux.waitFor("the pending marker gone after the ERP applied it") { !$0.contains("+\(qty) pend") }
    }

    func testReadOnlyRefusesTheRestockDialog() throws {
        try fixture.writeAll()
        let tmux = try start("--read-only")
        try run.waitForAllFourPanes("the stock rows")
        try tmux.send("2")
        try tmux.send("r")
        try tmux.waitFor("the read-only message") { $0.contains("Read-only: store actions are off") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.journalPath))
    }

    func testReplacedFileShowsWithinTwoPollIntervals() throws {
        try fixture.writeAll()
        let tmux = try start()
        try run.waitForAllFourPanes("the first orders")
        let replaced = Date()
        try fixture.write("orders.json", fixture.ordersJSON(["10452", "10453", "20777"]))
        try tmux.waitFor("the new order 20777", timeout: 5) { $0.contains("20777") }
        let latency = Date().timeIntervalSince(replaced)
        // Two poll intervals (0.4 s) plus room for capture-pane round trips on a busy machine.
        XCTAssertLessThan(latency, 0.4 + 0.6, "new order took \(latency)s to show")
    }

    func testHalfWrittenFileShowsParseErrorAndKeepsRows() throws {
        try fixture.writeAll()
        let tmux = try start()
        try run.waitForAllFourPanes("the first orders")
        try fixture.writeTorn("orders.json", fixture.ordersJSON(["30001", "30002", "30003"]))
        // The poller retries a fresh parse failure for a couple of seconds (it may be mid-write) first.
        let screen = try tmux.waitFor("PARSE ERROR on the orders pane") { $0.contains("PARSE ERROR") }
        let ordersTitle = screen.split(separator: "\n").first { $0.contains("1 Orders") } ?? ""
        XCTAssertTrue(ordersTitle.contains("PARSE ERROR"), "orders pane title: \(ordersTitle)\n\(screen)")
        XCTAssertTrue(screen.contains("10452"), "last good rows kept:\n\(screen)")
        XCTAssertTrue(screen.contains("orders.json:"), "footer names the file:\n\(screen)")
    }

    func testResizeRelaysOut() throws {
        try fixture.writeAll()
        let tmux = try start()
        var screen = try run.waitForAllFourPanes()
        XCTAssertNotNil(line(screen, containing: "1 Orders")?.range(of: "2 Stock"), "2×2 at 120×40:\n\(screen)")

        try tmux.resize(width: 80, height: 30)
        screen = try tmux.waitFor("stacked panes at 80×30") { s in
            guard let orders = self.line(s, containing: "1 Orders") else { return false }
            return !orders.contains("2 Stock") && s.contains("2 Stock") && s.contains("4 Escalations")
        }
        XCTAssertTrue(screen.split(separator: "\n").allSatisfy { $0.count <= 80 }, screen)

        try tmux.resize(width: 30, height: 10)
        screen = try tmux.waitFor("the too-small screen") { $0.contains("have 30×10") }
        XCTAssertTrue(screen.contains("terminal too small"), screen)

        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor("2×2 again") { s in self.line(s, containing: "1 Orders")?.contains("2 Stock") == true }
    }

    func testControlCharactersInDataNeverReachTheTerminal() throws {
        try fixture.writeAll()
        // ESC [2J would clear the screen, OSC 0 would retitle the pane, BEL would ring, C1 CSI is an ESC [.
        try fixture.write("escalations.json", fixture.ticketsJSON(subject: #"\u001b]0;pwned\u0007\u001b[2J\u009b31mX"#))
        let tmux = try start()
        let screen = try tmux.waitFor("the ticket row with visible control pictures") { $0.contains("␛]0;pwned") }
        XCTAssertNotEqual(try tmux.query("#{pane_title}"), "pwned", "an OSC sequence from the data retitled the pane")
        XCTAssertTrue(screen.contains("10452"), "a clear-screen from the data wiped the rows:\n\(screen)")
        XCTAssertEqual(try tmux.query("#{window_bell_flag}"), "0", "a BEL from the data rang")
    }

    /// The colour ladder as the terminal sees it: 256-colour codes under tmux-256color, RGB codes on a
    /// direct-colour terminfo entry, and attributes but no colour codes with NO_COLOR.
    func testColourLadderFromTruecolorToAttributesOnly() throws {
        try fixture.writeAll()
        var tmux = try start()
        var screen = try run.waitForAllFourPanes("rows")
        screen = try tmux.capture(withEscapes: true)
        XCTAssertTrue(screen.contains("38;5;"), "256-colour foregrounds expected:\n\(screen)")
        XCTAssertFalse(screen.contains("38;2;"), screen)
        tmux.kill()

        let terminfo = run.directory + "/terminfo"
        try Self.compileDirectColourTerminfo(into: terminfo)
        tmux = try start(environment: ["TERMINFO": terminfo, "TERM": "tmux-direct-test"])
        try run.waitForAllFourPanes("rows")
        screen = try tmux.capture(withEscapes: true)
        XCTAssertTrue(screen.contains("38;2;"), "RGB foregrounds expected:\n\(screen)")
        tmux.kill()

        tmux = try start(environment: ["NO_COLOR": "1"])
        try run.waitForAllFourPanes("rows")
        screen = try tmux.capture(withEscapes: true)
        XCTAssertFalse(screen.contains("38;") || screen.contains("48;"), "no colour codes with NO_COLOR:\n\(screen)")
        XCTAssertTrue(screen.contains("\u{1B}[1m") || screen.contains(";1m"), "attributes still mark roles:\n\(screen)")
    }

    /// tmux-256color plus direct colour, as ncurses' tmux-direct entry has it (not installed here).
    private static func compileDirectColourTerminfo(into directory: String) throws {
        let source = directory + ".src"
        try """
        tmux-direct-test|tmux with direct colour,
        \tRGB, colors#0x1000000, pairs#0x10000,
        \tsetaf=\\E[%?%p1%{8}%<%t3%p1%d%e38:2::%p1%{65536}%/%d:%p1%{256}%/%{255}%&%d:%p1%{255}%&%dm,
        \tsetab=\\E[%?%p1%{8}%<%t4%p1%d%e48:2::%p1%{65536}%/%d:%p1%{256}%/%{255}%&%d:%p1%{255}%&%dm,
        \tuse=tmux-256color,
        """.write(toFile: source, atomically: true, encoding: .utf8)
        let (status, _) = try Spawn.run(["tic", "-x", "-o", directory, source])
        guard status == 0 else { throw TmuxError("tic failed with status \(status)") }
    }

    private func line(_ screen: String, containing text: String) -> Substring? {
        screen.split(separator: "\n").first { $0.contains(text) }
    }

    func testCtrlCRestoresTheTerminal() throws {
        let tmux = try start()
        try tmux.waitFor("the first frame") { $0.contains("1 Orders") }   // drawn after the handlers are in
        XCTAssertEqual(try tmux.query("#{alternate_on}"), "1", "the dashboard uses the alternate screen")
        try tmux.send("C-c")
        let screen = try tmux.waitFor("EXIT= in the pane") { $0.contains("EXIT=") }
        XCTAssertTrue(screen.contains("EXIT=130"), "SIGINT ends with 128+2:\n\(screen)")
        XCTAssertEqual(try tmux.query("#{alternate_on}"), "0", "back on the normal screen")
        XCTAssertEqual(try tmux.query("#{cursor_flag}"), "1", "cursor visible again")
    }

    func testMissingDataDirectoryFailsClearly() throws {
        try FileManager.default.removeItem(atPath: dataDirectory)
        let tmux = try start()
        let screen = try tmux.waitFor("EXIT= in the pane") { $0.contains("EXIT=") }
        XCTAssertTrue(screen.contains("data directory '\(dataDirectory)' does not exist"), screen)
        XCTAssertFalse(screen.contains("EXIT=0"), screen)
    }
}

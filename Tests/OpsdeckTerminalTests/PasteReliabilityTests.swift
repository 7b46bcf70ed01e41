import Foundation
import XCTest

/// Pasted text is text: with bracketed paste it goes into the focused field or filter only, never runs as
/// keys. A paste of ESC "2ry" into a dialog would otherwise cancel it, open a restock and confirm it.
final class PasteReliabilityTests: XCTestCase {
    private var run: DashboardRun!

    override func setUpWithError() throws { run = try DashboardRun.onFixture("paste") }
    override func tearDown() { run?.stop() }

    private func paste(_ r: DashboardRun, _ text: String) throws {
        XCTAssertEqual(try r.tmux.tmux(["set-buffer", "-b", "p", "--", text]).0, 0)
        // -p: bracketed, when the application asked for it (as a terminal does on a real paste).
        XCTAssertEqual(try r.tmux.tmux(["paste-buffer", "-p", "-d", "-b", "p", "-t", "main"]).0, 0)
    }

    func testPastedKeysNeverActAndPastedTextLandsInTheField() throws {
        let r = run!
        try r.start()
        try r.waitForAllFourPanes("the stock rows")
        try r.openRestockDialog()
        // On the buttons: a paste is not keys, so nothing is cancelled, opened or confirmed.
        try paste(r, "\u{1B}2ry")
        try r.tmux.waitFor("the paste refused") { $0.contains("Paste goes into a text field") }
        // In the note field: the text arrives, escapes and line breaks made harmless.
        try r.tmux.send("BTab")
        try paste(r, "rush\u{1B}[2J order\r\ny")
        // (tmux pastes a line break as CR, so CR LF arrives as two.)
        let screen = try r.tmux.waitFor("the pasted note") { $0.contains("rush[2J order  y▏") }
        XCTAssertTrue(screen.contains("Restock TS-BLK-M"), "the dialog is still open:\n\(screen)")
        try r.tmux.send("Escape")
        try r.tmux.waitFor("the dialog closed") { !$0.contains("[ Cancel ]") }
        XCTAssertEqual(r.journalBytes, 0, "a paste journaled an action")
        try r.tmux.send("q")
        XCTAssertEqual(try r.exitStatus(), 0)
        print("reliability: paste: ESC+\"2ry\" pasted into a dialog ran no key and journaled nothing; pasted text went into the field inert")
    }

    /// A paste whose end marker never comes (lost on the way): after a moment without input the text so
    /// far lands in the field as a paste, and keys work again (Escape closes the dialog, `q` quits).
    func testAPasteWithoutItsEndMarkerDoesNotLeaveTheDashboardDeaf() throws {
        let r = run!
        try r.start()
        try r.waitForAllFourPanes("the stock rows")
        try r.openRestockDialog()
        try r.tmux.send("BTab")
        try r.tmux.send("\u{1B}[200~lost end y", literal: true)
        try r.tmux.waitFor("the unended paste in the field") { $0.contains("lost end y▏") }
        try r.tmux.send("Escape")
        try r.tmux.waitFor("the dialog closed by a key") { !$0.contains("[ Cancel ]") }
        XCTAssertEqual(r.journalBytes, 0, "the paste's y confirmed something")
        try r.tmux.send("q")
        XCTAssertEqual(try r.exitStatus(), 0)
        print("reliability: paste without its end marker: delivered as text after the idle time, then Escape and q worked as keys")
    }
}

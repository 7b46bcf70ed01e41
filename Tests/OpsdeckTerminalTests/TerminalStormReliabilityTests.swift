import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real binary in tmux under random keys and a resize storm: it stays alive, writes nothing to the
/// journal, and ends on a correct screen for the final size.
final class TerminalStormReliabilityTests: XCTestCase {
    private var run: DashboardRun!
    private let full = ProcessInfo.processInfo.environment["OPSDECK_FULL"] == "1"

    override func setUpWithError() throws { run = try DashboardRun.onFixture("storm") }
    override func tearDown() { run?.stop() }

    /// tmux key names that can never confirm a dialog or end the program: no `y`, no Enter, no `q`, no
    /// control keys (Ctrl-C, Ctrl-Z, Ctrl-\ and Ctrl-S act on the terminal itself).
    static let safeKeys: [String] = {
        var keys = "abcdefghijklmnoprstuvwxzABCDEFGHIJKLMNOPQRSTUVWXZ0123456789/.-_,:!?#%+=".map { String($0) }
        keys += ["Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Escape", "Tab", "BTab", "BSpace", "DC",
                 "Space", "F1", "F5", "F12", "é", "日", "🚀", "\u{202E}", "\u{200B}"]
        keys += ["r", "f", "m", "a", "A", "J", "/", "Escape", "Tab", "BTab", "Left", "Right"]   // dialogs and overlays more often
        return keys
    }()

    @discardableResult
    private func waitForBoard(_ r: DashboardRun, width: Int = 120) throws -> String {
        try r.tmux.waitFor("the 2×2 board at \(width) columns", timeout: 15) { s in
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.contains { $0.contains("1 Orders") && $0.contains("2 Stock") } && s.contains("4 Escalations")
                && s.contains("10452") && lines.allSatisfy { $0.count <= width }
        }
    }

    /// Starts the dashboard and waits for the board; returns the run and the dashboard's pid.
    private func startOnTheBoard() throws -> (DashboardRun, pid_t) {
        try run.start()
        try waitForBoard(run)
        return (run, try run.pid)
    }

    func testRandomKeysWithoutConfirmationJournalNothingAndLeaveASaneScreen() throws {
        let count = full ? 5_000 : 600
        var rng = SystemRandomNumberGenerator()
        let (r, pid) = try startOnTheBoard()
        var sent = 0, resizes = 0
        while sent < count {
            // One tmux command per batch: key names, and literal text for non-ASCII characters.
            let batch = (0..<20).map { _ in Self.safeKeys.randomElement(using: &rng)! }
            var args: [String] = []
            for key in batch {
                if !args.isEmpty { args.append(";") }
                args += ["send-keys", "-t", "main"] + (key.unicodeScalars.first!.value > 0x7F ? ["-l"] : []) + [key]
            }
            XCTAssertEqual(try r.tmux.tmux(args).0, 0)
            sent += batch.count
            if Int.random(in: 0..<3, using: &rng) == 0 {
                try r.tmux.resize(width: Int.random(in: 20...160, using: &rng), height: Int.random(in: 5...50, using: &rng))
                resizes += 1
            }
            guard r.isAlive(pid) else { return XCTFail("the dashboard died after \(sent) keys:\n\(try r.tmux.capture())") }
        }
        try r.tmux.resize(width: 120, height: 40)
        for _ in 0..<6 { try r.tmux.send("Escape"); usleep(60_000) }   // out of dialogs, overlays, filters and zoom
        // Input is read in order: once a filter typed now shows, every key before it has been handled.
        try r.tmux.send("/"); try r.tmux.send("ZQX", literal: true)
        try r.tmux.waitFor("the sync filter", timeout: 30) { $0.contains("ZQX") }
        // Esc ends the sync filter; filters stay on panes that lose focus, so clear each pane's (and unzoom).
        for key in ["Escape"] + ["1", "2", "3", "4"].flatMap({ [$0, "Escape", "Escape"] }) { try r.tmux.send(key); usleep(60_000) }
        let screen = try waitForBoard(r)
        XCTAssertTrue(r.isAlive(pid))
        XCTAssertFalse(screen.contains("EXIT="), screen)
        XCTAssertEqual(r.journalBytes, 0, "keys without a confirmation wrote to the journal")
        print("reliability: random keys (tmux): \(sent) keys in batches of 20 and \(resizes) resizes, without y/Enter/q/Ctrl; "
              + "alive, journal empty, the 2×2 board back at 120×40")
    }

    func testResizeStormDownToOneByOneEndsOnTheRightScreen() throws {
        let (r, pid) = try startOnTheBoard()
        var sizes: [(Int, Int)] = []
        for w in stride(from: 200, through: 1, by: full ? -1 : -3) { sizes.append((w, max(1, w / 4))) }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<(full ? 1_000 : 150) { sizes.append((Int.random(in: 1...220, using: &rng), Int.random(in: 1...70, using: &rng))) }
        sizes += [(1, 1), (2, 1), (1, 2), (1, 1)]
        // Several sizes per tmux command, so sizes change faster than the dashboard redraws.
        var i = 0
        while i < sizes.count {
            let group = sizes[i..<min(sizes.count, i + 4)]
            var args: [String] = []
            for (n, (w, h)) in group.enumerated() {
                if n > 0 { args.append(";") }
                args += ["resize-window", "-t", "main", "-x", "\(w)", "-y", "\(h)"]
            }
            let (status, _) = try r.tmux.tmux(args)
            XCTAssertEqual(status, 0)
            i += group.count
        }
        XCTAssertTrue(r.isAlive(pid), "the dashboard died in the storm")
        // Once the too-small screen names this size, the dashboard has been through every size before it.
        try r.tmux.resize(width: 39, height: 7)
        try r.tmux.waitFor("the too-small screen at 39×7", timeout: 30) { $0.contains("have 39×7") }

        try r.tmux.resize(width: 120, height: 40)
        let screen = try waitForBoard(r)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.contains { $0.hasPrefix("┌1 Orders") } && lines.contains { $0.hasPrefix("┌3 Abandoned carts") }, screen)
        XCTAssertTrue(lines.contains { $0.hasPrefix("└") && $0.hasSuffix("┘") && $0.count == 120 }, "pane borders span 120 columns:\n\(screen)")
        XCTAssertTrue(r.isAlive(pid))
        print("reliability: resize storm (tmux): \(sizes.count) sizes from 200 columns down to 1×1 in groups of 4; alive, correct 2×2 board at 120×40 afterwards")
    }
}

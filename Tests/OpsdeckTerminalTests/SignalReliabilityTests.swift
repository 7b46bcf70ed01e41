import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// SIGHUP (SSH dropped), SIGTERM (kill) and SIGINT (Ctrl-C) while a dialog is open, with focus on Confirm
/// (one key from writing) or while typing in a field: the terminal is restored (normal screen, cursor
/// back), the exit status is 128 + the signal, and the journal holds no line for the dialog.
final class SignalReliabilityTests: XCTestCase {
    private var run: DashboardRun!

    override func setUpWithError() throws { run = try DashboardRun.onFixture("signals") }
    override func tearDown() { run?.stop() }

    /// Where the dialog is when the signal comes.
    enum Moment: String, CaseIterable { case confirmFocused = "focus on Confirm", typingInField = "typing in the note field" }

    private func openRestock(_ moment: Moment) throws {
        try run.waitForAllFourPanes("the stock rows")
        try run.openRestockDialog()
        switch moment {
        case .confirmFocused:
            try run.tmux.send("Tab")
            usleep(300_000)   // focus shows only as a style; give the frame time to be drawn
        case .typingInField:
            try run.tmux.send("BTab")
            try run.tmux.send("half a no", literal: true)
            try run.tmux.waitFor("the typed note") { $0.contains("half a no▏") }
        }
    }

    private func assertRestored(signal: Int32, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let status = try run.exitStatus(file: file, line: line)
        XCTAssertEqual(status, Int(128 + signal), "\(what): exit status", file: file, line: line)
        XCTAssertEqual(try run.tmux.query("#{alternate_on}"), "0", "\(what): back on the normal screen", file: file, line: line)
        XCTAssertEqual(try run.tmux.query("#{cursor_flag}"), "1", "\(what): cursor visible again", file: file, line: line)
        let screen = try run.tmux.capture()
        XCTAssertFalse(screen.contains("[ Cancel ]") || screen.contains("1 Orders"), "\(what): dashboard left on screen:\n\(screen)", file: file, line: line)
        XCTAssertEqual(run.journalBytes, 0, "\(what): the journal has \(run.journalBytes) bytes", file: file, line: line)
    }

    func testSignalsInTheMiddleOfADialogRestoreTheTerminalAndWriteNothing() throws {
        var cases = 0
        let rounds = ProcessInfo.processInfo.environment["OPSDECK_FULL"] == "1" ? 5 : 1
        let signals: [(Int32, String)] = [(SIGHUP, "SIGHUP"), (SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")]
        for _ in 0..<rounds {
            for (signal, name) in signals {
                for moment in Moment.allCases {
                    try run.start()
                    try openRestock(moment)
                    XCTAssertEqual(Glibc.kill(try run.pid, signal), 0)
                    try assertRestored(signal: signal, "\(name) with \(moment.rawValue)")
                    run.tmux.kill()
                    cases += 1
                }
            }
        }
        // Ctrl-C typed into a field is SIGINT too, not text.
        try run.start()
        try openRestock(.typingInField)
        try run.tmux.send("C-c")
        try assertRestored(signal: SIGINT, "Ctrl-C typed in a field")
        cases += 1
        print("reliability: signals: \(cases) runs (\(rounds)× SIGHUP, SIGTERM, SIGINT × focus on Confirm / typing in a field, and Ctrl-C typed): "
              + "each exited 128+signal on the normal screen with the cursor back, journal empty")
    }

    /// Starts the dashboard under `script` (which holds its pty) from a wrapper shell that writes the
    /// dashboard's exit status to a file, and opens the restock dialog typing a note, or (`holdingARestock`)
    /// confirms it so the restock is held in a 30 s undo window. Returns the pids of the dashboard and of `script`.
    private func startUnderScript(wrapperIgnoresHangup: Bool, holdingARestock: Bool = false) throws -> (dashboard: pid_t, script: pid_t) {
        let wrapper = run.directory + "/wrapper.sh"
        let trap = wrapperIgnoresHangup ? "trap '' HUP\n" : ""
        try "\(trap)sh \(run.launcher)\necho $? > \(statusFile)\n".write(toFile: wrapper, atomically: true, encoding: .utf8)
        try run.start(config: holdingARestock ? "undo_seconds = 30\n" : nil, paneCommand: "script -q -f -c 'sh \(wrapper)' /dev/null")
        if holdingARestock {
            try run.waitForAllFourPanes("the stock rows")
            try run.openRestockDialog()
            try run.tmux.send("y")
            try run.tmux.waitFor("the held action in the footer") { $0.contains("u undo") }
        } else {
            try openRestock(.typingInField)
        }
        let dashboard = try run.pid
        let panePID = try XCTUnwrap(pid_t(try run.tmux.query("#{pane_pid}")))
        let script = try XCTUnwrap(children(of: panePID).first, "the pane runs script")
        return (dashboard, script)
    }

    /// Stops `script`, so nobody reads the dashboard's terminal any more, and makes the dashboard repaint
    /// (each SIGCONT redraws the whole screen) until its writes fill the pty and block. Returns whether it
    /// blocked; the caller must SIGCONT `script` afterwards.
    private func stallTerminal(dashboard: pid_t, script: pid_t) -> Bool {
        guard Glibc.kill(script, SIGSTOP) == 0 else { return false }
        for _ in 0..<400 {
            _ = Glibc.kill(dashboard, SIGCONT)
            usleep(25_000)
            let wchan = (try? String(contentsOfFile: "/proc/\(dashboard)/task/\(dashboard)/wchan", encoding: .utf8)) ?? ""
            if wchan.contains("tty") || wchan.contains("wait_woken") { return true }
        }
        return false
    }

    private var statusFile: String { run.directory + "/status" }

    /// Waits up to 10 s for the dashboard to end, then for its wrapper to write the status; returns whether
    /// it still runs and the status written, if any.
    private func waitForEnd(of dashboard: pid_t) -> (alive: Bool, status: String?) {
        let deadline = Date().addingTimeInterval(10)
        while run.isAlive(dashboard) && Date() < deadline { usleep(50_000) }
        let alive = run.isAlive(dashboard)
        while !FileManager.default.fileExists(atPath: statusFile) && Date() < deadline { usleep(50_000) }
        let status = (try? String(contentsOfFile: statusFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return (alive, status)
    }

    /// A real hang-up: the terminal itself goes away (the `script` holding the pty is killed) in the middle
    /// of a dialog. The dashboard must notice and exit 129 (not spin on a dead terminal), writing nothing.
    func testTerminalHangupInADialogEndsTheDashboard() throws {
        // The wrapper shell ignores SIGHUP so it survives to write the dashboard's exit status.
        let (dashboard, script) = try startUnderScript(wrapperIgnoresHangup: true)
        XCTAssertEqual(Glibc.kill(script, SIGKILL), 0)
        let (alive, status) = waitForEnd(of: dashboard)
        XCTAssertFalse(alive, "the dashboard outlived its terminal")
        XCTAssertEqual(status, "129", "exit status after the terminal hung up")
        XCTAssertEqual(run.journalBytes, 0, "nothing journaled")
        print("reliability: terminal hang-up in a dialog: the dashboard exited \(status ?? "?") once its pty went away, journal empty")
    }

    /// SIGTERM while the terminal has stopped reading (a stalled SSH link, XOFF): the dashboard is stuck in
    /// a write to it and cannot restore it, but it must still exit (the exit watchdog), with 128 + 15.
    func testSigtermWhileTheTerminalStopsReadingStillEndsTheDashboard() throws {
        let (dashboard, script) = try startUnderScript(wrapperIgnoresHangup: false)
        defer { _ = Glibc.kill(script, SIGCONT) }
        XCTAssertTrue(stallTerminal(dashboard: dashboard, script: script),
                      "the dashboard never blocked writing to the stopped terminal; the test proves nothing")
        XCTAssertEqual(Glibc.kill(dashboard, SIGTERM), 0)
        let (alive, status) = waitForEnd(of: dashboard)
        XCTAssertFalse(alive, "SIGTERM did not end a dashboard blocked on its terminal")
        XCTAssertEqual(status, "143", "exit status after SIGTERM on a stalled terminal")
        XCTAssertEqual(run.journalBytes, 0, "nothing journaled")
        print("reliability: SIGTERM with the terminal not reading (blocked in write): exited \(status ?? "?") via the "
              + "2 s exit watchdog, journal empty")
    }

    /// The same with a restock held in its undo window: the loop never gets to write it, so the exit
    /// watchdog must, exactly once, before it ends the process. Short: SIGTERM; full: SIGTERM, SIGINT and
    /// SIGHUP, 3 rounds.
    func testATerminatingSignalWithAHeldActionAndAStalledTerminalWritesTheActionOnce() throws {
        let full = ProcessInfo.processInfo.environment["OPSDECK_FULL"] == "1"
        let signals: [(Int32, String)] = full ? Array(repeating: [(SIGTERM, "TERM"), (SIGINT, "INT"), (SIGHUP, "HUP")], count: 3).flatMap { $0 }
            : [(SIGTERM, "TERM")]
        var slowest = 0.0
        for (signal, name) in signals {
            run.stop()
            run = try DashboardRun.onFixture("signals")
            let (dashboard, script) = try startUnderScript(wrapperIgnoresHangup: false, holdingARestock: true)
            defer { _ = Glibc.kill(script, SIGCONT) }
            XCTAssertEqual(run.journalBytes, 0, "SIG\(name): held, not written yet")
            XCTAssertTrue(stallTerminal(dashboard: dashboard, script: script),
                          "SIG\(name): the dashboard never blocked writing to the stopped terminal; the test proves nothing")
            let signalled = Date()
            XCTAssertEqual(Glibc.kill(dashboard, signal), 0)
            let (alive, status) = waitForEnd(of: dashboard)
            slowest = max(slowest, Date().timeIntervalSince(signalled))
            XCTAssertFalse(alive, "SIG\(name) did not end a dashboard blocked on its terminal")
            XCTAssertEqual(status, "\(128 + signal)", "SIG\(name): exit status on a stalled terminal")
            let lines = run.journalLines
            XCTAssertEqual(lines.count, 1, "SIG\(name): the held restock is journaled exactly once:\n\(lines.joined(separator: "\n"))")
            XCTAssertTrue(lines.first?.contains(#""target":{"sku":"TS-BLK-M"}"#) ?? false, "SIG\(name): the held restock: \(lines)")
        }
        print("reliability: held restock + terminal not reading: \(signals.count) runs (" + (full ? "3 × SIGTERM, SIGINT, SIGHUP" : "SIGTERM") + "): "
              + "each exited 128+signal via the exit watchdog, at most " + String(format: "%.1f s", slowest)
              + " after the signal, with the restock journaled exactly once")
    }

    private func children(of pid: pid_t) -> [pid_t] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { pid_t($0) }
    }
}

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Every byte the real dashboard writes to its terminal, recorded while it shows a hostile store (names,
/// subjects, notes, assignees, offer codes, suppliers, ERP messages, operator names, parse errors quoting
/// raw bytes, a theme file name, keys-file warnings, SSH_CONNECTION, pasted text) in every pane, the
/// detail views, the journal view, dialogs and help. Nothing but the sequences ncurses itself sends on a
/// clean store may appear, and none of the injected ones.
final class TerminalInjectionReliabilityTests: XCTestCase {
    private var runs: [DashboardRun] = []

    override func tearDown() { runs.forEach { $0.stop() } }

    /// The tour: (keys to send, literal?) — every pane, their detail views, help, journal (typed filter),
    /// theme cycling (a theme named with escapes), two dialogs typed into, a filter, and pasted escapes.
    static let tour: [([String], Bool)] = [
        (["1"], false), (["Enter"], false), (["PageDown"], false), (["Escape"], false),
        (["2"], false), (["Enter"], false), (["Escape"], false),
        (["3"], false), (["Enter"], false), (["Escape"], false),
        (["4"], false), (["Enter"], false), (["PageDown"], false), (["Escape"], false),
        (["z"], false), (["z"], false),
        (["?"], false), (["PageDown"], false), (["Escape"], false),
        (["J"], false), (["PageDown"], false), (["e\u{202E}v\u{200B}e\u{9B}"], true), (["Escape"], false), (["Escape"], false),
        (["T"], false), (["T"], false), (["T"], false), (["T"], false), (["T"], false), (["T"], false), (["T"], false),
        (["4"], false), (["A"], false), (["m\u{202E}al\u{2066}lo\u{FEFF}ry\u{9D}x"], true), (["BSpace"], false), (["Escape"], false),
        (["2"], false), (["r"], false), (["Tab"], false), (["Tab"], false), (["Tab"], false), (["note\u{200F}\u{7}"], true), (["Escape"], false),
        (["/"], false), (["Tee\u{202D}"], true), (["Escape"], false),
        // A paste with escapes outside any field: ESC is Esc, the rest are keys; nothing is written.
        (["\u{1B}[2J\u{1B}]0;PASTE\u{7}"], true), (["Escape"], false), (["Escape"], false), (["Escape"], false),
    ]

    /// Runs the tour on a store (hostile or clean) with its output recorded; returns the bytes and screens
    /// and the run (its journal).
    private func recordTour(hostile: Bool) throws -> (bytes: [UInt8], screens: [String], run: DashboardRun) {
        let r = try DashboardRun("inject")
        runs.append(r)
        let store = HostileStore(directory: r.dataDirectory)
        try store.writeAll(hostile: hostile)
        let ssh = hostile ? #""$(printf '\033]52;c;SGFjaw==\007\342\200\256 1 2 3')""# : "\"10.0.0.9 1 2 3\""
        try r.start(environment: ["SSH_CONNECTION": ssh, "XDG_CONFIG_HOME": store.configHome], record: true)
        var screens = [try r.tmux.waitFor("rows on screen") { $0.contains("Box damaged") && $0.contains("TS-BLK-M") }]
        for (keys, literal) in Self.tour {
            try r.tmux.send(keys[0], literal: literal)
            screens.append(try settled(r.tmux))
        }
        try r.tmux.send("C-c")   // the keys files leave quit without a key; Ctrl-C is SIGINT whatever the keymap
        let status = try r.exitStatus()
        XCTAssertEqual(status, 130, "Ctrl-C ends the run")
        XCTAssertEqual(try r.tmux.query("#{alternate_on}"), "0")
        let title = try r.tmux.query("#{pane_title}")
        XCTAssertFalse(title.contains("PWNED") || title.contains("THEME") || title.contains("RAW"), "the pane was retitled: \(title)")
        XCTAssertEqual(try r.tmux.query("#{window_bell_flag}"), "0", "nothing rang the bell")
        let bytes = try r.recordedBytes()
        r.tmux.kill()
        return (bytes, screens, r)
    }

    /// The pane once two captures in a row agree.
    private func settled(_ tmux: TmuxSession) throws -> String {
        var last = try tmux.capture()
        for _ in 0..<40 {
            usleep(120_000)
            let now = try tmux.capture()
            if now == last { return now }
            last = now
        }
        return last
    }

    func testNothingButNcursesOwnSequencesReachesTheTerminal() throws {
        let clean = try recordTour(hostile: false)
        let hostile = try recordTour(hostile: true)
        let baseline = TerminalOutput(clean.bytes)
        let attacked = TerminalOutput(hostile.bytes)
        XCTAssertEqual(baseline.forbidden, [], "the clean run itself sent forbidden bytes")
        XCTAssertEqual(attacked.forbidden, [], "forbidden bytes reached the terminal")
        // Allowed: what the clean run sent, and any capability of the terminal's terminfo entry (ncurses picks
        // among them by what changed on screen, so one run does not show them all).
        let ncurses = try TerminalOutput.terminfoShapes("tmux-256color")
        XCTAssertTrue(ncurses.isSuperset(of: ["CSI m", "CSI H", "CSI S", "CSI r", "ESC M"]), "terminfo read: \(ncurses.sorted())")
        XCTAssertFalse(ncurses.contains { $0.hasPrefix("OSC") }, "OSC is never allowed, whatever terminfo lists")
        let unexpected = Set(attacked.shapes.keys).subtracting(baseline.shapes.keys).subtracting(ncurses)
        XCTAssertEqual(unexpected, [], "sequences neither the clean run nor terminfo has: \(unexpected.sorted())")
        for s in HostileStore.injected {
            XCTAssertNil(findBytes(Array(s.utf8), in: hostile.bytes), "injected \(TerminalOutput.show(Array(s.utf8)[...])) reached the terminal")
        }

        // The tour really showed the hostile text, inert, in each place.
        let all = hostile.screens.joined(separator: "\n")
        for (place, seen) in [("a subject", "Box damaged␛[2J␛[31mRED"), ("the detail view", "␛]52;c;SU5KRUNURUQ=␇"),
                              ("help", " Keys "), ("the journal view", " Journal "), ("another operator's name", "eve␛]0;OP␇"),
                              ("the ERP's message", "supplier closed␛"), ("the assign dialog", "Assign T-501"),
                              ("the restock dialog", "Restock TS-BLK-M"), ("a parse error quoting raw bytes", "unexpected character byte 0x1B"), ("the store's name", "Northwind␛"),
                              ("the theme named with escapes", "evil␛]0;THEME␇")] {
            XCTAssertTrue(all.contains(seen), "\(place) was not shown (\(seen))")
        }
        XCTAssertFalse(FileManager.default.contents(atPath: hostile.run.journalPath).map { String(decoding: $0, as: UTF8.self) }?
            .contains("PASTE") ?? true, "nothing typed was journaled")
        let kinds = attacked.shapes.keys.sorted().joined(separator: ", ")
        print("reliability: terminal injection: \(hostile.bytes.count) bytes recorded over \(Self.tour.count) steps "
              + "(clean run \(clean.bytes.count) bytes); \(attacked.shapes.values.reduce(0, +)) sequences of \(attacked.shapes.count) kinds, "
              + "each sent on the clean store too or a tmux-256color terminfo capability: \(kinds); \(attacked.forbidden.count) forbidden (OSC, DCS, BEL, C1, bidi, zero-width, invalid UTF-8)")
    }

    private func findBytes(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}

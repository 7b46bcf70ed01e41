import Foundation
import XCTest

/// The real `opsdeck run` in a private tmux server on a fixture store, with its own config directory
/// (XDG_CONFIG_HOME), for end-to-end tests of actions, the undo window and read-only mode.
final class DashboardRun {
    let directory: String
    var configDirectory: String { directory + "/xdg/opsdeck" }
    var journalPath: String { directory + "/journal.jsonl" }
    var fixture: StoreFixture { StoreFixture(directory: directory) }
    private(set) var tmux: TmuxSession?

    init() throws {
        directory = NSTemporaryDirectory() + "opsdeck-run-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory + "/xdg/opsdeck", withIntermediateDirectories: true)
        try fixture.writeAll()
    }

    /// The binary SwiftPM built next to this test bundle.
    static var binary: String {
        get throws {
            let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let path = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("opsdeck").path
            guard FileManager.default.isExecutableFile(atPath: path) else { throw TmuxError("no opsdeck binary at \(path); run `swift build` first") }
            return path
        }
    }

    /// Writes `config.toml` (and `keys.toml`) into the private config directory, then starts the dashboard.
    @discardableResult
    func start(config: String, keys: String? = nil, arguments: String = "") throws -> TmuxSession {
        try config.write(toFile: configDirectory + "/config.toml", atomically: false, encoding: .utf8)
        if let keys { try keys.write(toFile: configDirectory + "/keys.toml", atomically: false, encoding: .utf8) }
        let command = "env XDG_CONFIG_HOME=\(directory)/xdg \(try Self.binary) run --data \(directory) --poll-interval 0.2 \(arguments)"
        let s = try TmuxSession(command: command)
        tmux = s
        try s.waitFor("rows in all four panes") { ["10452", "TS-BLK-M", "Box damaged"].allSatisfy($0.contains) }
        return s
    }

    /// The dashboard's process id: the pane's shell runs it as its only child (`env` execs it).
    func dashboardPID() throws -> pid_t {
        let shell = try XCTUnwrap(tmux).query("#{pane_pid}")
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        guard let first = children.split(separator: " ").first, let pid = pid_t(first) else { throw TmuxError("no child of pane shell \(shell)") }
        return pid
    }

    /// Journal lines (the file may not exist: none).
    var journalLines: [Substring] {
        ((try? String(contentsOfFile: journalPath, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    func stop() {
        tmux?.kill()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

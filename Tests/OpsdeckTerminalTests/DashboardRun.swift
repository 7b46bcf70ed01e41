import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real `opsdeck run` in a private tmux server, for end-to-end tests. Each run has its own directory
/// (removed by `stop()`) holding the store (`data/`), a private config directory (XDG_CONFIG_HOME, never
/// the user's) and a launcher script, so the test knows the dashboard's pid, can give it environment
/// values with any bytes in them, and can record every byte it writes to the terminal from the very first
/// one (`tmux pipe-pane` is attached before the dashboard starts).
final class DashboardRun {
    let directory: String
    var dataDirectory: String { directory + "/data" }
    var configDirectory: String { directory + "/xdg/opsdeck" }
    var journalPath: String { dataDirectory + "/journal.jsonl" }
    var launcher: String { directory + "/run.sh" }
    var fixture: StoreFixture { StoreFixture(directory: dataDirectory) }
    private(set) var tmux: TmuxSession!
    private var pidFile: String { directory + "/opsdeck.pid" }
    private var recording: String?

    /// An empty store and config directory; `label` names the temporary directory.
    init(_ label: String = "run") throws {
        directory = NSTemporaryDirectory() + "opsdeck-\(label)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    }

    /// A run on the fixture store (StoreFixture).
    static func onFixture(_ label: String) throws -> DashboardRun {
        let run = try DashboardRun(label)
        try run.fixture.writeAll()
        return run
    }

    /// The binary SwiftPM built next to this test bundle.
    static var binary: String {
        get throws {
            let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let path = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("opsdeck").path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw TmuxError("no opsdeck binary at \(path); run `swift build` first")
            }
            return path
        }
    }

    /// Writes `config.toml` and `keys.toml` when given, then starts the dashboard (ending any earlier
    /// session of this run). `environment` values are shell words (e.g. `"$(printf '\\033]0;x\\007')"`) and
    /// win over the private XDG_CONFIG_HOME; `paneCommand` replaces `sh <launcher>` as the pane's command.
    @discardableResult
    func start(config: String? = nil, keys: String? = nil, arguments: String = "", environment: [String: String] = [:],
               record: Bool = false, width: Int = 120, height: Int = 40, paneCommand: String? = nil) throws -> TmuxSession {
        tmux?.kill()
        if let config { try config.write(toFile: configDirectory + "/config.toml", atomically: false, encoding: .utf8) }
        if let keys { try keys.write(toFile: configDirectory + "/keys.toml", atomically: false, encoding: .utf8) }
        let gate = directory + "/go"
        recording = record ? directory + "/terminal-output.bin" : nil
        unlink(pidFile); unlink(gate)
        let exports = environment.merging(["XDG_CONFIG_HOME": directory + "/xdg"]) { given, _ in given }
            .sorted { $0.key < $1.key }.map { "export \($0.key)=\($0.value)" }
        let script = ["#!/bin/sh"] + (record ? ["while [ ! -e \(gate) ]; do sleep 0.02; done"] : [])
            + ["echo $$ > \(pidFile)"] + exports
            + ["exec \(try Self.binary) run --data \(dataDirectory) --poll-interval 0.2 \(arguments)"]
        try script.joined(separator: "\n").appending("\n").write(toFile: launcher, atomically: true, encoding: .utf8)
        tmux = try TmuxSession(command: paneCommand ?? "sh \(launcher)", width: width, height: height)
        if let recording {
            let (status, _) = try tmux.tmux(["pipe-pane", "-O", "-t", "main", "cat > \(recording)"])
            guard status == 0 else { throw TmuxError("tmux pipe-pane failed with status \(status)") }
            guard FileManager.default.createFile(atPath: gate, contents: nil) else { throw TmuxError("cannot create \(gate)") }
        }
        return tmux
    }

    /// Something from each of the four panes' fixture records.
    static func showsAllFourPanes(_ screen: String) -> Bool {
        ["10452", "TS-BLK-M", "$89.00", "Box damaged"].allSatisfy(screen.contains)
    }

    @discardableResult
    func waitForAllFourPanes(_ what: String = "rows in all four panes", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try tmux.waitFor(what, file: file, line: line, Self.showsAllFourPanes)
    }

    /// Stock pane, `r`: the fixture's restock dialog for TS-BLK-M, focus on Cancel.
    func openRestockDialog(file: StaticString = #filePath, line: UInt = #line) throws {
        try tmux.send("2")
        try tmux.send("r")
        try tmux.waitFor("the restock dialog", file: file, line: line) { $0.contains("Restock TS-BLK-M") && $0.contains("[ Cancel ]") }
    }

    /// The dashboard's pid (the launcher writes its own, then execs it).
    var pid: pid_t {
        get throws {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
                   let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
                usleep(20_000)
            }
            throw TmuxError("the launcher wrote no pid file")
        }
    }

    /// True while the process exists and is not a zombie.
    func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// Waits for the shell's `EXIT=<status>` line and returns the status.
    func exitStatus(timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> Int? {
        let screen = try tmux.waitFor("EXIT= in the pane", timeout: timeout, file: file, line: line) { $0.contains("EXIT=") }
        guard let r = screen.range(of: "EXIT=") else { return nil }
        return Int(screen[r.upperBound...].prefix { $0.isNumber })
    }

    /// Journal lines (the file may not exist: none).
    var journalLines: [Substring] {
        ((try? String(contentsOfFile: journalPath, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    /// The journal's size in bytes (0 when it does not exist).
    var journalBytes: Int { (FileManager.default.contents(atPath: journalPath) ?? Data()).count }

    /// Stops recording and returns every byte written to the pane so far (none without `record`).
    func recordedBytes() throws -> [UInt8] {
        guard let recording else { return [] }
        _ = try tmux.tmux(["pipe-pane", "-t", "main"])   // closes the pipe; cat writes the rest and exits
        var last = -1
        for _ in 0..<50 {   // until the file stops growing
            let size = (try? FileManager.default.attributesOfItem(atPath: recording)[.size] as? Int) ?? 0
            if size == last { break }
            last = size
            usleep(100_000)
        }
        return [UInt8](FileManager.default.contents(atPath: recording) ?? Data())
    }

    /// Ends the tmux server and removes the run's directory.
    func stop() {
        tmux?.kill()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

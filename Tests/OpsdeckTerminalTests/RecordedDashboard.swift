import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real `opsdeck run` in a private tmux server, started from a launcher script so the test knows its
/// pid, can give it environment values with any bytes in them, and can record every byte it writes to the
/// terminal from the very first one (`tmux pipe-pane` is attached before the dashboard starts).
final class RecordedDashboard {
    let tmux: TmuxSession
    let directory: String
    let recording: String?
    private let pidFile: String

    /// `environment` values are shell words (e.g. `"$(printf '\\033]0;x\\007')"`); `command` makes the
    /// pane's command line from the launcher's path.
    init(data: String, in directory: String, arguments: String = "", environment: [String: String] = [:],
         record: Bool = false, width: Int = 120, height: Int = 40, command: (String) -> String = { "sh \($0)" }) throws {
        self.directory = directory
        pidFile = directory + "/opsdeck.pid"
        let gate = directory + "/go"
        recording = record ? directory + "/terminal-output.bin" : nil
        unlink(pidFile); unlink(gate)
        let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)=\($0.value)" }
        let script = ["#!/bin/sh"] + (record ? ["while [ ! -e \(gate) ]; do sleep 0.02; done"] : [])
            + ["echo $$ > \(pidFile)"] + exports
            + ["exec \(try Self.binary) run --data \(data) --poll-interval 0.2 \(arguments)"]
        let launcher = directory + "/run.sh"
        try script.joined(separator: "\n").appending("\n").write(toFile: launcher, atomically: true, encoding: .utf8)
        tmux = try TmuxSession(command: command(launcher), width: width, height: height)
        if let recording {
            let (status, _) = try tmux.tmux(["pipe-pane", "-O", "-t", "main", "cat > \(recording)"])
            guard status == 0 else { throw TmuxError("tmux pipe-pane failed with status \(status)") }
            FileManager.default.createFile(atPath: gate, contents: nil)
        }
    }

    /// The dashboard's pid (the launcher execs it).
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

    /// Stops recording and returns every byte written to the pane so far.
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

    func kill() { tmux.kill() }

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

    static func temporaryDirectory(_ label: String) throws -> String {
        let d = NSTemporaryDirectory() + "opsdeck-\(label)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}

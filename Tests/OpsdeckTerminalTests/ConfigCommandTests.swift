import Foundation
import XCTest

/// `opsdeck config` and how `opsdeck run` takes its settings from config.toml, on the real binary.
final class ConfigCommandTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "opsdeck-config-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir + "/xdg/opsdeck", withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func opsdeck(_ arguments: String) throws -> (status: Int32, out: String, err: String) {
        let (status, out) = try Spawn.run(["/bin/sh", "-c",
            "env XDG_CONFIG_HOME='\(dir)/xdg' '\(try DashboardRun.binary)' \(arguments) 2>'\(dir)/err'"])
        return (status, out, (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "")
    }

    private func config(_ text: String) throws {
        try text.write(toFile: dir + "/xdg/opsdeck/config.toml", atomically: false, encoding: .utf8)
    }

    func testPrintsEachSettingAndWhereItComesFrom() throws {
        try config("# mine\nundo_seconds = 2.5\ntheme = \"light\"\n")
        let (status, out, _) = try opsdeck("config")
        XCTAssertEqual(status, 0)
        let file = dir + "/xdg/opsdeck/config.toml"
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "# system: /etc/opsdeck/config.toml" + (FileManager.default.fileExists(atPath: "/etc/opsdeck/config.toml") ? "" : " (none)"))
        XCTAssertEqual(lines[1], "# user:   " + file)
        XCTAssertEqual(lines.dropFirst(2).map { $0.replacingOccurrences(of: " +", with: " ", options: .regularExpression) }, [
            "read_only = false # default", "undo_seconds = 2.5 # \(file):2", "theme = \"light\" # \(file):3", "poll_interval = 1 # default",
        ])
    }

    func testRunStopsOnABadConfigOrAnUnknownConfiguredTheme() throws {
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try config("poll_interval = \"fast\"\n")
        var r = try opsdeck("run --data '\(dir)/data'")
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.err, "opsdeck: \(dir)/xdg/opsdeck/config.toml:1: key 'poll_interval': must be a number of seconds from 0.05 to 3600\n")
        try config("theme = \"no-such-theme\"\n")
        r = try opsdeck("run --data '\(dir)/data'")
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.hasPrefix("opsdeck: theme 'no-such-theme' not found"), r.err)
        // --theme wins over the file.
        r = try opsdeck("run --data '\(dir)/data' --theme also-missing")
        XCTAssertTrue(r.err.hasPrefix("opsdeck: theme 'also-missing' not found"), r.err)
    }

    /// A config's text reaches the terminal inert, on stdout (`opsdeck config`) and stderr (`opsdeck action`).
    func testConfigTextIsShownInert() throws {
        try config("theme = \"x\\u001b]0;PWNED\\u0007\"\n")
        let (status, out, _) = try opsdeck("config")
        XCTAssertEqual(status, 0)
        XCTAssertFalse(out.contains("\u{1B}") || out.contains("\u{7}"), out)
        XCTAssertTrue(out.contains("theme = \"x␛]0;PWNED␇\""), out)
        try config("\u{1B}]0;PWNED\u{7} = 1\n")
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try StoreFixture(directory: dir + "/data").writeAll()
        let r = try opsdeck("action ack --data '\(dir)/data' --ticket T-501")
        XCTAssertEqual(r.status, 2)
        XCTAssertFalse(r.err.contains("\u{1B}") || r.err.contains("\u{7}"), r.err)
        XCTAssertTrue(r.err.contains("␛]0;PWNED␇"), r.err)
    }
}

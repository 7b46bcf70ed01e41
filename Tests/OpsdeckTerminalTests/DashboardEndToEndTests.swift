import Foundation
import XCTest

/// Drives the real `opsdeck` binary in a private tmux server on a fixture data directory.
final class DashboardEndToEndTests: XCTestCase {
    private var dataDirectory = ""
    private var session: TmuxSession?

    override func setUpWithError() throws {
        dataDirectory = NSTemporaryDirectory() + "opsdeck-e2e-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        session?.kill()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    /// The binary SwiftPM built next to this test bundle.
    private var opsdeckBinary: String {
        get throws {
            let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let path = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("opsdeck").path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw TmuxError("no opsdeck binary at \(path); run `swift build` first")
            }
            return path
        }
    }

    private func start(_ arguments: String = "", width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let s = try TmuxSession(command: "\(try opsdeckBinary) run --data \(dataDirectory) --poll-interval 0.2 \(arguments)",
                                width: width, height: height)
        session = s
        return s
    }

    func testQuitRestoresTheTerminalAndExitsZero() throws {
        let tmux = try start()
        try waitUntil("the dashboard is on the alternate screen") { try tmux.query("#{alternate_on}") == "1" }
        XCTAssertEqual(try tmux.query("#{cursor_flag}"), "0", "cursor hidden while running")
        try tmux.send("q")
        let screen = try tmux.waitFor("EXIT= in the pane") { $0.contains("EXIT=") }
        XCTAssertTrue(screen.contains("EXIT=0"), screen)
        XCTAssertEqual(try tmux.query("#{alternate_on}"), "0", "back on the normal screen")
        XCTAssertEqual(try tmux.query("#{cursor_flag}"), "1", "cursor visible again")
    }

    private func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            guard Date() < deadline else { return XCTFail("timed out after \(timeout)s waiting for \(what)") }
            usleep(50_000)
        }
    }

    func testMissingDataDirectoryFailsClearly() throws {
        try FileManager.default.removeItem(atPath: dataDirectory)
        let tmux = try start()
        let screen = try tmux.waitFor("EXIT= in the pane") { $0.contains("EXIT=") }
        XCTAssertTrue(screen.contains("data directory '\(dataDirectory)' does not exist"), screen)
        XCTAssertFalse(screen.contains("EXIT=0"), screen)
    }
}

import Foundation
import XCTest

/// Real child processes for the journal tests, spawned with posix_spawn (no Foundation.Process).
enum ChildProcess {
    /// The `opsdeck` binary built beside this test bundle.
    static func opsdeck() throws -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        let exe = n > 0 ? String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        var folder = (exe as NSString).deletingLastPathComponent
        if folder.hasSuffix(".xctest/Contents/MacOS") { folder = ((folder as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent }
        let path = folder + "/opsdeck"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("opsdeck binary not found at \(path): build it with `swift build --product opsdeck`")
            throw CocoaError(.fileNoSuchFile)
        }
        return path
    }

    /// Starts `/bin/sh -c script` in its own process group, so `kill(-pid, …)` reaches everything it started.
    static func spawnShell(_ script: String) -> pid_t {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        let args: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", script].map { (s: String) in strdup(s) } + [nil]
        defer { args.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", nil, &attr, args, environ)
        XCTAssertEqual(rc, 0, "posix_spawn failed")
        return pid
    }

    /// The raw wait status.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    /// Runs `script` in a shell and returns its exit status.
    static func shell(_ script: String) -> Int32 {
        let status = wait(spawnShell(script))
        return (status >> 8) & 0xFF
    }

    /// Single-quotes `s` for /bin/sh.
    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
}

extension Fixture {
    /// orders.json with O1 (100.00) and BIG (1,000,000.00), both paid, for the CLI tests.
    static func writeOrders(in dir: String) {
        let orders = #"""
        {"schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z","currency":"USD","orders":[
         {"id":"O1","customer_id":"c1","placed_at":"2026-11-20T10:00:00Z","status":"paid","total_minor":10000,
          "lines":[{"line_id":"L1","sku":"A","qty":1,"unit_price_minor":10000}]},
         {"id":"BIG","customer_id":"c1","placed_at":"2026-11-20T10:00:00Z","status":"paid","total_minor":100000000,
          "lines":[{"line_id":"L1","sku":"A","qty":1,"unit_price_minor":100000000}]}]}
        """#
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/orders.json", contents: Data(orders.utf8)))
    }

    /// The complete lines of a file (each ended by a newline); a last line without one is left out.
    static func completeLines(_ path: String) -> [String] { Array(lines(path).dropLast()) }
}

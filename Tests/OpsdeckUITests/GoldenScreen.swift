import Foundation
import XCTest
import OpsdeckModel
@testable import OpsdeckUI

/// Golden files of whole screens: a header pinning size, colour mode and "now", the text between `|`
/// (so trailing blanks show), then per line the style-role runs. Recording (OPSDECK_RECORD_GOLDENS=1)
/// writes the file and still fails, so a recorded golden is always looked at before it passes.
enum GoldenScreen {
    static func text(of grid: CellGrid, now: Timestamp) -> String {
        var out = "opsdeck-screen \(grid.width)x\(grid.height) colour=roles now=\(now.iso8601())\n"
        for y in 0..<grid.height { out += "|" + grid.text(row: y) + "|\n" }
        out += "styles\n"
        for y in 0..<grid.height {
            var runs: [String] = []
            var current: StyleRole?
            var count = 0
            for cell in grid.row(y) {
                if cell.role == current { count += 1; continue }
                if let c = current { runs.append("\(c.rawValue)*\(count)") }
                current = cell.role; count = 1
            }
            if let c = current { runs.append("\(c.rawValue)*\(count)") }
            out += (y < 10 ? "0" : "") + "\(y) " + runs.joined(separator: " ") + "\n"
        }
        return out
    }

    static func assertMatches(_ grid: CellGrid, now: Timestamp, name: String, file: StaticString = #filePath, line: UInt = #line) {
        let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Goldens")
        let url = dir.appendingPathComponent(name + ".txt")
        let actual = text(of: grid, now: now)
        if ProcessInfo.processInfo.environment["OPSDECK_RECORD_GOLDENS"] == "1" {
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            XCTFail("recorded \(url.path); check it and run again without OPSDECK_RECORD_GOLDENS", file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden \(url.path) (record with OPSDECK_RECORD_GOLDENS=1)", file: file, line: line)
            return
        }
        if let diff = firstDifference(expected, actual) { XCTFail("screen differs from \(name).txt " + diff, file: file, line: line) }
    }

    /// nil when equal, else the first differing line of both.
    static func firstDifference(_ expected: String, _ actual: String) -> String? {
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let at = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        return "at line \(at + 1):\n expected: \(at < e.count ? e[at] : "<end>")\n   actual: \(at < a.count ? a[at] : "<end>")"
    }
}

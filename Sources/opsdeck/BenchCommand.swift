import ArgumentParser
import Foundation
import Glibc
import OpsdeckActions
import OpsdeckModel

/// `opsdeck bench`: generates stores of growing size and measures loading them the way the dashboard does.
/// Each size is measured in a fresh child process (`--measure DIR`), so peak RSS belongs to that size alone.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure load + derive time, unchanged-poll cost and peak memory on generated stores (use a release build).")

    @Option(help: "Comma-separated order counts.")
    var sizes: String = "10000,100000,1000000"

    @Option(help: "Where to generate the stores (default: a temporary directory, removed afterwards).")
    var dir: String?

    @Option(help: .hidden)
    var measure: String?

    func run() throws {
        if let measure { return try Self.measure(directory: measure) }
        let counts = try sizes.split(separator: ",").map { s -> Int in
            guard let n = Int(s.trimmingCharacters(in: .whitespaces)), n > 0 else { throw ValidationError("bad size '\(s)'") }
            return n
        }
        let root = dir ?? NSTemporaryDirectory() + "opsdeck-bench-\(getpid())"
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: root) } }
        #if DEBUG
        print("warning: debug build; measure with `swift run -c release opsdeck bench`")
        #endif
        print("targets: 100k orders loaded + derived ≤ 250 ms, unchanged poll ≤ 50 µs, peak RSS ≤ 3× JSON bytes\n")
        print(pad("orders", 9), pad("JSON MB", 9), pad("gen s", 7), pad("load ms", 9), pad("derive ms", 10),
              pad("total ms", 9), pad("retime µs", 10), pad("poll µs", 8), pad("peak RSS MB", 12), pad("RSS/JSON", 9))
        for n in counts {
            let path = root + "/\(n)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let started = monotonicNanos()
            let bytes = try BenchStoreWriter(orders: n, now: Timestamp.wallClock().epochSeconds).write(into: path)
            let genSeconds = Double(monotonicNanos() - started) / 1e9
            let m = try Self.child(path)
            let rss = Double(m.peakRSSKB) * 1024
            print(pad(String(n), 9), pad(fmt(Double(bytes) / 1e6, 1), 9), pad(fmt(genSeconds, 1), 7), pad(fmt(m.loadMs, 1), 9),
                  pad(fmt(m.deriveMs, 1), 10), pad(fmt(m.loadMs + m.deriveMs, 1), 9), pad(fmt(m.retimeUs, 1), 10),
                  pad(fmt(m.pollUs, 2), 8), pad(fmt(rss / 1e6, 0), 12), pad(fmt(rss / Double(bytes), 2) + "×", 9))
            print("          \(m.actionLines) actions: action-results.jsonl decoded in \(fmt(m.resultsMs, 1)) ms, journal in \(fmt(m.journalMs, 1)) ms " +
                  "(\(fmt(m.resultsMs * 1e3 / Double(m.actionLines), 2)) and \(fmt(m.journalMs * 1e3 / Double(m.actionLines), 2)) µs a line)")
            if !m.notes.isEmpty { print("          " + m.notes) }
            if dir == nil { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    struct Measurement: Codable {
        var loadMs: Double, deriveMs: Double, retimeUs: Double, pollUs: Double, peakRSSKB: Int
        /// The line files (see `BenchLineFiles`), measured after peak RSS is taken.
        var actionLines: Int, resultsMs: Double, journalMs: Double
        var notes: String
    }

    /// Runs `opsdeck bench --measure DIR` and reads its one line of JSON.
    static func child(_ path: String) throws -> Measurement {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        p.arguments = ["bench", "--measure", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ValidationError("measuring \(path) failed (status \(p.terminationStatus))") }
        return try JSONDecoder().decode(Measurement.self, from: data)
    }

    /// In the child: load as the dashboard does (poller → snapshot → StoreFacts) and report.
    static func measure(directory: String) throws {
        let poller = DataDirectoryPoller(directory: directory, options: .init(settleSeconds: 0, racyWindowSeconds: 0))
        let t0 = monotonicNanos()
        let snapshot = poller.refresh()
        let t1 = monotonicNanos()
        let now = Timestamp.wallClock()
        let facts = StoreFacts(snapshot: snapshot, now: now)
        let t2 = monotonicNanos()
        var sink = 0
        let retimes = 1000
        for i in 0..<retimes { sink &+= facts.retimed(to: now.adding(seconds: Int64(i))).kpis.lateOrders }
        let t3 = monotonicNanos()
        let polls = 20_000
        for _ in 0..<polls where poller.poll() { sink += 1 }
        let t4 = monotonicNanos()
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        var notes: [String] = []
        if sink < 0 { notes.append("") }   // keeps the loops from being optimised away
        if poller.filesRead != 5 { notes.append("files read: \(poller.filesRead) (an unchanged poll re-read something)") }
        for kind in SourceKind.allCases where kind.isRequired || kind == .customers {
            let info = snapshot.info(kind)
            switch info.health {
            case .ok: if !info.recordProblems.isEmpty { notes.append("\(kind.fileName): \(info.recordProblems.count) record problems, first: \(info.recordProblems[0])") }
            case .fileError(let p): notes.append("\(kind.fileName): \(p)")
            case .missing: notes.append("\(kind.fileName): missing")
            }
        }
        let (actionLines, resultsMs, journalMs) = measureLineFiles(orders: snapshot.orders.count, now: now, notes: &notes)
        notes.append("orders \(snapshot.orders.count), open \(facts.kpis.openOrders), late \(facts.kpis.lateOrders), " +
                     "stock \(snapshot.stock.count), carts \(snapshot.carts.count), tickets \(snapshot.tickets.count), customers \(snapshot.customers.count)")
        let m = Measurement(loadMs: Double(t1 - t0) / 1e6, deriveMs: Double(t2 - t1) / 1e6,
                            retimeUs: Double(t3 - t2) / 1e3 / Double(retimes), pollUs: Double(t4 - t3) / 1e3 / Double(polls),
                            peakRSSKB: usage.ru_maxrss, actionLines: actionLines, resultsMs: resultsMs, journalMs: journalMs, notes: notes.joined(separator: "; "))
        print(String(decoding: try JSONEncoder().encode(m), as: UTF8.self))
    }
}

extension BenchCommand {
    /// Decodes the line files of a store of `orders` orders as the dashboard does: results through the
    /// decoder the poller uses, the journal as `ActionJournal` reads it. Returns lines and milliseconds.
    static func measureLineFiles(orders: Int, now: Timestamp, notes: inout [String]) -> (Int, Double, Double) {
        let files = BenchLineFiles(orders: orders, now: now.epochSeconds)
        let results = files.actionResults(), journal = files.journal()
        var scratch = StoreSnapshot()
        let t0 = monotonicNanos()
        let decoded = Result { () throws(DataProblem) in try SourceDecoder.decode(.actionResults, bytes: results, file: "action-results.jsonl", into: &scratch) }
        let t1 = monotonicNanos()
        let state = JournalState(bytes: journal)
        let t2 = monotonicNanos()
        if case .failure(let p) = decoded { notes.append("action-results.jsonl: \(p)") }
        if case .success(let r) = decoded, let first = r.problems.first { notes.append("action-results.jsonl: \(r.problems.count) problems, first: \(first)") }
        if scratch.actionResults.count != files.actions { notes.append("action results: \(scratch.actionResults.count) of \(files.actions)") }
        if state.entries.count != files.actions || !state.allProblems.isEmpty {
            notes.append("journal: \(state.entries.count) of \(files.actions) entries, \(state.allProblems.count) problems")
        }
        return (files.actions, Double(t1 - t0) / 1e6, Double(t2 - t1) / 1e6)
    }
}

private func monotonicNanos() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

private func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
private func fmt(_ v: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", v) }

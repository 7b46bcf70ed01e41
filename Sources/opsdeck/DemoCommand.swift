import ArgumentParser
import Foundation
import OpsdeckDemo
import OpsdeckModel
import OpsdeckTerminal

/// `opsdeck demo`: a generated store with a live simulator and ERP beside the dashboard.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate the demo store and open the dashboard on it, with a live simulator and ERP.",
        discussion: "Data goes to a new temporary directory unless --data is given. Same --seed, same store.")

    @Option(name: .long, help: "Seed of the generated store.")
    var seed: UInt64 = DemoStore.defaultSeed

    @Option(name: .long, help: "Data directory to generate into (default: a new temporary directory).")
    var data: String?

    @Flag(name: .long, help: "Only write the data files; no dashboard and no simulator.")
    var noUI = false

    @Option(name: .long, help: "Theme name or path to a theme file.")
    var theme: String?

    @Flag(name: .long, help: "No colours, attributes only (as with NO_COLOR).")
    var noColor = false

    @Option(name: .long, help: "Seconds between bursts of simulated store activity.")
    var interval: Int64 = 3

    func validate() throws {
        guard (1...3600).contains(interval) else { throw ValidationError("--interval must be between 1 and 3600 seconds") }
    }

    func run() throws {
        let directory = try data ?? DemoSetup.makeTemporaryDirectory()
        let now = Timestamp(epochSeconds: Timestamp.wallClock().epochSeconds)
        let store = try DemoSetup.generate(into: directory, seed: seed, now: now)
        print("Demo store \"\(store.settings.name)\" (seed \(seed)) written to \(directory)")
        if noUI { return }

        let problems = ProblemList()
        let runner = SimulatorRunner(
            directory: directory,
            simulator: StoreSimulator(store: store, seed: seed, now: now, config: SimulatorConfig(interval: interval)),
            report: { problems.add($0) })
        runner.start()
        let status = Dashboard.run(DashboardOptions(dataDirectory: directory, theme: theme, noColor: noColor))
        runner.stop()
        for p in problems.all { printError("opsdeck demo: simulator: \(p)") }
        print("The demo data stays in \(directory)")
        if status != 0 { throw ExitCode(status) }
    }
}

/// Shared by `demo` and `simulate`.
enum DemoSetup {
    static func makeTemporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "opsdeck-demo-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else { throw ValidationError("cannot create a temporary directory: \(String(cString: strerror(errno)))") }
        return String(cString: p)
    }

    static func generate(into directory: String, seed: UInt64, now: Timestamp) throws -> DemoStore {
        let store = DemoStore.generate(seed: seed, now: now)
        do { try store.write(to: directory, generatedAt: now) } catch { throw ValidationError("cannot write the demo store: \(error)") }
        return store
    }
}

/// Simulator errors collected while the dashboard owns the terminal, printed after it closes.
final class ProblemList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); if items.count < 20 { items.append(s) }; lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

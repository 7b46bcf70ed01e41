import ArgumentParser
import OpsdeckTerminal
import Foundation
import OpsdeckDemo
import OpsdeckModel

/// `opsdeck simulate`: the demo store's live simulator and ERP alone, to feed a dashboard elsewhere.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the demo store simulator and its ERP on a data directory.",
        discussion: """
            An empty or missing directory first gets a generated store; otherwise the simulation carries on \
            from the files there (and does not answer again actions already in action-results.jsonl). Runs \
            until interrupted, or for --steps bursts of store activity.
            """)

    @Option(name: .long, help: "Data directory.")
    var data: String

    @Option(name: .long, help: "Seconds between bursts of store activity.")
    var interval: Int64 = 3

    @Option(name: .long, help: "Seed of the generated store and of the simulation.")
    var seed: UInt64 = DemoStore.defaultSeed

    @Option(name: .long, help: "Stop after this many bursts of activity (default: run until interrupted).")
    var steps: Int?

    @Flag(name: .long, help: "Print what each step wrote.")
    var verbose = false

    func validate() throws {
        guard (1...3600).contains(interval) else { throw ValidationError("--interval must be between 1 and 3600 seconds") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
    }

    func run() throws {
        let now = Timestamp(epochSeconds: Timestamp.wallClock().epochSeconds)
        let store: DemoStore
        var answered: [String: ActionResult] = [:]
        if FileManager.default.fileExists(atPath: data + "/" + SourceKind.orders.fileName) {
            let snapshot = DataDirectoryPoller(directory: data).refresh()
            for kind in SourceKind.allCases where kind.isRequired {
                if case .fileError(let p) = snapshot.info(kind).health { throw ValidationError("cannot resume from \(data): \(p)") }
            }
            store = DemoStore(snapshot: snapshot)
            answered = snapshot.actionResults
        } else {
            store = try DemoSetup.generate(into: data, seed: seed, now: now)
        }
        print("Simulating \"\(store.settings.name)\" in \(data) every \(interval)s" + (steps.map { " for \($0) steps" } ?? "; Ctrl-C stops"))
        let runner = SimulatorRunner(
            directory: data,
            simulator: StoreSimulator(store: store, seed: seed, now: now, config: SimulatorConfig(interval: interval),
                                      answered: answered),
            report: { printError("opsdeck simulate: \($0)") },
            onStep: verbose ? Self.printStep : nil)
        runner.run(bursts: steps)
    }

    @Sendable static func printStep(_ out: SimulatorOutput) {
        let files = out.files.keys.map(\.fileName).sorted().joined(separator: " ")
        let answers = out.results.map { "\($0.actionID) \($0.state.rawValue)" }.joined(separator: ", ")
        guard !files.isEmpty || !answers.isEmpty else { return }
        print("wrote \(files.isEmpty ? "nothing" : files)" + (answers.isEmpty ? "" : "; answered \(answers)"))
    }
}

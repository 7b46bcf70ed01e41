import Foundation
import OpsdeckModel
import OpsdeckActions

/// Drives a `StoreSimulator` against a data directory: reads the journal, steps, writes the files that
/// changed (each atomically) and appends the ERP's answers. Sleeps blocked on a condition between steps,
/// waking for the next due event or at least once a second to look for new journal lines.
public final class SimulatorRunner: @unchecked Sendable {
    public let directory: String
    public let journal: ActionJournal
    // The simulator is only touched by the thread inside `run` (or a caller of `tick` when not running).
    private var simulator: StoreSimulator
    private let clock: @Sendable () -> Timestamp
    private let report: @Sendable (String) -> Void
    private let onStep: (@Sendable (SimulatorOutput) -> Void)?
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var stopping = false
    private var running = false

    /// - report: called with a description of each write or journal error (the run carries on).
    public init(directory: String, simulator: StoreSimulator, journalPath: String? = nil,
                clock: @escaping @Sendable () -> Timestamp = Timestamp.wallClock,
                report: @escaping @Sendable (String) -> Void = { _ in },
                onStep: (@Sendable (SimulatorOutput) -> Void)? = nil) {
        self.onStep = onStep
        self.directory = directory
        self.simulator = simulator
        self.journal = ActionJournal(path: journalPath ?? ActionJournal.defaultPath(dataDirectory: directory), readOnly: true)
        self.clock = clock
        self.report = report
    }

    public var resultsPath: String { directory + "/" + SourceKind.actionResults.fileName }

    /// One step at the clock's time. Journal read errors are reported and the step goes on without new lines.
    @discardableResult
    public func tick() throws(FileWriteError) -> SimulatorOutput {
        var entries: [JournalEntry] = []
        do { entries = try journal.read().entries } catch { report("journal: \(error)") }
        let out = simulator.step(now: clock(), journal: entries)
        for kind in out.files.keys.sorted(by: { $0.fileName < $1.fileName }) {
            try AtomicFile.write(out.files[kind]!, to: directory + "/" + kind.fileName)
        }
        try AtomicFile.appendLines(out.results.map { $0.json.serialized() }, to: resultsPath)
        onStep?(out)
        return out
    }

    /// Steps on the calling thread until `stop()`, or until `bursts` bursts of store activity have been played.
    public func run(bursts: Int? = nil) {
        condition.lock(); running = true; condition.unlock()
        defer { condition.lock(); running = false; condition.broadcast(); condition.unlock() }
        let startBursts = simulator.activityBursts
        while true {
            do { try tick() } catch { report("\(error)") }
            if let bursts, simulator.activityBursts - startBursts >= bursts { return }
            let now = clock()
            let wait = min(1.0, max(0.05, Double(now.seconds(until: simulator.nextDue(after: now)))))
            condition.lock()
            if !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: wait)) }
            let stop = stopping
            condition.unlock()
            if stop { return }
        }
    }

    /// Runs on a thread of its own until `stop()`.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "opsdeck-simulator"
        condition.lock(); running = true; condition.unlock()
        thread.start()
    }

    /// Asks the loop to finish and waits until it has (a step in progress completes its writes first).
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }
}

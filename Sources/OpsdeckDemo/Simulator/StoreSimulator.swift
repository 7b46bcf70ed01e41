import OpsdeckModel
import OpsdeckActions

/// Timing of the simulated store and ERP, in seconds.
public struct SimulatorConfig: Sendable, Equatable {
    /// Time between bursts of store activity (new orders, shipments, carts, tickets).
    public var interval: Int64
    /// The ERP acknowledges a journaled action this long after seeing it…
    public var acceptDelay: Int64
    /// …and applies or rejects it this long after accepting.
    public var applyDelay: Int64
    /// A purchase order placed by a restock arrives (on-hand rises) this long after it is applied.
    public var restockArrival: Int64
    /// Every file is rewritten at least this often, like an exporter on a schedule, so none goes stale.
    public var heartbeat: Int64

    public init(interval: Int64 = 3, acceptDelay: Int64 = 2, applyDelay: Int64 = 3, restockArrival: Int64 = 45,
                heartbeat: Int64 = 60) {
        self.interval = interval; self.acceptDelay = acceptDelay; self.applyDelay = applyDelay
        self.restockArrival = restockArrival; self.heartbeat = heartbeat
    }
}

/// What one step produced: whole files to replace (atomically) and ERP answers to append.
public struct SimulatorOutput: Sendable {
    public var files: [SourceKind: [UInt8]] = [:]
    public var results: [ActionResult] = []
}

/// The live store and its ERP as a value: `step(now:journal:)` is the only way it changes, and it depends
/// only on the state, `now` and the journal, never on the clock or the system RNG. The runner
/// (`SimulatorRunner`) does the reading, writing and sleeping.
public struct StoreSimulator: Sendable {
    public internal(set) var store: DemoStore
    public let config: SimulatorConfig
    let calendar: StoreCalendar
    var rng: DemoRandom
    var nextActivityAt: Int64
    /// How many bursts of store activity have been played.
    public private(set) var activityBursts = 0
    var lastWritten: [SourceKind: Int64] = [:]
    /// Kinds changed since they were last written.
    var dirty: Set<SourceKind> = []
    /// Journal actions already taken in, so each is answered once.
    var seen: Set<String> = []
    /// ERP work waiting for its moment, in the order it arrived.
    var tasks: [ERPTask] = []
    /// The ERP's verdict per action id, for cancels.
    var outcomes: [String: ActionResult.State] = [:]
    var entries: [String: JournalEntry] = [:]
    /// Actions stopped by a cancel before they were applied.
    var withdrawn: Set<String> = []
    var nextOrderNumber = 100_001
    /// Numbers ERP references (purchase orders, refunds, tickets, carts).
    var nextRef = 1

    /// Starts from a store whose files are already on disk as of `now`. `answered` holds the ERP's earlier
    /// answers (from `action-results.jsonl`) when resuming: those actions are not answered again, and
    /// those only accepted go on to be decided.
    public init(store: DemoStore, seed: UInt64, now: Timestamp, config: SimulatorConfig = SimulatorConfig(),
                answered: [String: ActionResult] = [:]) {
        self.store = store
        self.config = config
        calendar = StoreCalendar(settings: store.settings)
        rng = DemoRandom(seed: seed ^ 0x5151_5151_5151_5151)
        nextActivityAt = now.epochSeconds + config.interval
        for kind in DataFiles.kinds { lastWritten[kind] = now.epochSeconds }
        for (id, r) in answered { outcomes[id] = r.state }
        nextOrderNumber = (store.orders + store.orderHistory).compactMap { Int($0.id) }.max().map { $0 + 1 } ?? 100_001
    }

    /// Advances the store to `now`: takes in journal actions not seen before, answers those that are due,
    /// plays a burst of store activity when one is due, and returns the files and answers to write.
    public mutating func step(now: Timestamp, journal: [JournalEntry]) -> SimulatorOutput {
        let t = now.epochSeconds
        var out = SimulatorOutput()
        for e in journal where seen.insert(e.actionID).inserted {
            entries[e.actionID] = e
            // A cancel stops its target at once if the ERP has not applied it yet; the answers follow in turn.
            if case .cancel(let target) = e.request, tasks.contains(where: { $0.actionID == target }) {
                tasks.removeAll { $0.actionID == target }
                withdrawn.insert(target)
            }
            let resumed = outcomes[e.actionID]
            if resumed == nil { tasks.append(ERPTask(due: t + config.acceptDelay, actionID: e.actionID, phase: .accept)) }
            if resumed == .accepted { tasks.append(ERPTask(due: t + config.applyDelay, actionID: e.actionID, phase: .decide)) }
        }
        out.results = runERP(now: t)
        receiveDeliveries(now: t)
        if t >= nextActivityAt {
            playActivity(now: t)
            nextActivityAt = t + config.interval
            activityBursts += 1
        }
        for kind in DataFiles.kinds where kind != .orderHistory && kind != .store
            && (dirty.contains(kind) || t - lastWritten[kind, default: t] >= config.heartbeat) {
            out.files[kind] = DataFiles.bytes(kind, of: store, generatedAt: calendar.local(t))
            lastWritten[kind] = t
        }
        dirty.removeAll()
        return out
    }

    /// When the next step has something to do (for the runner's sleep).
    public func nextDue(after now: Timestamp) -> Timestamp {
        var due = nextActivityAt
        if let task = tasks.map(\.due).min() { due = min(due, task) }
        for item in store.stock { for po in item.incomingDetail { if let eta = po.eta?.epochSeconds { due = min(due, eta) } } }
        return Timestamp(epochSeconds: max(due, now.epochSeconds))
    }

    mutating func mintOrderID() -> String {
        defer { nextOrderNumber += 1 }
        return String(nextOrderNumber)
    }

    mutating func mintRef() -> Int {
        defer { nextRef += 1 }
        return nextRef
    }
}

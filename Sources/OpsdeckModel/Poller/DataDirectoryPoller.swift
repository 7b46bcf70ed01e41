import Foundation

/// Watches an ERP export directory and publishes an immutable `StoreSnapshot` whenever a file changes.
///
/// The UI thread calls `poll()` on its timer tick and whenever one of `wakeupFDs` is readable; `poll()`
/// only stat()s the files (microseconds) and hands changed ones to a dedicated loader thread, which reads
/// and decodes them and publishes a snapshot into a mailbox, then makes `wakeupFDs` readable. The event
/// loop therefore blocks in one place:
///
///     let poller = DataDirectoryPoller(directory: dir)
///     _ = poller.poll()                                  // first load starts
///     loop:
///         poll([stdin] + poller.wakeupFDs, timeout: poller.options.pollIntervalSeconds)
///         poller.drainWakeups()
///         _ = poller.poll()
///         if let snapshot = poller.takeSnapshot() { … }
///
/// `refresh()` does a poll and waits for the loader: for `opsdeck check`, the benchmark and tests.
/// Call `poll()`, `refresh()` and `takeSnapshot()` from one thread at a time.
public final class DataDirectoryPoller: @unchecked Sendable {
    public struct Options: Sendable {
        /// How often the event loop should call `poll()` (inotify wakes it sooner on Linux).
        public var pollIntervalSeconds: Double
        /// Files larger than this are refused with a file error, without being read (`--max-file-size`).
        public var maxFileBytes: Int64
        /// A file that fails to parse within this long after its last change is retried at the next poll
        /// before it is reported: it is most likely being rewritten in place.
        public var settleSeconds: Double
        /// A file read within this long after its mtime is read once more after the window has passed, to
        /// catch a same-size rewrite inside one file-system timestamp tick.
        public var racyWindowSeconds: Double
        /// Use inotify on Linux (stat() polling runs regardless).
        public var useInotify: Bool

        public init(pollIntervalSeconds: Double = 1, maxFileBytes: Int64 = FileSizeLimit.defaultBytes, settleSeconds: Double = 2,
                    racyWindowSeconds: Double = 1, useInotify: Bool = true) {
            self.pollIntervalSeconds = pollIntervalSeconds; self.maxFileBytes = maxFileBytes
            self.settleSeconds = settleSeconds; self.racyWindowSeconds = racyWindowSeconds; self.useInotify = useInotify
        }
    }

    public let directory: String
    public let options: Options
    private let loader: SourceLoader
    /// NUL-terminated paths of every `SourceKind` file, in `SourceKind.allCases` order, made once.
    private let paths: [[CChar]]
    private var observed: [FileState]

    /// `clock` stamps `loadedAt`; injectable for tests.
    public init(directory: String, options: Options = Options(),
                clock: @escaping @Sendable () -> Timestamp = Timestamp.wallClock) {
        self.directory = directory
        self.options = options
        paths = SourceKind.allCases.map { Array((directory + "/" + $0.fileName).utf8CString) }
        observed = Array(repeating: .absent, count: SourceKind.allCases.count)
        loader = SourceLoader(directory: directory, options: options, clock: clock)
        let thread = Thread { [loader] in loader.run() }
        thread.name = "opsdeck data loader"
        thread.start()
    }

    deinit { loader.stop() }

    /// Descriptors to include in the event loop's poll(2) set: readable when a snapshot is ready or the
    /// directory changed. Call `drainWakeups()` after they fire.
    public var wakeupFDs: [Int32] { loader.wakeup.fds }

    public func drainWakeups() { loader.wakeup.drain() }

    /// stat()s every source file and queues the changed ones for loading. Returns whether it queued any.
    @discardableResult
    public func poll() -> Bool {
        for i in paths.indices { observed[i] = paths[i].withUnsafeBufferPointer { FileState.observe($0.baseAddress!) } }
        return loader.queueChanged(observed, wallNanos: wallClockNanos())
    }

    /// The newest snapshot published since the last call, if any.
    public func takeSnapshot() -> StoreSnapshot? { loader.takeMailbox() }

    /// Polls and waits until the loader has caught up; returns the newest snapshot.
    public func refresh() -> StoreSnapshot {
        poll()
        return loader.waitIdle()
    }

    /// Files read so far (an unchanged poll reads none), and of those decoded (identical bytes are not).
    public var filesRead: Int { loader.filesRead }
    public var filesDecoded: Int { loader.filesDecoded }
    /// Reads set aside as caught mid-write and retried (for the reliability tests' figures).
    public var filesTorn: Int { loader.filesTorn }
}

/// The loader thread and the state it shares with the poller, all behind one condition lock.
final class SourceLoader: @unchecked Sendable {
    let wakeup: PollerWakeup
    private let clock: @Sendable () -> Timestamp
    private let cond = NSCondition()
    // Guarded by `cond`.
    /// Per `SourceKind.allCases` index: the file as last handed to the loader (nil: unknown, load again),
    /// and when to re-read it regardless (racy-window recheck).
    private var handed: [FileState?]
    private var recheckAt: [Int64?]
    private var queue: Set<Int> = []
    private var busy = false
    private var stopped = false
    private var mailbox: StoreSnapshot?
    private var latest: StoreSnapshot
    // Loader thread only (also read under `cond` for `filesRead`).
    private var assembler: SnapshotAssembler

    init(directory: String, options: DataDirectoryPoller.Options, clock: @escaping @Sendable () -> Timestamp) {
        self.clock = clock
        wakeup = PollerWakeup(directory: directory, useInotify: options.useInotify)
        assembler = SnapshotAssembler(directory: directory, maxFileBytes: options.maxFileBytes,
                                      settleNanos: Int64(options.settleSeconds * 1e9),
                                      racyNanos: Int64(options.racyWindowSeconds * 1e9))
        latest = assembler.snapshot
        handed = Array(repeating: nil, count: SourceKind.allCases.count)
        recheckAt = Array(repeating: nil, count: SourceKind.allCases.count)
    }

    func queueChanged(_ states: [FileState], wallNanos: Int64) -> Bool {
        cond.lock(); defer { cond.unlock() }
        var queued = false
        for i in states.indices where handed[i] != states[i] || recheckAt[i].map({ wallNanos >= $0 }) == true {
            handed[i] = states[i]; recheckAt[i] = nil
            queue.insert(i); queued = true
        }
        if queued { cond.broadcast() }
        return queued
    }

    func run() {
        let kinds = SourceKind.allCases
        while true {
            cond.lock()
            while queue.isEmpty && !stopped { cond.wait() }
            if stopped { cond.unlock(); return }
            // store.json first: other decoders fall back to its settings (e.g. the store currency).
            let storeIndex = kinds.firstIndex(of: .store)!
            let batch = queue.sorted { ($0 == storeIndex ? -1 : $0) < ($1 == storeIndex ? -1 : $1) }
            queue.removeAll()
            busy = true
            cond.unlock()

            let outcomes = Array(zip(batch, assembler.load(batch.map { kinds[$0] }, clock: clock)))
            let changed = outcomes.contains { if case .settled(_, true) = $0.1 { true } else { false } }
            let published = changed ? assembler.nextGeneration() : nil

            cond.lock()
            for (i, outcome) in outcomes where !queue.contains(i) {
                switch outcome {
                case .retry: handed[i] = nil
                case .settled(let at, _): recheckAt[i] = at
                }
            }
            if let published { latest = published; mailbox = published }
            readCount = assembler.filesRead
            decodeCount = assembler.filesDecoded
            tornCount = assembler.filesTorn
            busy = false
            cond.broadcast()
            cond.unlock()
            if published != nil { wakeup.signalReady() }
        }
    }

    private var readCount = 0
    private var decodeCount = 0
    private var tornCount = 0
    var filesRead: Int { cond.lock(); defer { cond.unlock() }; return readCount }
    var filesDecoded: Int { cond.lock(); defer { cond.unlock() }; return decodeCount }
    var filesTorn: Int { cond.lock(); defer { cond.unlock() }; return tornCount }

    func takeMailbox() -> StoreSnapshot? {
        cond.lock(); defer { cond.unlock() }
        let s = mailbox
        mailbox = nil
        return s
    }

    func waitIdle() -> StoreSnapshot {
        cond.lock(); defer { cond.unlock() }
        while !queue.isEmpty || busy { cond.wait() }
        mailbox = nil
        return latest
    }

    func stop() {
        cond.lock(); stopped = true; cond.broadcast(); cond.unlock()
    }
}

/// Builds successive snapshots from file loads. Owned by the loader thread; not thread-safe.
///
/// Rules (docs/metrics.md, "Live data"):
/// - a file that decodes replaces its source's records and gets health `.ok`;
/// - a file that fails as a whole (invalid JSON, too large, not a regular file, unreadable) keeps the last
///   good records and gets `.fileError` with the reason (line:column for JSON);
/// - a file that disappears keeps the last records but shows `.missing` (load and generated times are
///   cleared so freshness reads MISSING, not the age of data that may be gone for good);
/// - a file caught mid-write (changed while read, or invalid while its mtime is younger than the settle
///   time) changes nothing and is read again at the next poll;
/// - a file read again with the very bytes behind the current good data (a racy-window recheck, a touch,
///   an exporter rewriting the same export) is not decoded again and publishes nothing.
struct SnapshotAssembler {
    private(set) var snapshot: StoreSnapshot
    let directory: String
    let maxFileBytes: Int64
    let settleNanos: Int64
    let racyNanos: Int64
    /// Files actually read, and of those actually decoded, for tests and the benchmark.
    private(set) var filesRead = 0
    private(set) var filesDecoded = 0
    /// Reads set aside as caught mid-write (changed while read, or young and invalid): retried, not shown.
    private(set) var filesTorn = 0
    /// Digest of the bytes behind each source's current good data (hashing is ~100× faster than decoding).
    private var decodedDigest: [SourceKind: UInt64] = [:]

    enum Outcome {
        /// Done with the file as the poller last saw it. `recheckAtNanos`: read again once the wall clock
        /// passes it, because the file was read so soon after its mtime that a same-size rewrite within the
        /// same timestamp tick would be invisible to stat().
        case settled(recheckAtNanos: Int64?, changed: Bool)
        /// Caught mid-write; the snapshot is unchanged. Look again at the next poll.
        case retry
    }

    init(directory: String, maxFileBytes: Int64, settleNanos: Int64, racyNanos: Int64) {
        self.directory = directory; self.maxFileBytes = maxFileBytes
        self.settleNanos = settleNanos; self.racyNanos = racyNanos
        var sources: [SourceKind: SourceInfo] = [:]
        for kind in SourceKind.allCases { sources[kind] = SourceInfo(kind: kind) }
        snapshot = StoreSnapshot(sources: sources)
    }

    /// Loads one source into `snapshot`; `loadedAt` is the caller's clock.
    mutating func load(_ kind: SourceKind, loadedAt: Timestamp) -> Outcome {
        apply(kind, fetch(kind), loadedAt: loadedAt)
    }

    /// Loads several sources with the same outcome as loading them one by one in this order (store.json,
    /// whose settings the others fall back on, comes first), but with orders.json, nine tenths of a
    /// store's bytes, read and decoded on this thread while a second core does the rest. `clock` stamps
    /// each source's `loadedAt`, in order.
    mutating func load(_ kinds: [SourceKind], clock: () -> Timestamp) -> [Outcome] {
        var outcomes: [Outcome] = []
        var rest = kinds[...]
        while let k = rest.first, k == .store || rest.count == 1 || !rest.contains(.orders) {
            outcomes.append(load(k, loadedAt: clock()))
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return outcomes }
        let stamps = rest.map { _ in clock() }
        // orders.json is read before the others start: reads fault in fresh pages, which run no faster side by side.
        let wallNow = wallClockNanos()
        let ordersFile = SourceFileRead.read(path: directory + "/" + SourceKind.orders.fileName, maxBytes: maxFileBytes)
        let me = self, small = rest.filter { $0 != .orders }
        let others = Concurrently { small.map { me.fetch($0) } }
        let orders = fetch(.orders, ordersFile, wallNow: wallNow)
        var fetched = others.value[...]
        for (kind, loadedAt) in zip(rest, stamps) {
            outcomes.append(apply(kind, kind == .orders ? orders : fetched.removeFirst(), loadedAt: loadedAt))
        }
        return outcomes
    }

    /// What reading one file gave, and decoding it unless its bytes are those behind the current good data.
    /// Depends on the assembler only through its current snapshot and digests, so it can run on any thread.
    struct Fetch: Sendable {
        enum Read: Sendable { case absent, changedWhileReading, failed(String), bytes(count: Int, FileStamp) }
        var read: Read
        var wallNow: Int64
        var digest: UInt64 = 0
        /// Nil when the bytes were not decoded (unchanged); else the snapshot with the source's records.
        var decoded: Result<(StoreSnapshot, generatedAt: Timestamp?, problems: [DataProblem]), DataProblem>?
    }

    func fetch(_ kind: SourceKind) -> Fetch {
        let wallNow = wallClockNanos()
        return fetch(kind, SourceFileRead.read(path: directory + "/" + kind.fileName, maxBytes: maxFileBytes), wallNow: wallNow)
    }

    /// `fetch` of a file already read at `wallNow`.
    func fetch(_ kind: SourceKind, _ read: SourceFileRead, wallNow: Int64) -> Fetch {
        switch read {
        case .absent: return Fetch(read: .absent, wallNow: wallNow)
        case .changedWhileReading: return Fetch(read: .changedWhileReading, wallNow: wallNow)
        case .failed(let reason): return Fetch(read: .failed(reason), wallNow: wallNow)
        case .bytes(let bytes, let stamp):
            var f = Fetch(read: .bytes(count: bytes.count, stamp), wallNow: wallNow, digest: ContentDigest.of(bytes))
            if snapshot.info(kind).health == .ok && decodedDigest[kind] == f.digest { return f }
            var next = snapshot
            do throws(DataProblem) {
                let (generatedAt, problems) = try SourceDecoder.decode(kind, bytes: bytes, file: kind.fileName, into: &next)
                f.decoded = .success((next, generatedAt, problems))
            } catch {
                f.decoded = .failure(error)
            }
            return f
        }
    }

    mutating func apply(_ kind: SourceKind, _ fetched: Fetch, loadedAt: Timestamp) -> Outcome {
        let file = kind.fileName
        var info = snapshot.info(kind)
        let wallNow = fetched.wallNow
        switch fetched.read {
        case .absent:
            info.health = .missing; info.loadedAt = nil; info.generatedAt = nil
            snapshot.sources[kind] = info
            return .settled(recheckAtNanos: nil, changed: true)
        case .changedWhileReading:
            filesTorn += 1
            return .retry
        case .failed(let reason):
            info.health = .fileError(DataProblem(file: file, reason: reason))
            snapshot.sources[kind] = info
            return .settled(recheckAtNanos: nil, changed: true)
        case .bytes(let count, let stamp):
            filesRead += 1
            let recheck = wallNow - stamp.mtimeNanos < racyNanos ? stamp.mtimeNanos + racyNanos : nil
            guard let decoded = fetched.decoded else { return .settled(recheckAtNanos: recheck, changed: false) }
            filesDecoded += 1
            switch decoded {
            case .success(let (next, generatedAt, problems)):
                snapshot.takeRecords(of: kind, from: next)
                decodedDigest[kind] = fetched.digest
                snapshot.sources[kind] = SourceInfo(kind: kind, health: .ok, loadedAt: loadedAt, generatedAt: generatedAt,
                                                    recordProblems: problems, bytes: count)
            case .failure(let error):
                // Young and cut short (invalid JSON or empty): most likely a writer rewriting in place.
                // Give it the settle time before reporting.
                if wallNow - stamp.mtimeNanos < settleNanos && (error.line != nil || count == 0) { filesTorn += 1; return .retry }
                info.health = .fileError(error)
                snapshot.sources[kind] = info
            }
            return .settled(recheckAtNanos: recheck, changed: true)
        }
    }

    /// Marks the snapshot as a new publication.
    mutating func nextGeneration() -> StoreSnapshot {
        snapshot.generation += 1
        return snapshot
    }
}

import Dispatch
import Foundation

/// Whether a large records array is decoded on two cores (orders.json is nine tenths of a store's bytes).
///
/// The second half starts on another thread at a guessed record boundary past the middle, while this
/// thread decodes from the start as usual. The guess counts only if this thread's reader then arrives
/// exactly there, between two elements of the records array: that is the very state the second half
/// started from, so its records, problems and errors are exactly what one pass would have found. They are
/// then replayed in order through the same `keep` (same indices, duplicate handling and problem cap). A
/// wrong guess (bytes that looked like a record start inside a string or a nested array) is cancelled and
/// this thread carries on alone. Results never depend on timing or on the guess.
enum RecordSplit: Sendable {
    case never
    /// Arrays of at least `minimumBytes`, on machines with two or more cores.
    case auto
    /// Look for a cut from this byte offset, whatever the size (tests).
    case from(Int)

    static let minimumBytes = 2 << 20
    /// How far past the middle to look for a record boundary before giving up on splitting.
    static let searchBytes = 1 << 20

    /// Where to look for a cut in an array whose first element starts at `first`, or nil to stay single.
    func searchStart(first: Int, end: Int) -> Int? {
        switch self {
        case .never: nil
        case .auto:
            end - first >= Self.minimumBytes && ProcessInfo.processInfo.activeProcessorCount >= 2 ? first + (end - first) / 2 : nil
        case .from(let offset): max(offset, first + 1)
        }
    }
}

/// The second half of a split records array, decoded on a thread of its own. The worker owns every field
/// but `cancelled` until it signals `done`; the owner reads the results only after `wait()`.
final class SecondHalf<T: Sendable>: @unchecked Sendable {
    /// Offset of the first element's `{`.
    let cut: Int
    /// Accepted records, and their element numbers counted from the cut.
    private let records = RecordBuffer<T>()
    private var recordAt: [Int] = []
    /// The issues of elements that had any, by element number, the first `ProblemLog.limit` of them. Any
    /// after those would be past the owner's cap in a single pass too (the log holds at least as many by
    /// then), so they are only tallied: hostile input with millions of bad records costs no memory here.
    private var issues: [(at: Int, issues: [FieldReader.Issue], recordID: String?)] = []
    /// Issues held in `issues` (at most `ProblemLog.limit`), and those only counted.
    private(set) var storedIssues = 0
    private var unlisted = (errors: 0, warnings: 0)
    /// The syntax error that ended the array, if any (after the elements above).
    private var error: Error?
    /// Where the worker stopped: after the array's `]`, to continue the envelope from.
    private(set) var reader: JSONReader
    private let record: RecordDecoder<T>
    private let lock = NSLock()
    private var cancelled = false
    private let done = DispatchSemaphore(value: 0)
    private var joined = false

    /// Starts decoding from a plausible record boundary at or after `split`'s search start, if one is found:
    /// a `{` after a `,`, beginning with the same bytes as the first record up to its first `:`
    /// (exporters write every record's keys in the same order; nested objects rarely match).
    static func start(_ json: JSONReader, split: RecordSplit, record: @escaping RecordDecoder<T>) -> SecondHalf? {
        let first = json.nextValueOffset
        let p = json.p, end = json.end
        guard first < end, p[first] == UInt8(ascii: "{"), let from = split.searchStart(first: first, end: end) else { return nil }
        var prefixEnd = first + 1
        while prefixEnd < min(end, first + 32), p[prefixEnd] != UInt8(ascii: ":") { prefixEnd += 1 }
        guard prefixEnd < end, p[prefixEnd] == UInt8(ascii: ":") else { return nil }
        let prefix = prefixEnd + 1 - first
        var i = from
        let limit = min(end - prefix, from + RecordSplit.searchBytes)
        while i < limit {
            if p[i] == UInt8(ascii: "{") && memcmp(p + i, p + first, prefix) == 0 {
                var j = i - 1
                while j > first, [0x20, 0x0A, 0x0D, 0x09].contains(p[j]) { j -= 1 }
                if p[j] == UInt8(ascii: ",") {
                    let half = SecondHalf(cut: i, reader: json.fork(at: i), record: record)
                    Thread { half.run() }.start()   // a thread, not a pool: see `Concurrently`
                    return half
                }
            }
            i += 1
        }
        return nil
    }

    private init(cut: Int, reader: JSONReader, record: @escaping RecordDecoder<T>) {
        self.cut = cut; self.reader = reader; self.record = record
    }

    private func run() {
        var f = FieldReader(json: reader)
        var c = JSONCursor()
        var n = 0
        do {
            while try f.json.nextElement(&c) {
                if n & 255 == 0 && isCancelled { break }
                try Envelope.decodeElement(&f, record, note: { note($0, at: n, recordID: $1) },
                                           keep: { records.append($0); recordAt.append(n) })
                if n == 0 {
                    let count = Envelope.estimatedCount(bytes: reader.end - cut, firstRecord: f.json.offset - cut)
                    records.reserve(count); recordAt.reserveCapacity(count)
                }
                n += 1
            }
        } catch {
            self.error = error
        }
        reader = f.json
        done.signal()
    }

    private func note(_ found: [FieldReader.Issue], at n: Int, recordID: String?) {
        let room = ProblemLog.limit - storedIssues
        if room > 0 {
            issues.append((n, found.count <= room ? found : Array(found.prefix(room)), recordID))
            storedIssues += min(room, found.count)
        }
        for i in found.dropFirst(max(room, 0)) {
            if i.severity == .error { unlisted.errors += 1 } else { unlisted.warnings += 1 }
        }
    }

    /// Hands the second half's elements, numbered from `index`, to the owner's log and `keep` in file
    /// order, exactly as a single pass would have; then rethrows the error that ended it, if any.
    func replay(from index: Int, log: inout ProblemLog, _ keep: (consuming T, Int, inout ProblemLog) -> Void) throws {
        var next = 0   // into `issues`
        for k in 0..<records.count {
            let at = recordAt[k]
            while next < issues.count && issues[next].at <= at {
                log.add(issues[next].issues, index: index + issues[next].at, recordID: issues[next].recordID)
                next += 1
            }
            keep(records.take(k), index + at, &log)
        }
        for i in issues[next...] { log.add(i.issues, index: index + i.at, recordID: i.recordID) }
        log.addUnlisted(errors: unlisted.errors, warnings: unlisted.warnings)
        if let error { throw error }
    }

    private var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }

    /// Waits for the worker; idempotent.
    func wait() {
        guard !joined else { return }
        done.wait()
        joined = true
    }

    /// Stops the worker early and waits for it (its results are then meaningless).
    func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
        wait()
    }
}

/// Records in file order that the owner can move out one by one: an `Array` can only copy them out, which
/// for an order means retaining (and later releasing) its dozen strings and arrays.
final class RecordBuffer<T> {
    private var base: UnsafeMutablePointer<T>
    private var capacity = 64
    private(set) var count = 0
    private var taken = 0

    init() { base = .allocate(capacity: capacity) }

    deinit {
        (base + taken).deinitialize(count: count - taken)
        base.deallocate()
    }

    func reserve(_ n: Int) { if n > capacity { resize(n) } }

    func append(_ record: consuming T) {
        if count == capacity { resize(capacity * 2) }
        (base + count).initialize(to: record)
        count += 1
    }

    /// Moves out record `i`; records are taken in order, each once, after the last `append`.
    func take(_ i: Int) -> T {
        precondition(i == taken && i < count)
        taken += 1
        return (base + i).move()
    }

    private func resize(_ n: Int) {
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: n)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = n
    }
}

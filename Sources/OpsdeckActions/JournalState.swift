import OpsdeckModel

/// A journal line that could not be read. `torn` means the line was cut short (a writer died mid-write);
/// the lines after it are still read, since every writer starts its line on a fresh line.
public struct JournalProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case torn, invalid, duplicate }
    public var line: Int
    public var kind: Kind
    public var reason: String
    public init(line: Int, kind: Kind, reason: String) { self.line = line; self.kind = kind; self.reason = reason }
    public var description: String { "journal line \(line): \(kind == .torn ? "torn line: " : "")\(reason)" }
}

/// The journal as read so far: entries in file order plus the lines that could not be read.
/// A value, so the UI can hold one beside its snapshot and check drafts against it while the user types.
public struct JournalState: Sendable {
    public private(set) var entries: [JournalEntry] = []
    /// Unreadable complete lines (torn, invalid or duplicated), in file order.
    public private(set) var problems: [JournalProblem] = []
    /// The last line when it has no newline yet: a writer died mid-line. The next append starts a new line,
    /// after which it shows up in `problems` as torn (or as an entry, if only the newline was lost).
    public internal(set) var incompleteTail: JournalProblem?
    /// Complete lines read so far.
    public private(set) var lineCount = 0
    private var byKey: [String: Int] = [:]
    private var byActionID: [String: Int] = [:]

    public init() {}

    /// Parses a whole journal file (for tools and tests; `ActionJournal` reads incrementally).
    public init(bytes: [UInt8]) {
        let used = ingest(bytes[...])
        noteTail(bytes[used...])
    }

    /// The first entry written with this idempotency key.
    public func entry(key: String) -> JournalEntry? { byKey[key].map { entries[$0] } }
    public func entry(actionID: String) -> JournalEntry? { byActionID[actionID].map { entries[$0] } }

    /// Every problem, including an incomplete last line.
    public var allProblems: [JournalProblem] { problems + (incompleteTail.map { [$0] } ?? []) }

    /// Reads the complete lines in `bytes`; returns how many bytes they took (up to and including the last '\n').
    mutating func ingest(_ bytes: ArraySlice<UInt8>) -> Int {
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            if bytes[i] == 0x0A {
                consume(line: bytes[start..<i])
                start = i + 1
            }
            i += 1
        }
        return start - bytes.startIndex
    }

    mutating func noteTail(_ tail: ArraySlice<UInt8>) {
        incompleteTail = tail.isEmpty ? nil
            : JournalProblem(line: lineCount + 1, kind: .torn, reason: "incomplete last line (\(tail.count) bytes, no newline)")
    }

    private mutating func consume(line raw: ArraySlice<UInt8>) {
        lineCount += 1
        var line = raw
        if line.last == 0x0D { line = line.dropLast() }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        let entry: JournalEntry
        do {
            entry = try JournalEntry.parse(line: Array(line))
        } catch {
            problems.append(JournalProblem(line: lineCount, kind: error.endedEarly || Self.looksTorn(line) ? .torn : .invalid, reason: error.reason))
            return
        }
        if let first = byKey[entry.key] {
            problems.append(JournalProblem(line: lineCount, kind: .duplicate,
                                           reason: "key \(entry.key) already used by action \(entries[first].actionID)"))
        }
        if byActionID[entry.actionID] != nil {
            problems.append(JournalProblem(line: lineCount, kind: .duplicate, reason: "action_id \(entry.actionID) appears twice"))
        }
        add(entry)
    }

    private mutating func add(_ entry: JournalEntry) {
        let index = entries.count
        entries.append(entry)
        if byKey[entry.key] == nil { byKey[entry.key] = index }
        if byActionID[entry.actionID] == nil { byActionID[entry.actionID] = index }
    }

    /// This journal with `more` added as if written (ones already in it are skipped): the UI counts actions
    /// held in their undo window like journaled ones, so pending markers and dialog checks include them.
    public func including(_ more: [JournalEntry]) -> JournalState {
        var s = self
        for e in more where s.byActionID[e.actionID] == nil && s.byKey[e.key] == nil { s.add(e) }
        return s
    }

    /// A line that starts like a journal object but stops before its closing brace was cut short (one cut
    /// right after a nested brace is caught by `endedEarly`).
    private static func looksTorn(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.first == UInt8(ascii: "{") else { return true }
        return line.last != UInt8(ascii: "}")
    }
}

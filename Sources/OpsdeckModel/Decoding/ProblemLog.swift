/// The problems found in one file. Capped, so a broken exporter cannot flood memory or the screen with a
/// million identical complaints; the overflow is counted and summarised in one last problem.
struct ProblemLog {
    static let limit = 1000

    let file: String
    private(set) var problems: [DataProblem] = []
    private(set) var errors = 0
    private(set) var warnings = 0

    init(file: String) { self.file = file }

    mutating func add(_ p: DataProblem) {
        if p.severity == .error { errors += 1 } else { warnings += 1 }
        if problems.count < Self.limit { problems.append(p) }
    }

    /// Counts problems that fall past the cap without listing them (tallied by the second half of a split
    /// array, which stops keeping issues once it has `limit` of them).
    mutating func addUnlisted(errors e: Int, warnings w: Int) {
        precondition(e + w == 0 || problems.count == Self.limit, "unlisted problems before the log is full")
        errors += e
        warnings += w
    }

    /// Reports the issues of record `index` (array) or of line `line` (JSON Lines).
    mutating func add(_ issues: [FieldReader.Issue], index: Int? = nil, line: Int? = nil, recordID: String?) {
        for i in issues {
            add(DataProblem(file: file, line: line, index: index, recordID: recordID,
                            field: i.field.isEmpty ? nil : i.field, reason: i.reason, severity: i.severity))
        }
    }

    /// The listed problems, ending with a count of those left out.
    var listed: [DataProblem] {
        let shown = problems.count
        guard errors + warnings > shown else { return problems }
        let shownErrors = problems.filter { $0.severity == .error }.count
        let more = errors - shownErrors, moreWarnings = warnings - (shown - shownErrors)
        let counts = [more > 0 ? "\(more) more errors" : nil, moreWarnings > 0 ? "\(moreWarnings) more warnings" : nil]
        return problems + [DataProblem(file: file, reason: counts.compactMap { $0 }.joined(separator: " and ") + " not listed",
                                       severity: more > 0 ? .error : .warning)]
    }
}

/// What decoding one file found, for `opsdeck check` (the dashboard only needs `problems`).
public struct FileReport: Sendable, Equatable {
    public var file: String
    public var generatedAt: Timestamp?
    /// Records loaded (after dropping bad ones and merging duplicates); nil when the file was rejected.
    public var records: Int?
    /// Every problem, the file-level one included, capped at `ProblemLog.limit` plus a summary line.
    public var problems: [DataProblem]
    /// True counts, including problems beyond the cap.
    public var errors: Int
    public var warnings: Int
}

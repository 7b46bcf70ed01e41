import Foundation

/// `opsdeck check DIR`: reads a data directory exactly as the dashboard would and reports every problem,
/// for developers of an ERP exporter. Errors break the contract (the exit status is 1); warnings are
/// tolerated (a duplicate id, a missing `generated_at`) and leave the exit status 0.
public struct StoreCheck: Sendable {
    public var directory: String
    /// One report per file present, in `SourceKind` order.
    public var files: [FileReport]
    /// Problems about the directory itself: required files missing, files unreadable, refused (too large,
    /// not a regular file).
    public var directoryProblems: [DataProblem]

    public var errors: Int { files.reduce(0) { $0 + $1.errors } + directoryProblems.filter { $0.severity == .error }.count }
    public var warnings: Int { files.reduce(0) { $0 + $1.warnings } + directoryProblems.filter { $0.severity == .warning }.count }
    /// True when there are no errors (warnings allowed).
    public var passed: Bool { errors == 0 }

    /// Files are read as the poller reads them (`SourceFileRead`): over `maxFileBytes` or not a regular file
    /// is refused unread.
    public static func run(directory: String, maxFileBytes: Int64 = FileSizeLimit.defaultBytes) -> StoreCheck {
        var check = StoreCheck(directory: directory, files: [], directoryProblems: [])
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            check.directoryProblems.append(DataProblem(file: directory, reason: "no such directory"))
            return check
        }
        // store.json first: its currency is the default for files that name none.
        var settings = StoreSettings()
        for kind in [SourceKind.store] + SourceKind.allCases.filter({ $0 != .store }) {
            let path = (directory as NSString).appendingPathComponent(kind.fileName)
            let bytes: [UInt8]
            switch read(path, maxFileBytes: maxFileBytes) {
            case .bytes(let b, _): bytes = b
            case .absent:
                if kind.isRequired { check.directoryProblems.append(DataProblem(file: kind.fileName, reason: "required file missing")) }
                continue
            case .failed(let reason):
                check.directoryProblems.append(DataProblem(file: kind.fileName, reason: reason))
                continue
            case .changedWhileReading:
                check.directoryProblems.append(DataProblem(file: kind.fileName,
                    reason: "kept changing while being read (is the exporter writing it in place?)"))
                continue
            }
            let (report, snapshot) = SourceDecoder.report(kind, bytes: bytes, file: kind.fileName, settings: settings)
            if kind == .store, report.records != nil { settings = snapshot.settings }
            check.files.append(report)
        }
        check.files.sort { a, b in Self.order(a.file) < Self.order(b.file) }
        return check
    }

    /// A file caught mid-write is read again a few times before it is reported.
    static func read(_ path: String, maxFileBytes: Int64) -> SourceFileRead {
        var result = SourceFileRead.read(path: path, maxBytes: maxFileBytes)
        for _ in 0..<4 {
            guard case .changedWhileReading = result else { break }
            usleep(50_000)
            result = SourceFileRead.read(path: path, maxBytes: maxFileBytes)
        }
        return result
    }

    static func order(_ file: String) -> Int { SourceKind.allCases.firstIndex { $0.fileName == file } ?? Int.max }

    /// Every problem in output order: the directory's first, then each file's.
    public var problems: [DataProblem] { directoryProblems + files.flatMap(\.problems) }

    /// The human report: one line per problem, then `N files checked: E errors, W warnings`.
    public var text: String {
        var lines = problems.map { p in p.severity == .warning ? "\(p.description) (warning)" : p.description }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    public var summary: String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(count(files.count, "file")) checked: \(count(errors, "error")), \(count(warnings, "warning"))"
    }

    /// The machine report (one JSON object; key order is stable).
    public var json: String {
        func problem(_ p: DataProblem) -> JSONOut {
            .object([("severity", .string(p.severity.rawValue)), ("file", .string(p.file)),
                     ("line", p.line.map { .int($0) } ?? .null), ("column", p.column.map { .int($0) } ?? .null),
                     ("index", p.index.map { .int($0) } ?? .null), ("id", .string(p.recordID)),
                     ("field", .string(p.field)), ("reason", .string(p.reason)), ("message", .string(p.description))])
        }
        let fileEntries: [JSONOut] = files.map { f in
            .object([("file", .string(f.file)), ("loaded", .bool(f.records != nil)),
                     ("records", f.records.map { .int($0) } ?? .null),
                     ("generated_at", .string(f.generatedAt?.iso8601())),
                     ("errors", .int(f.errors)), ("warnings", .int(f.warnings))])
        }
        return JSONOut.object([
            ("directory", .string(directory)), ("passed", .bool(passed)),
            ("errors", .int(errors)), ("warnings", .int(warnings)),
            ("files", .array(fileEntries)), ("problems", .array(problems.map(problem))),
        ]).serialized()
    }
}

/// One thing wrong with a data file: either the whole file (invalid JSON, with line and column) or one
/// record (index, id, field). Printed the way compilers print, so editors can jump to it.
public struct DataProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var file: String
    public var line: Int?
    public var column: Int?
    public var index: Int?
    public var recordID: String?
    public var field: String?
    public var reason: String
    public var severity: Severity

    public init(file: String, line: Int? = nil, column: Int? = nil, index: Int? = nil, recordID: String? = nil,
                field: String? = nil, reason: String, severity: Severity = .error) {
        self.file = file; self.line = line; self.column = column; self.index = index
        self.recordID = recordID.map { Self.cut($0, 80) }; self.field = field.map { Self.cut($0, 120) }
        self.reason = Self.cut(reason, 300); self.severity = severity
    }

    /// Messages quote ids, keys and values from the data; a hostile 10 MB one must not become a 10 MB
    /// message on the operator's screen or in `opsdeck check`. Counted in Unicode scalars, not Characters:
    /// "a" followed by a million combining marks is one Character.
    static func cut(_ s: String, _ scalars: Int) -> String {
        guard s.utf8.count > scalars else { return s }   // fewer bytes than that: fewer scalars too
        let u = s.unicodeScalars
        guard let end = u.index(u.startIndex, offsetBy: scalars, limitedBy: u.endIndex), end != u.endIndex else { return s }
        return String(u[..<end]) + "…"
    }

    /// `file:line:col: reason` for file-level problems, `file[index] id=…: field: reason` for records of an
    /// array, `file:line id=…: field: reason` for records of a JSON Lines file, `file: field: reason` for a
    /// setting or envelope field.
    public var description: String {
        var s = file
        if let index {
            s += "[\(index)]"
        } else if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        if let recordID { s += " id=\(recordID)" }
        s += ": "
        if let field { s += "\(field): " }
        return s + reason
    }
}

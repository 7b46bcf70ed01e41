/// The strict TOML subset opsdeck's theme and keys files use (documented in docs/themes.md):
/// `# comments`, `[table]` / `[table.sub]` headers, and one-line `key = value` where value is a
/// "basic string" (escapes \" \\ \n \t \uXXXX), an array of such strings on one line, true/false, or a
/// decimal number (`5`, `0.5`, `-2`).
/// Keys are bare (A–Z a–z 0–9 _ -). Anything else is an error naming file, line and key.
public enum ConfigValue: Sendable, Equatable {
    case string(String)
    case strings([String])
    case bool(Bool)
    case number(Double)

    var typeName: String {
        switch self { case .string: "a string"; case .strings: "an array of strings"; case .bool: "a boolean"; case .number: "a number" }
    }
}

public struct ConfigEntry: Sendable, Equatable {
    /// Table path, empty for keys before the first header.
    public var table: [String]
    public var key: String
    public var value: ConfigValue
    public var line: Int
}

/// A problem in a config file, printed like a compiler diagnostic: `file:line: key 'k': reason`.
public struct ConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: String?
    public var reason: String
    public init(file: String, line: Int, key: String? = nil, reason: String) {
        self.file = file; self.line = line; self.key = key; self.reason = reason
    }
    public var description: String { "\(file):\(line): " + (key.map { "key '\($0)': " } ?? "") + reason }
}

public enum ConfigTOML {
    /// Entries in file order. Duplicate keys and tables are errors.
    public static func parse(_ text: String, file: String) throws(ConfigFileError) -> [ConfigEntry] {
        try parseDocument(text, file: file).entries
    }

    /// Entries, and every table header with its line (a table may be empty).
    public static func parseDocument(_ text: String, file: String) throws(ConfigFileError) -> (entries: [ConfigEntry], tables: [(path: [String], line: Int)]) {
        var entries: [ConfigEntry] = []
        var tables: [(path: [String], line: Int)] = []
        var table: [String] = []
        var seenTables: Set<[String]> = []
        var seenKeys: Set<[String]> = []
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = String(stripComment(Substring(raw.hasSuffix("\r") ? raw.dropLast() : raw))).trimming(" \t")
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw ConfigFileError(file: file, line: lineNo, reason: "malformed table header \(line)")
                }
                let parts = line.dropFirst().dropLast().split(separator: ".", omittingEmptySubsequences: false)
                    .map { String($0).trimming(" \t") }
                guard parts.allSatisfy(isBareKey) else {
                    throw ConfigFileError(file: file, line: lineNo, reason: "table names must be bare keys: \(line)")
                }
                guard seenTables.insert(parts).inserted else {
                    throw ConfigFileError(file: file, line: lineNo, reason: "table [\(parts.joined(separator: "."))] appears twice")
                }
                table = parts
                tables.append((parts, lineNo))
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw ConfigFileError(file: file, line: lineNo, reason: "expected `key = value`, `[table]` or a comment")
            }
            let key = String(line[..<eq]).trimming(" \t")
            guard isBareKey(key) else {
                throw ConfigFileError(file: file, line: lineNo, reason: "'\(key)' is not a bare key (A-Z a-z 0-9 _ -)")
            }
            guard seenKeys.insert(table + [key]).inserted else {
                throw ConfigFileError(file: file, line: lineNo, key: key, reason: "defined twice")
            }
            let rawValue = String(line[line.index(after: eq)...]).trimming(" \t")
            do throws(ValueError) {
                entries.append(ConfigEntry(table: table, key: key, value: try value(rawValue), line: lineNo))
            } catch {
                throw ConfigFileError(file: file, line: lineNo, key: key, reason: error.reason)
            }
        }
        return (entries, tables)
    }

    struct ValueError: Error { var reason: String }

    static func value(_ s: String) throws(ValueError) -> ConfigValue {
        if s == "true" { return .bool(true) }
        if s == "false" { return .bool(false) }
        if let n = number(s) { return .number(n) }
        var chars = Array(s)[...]
        if chars.first == "\"" {
            let str = try string(&chars)
            guard chars.isEmpty else { throw ValueError(reason: "unexpected text after the string") }
            return .string(str)
        }
        if chars.first == "[" {
            chars = chars.dropFirst()
            var items: [String] = []
            while true {
                skipSpaces(&chars)
                if chars.first == "]" { chars = chars.dropFirst(); break }
                guard chars.first == "\"" else { throw ValueError(reason: "arrays hold \"strings\" on one line, closed by ]") }
                items.append(try string(&chars))
                skipSpaces(&chars)
                if chars.first == "," { chars = chars.dropFirst(); continue }
                guard chars.first == "]" else { throw ValueError(reason: "expected , or ] in array") }
            }
            guard chars.isEmpty else { throw ValueError(reason: "unexpected text after the array") }
            return .strings(items)
        }
        throw ValueError(reason: s.isEmpty ? "missing value"
            : "unsupported value \(s) (allowed: \"string\", [\"strings\"], true, false, a number)")
    }

    /// `-`? digits, optionally `.` digits: nothing else (no exponents, no inf or nan).
    static func number(_ s: String) -> Double? {
        let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }) else { return nil }
        return Double(s)
    }

    /// Reads a basic string starting at its opening quote.
    static func string(_ c: inout ArraySlice<Character>) throws(ValueError) -> String {
        c = c.dropFirst()
        var out = ""
        while let ch = c.first {
            c = c.dropFirst()
            switch ch {
            case "\"": return out
            case "\\":
                guard let e = c.first else { break }
                c = c.dropFirst()
                switch e {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "u":
                    let hex = String(c.prefix(4))
                    guard hex.count == 4, let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) else {
                        throw ValueError(reason: "bad \\u escape")
                    }
                    out.unicodeScalars.append(u); c = c.dropFirst(4)
                default: throw ValueError(reason: "unsupported escape \\\(e)")
                }
            default:
                if ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    throw ValueError(reason: "control character in string")
                }
                out.append(ch)
            }
        }
        throw ValueError(reason: "unterminated string")
    }

    static func skipSpaces(_ c: inout ArraySlice<Character>) { while c.first == " " || c.first == "\t" { c = c.dropFirst() } }

    static func isBareKey(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    /// Drops a `#` comment that is not inside a string.
    static func stripComment(_ line: Substring) -> Substring {
        var inString = false, escaped = false
        for i in line.indices {
            let ch = line[i]
            if escaped { escaped = false; continue }
            if inString && ch == "\\" { escaped = true; continue }
            if ch == "\"" { inString.toggle() }
            if ch == "#" && !inString { return line[..<i] }
        }
        return line
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Reads the fields of one record at a time. A field of the wrong type, range or value is noted against the
/// record and the reader walks on to the record's end, so one bad record never desynchronises the file.
/// Absent, `null` and `""` all mean "not given"; required fields are checked with `require`.
///
/// Only syntax errors (`JSONSyntaxError`) are thrown: they end the whole file.
struct FieldReader {
    struct Issue {
        var field: String
        var reason: String
        var severity: DataProblem.Severity
    }

    var json: JSONReader
    /// Problems of the current record; any error rejects it.
    var issues: [Issue] = []
    /// The current record's id as soon as it is read, so problems can name it.
    var recordID: String?

    /// Largest money amount accepted, in minor units (10 trillion in a 2-decimal currency): sums over a
    /// whole store stay far from Int64 overflow, which would trap.
    static let maxMoney: Int64 = 1_000_000_000_000_000
    /// Largest quantity or count accepted.
    static let maxCount = 1_000_000_000

    init(json: JSONReader) { self.json = json }

    mutating func startRecord() {
        issues.removeAll(keepingCapacity: true)
        recordID = nil
    }

    var hasErrors: Bool { issues.contains { $0.severity == .error } }

    mutating func note(_ field: String, _ reason: String, _ severity: DataProblem.Severity = .error) {
        issues.append(Issue(field: field, reason: reason, severity: severity))
    }

    /// Runs one read; a value error becomes an issue of `key` and the result nil. `null` is nil, no issue.
    @inline(__always)
    mutating func read<T>(_ key: JSONKey, _ body: (inout JSONReader) throws -> T) throws -> T? {
        if try json.readNull() { return nil }
        do {
            return try body(&json)
        } catch let e as JSONValueError {
            note(key.string, e.reason)
            return nil
        }
    }

    /// The value of a required field, or nil after noting it missing (unless its value was already faulted).
    mutating func require<T>(_ value: T?, _ field: StaticString) -> T? {
        if value == nil {
            let name = "\(field)"
            if !issues.contains(where: { $0.field == name }) { note(name, "required field missing") }
        }
        return value
    }

    /// Begins an object value; nil (with an issue named `field`) when it is something else.
    mutating func beginObject(_ field: String) throws -> JSONCursor? {
        do {
            return try json.beginObject()
        } catch let e as JSONValueError {
            note(field, e.reason)
            return nil
        }
    }

    // MARK: typed fields

    mutating func id(_ key: JSONKey) throws -> String? {
        try read(key) { try $0.readID() }
    }

    /// The record's own id (`id`, `sku`, `action_id`), remembered so its problems can name it.
    mutating func recordKey(_ key: JSONKey) throws -> String? {
        let s = try id(key)
        recordID = s
        return s
    }

    mutating func string(_ key: JSONKey) throws -> String? {
        let s = try read(key) { try $0.readString() }
        return s?.isEmpty == true ? nil : s
    }

    mutating func bool(_ key: JSONKey) throws -> Bool? {
        try read(key) { try $0.readBool() }
    }

    mutating func timestamp(_ key: JSONKey) throws -> Timestamp? {
        try read(key) { try $0.readTimestamp() }
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ key: JSONKey, _ type: E.Type) throws -> E? where E.RawValue == String {
        try read(key) { try $0.readEnum(type) }
    }

    /// A whole number in `range` (quantities, counts, levels).
    mutating func int(_ key: JSONKey, _ range: ClosedRange<Int> = 0...maxCount) throws -> Int? {
        guard let v = try read(key, { try $0.readInt64() }) else { return nil }
        return inRange(key, v, Int64(range.lowerBound)...Int64(range.upperBound)).map { Int($0) }
    }

    /// Money in minor units, never negative.
    mutating func money(_ key: JSONKey) throws -> Int64? {
        guard let v = try read(key, { try $0.readInt64() }) else { return nil }
        return inRange(key, v, 0...Self.maxMoney)
    }

    /// A non-negative number that may have a fraction (days, units per day).
    mutating func decimal(_ key: JSONKey) throws -> Double? {
        guard let v = try read(key, { try $0.readDouble() }) else { return nil }
        guard v <= Double(Self.maxCount) else { note(key.string, "number out of range"); return nil }
        guard v >= 0 else { note(key.string, "must not be negative, found \(v)"); return nil }
        return v
    }

    /// An ISO 4217 code: three capital letters.
    mutating func currency(_ key: JSONKey) throws -> String? {
        guard let s = try string(key) else { return nil }
        guard s.utf8.count == 3, s.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            note(key.string, "expected a 3-letter ISO 4217 code such as USD, found \"\(s)\"")
            return nil
        }
        return s
    }

    mutating func strings(_ key: JSONKey) throws -> [String]? {
        try array(key) { f in
            try f.read(.element) { try $0.readString() }
        }
    }

    /// An array whose elements are read by `element`; issues inside are named `key[i].field` (an element
    /// itself faults under the empty name `JSONKey.element`). Elements that come back nil are left out
    /// (their issues reject the record anyway).
    mutating func array<T>(_ key: JSONKey, _ element: (inout FieldReader) throws -> T?) throws -> [T]? {
        if try json.readNull() { return nil }
        var c: JSONCursor
        do { c = try json.beginArray() } catch let e as JSONValueError { note(key.string, e.reason); return nil }
        var out: [T] = []
        var i = 0
        while try json.nextElement(&c) {
            let mark = issues.count
            if let v = try element(&self) { out.append(v) }
            if issues.count > mark {
                let prefix = "\(key.string)[\(i)]"
                for j in mark..<issues.count {
                    let f = issues[j].field
                    issues[j].field = f.isEmpty ? prefix : prefix + "." + f
                }
            }
            i += 1
        }
        return out
    }

    private mutating func inRange(_ key: JSONKey, _ v: Int64, _ range: ClosedRange<Int64>) -> Int64? {
        if range.contains(v) { return v }
        let reason: String
        if v > range.upperBound && range.upperBound >= Int64(Self.maxCount) || v < -Self.maxMoney {
            reason = "number out of range"
        } else if v < 0 && range.lowerBound == 0 {
            reason = "must not be negative, found \(v)"
        } else if range.upperBound < Int64(Self.maxCount) {
            reason = "must be between \(range.lowerBound) and \(range.upperBound), found \(v)"
        } else {
            reason = "must be at least \(range.lowerBound), found \(v)"
        }
        note(key.string, reason)
        return nil
    }
}

extension JSONKey {
    /// The empty name an array element's own problems are noted under (the array adds `[i]`).
    static var element: JSONKey {
        let s: StaticString = ""
        return JSONKey(base: s.utf8Start, count: 0)
    }
}

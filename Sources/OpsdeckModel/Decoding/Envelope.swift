/// Decodes one record of a records array from the reader's position; nil when it is not one. Runs on the
/// second thread of a split array too.
typealias RecordDecoder<T> = @Sendable (inout FieldReader) throws -> T?

/// The object every JSON data file is wrapped in:
/// `{ "schema": "opsdeck/1", "generated_at": "…", "currency": "USD", "<records key>": … }`.
struct Envelope {
    var generatedAt: Timestamp?
    /// Default currency of the file's records.
    var currency: String?
    /// Envelope problems that do not reject the file (missing schema, bad `generated_at`).
    var problems: [DataProblem] = []

    static let supportedMajor = 1

    /// Walks the top-level object of `bytes`. `records` is called with the reader at the value of
    /// `recordsKey`; every other unknown key is skipped. Throws `JSONSyntaxError` or a file-level `DataProblem`.
    static func read(_ bytes: [UInt8], file: String, recordsKey: StaticString,
                     records: (inout FieldReader) throws -> Void) throws -> Envelope {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw DataProblem(file: file, reason: bytes.isEmpty ? "file is empty" : "file holds only whitespace")
        }
        return try JSONReader.withReader(bytes: bytes) { json in
            json.skipByteOrderMark()
            var f = FieldReader(json: json)
            var env = Envelope()
            var sawSchema = false, sawRecords = false
            var envelopeIssues: [FieldReader.Issue] = []
            var c: JSONCursor
            do { c = try f.json.beginObject() } catch let e as JSONValueError {
                throw DataProblem(file: file, line: 1, column: 1, reason: "top level: \(e.reason); a data file is a JSON object")
            }
            while let k = try f.json.nextKey(&c) {
                if k == "schema" {
                    sawSchema = true
                    try checkSchema(&f.json, file: file)
                } else if k == "generated_at" {
                    env.generatedAt = try f.timestamp(k)
                } else if k == "currency" {
                    env.currency = try f.currency(k)
                } else if k == recordsKey {
                    sawRecords = true
                    try records(&f)
                } else {
                    try f.json.skipValue()
                }
                envelopeIssues += f.issues
                f.startRecord()
            }
            try f.json.expectEnd()
            env.problems = envelopeIssues.map { DataProblem(file: file, field: $0.field, reason: $0.reason, severity: $0.severity) }
            guard sawRecords else { throw DataProblem(file: file, reason: "no \"\(recordsKey)\" key in the top-level object") }
            if !sawSchema { env.problems.append(DataProblem(file: file, field: "schema", reason: "missing; read as opsdeck/1", severity: .warning)) }
            if env.generatedAt == nil && !envelopeIssues.contains(where: { $0.field == "generated_at" }) {
                env.problems.append(DataProblem(file: file, field: "generated_at", reason: "missing; freshness is measured from load time", severity: .warning))
            }
            return env
        }
    }

    /// `opsdeck/1` or `opsdeck/1.N` is read; any other schema rejects the file, since its meaning is unknown.
    static func checkSchema(_ json: inout JSONReader, file: String) throws {
        let s: String
        do { s = try json.readString() } catch let e as JSONValueError {
            throw DataProblem(file: file, field: "schema", reason: e.reason)
        }
        let parts = s.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, parts[0] == "opsdeck", let major = Int(parts[1].prefix { $0 != "." }) else {
            throw DataProblem(file: file, field: "schema", reason: "\"\(s)\" is not an opsdeck schema (expected \"opsdeck/1\")")
        }
        guard major == supportedMajor else {
            throw DataProblem(file: file, field: "schema",
                              reason: "\"\(s)\" is not supported: this opsdeck reads opsdeck/\(supportedMajor)")
        }
    }

    /// Walks an array of records: each element is decoded by `record`, and a record with errors is skipped and
    /// reported under its index, with its id when it got that far. Large arrays are decoded on two cores
    /// (see `RecordSplit`), with the same outcome. `reserve` is told, after the first record, about how
    /// many records the array holds.
    static func forEachRecord<T: Sendable>(_ f: inout FieldReader, key: StaticString, file: String, log: inout ProblemLog,
                                           split: RecordSplit = .auto,
                                           _ record: @escaping RecordDecoder<T>,
                                           reserve: (Int) -> Void = { _ in },
                                           keep: (consuming T, Int, inout ProblemLog) -> Void) throws {
        var c: JSONCursor
        do { c = try f.json.beginArray() } catch let e as JSONValueError {
            throw DataProblem(file: file, field: "\(key)", reason: e.reason)
        }
        let first = f.json.nextValueOffset
        var second = SecondHalf.start(f.json, split: split, record: record)
        defer { second?.cancel() }   // never leave with the worker still reading the bytes
        var index = 0
        while try f.json.nextElement(&c) {
            if let half = second, f.json.nextValueOffset >= half.cut {
                second = nil
                if f.json.nextValueOffset == half.cut {
                    // Arrived at the cut: the rest of the array is the second half's.
                    half.wait()
                    try half.replay(from: index, log: &log, keep)
                    f.json.join(half.reader)
                    break
                }
                half.cancel()   // the cut was not a record boundary
            }
            try decodeElement(&f, record, note: { log.add($0, index: index, recordID: $1) }, keep: { keep($0, index, &log) })
            if index == 0 { reserve(estimatedCount(bytes: f.json.end - first, firstRecord: f.json.offset - first)) }
            index += 1
        }
        f.startRecord()
    }

    /// One element of a records array: its issues (with the record's id, if read) go to `note`, then the
    /// record, unless an issue is an error, to `keep`. A single pass and the second half of a split both
    /// step through this, so the split's replay is the single pass's sequence by construction.
    @inline(__always)
    static func decodeElement<T>(_ f: inout FieldReader, _ record: RecordDecoder<T>,
                                 note: ([FieldReader.Issue], String?) -> Void, keep: (consuming T) -> Void) throws {
        f.startRecord()
        let r = try record(&f)
        if !f.issues.isEmpty { note(f.issues, f.recordID) }
        if !f.hasErrors, let r = consume r { keep(consume r) }
    }

    /// Records in `bytes` of an array whose first record took `firstRecord` bytes, generously: reserving
    /// costs address space only until records are stored, while growing an array of 100k records copies it.
    static func estimatedCount(bytes: Int, firstRecord: Int) -> Int {
        bytes / max(firstRecord, 64) * 5 / 4 + 16
    }
}

/// Records by id in file order; a later duplicate replaces the earlier one in place and is reported.
struct RecordList<T: Identifiable> where T.ID == String {
    private(set) var items: [T] = []
    /// Per element of `items`: the file index of the record it holds.
    private var fileIndex: [Int] = []
    private var slots = IDIndex()

    mutating func add(_ r: consuming T, index: Int, log: inout ProblemLog) {
        let id = r.id
        if let slot = slots.insertIfAbsent(items.count, forKey: id) {
            items[slot] = r
            log.add(DataProblem(file: log.file, index: index, recordID: id, field: nil,
                                reason: "duplicate id, replaces record [\(fileIndex[slot])]", severity: .warning))
            fileIndex[slot] = index
        } else {
            items.append(r)
            fileIndex.append(index)
        }
    }
}

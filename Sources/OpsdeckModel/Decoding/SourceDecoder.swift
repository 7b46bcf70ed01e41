/// Entry point from the poller and `opsdeck check` into the per-file decoders.
public enum SourceDecoder {
    /// Decodes one file's bytes as `kind` and replaces that source's records in `snapshot`.
    /// Returns `generated_at` and the record-level problems (skipped records, duplicate ids).
    /// Throws a file-level problem (invalid JSON with line:column, wrong envelope) and leaves `snapshot` untouched.
    public static func decode(_ kind: SourceKind, bytes: [UInt8], file: String,
                              into snapshot: inout StoreSnapshot) throws(DataProblem) -> (generatedAt: Timestamp?, problems: [DataProblem]) {
        var log = ProblemLog(file: file)
        let (generatedAt, _) = try decode(kind, bytes: bytes, file: file, into: &snapshot, log: &log)
        return (generatedAt, log.listed)
    }

    /// Decodes into a scratch snapshot (with `settings`, for the default currency) and reports everything
    /// found, for `opsdeck check`. Returns the scratch snapshot too.
    public static func report(_ kind: SourceKind, bytes: [UInt8], file: String,
                              settings: StoreSettings = StoreSettings()) -> (FileReport, StoreSnapshot) {
        var scratch = StoreSnapshot(settings: settings)
        var log = ProblemLog(file: file)
        do throws(DataProblem) {
            let (generatedAt, records) = try decode(kind, bytes: bytes, file: file, into: &scratch, log: &log)
            return (FileReport(file: file, generatedAt: generatedAt, records: records, problems: log.listed,
                               errors: log.errors, warnings: log.warnings), scratch)
        } catch {
            // The file-level problem first: it is why nothing loaded. Problems found before it are kept.
            var all = ProblemLog(file: file)
            all.add(error)
            for p in log.listed { all.add(p) }
            return (FileReport(file: file, generatedAt: nil, records: nil, problems: all.listed,
                               errors: all.errors, warnings: all.warnings), scratch)
        }
    }

    static func decode(_ kind: SourceKind, bytes: [UInt8], file: String, into snapshot: inout StoreSnapshot,
                       log: inout ProblemLog, split: RecordSplit = .auto) throws(DataProblem) -> (generatedAt: Timestamp?, records: Int) {
        do {
            switch kind {
            case .orders, .orderHistory:
                var (env, orders) = try records(bytes, file: file, key: "orders", log: &log, split: split, OrderDecoder.order)
                fillCurrency(&orders, env: env, settings: snapshot.settings, log: &log)
                if kind == .orders { snapshot.orders = orders } else { snapshot.orderHistory = orders }
                return (env.generatedAt, orders.count)
            case .stock:
                let (env, items) = try records(bytes, file: file, key: "items", log: &log, split: split, StockDecoder.item)
                snapshot.stock = items
                return (env.generatedAt, items.count)
            case .carts:
                var (env, carts) = try records(bytes, file: file, key: "carts", log: &log, split: split, CartDecoder.cart)
                fillCurrency(&carts, env: env, settings: snapshot.settings, log: &log)
                snapshot.carts = carts
                return (env.generatedAt, carts.count)
            case .tickets:
                let (env, tickets) = try records(bytes, file: file, key: "tickets", log: &log, split: split, TicketDecoder.ticket)
                snapshot.tickets = tickets
                return (env.generatedAt, tickets.count)
            case .customers:
                let (env, customers) = try records(bytes, file: file, key: "customers", log: &log, split: split, CustomerDecoder.customer)
                snapshot.customers = customers
                return (env.generatedAt, customers.count)
            case .store:
                var settings = StoreSettings()
                let env = try Envelope.read(bytes, file: file, recordsKey: "store") { f in
                    settings = try StoreSettingsDecoder.settings(&f)
                    for i in f.issues {
                        log.add(DataProblem(file: file, field: "store" + (i.field.isEmpty ? "" : "." + i.field),
                                            reason: i.reason, severity: i.severity))
                    }
                    f.startRecord()
                }
                for p in env.problems { log.add(p) }
                snapshot.settings = settings
                return (env.generatedAt, 1)
            case .actionResults:
                let results = ActionResultDecoder.results(bytes, file: file, log: &log)
                snapshot.actionResults = results
                return (nil, results.count)
            }
        } catch let e as DataProblem {
            throw e
        } catch let e as JSONSyntaxError {
            let (line, column) = JSONReader.lineColumn(of: e.offset, in: bytes)
            throw DataProblem(file: file, line: line, column: column, reason: "invalid JSON: \(e.reason)")
        } catch {
            throw DataProblem(file: file, reason: "\(error)")
        }
    }

    /// Decodes an enveloped array of records, keeping the last of duplicate ids.
    static func records<T: Identifiable & Sendable>(_ bytes: [UInt8], file: String, key: StaticString, log: inout ProblemLog,
                                                    split: RecordSplit, _ decode: @escaping RecordDecoder<T>) throws -> (Envelope, [T]) where T.ID == String {
        // Ids are nearly always unique: collect the records as they come and check for duplicates once at
        // the end (sorting hashes beats probing a table 100k times); decode again only when there are some.
        let before = log
        var items: [T] = []
        do {
            let env = try Envelope.read(bytes, file: file, recordsKey: key) { f in
                try Envelope.forEachRecord(&f, key: key, file: file, log: &log, split: split, decode,
                                           reserve: { items.reserveCapacity($0) }) { r, _, _ in items.append(r) }
            }
            if !mayHaveDuplicateIDs(items) {
                for p in env.problems { log.add(p) }
                return (env, items)
            }
        } catch where !mayHaveDuplicateIDs(items) {
            throw error
        }
        log = before
        items = []
        var list = RecordList<T>()
        let env = try Envelope.read(bytes, file: file, recordsKey: key) { f in
            try Envelope.forEachRecord(&f, key: key, file: file, log: &log, split: split, decode) { r, i, log in list.add(r, index: i, log: &log) }
        }
        for p in env.problems { log.add(p) }
        return (env, list.items)
    }

    /// False when every id is unique; true when two ids share a 64-bit hash (nearly always a real duplicate).
    static func mayHaveDuplicateIDs<T: Identifiable>(_ items: [T]) -> Bool where T.ID == String {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(items.count)
        items.withUnsafeBufferPointer { buf in
            for i in buf.indices { hashes.append(IDIndex.hash(buf[i].id)) }
        }
        hashes = radixSorted(hashes)
        return hashes.indices.dropFirst().contains { hashes[$0] == hashes[$0 - 1] }
    }

    /// Least-significant-digit radix sort, 11 bits a pass: six linear passes, several times faster than a
    /// comparison sort of 100k hashes.
    static func radixSorted(_ values: [UInt64]) -> [UInt64] {
        var a = values, b = values
        for shift in stride(from: UInt64(0), to: 64, by: 11) {
            var start = [Int](repeating: 0, count: 2049)
            for x in a { start[Int((x >> shift) & 2047) + 1] += 1 }
            for d in 1..<start.count { start[d] += start[d - 1] }
            for x in a {
                let d = Int((x >> shift) & 2047)
                b[start[d]] = x
                start[d] += 1
            }
            swap(&a, &b)
        }
        return a
    }

    /// Records that named no currency take the file's; failing that the store's, with a warning.
    static func fillCurrency<T: PricedRecord>(_ items: inout [T], env: Envelope, settings: StoreSettings, log: inout ProblemLog) {
        guard items.contains(where: { $0.currency.isEmpty }) else { return }
        let currency = env.currency ?? settings.currency
        if env.currency == nil {
            log.add(DataProblem(file: log.file, field: "currency",
                                reason: "not given for the file or some records; assuming \(currency)", severity: .warning))
        }
        for i in items.indices where items[i].currency.isEmpty { items[i].currency = currency }
    }
}

/// A record whose money is in a currency that may default to its file's.
protocol PricedRecord { var currency: String { get set } }
extension Order: PricedRecord {}
extension Cart: PricedRecord {}

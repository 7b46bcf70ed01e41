import XCTest
@testable import OpsdeckModel

/// The pieces that make loading fast, checked against the plain ways they replace.
final class FastPathTests: XCTestCase {
    typealias SeededRandom = DecodingFuzzTests.SeededRandom

    func testContentDigestIsXXHash64() {
        // Published xxHash64 (seed 0) values; the lengths cover the 32-byte stripes and every tail.
        let cases: [(String, UInt64)] = [
            ("", 0xEF46_DB37_51D8_E999),
            ("a", 0xD24E_C4F1_A98C_6E5B),
            ("abc", 0x44BC_2CF5_AD77_0999),
            ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1),
        ]
        for (text, digest) in cases { XCTAssertEqual(ContentDigest.of(Array(text.utf8)), digest, text) }
        // One changed byte anywhere changes the digest.
        let base = [UInt8](repeating: 0x61, count: 100)
        let digests = Set((0..<100).map { i -> UInt64 in var b = base; b[i] = 0x62; return ContentDigest.of(b) })
        XCTAssertEqual(digests.count, 100)
        XCTAssertFalse(digests.contains(ContentDigest.of(base)))
    }

    func testIDIndexAgreesWithDictionary() {
        var rng = SeededRandom(state: 7)
        var index = IDIndex()
        var model: [String: Int] = [:]
        for step in 0..<5000 {
            // Short and long ids, many repeats, non-ASCII and the empty id.
            let n = Int.random(in: 0..<700, using: &rng)
            let id = step % 97 == 0 ? "" : (n % 3 == 0 ? "Ö-\(n)" : n % 3 == 1 ? "O\(n)" : "order-with-a-long-id-\(n)")
            if step % 2 == 0 {
                XCTAssertEqual(index.updateValue(step, forKey: id), model.updateValue(step, forKey: id), id)
            } else {
                let old = index.insertIfAbsent(step, forKey: id)
                XCTAssertEqual(old, model[id], id)
                if old == nil { model[id] = step }
            }
        }
        XCTAssertEqual(index.count, model.count)
        for n in 0..<800 {
            for id in ["Ö-\(n)", "O\(n)", "order-with-a-long-id-\(n)", "o\(n)"] { XCTAssertEqual(index[id], model[id], id) }
        }
        XCTAssertEqual(index[""], model[""])
    }

    func testNeedsCleaningOnRawBytesCatchesEverythingTheDecodedStringHolds() {
        // Random bytes biased toward the lead and continuation bytes of the cleaned characters,
        // including invalid UTF-8 (which decoding repairs to U+FFFD).
        var rng = SeededRandom(state: 11)
        let alphabet: [UInt8] = [0x00, 0x1B, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0x81, 0x8B, 0x9F, 0xA0, 0xA8, 0xAE, 0xBB, 0xBF,
                                 0xC2, 0xD8, 0x9C, 0xE2, 0xEF, 0xF0]
        var caught = 0
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0..<20, using: &rng)).map { _ in
                Bool.random(using: &rng) ? alphabet.randomElement(using: &rng)! : 0x61
            }
            let decoded = String(decoding: bytes, as: UTF8.self)
            let raw = bytes.withUnsafeBufferPointer { InertText.needsCleaning($0) }
            if InertText.needsCleaning(decoded.utf8) { XCTAssertTrue(raw, "\(bytes)"); caught += 1 }
            XCTAssertEqual(bytes.withUnsafeBufferPointer { InertText.string($0) }, InertText.inert(decoded), "\(bytes)")
        }
        XCTAssertGreaterThan(caught, 1000)
    }

    // MARK: two-core decoding

    /// Decodes `bytes` as orders with `split`; the records, problems, or the file-level problem.
    func decodeOrders(_ bytes: [UInt8], _ split: RecordSplit) -> String {
        var snapshot = StoreSnapshot()
        var log = ProblemLog(file: "orders.json")
        do {
            let (generatedAt, count) = try SourceDecoder.decode(.orders, bytes: bytes, file: "orders.json", into: &snapshot,
                                                                log: &log, split: split)
            return "\(generatedAt.map { $0.iso8601() } ?? "-") \(count)\n\(snapshot.orders)\n\(log.listed)"
        } catch {
            return "failed: \(error)\n\(log.listed)"
        }
    }

    func assertSplitChangesNothing(_ text: String, _ what: String, step: Int = 1, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = Array(text.utf8)
        let single = decodeOrders(bytes, .never)
        for from in stride(from: 0, through: bytes.count, by: step) where decodeOrders(bytes, .from(from)) != single {
            XCTFail("\(what): cutting from byte \(from) changed the outcome", file: file, line: line)
            return
        }
    }

    func testSplitDecodingGivesTheSameRecordsProblemsAndErrorsWhereverItCuts() {
        // Good, bad and duplicate records, nested objects and strings that look like record starts, escapes,
        // and keys after the array; every byte offset is tried as the place to look for a cut.
        let records = [
            orderJSON(id: "1"),
            orderJSON(id: "2", ["status": "\"bogus\""]),
            orderJSON(id: "3", ["lines": #"[{"id":"x","sku":"A","qty":1,"unit_price_minor":5},{"id":"y","sku":"B","qty":1,"unit_price_minor":5}]"#]),
            orderJSON(id: "4", ["hold_reason": #"",{\"id\":\"9\"}""#]),
            orderJSON(id: "1", ["total_minor": "5"]),
            "42",
            orderJSON(id: "5", ["number": #""caf\u00e9""#]),
            orderJSON(id: "2"),
            orderJSON(id: "6", ["total_minor": "-1"]),
        ]
        let good = envelope("orders", records, extra: "").replacingOccurrences(of: "},{", with: "},\n{")
        assertSplitChangesNothing(good, "valid file")
        assertSplitChangesNothing(good.replacingOccurrences(of: #"]}"#, with: #"],"currency":"EUR"}"#), "keys after the array")
        // Syntax errors in either half, an unterminated file, and a record array that is not one.
        assertSplitChangesNothing(good.replacingOccurrences(of: #""id":"5""#, with: #""id":"5"#), "broken record")
        assertSplitChangesNothing(String(good.dropLast(30)), "cut short")
        assertSplitChangesNothing(envelope("orders", ["[]", orderJSON(id: "1"), "{}", orderJSON(id: "2")], extra: ""), "odd elements")
    }

    func testSplitDecodingKeepsTheProblemCap() {
        // More problems than the log lists: which ones are listed and the counts must not change.
        let records = (0..<1500).map { orderJSON(id: "\($0 % 1400)", $0 % 5 == 0 ? [:] : ["status": "\"x\""]) }
        let text = envelope("orders", records, extra: "")
        assertSplitChangesNothing(text, "capped problems", step: text.utf8.count / 7)
        XCTAssertTrue(decodeOrders(Array(text.utf8), .never).contains("more errors"))
    }

    func testSplitSecondHalfKeepsOnlyTheCapOfIssuesAndCountsTheRest() throws {
        // Thousands of problems after the cut: records with two errors, with a warning (kept), with one
        // error, and kept duplicates of early ids (warnings added by `keep` during the replay).
        let records = (0..<3000).map { i -> String in
            if i < 100 { return orderJSON(id: "\(i)") }
            let id = "\(i % 2900)"
            switch i % 3 {
            case 0: return orderJSON(id: id, ["status": "\"x\"", "total_minor": "-1"])
            case 1: return orderJSON(id: id, ["refunded_minor": "99999"])
            default: return orderJSON(id: id, ["status": "\"x\""])
            }
        }
        let text = envelope("orders", records, extra: "")
        let bytes = Array(text.utf8)
        assertSplitChangesNothing(text, "thousands of problems after the cut", step: bytes.count / 9)
        let single = decodeOrders(bytes, .never)
        XCTAssertTrue(single.contains("more errors and") && single.contains("more warnings not listed"), single.suffix(300).description)
        // The worker itself holds no more than the cap.
        try JSONReader.withReader(bytes: bytes) { json in
            var c = try json.beginObject()
            while let k = try json.nextKey(&c), !(k == "orders") { try json.skipValue() }
            _ = try json.beginArray()
            let half = try XCTUnwrap(SecondHalf.start(json, split: .from(bytes.count / 20), record: OrderDecoder.order))
            half.wait()
            XCTAssertEqual(half.storedIssues, ProblemLog.limit)
        }
    }

    func testLargeFilesAreSplitAutomatically() {
        // The real sizes take the two-core path (when the machine has two cores) and agree with one pass.
        let records = (0..<12_000).map { orderJSON(id: "\($0)", ["hold_reason": "\"\(String(repeating: "x", count: 100))\""]) }
        let text = envelope("orders", records, extra: "").replacingOccurrences(of: "},{\"id\"", with: "},\n{\"id\"")
        XCTAssertGreaterThan(text.utf8.count, RecordSplit.minimumBytes)
        XCTAssertEqual(decodeOrders(Array(text.utf8), .auto), decodeOrders(Array(text.utf8), .never))
    }

    func testRadixSortAgreesWithSort() {
        var rng = SeededRandom(state: 3)
        for n in [0, 1, 2, 100, 5000] {
            // Small values repeat (equal neighbours must survive); large ones exercise every digit.
            let values = (0..<n).map { i in i % 3 == 0 ? UInt64.random(in: 0..<50, using: &rng) : rng.next() }
            XCTAssertEqual(SourceDecoder.radixSorted(values), values.sorted(), "n = \(n)")
        }
    }

    func testStringCacheGivesEachStringItsOwnInertText() {
        // More distinct long strings than the cache has slots (so slots are shared), each read twice, some
        // needing cleaning; and a clean string equal to another's cleaned form.
        // Both the largest cache and the 16 slots of one made for a short JSON line.
        let texts = (0..<20_000).map { "Product \($0) – size M\($0 % 7 == 0 ? "\u{1B}[2J" : "")" } + ["Product 7 – size M␛[2J"]
        for cache in [StringCache(forBytes: 1 << 30), StringCache(forBytes: 200)] {
            for round in 0..<2 {
                for t in texts {
                    let bytes = Array(t.utf8)
                    XCTAssertEqual(bytes.withUnsafeBufferPointer { cache.string($0) }, InertText.inert(t), "round \(round): \(t)")
                }
            }
        }
    }

    func testLargeStoresDeriveTheOrderFiguresOnASecondCoreWithTheSameResults() {
        // 25k orders take the two-thread path of StoreFacts; every figure it produces is counted here by hand.
        let now = Timestamp(epochSeconds: 1_800_000_000)
        let statuses: [OrderStatus] = [.paid, .shipped, .cancelled, .picking, .delivered]
        let orders = (0..<25_000).map { (i: Int) -> Order in
            let shipBy: Timestamp? = i % 3 == 0 ? nil : now.adding(seconds: Int64(i % 1000) - 400)
            let line = OrderLine(sku: "S", qty: 1, unitPriceMinor: Int64(i))
            return Order(id: "O\(i % 24_000)", customerID: "C\(i % 700)", placedAt: now.adding(seconds: -Int64(i) * 17),
                         status: statuses[i % 5], totalMinor: Int64(i), currency: "USD", lines: [line], shipBy: shipBy)
        }
        let facts = StoreFacts(snapshot: StoreSnapshot(orders: orders), now: now)
        let open = orders.indices.filter { orders[$0].status.isOpen }
        XCTAssertEqual(facts.openOrderIndices, open)
        XCTAssertEqual(facts.kpis.openOrders, open.count)
        XCTAssertEqual(facts.kpis.lateOrders, open.filter { orders[$0].shipBy.map { $0 < now } ?? false }.count)
        let dayStart = facts.calendar.startOfDay(containing: now)
        XCTAssertEqual(facts.kpis.ordersToday, orders.filter { $0.status != .cancelled && $0.placedAt >= dayStart && $0.placedAt <= now }.count)
        // Ids repeat after 24,000: the later order wins, as in decoding.
        XCTAssertEqual(facts.order(id: "O5")?.totalMinor, 24_005)
        XCTAssertEqual(facts.order(id: "O23999")?.totalMinor, 23_999)
        XCTAssertNil(facts.order(id: "O24000"))
    }
}

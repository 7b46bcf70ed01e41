import XCTest
@testable import OpsdeckModel

/// Deterministic mutation fuzzing: every mutant of a valid orders file must give a snapshot or a clear
/// problem — never a crash, a hang or an unexplained rejection.
final class DecodingFuzzTests: XCTestCase {
    /// SplitMix64: small, seeded, the same on every machine.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let interesting: [[UInt8]] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "-", "1e999", "99999999999999999999", "\\u0000",
        "\\ud800", "\u{1B}", "\u{0}", "\u{FEFF}", "\"\\u001b]52;c;x\\u0007\"", "-0", "0.5", "true",
    ].map { Array($0.utf8) }

    func mutate(_ base: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var b = base
        switch rng.next() % 6 {
        case 0: b.removeSubrange(Int.random(in: 0..<b.count, using: &rng)...)                     // truncation
        case 1:                                                                                    // byte flips
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
        case 2: b.insert(contentsOf: Self.interesting.randomElement(using: &rng)!, at: Int.random(in: 0...b.count, using: &rng))
        case 3:                                                                                    // deletion
            let at = Int.random(in: 0..<b.count, using: &rng)
            b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...20, using: &rng)))
        case 4:                                                                                    // deep nesting
            let depth = Int.random(in: 1...2000, using: &rng)
            let at = Int.random(in: 0...b.count, using: &rng)
            b.insert(contentsOf: Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth), at: at)
        default:                                                                                   // duplicate a slice
            let at = Int.random(in: 0..<b.count, using: &rng)
            let slice = b[at..<min(b.count, at + Int.random(in: 1...200, using: &rng))]
            b.insert(contentsOf: slice, at: Int.random(in: 0...b.count, using: &rng))
        }
        return b
    }

    func testMutatedOrderFilesNeverCrashOrHang() {
        let records = (0..<8).map { i in
            orderJSON(id: "\(i)", ["refunds": #"[{"amount_minor":100,"at":"2026-11-22T10:00:00Z"}]"#,
                                   "tracking": #"[{"carrier":"UPS","eta":"2026-11-24T12:00:00+02:00"}]"#,
                                   "discount_codes": #"["A","B"]"#, "channel": #""web""#])
        }
        let base = Array(envelope("orders", records).utf8)
        var rng = SeededRandom(state: 20261122)
        var loaded = 0, recordProblems = 0, fileProblems = 0
        for _ in 0..<2000 {
            let bytes = mutate(base, &rng)
            var s = StoreSnapshot()
            do {
                let r = try SourceDecoder.decode(.orders, bytes: bytes, file: "orders.json", into: &s)
                loaded += 1
                // What loaded is valid. (Fewer records is not always a fault: a mutant can close the array early
                // and still be valid JSON.)
                XCTAssertLessThanOrEqual(s.orders.count, records.count + 4)
                for p in r.problems { XCTAssertFalse(p.reason.isEmpty); XCTAssertEqual(p.file, "orders.json") }
                recordProblems += r.problems.count
                for o in s.orders {
                    XCTAssertFalse(o.lines.isEmpty)
                    XCTAssertTrue(o.lines.allSatisfy { $0.qty > 0 && $0.unitPriceMinor >= 0 })
                    XCTAssertGreaterThanOrEqual(o.totalMinor, 0)
                    XCTAssertFalse(InertText.needsCleaning(o.id.utf8) || InertText.needsCleaning(o.customerID.utf8))
                    XCTAssertFalse(o.lines.contains { InertText.needsCleaning($0.sku.utf8) || InertText.needsCleaning(($0.name ?? "").utf8) })
                }
            } catch {
                fileProblems += 1
                XCTAssertEqual(error.file, "orders.json")
                XCTAssertFalse(error.reason.isEmpty)
                if let line = error.line { XCTAssertGreaterThanOrEqual(line, 1); XCTAssertGreaterThanOrEqual(error.column ?? 0, 1) }
            }
        }
        // The mutants exercise both paths (figures are fixed by the seed).
        XCTAssertGreaterThan(loaded, 100)
        XCTAssertGreaterThan(fileProblems, 500)
        XCTAssertGreaterThan(recordProblems, 50)
    }

    func testMutatedFilesOfEveryKindNeverCrash() throws {
        var rng = SeededRandom(state: 7)
        var rejected = 0
        for kind in SourceKind.allCases where kind != .orderHistory && kind != .customers {
            let url = URL(fileURLWithPath: CheckTests.fixture("clean")).appendingPathComponent(kind.fileName)
            let base = [UInt8](try Data(contentsOf: url))
            for _ in 0..<250 {
                var s = StoreSnapshot()
                do {
                    let r = try SourceDecoder.decode(kind, bytes: mutate(base, &rng), file: kind.fileName, into: &s)
                    XCTAssertTrue(r.problems.allSatisfy { !$0.reason.isEmpty && $0.file == kind.fileName })
                } catch {
                    rejected += 1
                    XCTAssertEqual(error.file, kind.fileName)
                }
            }
        }
        XCTAssertGreaterThan(rejected, 300)
    }
}

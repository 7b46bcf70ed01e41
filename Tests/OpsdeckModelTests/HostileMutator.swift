import Foundation

/// Makes hostile variants of a valid data file. It knows where every value and key of the base document
/// is, so besides byte-level damage (truncation, flips, deletions) it can put a wrong type, a hostile
/// number or string, a duplicate key or deep nesting exactly where a field is.
struct HostileMutator {
    typealias Rng = DecodingFuzzTests.SeededRandom

    struct Span { var range: Range<Int>; var isKey: Bool; var isNumber: Bool }

    let base: [UInt8]
    /// Every value (containers included, root excluded) and every key of the base, by byte range.
    let spans: [Span]
    let values: [Span]
    let keys: [Span]
    /// The top-level documents (one, or one per line of a JSON Lines file).
    let documents: [Range<Int>]

    init(_ base: [UInt8]) {
        self.base = base
        var found: [Span] = []
        var documents: [Range<Int>] = []
        var i = 0
        // JSON Lines: each line is a document.
        while i < base.count {
            Self.skipSpace(base, &i)
            guard i < base.count else { break }
            let start = i
            Self.scanValue(base, &i, into: &found)
            found.removeAll { $0.range == start..<i }            // not the document itself
            documents.append(start..<i)
        }
        self.documents = documents
        spans = found
        values = found.filter { !$0.isKey }
        keys = found.filter(\.isKey)
    }

    // MARK: Scanning the (valid) base

    static func skipSpace(_ b: [UInt8], _ i: inout Int) {
        while i < b.count, [0x20, 0x0A, 0x0D, 0x09].contains(b[i]) { i += 1 }
    }

    static func scanValue(_ b: [UInt8], _ i: inout Int, into spans: inout [Span]) {
        skipSpace(b, &i)
        let start = i
        switch b[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = b[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            i += 1
            skipSpace(b, &i)
            while b[i] != close {
                if isObject {
                    let k = i
                    scanString(b, &i)
                    spans.append(Span(range: k..<i, isKey: true, isNumber: false))
                    skipSpace(b, &i); i += 1                      // ':'
                }
                scanValue(b, &i, into: &spans)
                skipSpace(b, &i)
                if b[i] == UInt8(ascii: ",") { i += 1; skipSpace(b, &i) }
            }
            i += 1
        case UInt8(ascii: "\""):
            scanString(b, &i)
        default:
            while i < b.count, !",]}\r\n\t ".utf8.contains(b[i]) { i += 1 }
        }
        let isNumber = b[start] == UInt8(ascii: "-") || (0x30...0x39).contains(b[start])
        spans.append(Span(range: start..<i, isKey: false, isNumber: isNumber))
    }

    static func scanString(_ b: [UInt8], _ i: inout Int) {
        i += 1
        while b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
        i += 1
    }

    // MARK: Hostile material

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Values for any field: wrong types, numbers at and past every limit, hostile text and times.
    static let hostileValues: [[UInt8]] = [
        "NaN", "-NaN", "Infinity", "-Infinity", "inf", "1e400", "-1e400", "1e-400", "-0", "-0.0", "0e0", "-0e-0",
        "99999999999999999999", "-99999999999999999999", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551616", "1000000000000000",
        "1000000000000001", "1000000000", "1000000001", "-1", "-1000000001", "1.5", "0.1", "1e3", "1E+2", "12.0",
        "1.0e-1", "00", "01", "+1", ".5", "5.", "0x10", "1e", "--1",
        "\"\"", "\" \"", "\"-1\"", "\"12\"", "\"NaN\"", "true", "false", "null", "nul", "{}", "[]", "[null]", "[[]]",
        "{\"\":null}", "[1,2,3]", "{\"id\":\"x\"}",
        #""\u0000""#, #""\u001b[2J\u001b]0;pwned\u0007""#, #""\u001b]52;c;ZXZpbA==\u0007""#, #""\u009b31m""#,
        #""\u202e\u2066x\u200b\u2028""#, #""\ud800""#, #""\udc00\ud800""#, #""\uZZZZ""#, #""\x""#, #""\""#,
        "\"\u{1B}[31mred\u{1B}[0m\"", "\"a\u{7F}\u{9B}b\u{8}\u{8}\"", "\"\u{FEFF}x\"", "\"line\r\nbreak\"", "\"tab\there\"",
        "\"2026-11-22T14:05:00\"", "\"2026-02-30T10:00:00Z\"", "\"9999-12-31T23:59:59+14:00\"",
        "\"0000-01-01T00:00:00-23:59\"", "\"2026-11-22T24:00:00Z\"", "\"2026-11-22T14:05:00.99999999999999999999Z\"",
        "\"-999999-01-01T00:00:00Z\"", "\"2026-11-22T14:05:00+99:99\"", "\"usd\"", "\"US\"", "\"EURO\"", "\"U\u{1B}D\"",
        "\"../../../../etc/passwd\"", "\"/dev/zero\"", "\"file:///etc/shadow\"",
    ].map(bytes) + [
        [0x22, 0xFF, 0xFE, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22], [0x22, 0x61, 0x80, 0x62, 0x22],
        bytes("\"" + String(repeating: "x", count: 4096) + "\""),
        bytes("[" + (0..<2000).map(String.init).joined(separator: ",") + "]"),
        bytes("1" + String(repeating: "0", count: 5000)),
        bytes("0." + String(repeating: "0", count: 5000) + "1"),
    ]

    /// One value of each JSON type, for "wrong type in every field".
    static let typeSwaps: [[UInt8]] = ["0", "-1", "1.5", "\"x\"", "true", "null", "{}", "[]"].map(bytes)

    static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "-", "1e999", "\\u0000", "\\ud800", "\u{1B}", "\u{0}",
        "\u{FEFF}", "\n", "\r", "/*", "//", "'", ",,", "\":\"",
    ].map(bytes) + [[0xFF], [0xC3], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF]]

    static let boms: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF],
                                  [0xEF, 0xBB], [0x20, 0xEF, 0xBB, 0xBF], [0x00, 0x00, 0xFE, 0xFF]]

    /// A string of about 10 MB in one of several shapes (plain, escapes, multi-byte, controls, invalid UTF-8).
    static func hugeString(_ shape: Int) -> [UInt8] {
        let size = 10 << 20
        let unit: [UInt8]
        switch shape % 5 {
        case 0: unit = bytes("a")
        case 1: unit = bytes(#"\u001b"#)
        case 2: unit = bytes("é€😀")
        case 3: unit = bytes("\u{1B}[0m\u{7}")
        default: unit = [0xFF, 0xC0, 0x41]
        }
        var body = unit
        while body.count < size { body += body }                      // doubling: fast even in a debug build
        body.removeSubrange((size / unit.count * unit.count)...)       // whole units: escapes stay intact
        var out: [UInt8] = [0x22]
        out += body
        out.append(0x22)
        return out
    }

    // MARK: Mutants

    /// The `n`-th of `count` systematic "wrong type" mutants: each value of the base gets each type in turn
    /// (the first `values.count` mutants already give every field one wrong type).
    func wrongType(_ n: Int) -> [UInt8] {
        let span = values[n % values.count]
        let swap = Self.typeSwaps[(n / values.count + n) % Self.typeSwaps.count]
        return replacing(span.range, with: swap)
    }

    func replacing(_ r: Range<Int>, with v: [UInt8]) -> [UInt8] {
        var b = base
        b.replaceSubrange(r, with: v)
        return b
    }

    /// A random mutant; `label` says what was done (for the slowest-file report).
    func random(_ rng: inout Rng) -> (bytes: [UInt8], label: String) {
        var b = base
        func at(_ max: Int) -> Int { Int.random(in: 0...max, using: &rng) }
        switch rng.next() % 14 {
        case 0:
            b.removeSubrange(at(b.count - 1)...)
            return (b, "truncation")
        case 1:
            for _ in 0..<Int.random(in: 1...6, using: &rng) { b[at(b.count - 1)] = UInt8.random(in: 0...255, using: &rng) }
            return (b, "byte flips")
        case 2:
            b.insert(contentsOf: Self.tokens.randomElement(using: &rng)!, at: at(b.count))
            return (b, "token inserted")
        case 3:
            let i = at(b.count - 1)
            b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...40, using: &rng)))
            return (b, "deletion")
        case 4, 5:
            return (replacing(values.randomElement(using: &rng)!.range, with: Self.hostileValues.randomElement(using: &rng)!),
                    "hostile value")
        case 6:
            let n = values.filter(\.isNumber).randomElement(using: &rng)!
            b.insert(UInt8(ascii: "-"), at: n.range.lowerBound)
            return (b, "negated number")
        case 7:
            let depth = Int.random(in: 1...(rng.next() % 4 == 0 ? 100_000 : 1_000), using: &rng)
            let nest: [UInt8]
            switch rng.next() % 3 {
            case 0: nest = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
            case 1: nest = Array(repeating: Self.bytes(#"{"a":"#), count: depth).flatMap { $0 } + [0x31]
                + Array(repeating: UInt8(ascii: "}"), count: depth)
            default: nest = Array(repeating: UInt8(ascii: "["), count: depth)                 // never closed
            }
            return (replacing(values.randomElement(using: &rng)!.range, with: nest), "deep nesting \(depth)")
        case 8:
            // A duplicate key, before or after the original member, with a hostile or swapped value.
            let k = keys.randomElement(using: &rng)!
            var start = k.range.upperBound
            while [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ":")].contains(base[start]) { start += 1 }
            let value = values.filter { $0.range.lowerBound == start }.max { $0.range.upperBound < $1.range.upperBound }!
            let dup = Array(base[k.range]) + [UInt8(ascii: ":")]
                + (rng.next() % 2 == 0 ? Self.hostileValues.randomElement(using: &rng)! : Array(base[value.range]))
            if rng.next() % 2 == 0 { b.insert(contentsOf: dup + [UInt8(ascii: ",")], at: k.range.lowerBound) }
            else { b.insert(contentsOf: [UInt8(ascii: ",")] + dup, at: value.range.upperBound) }
            return (b, "duplicate key")
        case 9:
            let bom = Self.boms.randomElement(using: &rng)!
            b.insert(contentsOf: bom, at: rng.next() % 3 == 0 ? spans.randomElement(using: &rng)!.range.lowerBound : 0)
            return (b, "byte order mark")
        case 10:
            // Invalid UTF-8 inside a string value or key.
            let s = spans.filter { base[$0.range.lowerBound] == UInt8(ascii: "\"") }.randomElement(using: &rng)!
            let bad = (0..<Int.random(in: 1...4, using: &rng)).map { _ in UInt8.random(in: 0x80...0xFF, using: &rng) }
            b.insert(contentsOf: bad, at: s.range.lowerBound + 1)
            return (b, "invalid UTF-8")
        case 11:
            // A key replaced: unknown, hostile or empty.
            let key = [#""""#, #""\u001b]0;x\u0007""#, #""\ud800""#, #""id ""#, "\"\u{1B}\"", #""__proto__""#]
                .map(Self.bytes).randomElement(using: &rng)!
            return (replacing(keys.randomElement(using: &rng)!.range, with: key), "hostile key")
        case 12:
            let i = at(b.count - 1)
            let slice = b[i..<min(b.count, i + Int.random(in: 1...300, using: &rng))]
            b.insert(contentsOf: slice, at: at(b.count))
            return (b, "duplicated slice")
        default:
            // A whole element of an array (duplicate ids, duplicate lines) or a whole JSON Lines line repeated
            // or removed.
            let containers = values.filter { [UInt8(ascii: "{"), UInt8(ascii: "[")].contains(base[$0.range.lowerBound]) }.map(\.range)
            let lines = documents.count > 1 ? documents : []
            let c = (containers + lines).randomElement(using: &rng)!
            if rng.next() % 2 == 0 {
                b.insert(contentsOf: [UInt8(ascii: lines.contains(c) ? "\n" : ",")] + Array(base[c]), at: c.upperBound)
            } else {
                b.removeSubrange(c)
            }
            return (b, "element repeated/removed")
        }
    }
}

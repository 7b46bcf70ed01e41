import Foundation

/// Where a file stops being JSON. Fatal for the whole file; `offset` is turned into line:column for people.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var offset: Int
    public var reason: String
    /// The input ended inside a value (an open string, escape, number, literal, object or array): more
    /// bytes could still make it valid, as when a line was cut short by a dying writer.
    public var endedEarly = false
}

/// A value of the wrong type or range. The reader has already skipped the value, so the caller can
/// record the problem against one record and carry on.
public struct JSONValueError: Error, Sendable, Equatable {
    public var reason: String
}

public enum JSONKind: Sendable, Equatable { case object, array, string, number, bool, null }

/// An object key, still as bytes: matching it against the fields a decoder knows costs no allocation.
public struct JSONKey {
    let base: UnsafePointer<UInt8>
    let count: Int
    public static func == (key: JSONKey, name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(key.base, name.utf8Start, key.count) == 0
    }
    /// The key as text, made inert for terminals.
    public var string: String {
        InertText.string(UnsafeBufferPointer(start: base, count: count))
    }
    /// For messages: quoted, inert, cut to a readable length.
    var quoted: String {
        "\"" + DataProblem.cut(string, 40) + "\""
    }
}

/// Iteration state for one object or array (whether a comma is due).
public struct JSONCursor { var first = true }

/// A pull parser over raw UTF-8 bytes, the fast path for the ERP's large exports (Foundation's decoders
/// run at 13–70 MB/s on Linux). Decoders walk it field by field; strings are made only for fields they
/// keep, and every string is made inert (see `InertText`) as it is read.
///
/// The bytes must outlive the reader: use `JSONReader.withReader(bytes:)`.
public struct JSONReader {
    let p: UnsafePointer<UInt8>
    let end: Int
    public private(set) var offset = 0
    /// Nesting limit: deeper input is refused as a syntax error instead of exhausting the stack.
    public static let maxDepth = 512
    var depth = 0
    /// Decoded copies of escaped keys and values, alive as long as the reader.
    var escapedKeys = EscapedKeyStore()
    let strings: StringCache

    /// `strings` may be shared by readers used one after another (the lines of one file); by default the
    /// reader gets its own, sized to `count`.
    init(_ p: UnsafePointer<UInt8>, count: Int, strings: StringCache? = nil) {
        self.p = p; self.end = count
        self.strings = strings ?? StringCache(forBytes: count)
    }

    public static func withReader<R>(bytes: [UInt8], _ body: (inout JSONReader) throws -> R) throws -> R {
        try bytes.withUnsafeBufferPointer { buf in
            // An empty buffer has no base address; a one-byte stand-in keeps `p` valid with `end == 0`.
            if buf.isEmpty {
                var zero: UInt8 = 0
                return try withUnsafePointer(to: &zero) { z in
                    var r = JSONReader(z, count: 0)
                    return try body(&r)
                }
            }
            var r = JSONReader(buf.baseAddress!, count: buf.count)
            return try body(&r)
        }
    }

    // MARK: structure

    func syntax(_ reason: String, at o: Int? = nil) -> JSONSyntaxError { JSONSyntaxError(offset: o ?? offset, reason: reason) }

    /// The input ended before the value did.
    func endedEarly(_ reason: String, at o: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: o ?? offset, reason: reason, endedEarly: true)
    }

    @inline(__always) mutating func skipWhitespace() {
        while offset < end {
            let c = p[offset]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { offset += 1 } else { return }
        }
    }

    /// Where the next value (or delimiter) starts, past any whitespace.
    var nextValueOffset: Int {
        var r = offset
        while r < end, p[r] == 0x20 || p[r] == 0x0A || p[r] == 0x0D || p[r] == 0x09 { r += 1 }
        return r
    }

    /// A reader over the same bytes at `offset`, inside the same open containers, for another thread
    /// (with a cache of its own).
    func fork(at offset: Int) -> JSONReader {
        var r = JSONReader(p, count: end)
        r.offset = offset
        r.depth = depth
        return r
    }

    /// Continues from where `fork`, a fork of this reader, stopped.
    mutating func join(_ fork: JSONReader) {
        offset = fork.offset
        depth = fork.depth
    }

    /// The kind of the next value, without consuming it.
    public mutating func peek() throws -> JSONKind {
        skipWhitespace()
        guard offset < end else { throw endedEarly("unexpected end of file") }
        switch p[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw syntax("unexpected character \(Self.describe(p[offset]))")
        }
    }

    /// After the last value: only whitespace may follow.
    public mutating func expectEnd() throws {
        skipWhitespace()
        if offset < end { throw syntax("unexpected \(Self.describe(p[offset])) after the end of the JSON value") }
    }

    public mutating func beginObject() throws -> JSONCursor {
        let k = try peek()
        guard k == .object else { try skipValue(); throw JSONValueError(reason: "expected an object, found \(k.name)") }
        try enter()
        offset += 1
        return JSONCursor()
    }

    public mutating func beginArray() throws -> JSONCursor {
        let k = try peek()
        guard k == .array else { try skipValue(); throw JSONValueError(reason: "expected an array, found \(k.name)") }
        try enter()
        offset += 1
        return JSONCursor()
    }

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth { throw syntax("nesting deeper than \(Self.maxDepth) levels") }
    }

    /// The next key of the object, or nil at its closing brace. The caller must then read or skip its value.
    public mutating func nextKey(_ c: inout JSONCursor) throws -> JSONKey? {
        skipWhitespace()
        guard offset < end else { throw endedEarly("unexpected end of file inside an object") }
        if p[offset] == UInt8(ascii: "}") { offset += 1; depth -= 1; return nil }
        if !c.first {
            guard p[offset] == UInt8(ascii: ",") else { throw syntax("expected ',' or '}' in object, found \(Self.describe(p[offset]))") }
            offset += 1
            skipWhitespace()
        }
        c.first = false
        guard offset < end else { throw endedEarly("unexpected end of file inside an object") }
        guard p[offset] == UInt8(ascii: "\"") else { throw syntax("expected a string key, found \(Self.describe(p[offset]))") }
        let (start, len, escaped) = try scanString()
        let key = escaped ? keepUnescaped(start, len) : JSONKey(base: p + start, count: len)
        skipWhitespace()
        guard offset < end else { throw endedEarly("unexpected end of file inside an object") }
        guard p[offset] == UInt8(ascii: ":") else { throw syntax("expected ':' after object key") }
        offset += 1
        return key
    }

    /// True while the array has another element; the caller must then read or skip it.
    public mutating func nextElement(_ c: inout JSONCursor) throws -> Bool {
        skipWhitespace()
        guard offset < end else { throw endedEarly("unexpected end of file inside an array") }
        if p[offset] == UInt8(ascii: "]") { offset += 1; depth -= 1; return false }
        if !c.first {
            guard p[offset] == UInt8(ascii: ",") else { throw syntax("expected ',' or ']' in array, found \(Self.describe(p[offset]))") }
            offset += 1
        }
        c.first = false
        return true
    }

    /// Skips one value of any kind, checking its syntax.
    public mutating func skipValue() throws {
        switch try peek() {
        case .object:
            var c = try beginObject()
            while try nextKey(&c) != nil { try skipValue() }
        case .array:
            var c = try beginArray()
            while try nextElement(&c) { try skipValue() }
        case .string: _ = try scanString()
        case .number: _ = try scanNumber()
        case .bool, .null: try scanLiteral()
        }
    }

    // MARK: scalars

    /// Reads a string and makes it inert for terminals.
    public mutating func readString() throws -> String {
        let k = try peek()
        guard k == .string else { try skipValue(); throw JSONValueError(reason: "expected a string, found \(k.name)") }
        let (start, len, escaped) = try scanString()
        let raw = UnsafeBufferPointer(start: p + start, count: len)
        return escaped ? Self.unescape(raw).withUnsafeBufferPointer(InertText.string) : strings.string(raw)
    }

    /// Reads a string, or nil for `null`.
    public mutating func readOptionalString() throws -> String? {
        if try peek() == .null { try scanLiteral(); return nil }
        return try readString()
    }

    /// Reads an integer that fits Int64. Fractions, exponents and out-of-range values are value errors.
    public mutating func readInt64() throws -> Int64 {
        let k = try peek()
        guard k == .number else { try skipValue(); throw JSONValueError(reason: "expected a whole number, found \(k.name)") }
        let (start, len, isInteger) = try scanNumber()
        guard isInteger else {
            // 12.0 and 1e3 are whole numbers written another way; accept those exactly, refuse 12.5.
            let d = Self.parseDouble(p + start, len)
            guard let d, d.rounded() == d else {
                throw JSONValueError(reason: "expected a whole number, found \(String(decoding: UnsafeBufferPointer(start: p + start, count: len), as: UTF8.self))")
            }
            guard abs(d) < 9.0e15 else { throw JSONValueError(reason: "number out of range") }
            return Int64(d)
        }
        var i = start
        var negative = false
        if p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var v: Int64 = 0
        while i < start + len {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(p[i] &- 48)) : m.addingReportingOverflow(Int64(p[i] &- 48))
            if o1 || o2 { throw JSONValueError(reason: "number out of range") }
            v = a
            i += 1
        }
        return v
    }

    public mutating func readInt() throws -> Int { Int(try readInt64()) }

    /// Reads any finite number.
    public mutating func readDouble() throws -> Double {
        let k = try peek()
        guard k == .number else { try skipValue(); throw JSONValueError(reason: "expected a number, found \(k.name)") }
        let (start, len, _) = try scanNumber()
        guard let d = Self.parseDouble(p + start, len), d.isFinite else { throw JSONValueError(reason: "number out of range") }
        return d
    }

    public mutating func readBool() throws -> Bool {
        let k = try peek()
        guard k == .bool else { try skipValue(); throw JSONValueError(reason: "expected true or false, found \(k.name)") }
        let v = p[offset] == UInt8(ascii: "t")
        try scanLiteral()
        return v
    }

    /// Consumes a `null` and returns true, or leaves any other value in place and returns false (the
    /// read that follows reports whatever is wrong there).
    public mutating func readNull() throws -> Bool {
        skipWhitespace()
        guard offset < end, p[offset] == UInt8(ascii: "n") else { return false }
        try scanLiteral()
        return true
    }

    /// Reads a string's bytes without making a `String`, for values that are matched or parsed rather than
    /// kept (enums, timestamps). Valid until the reader ends. Not cleaned: never show it as is.
    public mutating func readStringBytes() throws -> JSONKey {
        let k = try peek()
        guard k == .string else { try skipValue(); throw JSONValueError(reason: "expected a string, found \(k.name)") }
        let (start, len, escaped) = try scanString()
        return escaped ? keepUnescaped(start, len) : JSONKey(base: p + start, count: len)
    }

    /// Reads an ISO 8601 timestamp with an offset, parsed straight from the bytes.
    public mutating func readTimestamp() throws -> Timestamp {
        let b = try readStringBytes()
        guard let t = Timestamp.parse(UnsafeBufferPointer(start: b.base, count: b.count)) else {
            throw JSONValueError(reason: "expected an ISO 8601 time with offset (2026-11-22T14:05:00Z), found \(b.quoted)")
        }
        return t
    }

    /// Reads one of an enum's raw values.
    public mutating func readEnum<E: RawRepresentable & CaseIterable>(_: E.Type) throws -> E where E.RawValue == String {
        let b = try readStringBytes()
        for e in E.allCases {
            var raw = e.rawValue
            if raw.utf8.count == b.count && (b.count == 0 || raw.withUTF8 { memcmp($0.baseAddress!, b.base, b.count) == 0 }) { return e }
        }
        let known = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw JSONValueError(reason: "unknown value \(b.quoted) (expected one of: \(known))")
    }

    /// Reads an identifier: a string, or a whole number taken as its decimal text (many ERPs use numeric ids).
    public mutating func readID() throws -> String {
        if try peek() == .number {
            let v = try readInt64()
            return String(v)
        }
        let s = try readString()
        guard !s.isEmpty else { throw JSONValueError(reason: "must not be empty") }
        return s
    }

    /// Skips a UTF-8 byte order mark at the very start (some Windows exporters write one).
    public mutating func skipByteOrderMark() {
        if offset == 0, end >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { offset = 3 }
    }

    mutating func keepUnescaped(_ start: Int, _ len: Int) -> JSONKey {
        // Rare: escaped text is decoded into a side buffer that lives as long as the reader.
        let decoded = Self.unescape(UnsafeBufferPointer(start: p + start, count: len))
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(decoded.count, 1))
        copy.initialize(from: decoded, count: decoded.count)
        escapedKeys.append(copy)
        return JSONKey(base: UnsafePointer(copy), count: decoded.count)
    }

    // MARK: scanning

    mutating func scanLiteral() throws {
        let word: StaticString
        switch p[offset] {
        case UInt8(ascii: "t"): word = "true"
        case UInt8(ascii: "f"): word = "false"
        default: word = "null"
        }
        let n = word.utf8CodeUnitCount, have = min(n, end - offset)
        guard memcmp(p + offset, word.utf8Start, have) == 0 else { throw syntax("invalid literal") }
        guard have == n else { throw endedEarly("invalid literal") }
        offset += n
    }

    /// Returns the bytes between the quotes and whether they hold escapes; validates escapes and controls.
    /// (Works on a local index: the hottest loop of a load.)
    mutating func scanString() throws -> (Int, Int, Bool) {
        let open = offset
        let start = offset + 1
        var i = start
        var escaped = false
        defer { offset = i }
        while true {
            // Eight bytes at a time, then straight to the first quote, backslash or control among them.
            while i &+ 8 <= end {
                let special = Self.specialBytes(UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)))
                if special != 0 { i &+= special.trailingZeroBitCount &>> 3; break }
                i &+= 8
            }
            guard i < end else { throw endedEarly("unterminated string", at: open) }
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                i &+= 1
                return (start, i &- 1 &- start, escaped)
            } else if c == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < end else { throw endedEarly("unterminated string", at: open) }
                switch p[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    let digits = min(6, end - i)
                    guard (2..<digits).allSatisfy({ Self.hex(p[i + $0]) != nil }) else { throw syntax("invalid \\u escape in string", at: i) }
                    guard digits == 6 else { throw endedEarly("unterminated string", at: open) }
                    i += 6
                default: throw syntax("invalid escape \\\(Self.describe(p[i + 1])) in string", at: i)
                }
            } else if c < 0x20 {
                throw syntax("unescaped control character \(Self.describe(c)) in string", at: i)
            } else {
                i &+= 1
            }
        }
    }

    /// Flags (high bit of each byte, little-endian) the bytes of `x` that are `"`, `\` or below 0x20: the
    /// classic SWAR zero-byte tests. Bytes above the first flagged one may be flagged falsely (borrows), but
    /// the lowest flag is exact, so `trailingZeroBitCount / 8` is the index of the first special byte.
    @inline(__always) static func specialBytes(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let below20 = (x &- ones &* 0x20) & ~x
        return (zeroQuote | zeroBackslash | below20) & highs
    }

    /// Returns start, length and whether the number is a plain integer (no fraction or exponent).
    mutating func scanNumber() throws -> (Int, Int, Bool) {
        let start = offset
        var integer = true
        if p[offset] == UInt8(ascii: "-") { offset += 1 }
        func digits(_ r: inout JSONReader) -> Int {
            let s = r.offset
            while r.offset < r.end, r.p[r.offset] >= 0x30, r.p[r.offset] <= 0x39 { r.offset += 1 }
            return r.offset - s
        }
        /// Digits were due; when the input ends there, more bytes could still make the number.
        func missing(_ r: JSONReader, _ reason: String) -> JSONSyntaxError {
            JSONSyntaxError(offset: start, reason: reason, endedEarly: r.offset == r.end)
        }
        let intStart = offset
        let n = digits(&self)
        guard n > 0 else { throw missing(self, "invalid number") }
        if n > 1 && p[intStart] == UInt8(ascii: "0") { throw syntax("invalid number (leading zero)", at: start) }
        if offset < end, p[offset] == UInt8(ascii: ".") {
            integer = false
            offset += 1
            guard digits(&self) > 0 else { throw missing(self, "invalid number (no digits after '.')") }
        }
        if offset < end, p[offset] == UInt8(ascii: "e") || p[offset] == UInt8(ascii: "E") {
            integer = false
            offset += 1
            if offset < end, p[offset] == UInt8(ascii: "+") || p[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw missing(self, "invalid number (no digits in exponent)") }
        }
        return (start, offset - start, integer)
    }

    /// Parses an already validated JSON number. Swift's parser ignores the C locale (ncurses programs call
    /// setlocale, and strtod would then read "1.5" as 1 under a comma-decimal locale).
    static func parseDouble(_ s: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        Double(String(decoding: UnsafeBufferPointer(start: s, count: n), as: UTF8.self))
    }

    static func hex(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    /// Decodes escapes of an already validated string body. Lone surrogates become U+FFFD.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 << 4 | hex(raw[at + $1])! } }
        while i < raw.count {
            let c = raw[i]
            guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(i + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                out.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
            default: out.append(e)
            }
        }
        return out
    }

    static func describe(_ c: UInt8) -> String {
        (0x21...0x7E).contains(c) ? "'\(Character(Unicode.Scalar(c)))'" : String(format: "byte 0x%02X", c)
    }

    /// 1-based line and column (in bytes) of a byte offset, for error messages.
    public static func lineColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        return (line, offset - lineStart + 1)
    }
}

extension JSONKind {
    var name: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// Owns the decoded copies of escaped keys for the life of a reader (rare; freed on deinit).
final class EscapedKeyStore {
    private var buffers: [UnsafeMutablePointer<UInt8>] = []
    func append(_ p: UnsafeMutablePointer<UInt8>) { buffers.append(p) }
    deinit { buffers.forEach { $0.deallocate() } }
}

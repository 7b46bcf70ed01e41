/// ISO 8601 / RFC 3339 timestamps as the ERP writes them: `2026-11-22T14:05:00Z`, `…00.250+01:00`.
/// Hand-written because Foundation's formatters are slow on Linux and this runs for every record.
extension Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; an offset is required. Returns nil otherwise.
    public init?(iso8601 s: String) {
        var s = s
        guard let t = s.withUTF8({ Timestamp.parse($0) }) else { return nil }
        self = t
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        func num(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for i in at..<(at + n) {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard b.count >= 20, let y = num(0, 4), b[4] == 0x2D, let mo = num(5, 2), b[7] == 0x2D, let d = num(8, 2),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == 0x20,
              let h = num(11, 2), b[13] == 0x3A, let mi = num(14, 2), b[16] == 0x3A, let sec = num(17, 2),
              (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), h < 24, mi < 60, sec < 61 else { return nil }
        var i = 19
        var millis = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if digits < 3 { millis = millis * 10 + Int(b[i] - 48) }
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            if digits < 3 { for _ in digits..<3 { millis *= 10 } }
        }
        guard i < b.count else { return nil }
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A, let om = num(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        default: return nil
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(y, mo, d)
        let local = Int64(days) * 86400 + Int64(h * 3600 + mi * 60 + min(sec, 59))
        return Timestamp(epochMillis: (local - Int64(offset)) * 1000 + Int64(millis), offsetSeconds: Int32(offset))
    }

    /// `2026-11-22T14:05:00Z`, or with the given offset (default: the one it was read with).
    public func iso8601(offsetSeconds: Int32? = nil) -> String {
        let off = Int64(offsetSeconds ?? self.offsetSeconds)
        let local = epochMillis.floorDiv(1000) + off
        let (y, m, d) = Timestamp.civil(fromDays: local.floorDiv(86400))
        let sod = local - local.floorDiv(86400) * 86400
        func p2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = "\(y)-\(p2(Int64(m)))-\(p2(Int64(d)))T\(p2(sod / 3600)):\(p2(sod / 60 % 60)):\(p2(sod % 60))"
        let ms = epochMillis - epochMillis.floorDiv(1000) * 1000
        if ms != 0 { s += "." + String(String(ms + 1000).dropFirst()) }
        if off == 0 { return s + "Z" }
        let a = abs(off)
        return s + (off < 0 ? "-" : "+") + p2(a / 3600) + ":" + p2(a / 60 % 60)
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func civil(fromDays z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }
}

/// Money from integer minor units and an ISO 4217 code, without Foundation's locale-dependent formatters.
public enum Money {
    /// "$1,234.56", "€12.00", "¥5,000", "CHF 9.90"; `whole` rounds to major units ("$38,120").
    public static func format(_ minor: Int64, _ currency: String, whole: Bool = false) -> String {
        let digits = minorDigits(currency)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let negative = minor < 0
        let m = minor.magnitude
        var major = m / UInt64(scale)
        var frac = m % UInt64(scale)
        if whole { if frac * 2 >= UInt64(scale) { major += 1 }; frac = 0 }
        var s = grouped(major)
        if !whole && digits > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return (negative ? "-" : "") + symbol(currency) + s
    }

    static func grouped(_ v: UInt64) -> String {
        let raw = String(v)
        var out = ""
        for (i, ch) in raw.enumerated() {
            if i > 0 && (raw.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    static func symbol(_ code: String) -> String {
        switch code.uppercased() {
        case "USD": "$"
        case "EUR": "€"
        case "GBP": "£"
        case "JPY": "¥"
        case "CAD": "CA$"
        case "AUD": "A$"
        default: code.uppercased() + " "
        }
    }

    /// ISO 4217 minor unit digits (2 unless listed).
    static func minorDigits(_ code: String) -> Int {
        switch code.uppercased() {
        case "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG": 0
        case "BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD": 3
        default: 2
        }
    }
}

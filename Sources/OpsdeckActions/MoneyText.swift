/// Amounts as operators type and read them ("45.00"), converted exactly to and from minor units.
public enum MoneyText {
    /// Digits after the decimal point for an ISO 4217 currency (2 unless listed).
    public static func minorDigits(_ currency: String) -> Int {
        switch currency.uppercased() {
        case "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG", "RWF": 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    /// `4500, "USD"` → `"45.00"`.
    public static func format(_ minor: Int64, currency: String) -> String {
        let digits = minorDigits(currency)
        let sign = minor < 0 ? "-" : ""
        let m = minor.magnitude
        guard digits > 0 else { return sign + String(m) }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let frac = String(m % scale)
        return sign + String(m / scale) + "." + String(repeating: "0", count: digits - frac.count) + frac
    }

    /// `"45"`, `"45.5"`, `"45.50"` → 4550 for USD. Nil for anything else (signs, separators, too many decimals).
    public static func parse(_ text: String, currency: String) -> Int64? {
        let digits = minorDigits(currency)
        let parts = text.trimmingSpaces.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 15,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var frac = parts.count == 2 ? String(parts[1]) : ""
        guard frac.count <= digits, frac.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !frac.isEmpty else { return nil }
        frac += String(repeating: "0", count: digits - frac.count)
        return Int64(String(whole) + frac)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

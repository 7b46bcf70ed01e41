/// Makes text from data files safe to put on a terminal. Applied to every string as it is decoded, so
/// nothing downstream can emit a control sequence: C0 controls become their visible Control Pictures
/// (ESC → ␛, BEL → ␇, CR → ␍), DEL becomes ␡, C1 controls become U+FFFD, the Unicode line and paragraph
/// separators become ␤, and bidi controls and zero-width characters (which can reorder or hide text)
/// are removed.
public enum InertText {
    /// Cheap pre-check on the UTF-8 bytes: false for the vast majority of strings (including ones with
    /// dashes and curly quotes, which share the lead bytes of the characters that are removed).
    public static func needsCleaning(_ utf8: String.UTF8View) -> Bool {
        utf8.withContiguousStorageIfAvailable { needsCleaning($0) } ?? Array(utf8).withUnsafeBufferPointer { needsCleaning($0) }
    }

    /// The same check on raw bytes. Also exact for bytes that are not valid UTF-8: repairing them only
    /// adds U+FFFD, so whatever the repaired string would need cleaned is already visible here.
    public static func needsCleaning(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var prev: UInt8 = 0
        var prev2: UInt8 = 0
        var i = 0
        while i < b.count {
            // Eight plain ASCII bytes (no control, DEL or non-ASCII) at a time: no pattern can be in them.
            if i + 8 <= b.count, isPlainASCII(UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8; prev = 0; prev2 = 0
                continue
            }
            let c = b[i]
            if c < 0x20 || c == 0x7F { return true }
            if c >= 0x80 {
                if prev == 0xC2 && c <= 0x9F { return true }                       // C1 U+0080–U+009F
                if prev == 0xD8 && c == 0x9C { return true }                       // U+061C arabic letter mark
                if prev2 == 0xE2 && prev == 0x80 && ((0x8B...0x8F).contains(c) || (0xA8...0xAE).contains(c)) {
                    return true                                                    // U+200B–200F, U+2028–202E
                }
                if prev2 == 0xE2 && prev == 0x81 && (0xA0...0xAF).contains(c) { return true } // U+2060–206F
                if prev2 == 0xEF && prev == 0xBB && c == 0xBF { return true }      // U+FEFF
            }
            prev2 = prev; prev = c
            i += 1
        }
        return false
    }

    /// No byte of `x` is below 0x20, 0x7F or above (SWAR tests; byte order does not matter).
    @inline(__always) static func isPlainASCII(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (x &- ones &* 0x20) & ~x
        let del = x ^ (ones &* 0x7F)
        let isDel = (del &- ones) & ~del
        return (x | below20 | isDel) & highs == 0
    }

    /// Decodes UTF-8 (repairing invalid bytes) into an inert string; the common case makes no copy to clean.
    public static func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: utf8, as: UTF8.self)
        return needsCleaning(utf8) ? clean(s) : s
    }

    public static func clean(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + u.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F: out.append("\u{FFFD}")
            case 0x2028, 0x2029: out.append("\u{2424}")
            case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF: continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Cleans only when needed (the common case costs one scan and no allocation).
    @inline(__always) public static func inert(_ s: String) -> String {
        needsCleaning(s.utf8) ? clean(s) : s
    }
}

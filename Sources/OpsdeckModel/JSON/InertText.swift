/// Makes text from data files safe to put on a terminal. Applied to every string as it is decoded, so
/// nothing downstream can emit a control sequence: C0 controls become their visible Control Pictures
/// (ESC → ␛, BEL → ␇, CR → ␍), DEL becomes ␡, C1 controls become U+FFFD, the Unicode line and paragraph
/// separators become ␤, and bidi controls and zero-width characters (which can reorder or hide text)
/// are removed.
public enum InertText {
    /// Cheap pre-check on the UTF-8 bytes: false for the vast majority of strings (including ones with
    /// dashes and curly quotes, which share the lead bytes of the characters that are removed).
    @inline(__always) public static func needsCleaning(_ utf8: String.UTF8View) -> Bool {
        var prev: UInt8 = 0
        var prev2: UInt8 = 0
        for b in utf8 {
            if b < 0x20 || b == 0x7F { return true }
            if b >= 0x80 {
                if prev == 0xC2 && b <= 0x9F { return true }                       // C1 U+0080–U+009F
                if prev == 0xD8 && b == 0x9C { return true }                       // U+061C arabic letter mark
                if prev2 == 0xE2 && prev == 0x80 && ((0x8B...0x8F).contains(b) || (0xA8...0xAE).contains(b)) {
                    return true                                                    // U+200B–200F, U+2028–202E
                }
                if prev2 == 0xE2 && prev == 0x81 && (0xA0...0xAF).contains(b) { return true } // U+2060–206F
                if prev2 == 0xEF && prev == 0xBB && b == 0xBF { return true }      // U+FEFF
            }
            prev2 = prev; prev = b
        }
        return false
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

/// Bytes a program wrote to its terminal, split into escape sequences, control bytes and text.
struct TerminalOutput {
    /// Each escape sequence's shape — "CSI ?h", "CSI m", "ESC (B" — and each C0 control ("C0 0d") with how often it came.
    private(set) var shapes: [String: Int] = [:]
    /// What must never be sent: OSC, DCS, APC, PM, SOS, BEL, C1 controls, bidi and zero-width characters,
    /// invalid UTF-8, malformed sequences. Each with its offset.
    private(set) var forbidden: [String] = []
    /// The text between sequences, decoded.
    private(set) var text = ""

    init(_ bytes: [UInt8]) {
        var i = 0
        var run: [UInt8] = []
        func flushText() {
            guard !run.isEmpty else { return }
            // Invalid UTF-8 could hide a raw C1 byte (0x9B is CSI to an 8-bit terminal).
            guard let s = String(validating: run, as: UTF8.self) else {
                forbidden.append("invalid UTF-8 before offset \(i): \(Self.show(run[...].suffix(24)))")
                text += String(decoding: run, as: UTF8.self); run = []; return
            }
            for u in s.unicodeScalars where Self.isForbiddenText(u) {
                forbidden.append("U+\(String(u.value, radix: 16, uppercase: true)) in text before offset \(i)")
            }
            text += s
            run = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                flushText()
                let (shape, length, problem) = Self.sequence(bytes, at: i)
                if let problem { forbidden.append("\(problem) at offset \(i): \(Self.show(bytes[i..<min(bytes.count, i + 24)]))") }
                else { shapes[shape, default: 0] += 1 }
                i += length
            } else if b < 0x20 || b == 0x7F {
                flushText()
                if b == 0x07 { forbidden.append("BEL at offset \(i)") }
                else { shapes["C0 " + String(b, radix: 16), default: 0] += 1 }
                i += 1
            } else {
                run.append(b); i += 1
            }
        }
        flushText()
    }

    /// One sequence starting with ESC at `i`: its shape, its length, or why it may not be sent.
    static func sequence(_ bytes: [UInt8], at start: Int) -> (String, Int, String?) {
        var i = start + 1
        guard i < bytes.count else { return ("", 1, "lone ESC at the end") }
        let introducer = bytes[i]
        switch introducer {
        case UInt8(ascii: "]"): return ("", 2, "OSC")
        case UInt8(ascii: "P"): return ("", 2, "DCS")
        case UInt8(ascii: "_"): return ("", 2, "APC")
        case UInt8(ascii: "^"): return ("", 2, "PM")
        case UInt8(ascii: "X"): return ("", 2, "SOS")
        case UInt8(ascii: "c"): return ("", 2, "RIS (terminal reset)")
        case UInt8(ascii: "["):
            i += 1
            var privateMarks = ""
            while i < bytes.count, (0x3C...0x3F).contains(bytes[i]) { privateMarks.append(Character(Unicode.Scalar(bytes[i]))); i += 1 }
            while i < bytes.count, (0x30...0x3B).contains(bytes[i]) { i += 1 }            // parameters
            var intermediates = ""
            while i < bytes.count, (0x20...0x2F).contains(bytes[i]) { intermediates.append(Character(Unicode.Scalar(bytes[i]))); i += 1 }
            guard i < bytes.count, (0x40...0x7E).contains(bytes[i]) else { return ("", i - start, "malformed CSI") }
            return ("CSI \(privateMarks)\(intermediates)\(Character(Unicode.Scalar(bytes[i])))", i + 1 - start, nil)
        default:
            var intermediates = ""
            while i < bytes.count, (0x20...0x2F).contains(bytes[i]) { intermediates.append(Character(Unicode.Scalar(bytes[i]))); i += 1 }
            guard i < bytes.count, (0x30...0x7E).contains(bytes[i]) else { return ("", i - start, "malformed ESC sequence") }
            return ("ESC \(intermediates)\(Character(Unicode.Scalar(bytes[i])))", i + 1 - start, nil)
        }
    }

    /// C1 controls (as UTF-8), bidi controls, zero-width characters and line/paragraph separators.
    static func isForbiddenText(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x80...0x9F, 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF: true
        default: false
        }
    }

    /// The shapes of every string capability in a terminfo entry: what ncurses may send to that terminal,
    /// whichever of them a given run happens to need (scrolling, say, depends on what changed on screen).
    static func terminfoShapes(_ term: String) throws -> Set<String> {
        let (status, listing) = try Spawn.run(["infocmp", "-1", "-x", term])
        guard status == 0 else { throw TmuxError("infocmp \(term) failed with status \(status)") }
        var shapes = Set<String>()
        for line in listing.split(separator: "\n") where line.hasPrefix("\t") && line.contains("=") {
            let value = line.drop { $0 != "=" }.dropFirst().dropLast()   // after "=", without the ","
            shapes.formUnion(TerminalOutput(terminfoBytes(String(value))).shapes.keys)
        }
        return shapes
    }

    /// A terminfo string's bytes with \E, ^X and backslash escapes decoded and each parameter shown as "1".
    static func terminfoBytes(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(value.utf8)[...]
        while let c = chars.popFirst() {
            switch c {
            case UInt8(ascii: "\\"):
                guard let e = chars.popFirst() else { break }
                switch e {
                case UInt8(ascii: "E"), UInt8(ascii: "e"): out.append(0x1B)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "s"): out.append(0x20)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var v = Int(e - 0x30)
                    while let d = chars.first, (0x30...0x37).contains(d) { v = v * 8 + Int(d - 0x30); chars.removeFirst() }
                    out.append(UInt8(truncatingIfNeeded: v == 0 ? 0x80 : v))   // \0 stands for NUL, sent as 0x80
                default: out.append(e)
                }
            case UInt8(ascii: "^"):
                if let x = chars.popFirst() { out.append(x == UInt8(ascii: "?") ? 0x7F : x & 0x1F) }
            case UInt8(ascii: "%"):
                // Parameter codes: %d, %2d and %c print something (shown as "1"); the rest only compute.
                guard let op = chars.popFirst() else { break }
                switch op {
                case UInt8(ascii: "%"): out.append(op)
                case UInt8(ascii: "{"): while let d = chars.popFirst(), d != UInt8(ascii: "}") {}
                case UInt8(ascii: "'"): _ = chars.popFirst(); _ = chars.popFirst()
                case UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "g"): _ = chars.popFirst()
                case UInt8(ascii: "d"), UInt8(ascii: "c"), UInt8(ascii: "s"): out.append(UInt8(ascii: "1"))
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "."):
                    while let d = chars.popFirst(), !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(d) {}
                    out.append(UInt8(ascii: "1"))
                default: break
                }
            default: out.append(c)
            }
        }
        return out
    }

    static func show(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { $0 == 0x1B ? "\\e" : ($0 < 0x20 || $0 >= 0x7F ? "\\x" + String($0, radix: 16) : String(Character(Unicode.Scalar($0)))) }.joined()
    }
}

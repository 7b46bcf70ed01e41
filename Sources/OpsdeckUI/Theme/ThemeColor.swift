/// How many colours a terminal can show; the terminal backend picks the first colour of a role's list
/// that fits its depth.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    case ansi16, palette256, truecolor
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The 16 ANSI colours plus the terminal's own default.
public enum ANSIColor: String, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack = "bright-black", brightRed = "bright-red", brightGreen = "bright-green"
    case brightYellow = "bright-yellow", brightBlue = "bright-blue", brightMagenta = "bright-magenta"
    case brightCyan = "bright-cyan", brightWhite = "bright-white"
    case terminalDefault = "default"

    /// curses colour number: 0–15, or -1 for the terminal default.
    public var index: Int { self == .terminalDefault ? -1 : Self.allCases.firstIndex(of: self)! }
}

/// One colour in a theme's fallback list: `#rrggbb`, a 256-colour index `"0"`…`"255"`, or an ANSI name.
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    case rgb(UInt8, UInt8, UInt8)
    case palette(UInt8)
    case ansi(ANSIColor)

    public init?(spec: String) {
        if spec.hasPrefix("#") {
            let hex = spec.dropFirst()
            guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        } else if let n = Int(spec), spec.allSatisfy(\.isASCII) {
            guard (0...255).contains(n) else { return nil }
            self = .palette(UInt8(n))
        } else if let a = ANSIColor(rawValue: spec) {
            self = .ansi(a)
        } else {
            return nil
        }
    }

    /// The least colour depth that can show this colour exactly.
    public var depth: ColorDepth {
        switch self {
        case .rgb: .truecolor
        case .palette(let n): n < 16 ? .ansi16 : .palette256
        case .ansi: .ansi16
        }
    }

    public var description: String {
        switch self {
        case .rgb(let r, let g, let b):
            "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        case .palette(let n): "\(n)"
        case .ansi(let a): a.rawValue
        }
    }
}

/// Text attributes a role may add; also all a role keeps in monochrome.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let underline = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)

    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim), ("italic", .italic),
    ]
    public var names: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}

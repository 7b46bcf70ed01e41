/// A colour as a theme states it. Themes list several per role, best first; the ladder picks the first the
/// terminal can show and converts the first one otherwise.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright), shown in the user's own palette.
    case ansi(Int)
    /// An xterm-256 palette index.
    case indexed(Int)
    /// 0xRRGGBB.
    case rgb(UInt32)
}

/// How much colour the terminal can show, worst first.
public enum ColorDepth: Int, Sendable, Comparable, CustomStringConvertible {
    case monochrome, ansi8, ansi16, indexed256, direct

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .monochrome: "monochrome"
        case .ansi8: "8 colours"
        case .ansi16: "16 colours"
        case .indexed256: "256 colours"
        case .direct: "truecolor"
        }
    }

    /// The ladder: direct colour when the terminfo entry has 2^24 colours (e.g. xterm-direct), then 256,
    /// 16, 8; attributes only without colour support, with fewer than 8 colours, or when asked (NO_COLOR).
    public static func detect(hasColors: Bool, colors: Int, noColor: Bool) -> ColorDepth {
        if noColor || !hasColors || colors < 8 { return .monochrome }
        if colors >= 1 << 24 { return .direct }
        if colors >= 256 { return .indexed256 }
        if colors >= 16 { return .ansi16 }
        return .ansi8
    }
}

/// Text attributes, independent of ncurses.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)
}

/// How one style role should look, as the theme says: colour fallbacks plus the attributes to use with
/// colour and without it (monochrome must still tell states apart).
public struct RoleLook: Hashable, Sendable {
    public var foreground: [TerminalColor]
    public var background: [TerminalColor]
    public var attributes: TextAttributes
    public var monoAttributes: TextAttributes

    public init(foreground: [TerminalColor] = [], background: [TerminalColor] = [],
                attributes: TextAttributes = [], monoAttributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background
        self.attributes = attributes; self.monoAttributes = monoAttributes
    }
}

/// A role's look brought down to what the terminal can show: ncurses colour numbers (-1 is the terminal's
/// default; in direct mode numbers from 8 up are 0xRRGGBB) and attributes.
public struct ResolvedLook: Hashable, Sendable {
    public var foreground: Int32
    public var background: Int32
    public var attributes: TextAttributes
}

public enum ColorLadder {
    public static func resolve(_ look: RoleLook, depth: ColorDepth) -> ResolvedLook {
        guard depth != .monochrome else {
            return ResolvedLook(foreground: -1, background: -1, attributes: look.monoAttributes)
        }
        var attributes = look.attributes
        var fg = pick(look.foreground, depth: depth)
        var bg = pick(look.background, depth: depth)
        // With only 8 colours, a bright foreground is the normal one in bold (what such terminals did).
        if depth == .ansi8, fg >= 8 { fg -= 8; attributes.insert(.bold) }
        if depth == .ansi8, bg >= 8 { bg -= 8 }
        return ResolvedLook(foreground: fg, background: bg, attributes: attributes)
    }

    /// The first colour the depth can show as given; otherwise the first colour converted.
    static func pick(_ colors: [TerminalColor], depth: ColorDepth) -> Int32 {
        guard let first = colors.first else { return -1 }
        let chosen = colors.first { fitsWithoutConversion($0, depth: depth) } ?? first
        return number(chosen, depth: depth)
    }

    static func fitsWithoutConversion(_ c: TerminalColor, depth: ColorDepth) -> Bool {
        switch (c, depth) {
        case (.terminalDefault, _), (.ansi, _): true
        case (.indexed, .indexed256), (.indexed, .direct): true
        case (.rgb, .direct): true
        default: false
        }
    }

    static func number(_ c: TerminalColor, depth: ColorDepth) -> Int32 {
        switch c {
        case .terminalDefault: return -1
        case .ansi(let n):
            let n = min(max(n, 0), 15)
            // xterm-direct sends numbers below 8 as ANSI colours and everything else as RGB.
            if depth == .direct, n >= 8 { return directRGB(xterm256RGB(n)) }
            return Int32(n)
        case .indexed(let i):
            let i = min(max(i, 0), 255)
            switch depth {
            case .direct: return i < 8 ? Int32(i) : directRGB(xterm256RGB(i))
            case .indexed256: return Int32(i)
            default: return i < 16 ? Int32(i) : Int32(nearestANSI(xterm256RGB(i)))
            }
        case .rgb(let rgb):
            switch depth {
            case .direct: return directRGB(rgb)
            case .indexed256: return Int32(nearestXterm256(rgb))
            default: return Int32(nearestANSI(rgb))
            }
        }
    }

    /// Direct-colour numbers below 8 would be taken as ANSI colours; near-black is indistinguishable.
    static func directRGB(_ rgb: UInt32) -> Int32 { Int32(max(rgb & 0xFFFFFF, 8)) }

    // MARK: xterm palette

    static let ansiPalette: [UInt32] = [
        0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
        0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
    ]
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm uses for a palette index.
    public static func xterm256RGB(_ index: Int) -> UInt32 {
        switch index {
        case ..<16: return ansiPalette[max(index, 0)]
        case 16..<232:
            let i = index - 16
            return rgb(cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        default:
            let v = 8 + 10 * (min(index, 255) - 232)
            return rgb(v, v, v)
        }
    }

    /// Nearest index among 16–255 (the fixed cube and grey ramp; 0–15 vary with the user's palette).
    public static func nearestXterm256(_ rgb: UInt32) -> Int {
        let (r, g, b) = channels(rgb)
        func cubeStep(_ v: Int) -> Int { cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) }! }
        let cube = 16 + 36 * cubeStep(r) + 6 * cubeStep(g) + cubeStep(b)
        let grey = 232 + min(23, max(0, ((r + g + b) / 3 - 3) / 10))
        return distance(xterm256RGB(cube), rgb) <= distance(xterm256RGB(grey), rgb) ? cube : grey
    }

    /// Nearest of the 16 ANSI colours in xterm's default palette.
    public static func nearestANSI(_ rgb: UInt32) -> Int {
        ansiPalette.indices.min { distance(ansiPalette[$0], rgb) < distance(ansiPalette[$1], rgb) }!
    }

    static func rgb(_ r: Int, _ g: Int, _ b: Int) -> UInt32 { UInt32(r << 16 | g << 8 | b) }
    static func channels(_ c: UInt32) -> (Int, Int, Int) { (Int(c >> 16 & 0xFF), Int(c >> 8 & 0xFF), Int(c & 0xFF)) }

    /// Squared distance weighted by the eye's sensitivity (the "redmean" approximation).
    static func distance(_ a: UInt32, _ b: UInt32) -> Int {
        let (r1, g1, b1) = channels(a), (r2, g2, b2) = channels(b)
        let rm = (r1 + r2) / 2, dr = r1 - r2, dg = g1 - g2, db = b1 - b2
        return ((512 + rm) * dr * dr) / 256 + 4 * dg * dg + ((767 - rm) * db * db) / 256
    }
}

import OpsdeckUI

/// How much colour this terminal shows, as ncurses reports it, down to none at all.
public enum ColorSupport: Int, Sendable, Comparable, CustomStringConvertible {
    case monochrome, ansi8, ansi16, palette256, truecolor

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .monochrome: "monochrome"
        case .ansi8: "8 colours"
        case .ansi16: "16 colours"
        case .palette256: "256 colours"
        case .truecolor: "truecolor"
        }
    }

    /// The ladder: direct colour when the terminfo entry has 2^24 colours (e.g. xterm-direct), then 256,
    /// 16, 8; attributes only without colour support, with fewer than 8 colours, or when asked (NO_COLOR).
    public static func detect(hasColors: Bool, colors: Int, noColor: Bool) -> ColorSupport {
        if noColor || !hasColors || colors < 8 { return .monochrome }
        if colors >= 1 << 24 { return .truecolor }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .ansi16 }
        return .ansi8
    }

    /// The theme colours this terminal shows as given; nil in monochrome.
    var themeDepth: ColorDepth? {
        switch self {
        case .monochrome: nil
        case .ansi8, .ansi16: .ansi16
        case .palette256: .palette256
        case .truecolor: .truecolor
        }
    }
}

/// A role's style brought down to what the terminal can show: ncurses colour numbers (-1 is the terminal's
/// default; with direct colour, numbers from 8 up are 0xRRGGBB) and attributes.
struct ResolvedLook: Hashable, Sendable {
    var foreground: Int32
    var background: Int32
    var attributes: TextAttributes
}

enum ColorLadder {
    static func resolve(_ style: RoleStyle, support: ColorSupport) -> ResolvedLook {
        guard support != .monochrome else { return ResolvedLook(foreground: -1, background: -1, attributes: style.mono) }
        var attributes = style.attributes
        var fg = pick(style.fg, support: support)
        var bg = pick(style.bg, support: support)
        // With only 8 colours, a bright foreground is the normal one in bold (what such terminals did).
        if support == .ansi8, fg >= 8 { fg -= 8; attributes.insert(.bold) }
        if support == .ansi8, bg >= 8 { bg -= 8 }
        return ResolvedLook(foreground: fg, background: bg, attributes: attributes)
    }

    /// The first colour the terminal can show as given; otherwise the first one converted to the nearest.
    static func pick(_ colors: [ThemeColor], support: ColorSupport) -> Int32 {
        guard let first = colors.first, let depth = support.themeDepth else { return -1 }
        return number(colors.first { $0.depth <= depth } ?? first, support: support)
    }

    static func number(_ color: ThemeColor, support: ColorSupport) -> Int32 {
        switch color {
        case .ansi(let a):
            // xterm-direct sends numbers below 8 as ANSI colours and everything else as RGB.
            if support == .truecolor, a.index >= 8 { return directRGB(xterm256RGB(a.index)) }
            return Int32(a.index)
        case .palette(let n):
            let i = Int(n)
            switch support {
            case .truecolor: return i < 8 ? Int32(i) : directRGB(xterm256RGB(i))
            case .palette256: return Int32(i)
            default: return i < 16 ? Int32(i) : Int32(nearestANSI(xterm256RGB(i)))
            }
        case .rgb(let r, let g, let b):
            let rgb = UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
            switch support {
            case .truecolor: return directRGB(rgb)
            case .palette256: return Int32(nearestXterm256(rgb))
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
    static func xterm256RGB(_ index: Int) -> UInt32 {
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
    static func nearestXterm256(_ rgb: UInt32) -> Int {
        let (r, g, b) = channels(rgb)
        func cubeStep(_ v: Int) -> Int { cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) }! }
        let cube = 16 + 36 * cubeStep(r) + 6 * cubeStep(g) + cubeStep(b)
        let grey = 232 + min(23, max(0, ((r + g + b) / 3 - 3) / 10))
        return distance(xterm256RGB(cube), rgb) <= distance(xterm256RGB(grey), rgb) ? cube : grey
    }

    /// Nearest of the 16 ANSI colours in xterm's default palette.
    static func nearestANSI(_ rgb: UInt32) -> Int {
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

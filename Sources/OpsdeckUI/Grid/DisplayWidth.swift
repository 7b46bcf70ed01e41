/// Terminal display width of text, decided per grapheme in pure Swift (libc `wcwidth` depends on the
/// locale and the C library's Unicode version, so two machines would lay out the same screen differently).
///
/// Rules: a grapheme's width is its first scalar's — 0 for combining marks, format and zero-width
/// characters; 2 for East Asian Wide/Fullwidth ranges, emoji presentation, regional-indicator flags and
/// anything followed by the emoji variation selector U+FE0F; 1 otherwise.
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isZeroWidth(first) { return 0 }
        if isWide(first) { return 2 }
        if scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }), first.properties.isEmoji { return 2 }
        return 1
    }

    public static func of(_ s: some StringProtocol) -> Int {
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    static func isZeroWidth(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: break
        }
        let v = u.value
        return v == 0x200B || (0x1160...0x11FF).contains(v) || (0xFE00...0xFE0F).contains(v)
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        if u.properties.isEmojiPresentation { return true }
        let v = u.value
        if v < 0x1100 { return false }
        // Binary search in the sorted East Asian Wide/Fullwidth ranges.
        var lo = 0, hi = wideRanges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if wideRanges[mid].upperBound < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < wideRanges.count && wideRanges[lo].contains(v)
    }

    /// East Asian Width W and F blocks (Unicode 15), merged; emoji are covered by `isEmojiPresentation`.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

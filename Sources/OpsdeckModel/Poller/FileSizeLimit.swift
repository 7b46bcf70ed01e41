import Foundation

/// The largest data file opsdeck reads (`--max-file-size`). A file over it is refused before it is read, so a
/// runaway or hostile export cannot exhaust memory; decoding takes about 2.5× the file's bytes at peak.
public enum FileSizeLimit {
    /// 1 GiB: a 1M-order store's files total ~590 MB (docs/metrics.md, benchmark), so this leaves room for a
    /// store almost twice that size, while bounding a load at roughly 2.5 GB of memory.
    public static let defaultBytes: Int64 = 1 << 30

    /// Parses `512M`, `2G`, `1.5G`, `64k`, `1GiB`, `1000000` (bytes). K, M, G and T are powers of 1024; a
    /// trailing `B` or `iB` is allowed. Nil unless the result is a positive whole number of bytes.
    public static func parse(_ text: String) -> Int64? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        if s.hasSuffix("IB") { s = s.dropLast(2) } else if s.hasSuffix("B") { s = s.dropLast() }
        var shift = 0
        if let last = s.last, let i = ["K", "M", "G", "T"].firstIndex(of: String(last)) {
            shift = 10 * (i + 1)
            s = s.dropLast()
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(s) else { return nil }
        let bytes = (value * Double(Int64(1) << shift)).rounded(.down)
        guard bytes >= 1, bytes < 0x1p62 else { return nil }
        return Int64(bytes)
    }

    /// `612 MB`, `1.5 GB`, `100 bytes`: a file's size rounded up, a limit's rounded down (`roundUp: false`), so
    /// a file just over its limit never reads as equal to it.
    public static func describe(_ bytes: Int64, roundUp: Bool = true) -> String {
        for (unit, shift) in [("GB", 30), ("MB", 20), ("KB", 10)] where bytes >= Int64(1) << shift {
            let tenths = Double(bytes) * 10 / Double(Int64(1) << shift)
            let v = Int64(roundUp ? tenths.rounded(.up) : tenths.rounded(.down))
            return (v % 10 == 0 ? "\(v / 10)" : "\(v / 10).\(v % 10)") + " " + unit
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// Why a file of `size` bytes is refused under `limit`.
    static func refusal(size: Int64, limit: Int64) -> String {
        "file is \(describe(size)), over the \(describe(limit, roundUp: false)) limit (--max-file-size); not read"
    }
}

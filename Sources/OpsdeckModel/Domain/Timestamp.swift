/// An instant from a data file, kept with the UTC offset it was written in (ISO 8601 `Z` or `±hh:mm`).
/// Comparison and arithmetic use the instant only; the offset is kept so details can show what the ERP said.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var epochMillis: Int64
    /// Offset east of UTC in seconds, as written in the source (0 for `Z`).
    public var offsetSeconds: Int32

    public init(epochMillis: Int64, offsetSeconds: Int32 = 0) {
        self.epochMillis = epochMillis
        self.offsetSeconds = offsetSeconds
    }

    public init(epochSeconds: Int64, offsetSeconds: Int32 = 0) {
        self.init(epochMillis: epochSeconds * 1000, offsetSeconds: offsetSeconds)
    }

    public var epochSeconds: Int64 { epochMillis.floorDiv(1000) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.epochMillis < b.epochMillis }
    public static func == (a: Timestamp, b: Timestamp) -> Bool { a.epochMillis == b.epochMillis }
    public func hash(into h: inout Hasher) { h.combine(epochMillis) }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    public func seconds(until later: Timestamp) -> Int64 { (later.epochMillis - epochMillis).floorDiv(1000) }

    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(epochMillis: epochMillis + seconds * 1000, offsetSeconds: offsetSeconds)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity (Swift's `/` truncates toward zero).
    @inlinable public func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

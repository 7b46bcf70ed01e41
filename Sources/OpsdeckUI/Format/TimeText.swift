import OpsdeckModel

/// Times shown coarsely on purpose: an idle dashboard then changes a few cells a minute, which is what
/// keeps it cheap over SSH.
public enum TimeText {
    /// "<1m", "5m", "3h", "2d" (floors; negative counts as 0).
    public static func coarse(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "<1m" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }

    /// "45m", "1h55", "2d3h": for countdowns the operator plans by (minute resolution).
    public static func countdown(_ seconds: Int64) -> String {
        let m = max(0, seconds) / 60
        if m < 60 { return "\(m)m" }
        if m < 1440 { let mm = m % 60; return "\(m / 60)h" + (mm < 10 ? "0" : "") + "\(mm)" }
        return "\(m / 1440)d\(m % 1440 / 60)h"
    }

    /// "14:05" at a UTC offset.
    public static func clock(_ t: Timestamp, offsetSeconds: Int64) -> String {
        let sod = (t.epochSeconds + offsetSeconds) - (t.epochSeconds + offsetSeconds).floorDiv(86400) * 86400
        return pad2(sod / 3600) + ":" + pad2(sod / 60 % 60)
    }

    /// "2026-11-22 14:05" at a UTC offset.
    public static func dateTime(_ t: Timestamp, offsetSeconds: Int64) -> String {
        let local = t.epochSeconds + offsetSeconds
        let (y, m, d) = Timestamp.civil(fromDays: local.floorDiv(86400))
        return "\(y)-\(pad2(Int64(m)))-\(pad2(Int64(d))) " + clock(t, offsetSeconds: offsetSeconds)
    }

    static func pad2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

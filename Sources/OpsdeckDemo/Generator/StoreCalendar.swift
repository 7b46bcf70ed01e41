import Foundation
import OpsdeckModel

/// Local time of the demo store: timestamps are written with the store's UTC offset (as an ERP in New York
/// would), and dispatch deadlines follow its cut-off and working days.
struct StoreCalendar: Sendable {
    let timeZone: TimeZone
    let cutoffMinutes: Int
    let workingDays: Set<Int>

    init(settings: StoreSettings) {
        timeZone = TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!
        cutoffMinutes = settings.dispatchCutoffMinutes
        workingDays = settings.workingDays
    }

    func offset(at epochSeconds: Int64) -> Int32 {
        Int32(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epochSeconds))))
    }

    /// The instant, carrying the store's offset so it is written as local time.
    func local(_ epochSeconds: Int64) -> Timestamp {
        Timestamp(epochSeconds: epochSeconds, offsetSeconds: offset(at: epochSeconds))
    }

    /// Local day number (days since 1970-01-01 in local time) and minutes after local midnight.
    func localDay(_ epochSeconds: Int64) -> (day: Int64, minutes: Int) {
        let local = epochSeconds + Int64(offset(at: epochSeconds))
        let day = local.floorDiv(86400)
        return (day, Int((local - day * 86400) / 60))
    }

    /// ISO weekday (1 = Monday) of a local day number; 1970-01-01 was a Thursday.
    static func weekday(_ day: Int64) -> Int { Int((day + 3) - (day + 3).floorDiv(7) * 7) + 1 }

    /// The instant of `minutes` after midnight on local day `day`.
    func instant(day: Int64, minutes: Int) -> Int64 {
        let wall = day * 86400 + Int64(minutes) * 60
        // The offset depends on the instant; one correction step settles it except inside a DST jump.
        let guess = wall - Int64(offset(at: wall))
        return wall - Int64(offset(at: guess))
    }

    /// Promised dispatch: today's cut-off when placed before it on a working day, else the next working day's.
    func shipBy(placedAt epochSeconds: Int64) -> Int64 {
        var (day, minutes) = localDay(epochSeconds)
        if !(workingDays.contains(Self.weekday(day)) && minutes < cutoffMinutes) {
            day += 1
            while !workingDays.contains(Self.weekday(day)) { day += 1 }
        }
        return instant(day: day, minutes: cutoffMinutes)
    }

    /// Start of the local day holding `epochSeconds`.
    func startOfDay(_ epochSeconds: Int64) -> Int64 { instant(day: localDay(epochSeconds).day, minutes: 0) }
}

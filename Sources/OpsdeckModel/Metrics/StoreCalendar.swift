import Foundation

/// The store's wall clock: its time zone (from `store.json`), local days, working days and the daily
/// dispatch cut-off. Built from settings, queried with instants; never reads the clock itself.
public struct StoreCalendar: Sendable {
    public let timeZone: TimeZone
    /// Minutes after local midnight of a working day; values of 24:00 and later (up to 47:59) put the
    /// cut-off on the following calendar day, still belonging to that working day.
    public let cutoffMinutes: Int
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    public let workingDays: Set<Int>

    public init(settings: StoreSettings) {
        // An unknown zone name falls back to UTC; `opsdeck check` reports the bad name.
        timeZone = TimeZone(identifier: settings.timeZone) ?? TimeZone(secondsFromGMT: 0)!
        cutoffMinutes = min(max(settings.dispatchCutoffMinutes, 0), 2 * 1440 - 1)
        workingDays = settings.workingDays
    }

    /// Offset east of UTC, in seconds, in force at `t`.
    public func offsetSeconds(at t: Timestamp) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.epochSeconds))))
    }

    /// The store-local calendar day of `t`, counted in days since 1970-01-01.
    public func localDay(of t: Timestamp) -> Int64 { (t.epochSeconds + offsetSeconds(at: t)).floorDiv(86400) }

    /// The instant at `secondsIntoDay` of local day `day` (may exceed 86400 to reach into the next day).
    /// Two steps find the offset in force at that wall time, so days that change offset are handled.
    public func instant(day: Int64, secondsIntoDay: Int64) -> Timestamp {
        let wall = day * 86400 + secondsIntoDay
        let guess = wall - offsetSeconds(at: Timestamp(epochSeconds: wall))
        let offset = offsetSeconds(at: Timestamp(epochSeconds: guess))
        return Timestamp(epochSeconds: wall - offset, offsetSeconds: Int32(offset))
    }

    /// Local midnight starting the day that contains `t`.
    public func startOfDay(containing t: Timestamp) -> Timestamp { instant(day: localDay(of: t), secondsIntoDay: 0) }

    /// ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday.
    public static func isoWeekday(ofDay day: Int64) -> Int { Int((day % 7 + 7 + 3) % 7) + 1 }

    public func isWorkingDay(_ day: Int64) -> Bool { workingDays.contains(Self.isoWeekday(ofDay: day)) }

    /// The next dispatch cut-off after `now`: today's if it is a working day and the cut-off is still
    /// ahead, else the first working day's after. nil when no day is a working day.
    public func nextDispatchCutoff(after now: Timestamp) -> Timestamp? {
        let today = localDay(of: now)
        // Start a day back: a cut-off past midnight belongs to yesterday's working day.
        for day in (today - 1)...(today + 8) where isWorkingDay(day) {
            let cutoff = instant(day: day, secondsIntoDay: Int64(cutoffMinutes) * 60)
            if cutoff > now { return cutoff }
        }
        return nil
    }
}

import OpsdeckModel

/// The generator works in epoch seconds; timestamps it writes carry the store's UTC offset, as an ERP in
/// New York would write them.
extension StoreCalendar {
    func local(_ epochSeconds: Int64) -> Timestamp {
        Timestamp(epochSeconds: epochSeconds, offsetSeconds: Int32(offsetSeconds(at: Timestamp(epochSeconds: epochSeconds))))
    }

    /// Local day number and minutes after local midnight.
    func localDay(_ epochSeconds: Int64) -> (day: Int64, minutes: Int) {
        let t = Timestamp(epochSeconds: epochSeconds)
        let day = localDay(of: t)
        return (day, Int((epochSeconds + offsetSeconds(at: t) - day * 86400) / 60))
    }

    func instant(day: Int64, minutes: Int) -> Int64 { instant(day: day, secondsIntoDay: Int64(minutes) * 60).epochSeconds }

    /// Promised dispatch: the first cut-off after the order was placed.
    func shipBy(placedAt epochSeconds: Int64) -> Int64 {
        nextDispatchCutoff(after: Timestamp(epochSeconds: epochSeconds))?.epochSeconds ?? epochSeconds + 86400
    }

    /// The last dispatch cut-off before `t`.
    func lastCutoff(before t: Int64) -> Int64 {
        var day = localDay(t).day
        while true {
            let cutoff = instant(day: day, minutes: cutoffMinutes)
            if isWorkingDay(day) && cutoff < t { return cutoff }
            day -= 1
        }
    }
}

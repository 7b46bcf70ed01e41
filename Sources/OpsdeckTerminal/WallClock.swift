#if canImport(Glibc)
import Glibc
#endif
import OpsdeckModel

/// The shell's clocks. The UI core never reads time; the event loop reads it here and passes it in.
enum WallClock {
    /// Now, carrying the operator's local UTC offset so the UI can show local time.
    static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var local = tm()
        localtime_r(&t, &local)
        return Timestamp(epochMillis: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000,
                         offsetSeconds: Int32(local.tm_gmtoff))
    }

    /// Milliseconds on a clock that never jumps, for timeouts.
    static func monotonicMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

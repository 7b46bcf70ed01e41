import OpsdeckModel

/// The data side of the event loop: the directory poller, stat()ed on its interval and whenever its
/// descriptors (inotify, loader-ready pipe) wake the loop.
final class DataFeed {
    private let poller: DataDirectoryPoller
    private let intervalMillis: Int64
    private var nextPollAt: Int64

    init(directory: String, pollInterval: Double, maxFileBytes: Int64) {
        poller = DataDirectoryPoller(directory: directory, options: DataDirectoryPoller.Options(
            pollIntervalSeconds: pollInterval, maxFileBytes: maxFileBytes))
        intervalMillis = max(10, Int64(pollInterval * 1000))
        nextPollAt = WallClock.monotonicMillis()
    }

    var wakeDescriptors: [Int32] { poller.wakeupFDs }

    func millisecondsUntilDue() -> Int64 { max(0, nextPollAt - WallClock.monotonicMillis()) }

    /// Call after every wake-up: stat()s the files when due or when the descriptors fired, and returns a
    /// snapshot newer than the last one returned, if the loader has published one.
    func takeSnapshot(descriptorsFired: Bool) -> StoreSnapshot? {
        let now = WallClock.monotonicMillis()
        if descriptorsFired { poller.drainWakeups() }
        if descriptorsFired || now >= nextPollAt {
            poller.poll()
            nextPollAt = now + intervalMillis
        }
        return poller.takeSnapshot()
    }
}

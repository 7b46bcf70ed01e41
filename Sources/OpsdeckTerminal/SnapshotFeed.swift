import OpsdeckModel

/// What the event loop needs from the data side, so it can wait for keys, signals and data in one poll(2).
public protocol SnapshotFeed: AnyObject {
    /// Descriptors that turn readable when there may be news (inotify, a wake-up pipe or eventfd).
    var wakeDescriptors: [Int32] { get }
    /// Milliseconds until the feed must be looked at even without descriptor activity (a stat() fallback
    /// poll); nil when it needs no timer.
    func millisecondsUntilDue(now: Timestamp) -> Int64?
    /// Does whatever is due and returns a snapshot newer than the last one returned, if any.
    func takeSnapshot(now: Timestamp) -> StoreSnapshot?
    /// Stops background work and closes descriptors.
    func stop()
}

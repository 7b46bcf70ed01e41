import Foundation

/// A value computed on a thread of its own; `value` waits for it. Read it from one thread.
/// (A thread, not a Dispatch queue: callers may block on nested work, which must never queue up behind
/// them in a pool as wide as the machine, and decoding deep JSON wants the stack of a full thread.)
final class Concurrently<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)
    private var waited = false   // reader's side

    /// `inBackground: false` computes `work` right here (for small inputs a thread costs more than it saves).
    init(inBackground: Bool = true, _ work: @escaping @Sendable () -> T) {
        guard inBackground else { result = work(); waited = true; return }
        Thread {
            self.result = work()
            self.done.signal()
        }.start()
    }

    var value: T {
        if !waited { done.wait(); waited = true }
        return result!
    }
}

import Foundation

/// The last long strings read, by content. Product names and the like repeat on every order line; handing
/// out the copy already made saves an allocation per value, and the memory of 100k duplicates. Strings of
/// up to 15 UTF-8 bytes are stored inline by Swift and gain nothing, so they are not cached.
/// Used by one thread at a time (a reader, or every line reader of one JSON Lines file in turn).
final class StringCache {
    /// Most slots a cache has: 256 KB, for files of 512 KB and more.
    static let maxSlots = 16_384
    private let mask: Int
    /// Behind a pointer, not in a `var` array: a class's stored `var` is checked for exclusive access at
    /// run time on every use, which cost more than the lookup itself.
    private let slots: UnsafeMutablePointer<String?>

    /// A cache for `bytes` of input: one slot per 32 bytes, a power of two from 16 up to `maxSlots`. Input
    /// that small cannot hold more long strings, and a JSON Lines decoder makes a reader per line, where
    /// clearing (and paging in) the full 256 KB cost more than decoding the line.
    init(forBytes bytes: Int) {
        let wanted = min(Self.maxSlots, max(16, bytes / 32))
        let count = 1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount)
        mask = count - 1
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: mask + 1)
        slots.deallocate()
    }

    /// The inert string for `utf8`, shared with an earlier identical one when it is still cached.
    func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard utf8.count > 15 else { return InertText.string(utf8) }
        let slot = Int(truncatingIfNeeded: IDIndex.hash(utf8)) & mask
        // A cached string is inert already; equal bytes mean the same string (cleaning changes nothing
        // in text that needs none).
        if var s = slots[slot], s.utf8.count == utf8.count,
           s.withUTF8({ memcmp($0.baseAddress!, utf8.baseAddress!, utf8.count) == 0 }) {
            return s
        }
        let s = InertText.string(utf8)
        slots[slot] = s
        return s
    }
}

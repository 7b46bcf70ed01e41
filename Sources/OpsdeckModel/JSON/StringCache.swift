import Foundation

/// The last long strings read, by content. Product names and the like repeat on every order line; handing
/// out the copy already made saves an allocation per value, and the memory of 100k duplicates. Strings of
/// up to 15 UTF-8 bytes are stored inline by Swift and gain nothing, so they are not cached.
/// One cache per reader (never shared between threads).
final class StringCache {
    private static let count = 16_384
    /// Behind a pointer, not in a `var` array: a class's stored `var` is checked for exclusive access at
    /// run time on every use, which cost more than the lookup itself.
    private let slots = UnsafeMutablePointer<String?>.allocate(capacity: count)

    init() { slots.initialize(repeating: nil, count: Self.count) }

    deinit {
        slots.deinitialize(count: Self.count)
        slots.deallocate()
    }

    /// The inert string for `utf8`, shared with an earlier identical one when it is still cached.
    func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard utf8.count > 15 else { return InertText.string(utf8) }
        let slot = Int(truncatingIfNeeded: IDIndex.hash(utf8)) & (Self.count - 1)
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

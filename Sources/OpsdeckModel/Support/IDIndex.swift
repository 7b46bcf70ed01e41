/// Record ids (or SKUs) → positions, for the passes that index every record of a snapshot. `Dictionary`
/// hashes each String with seeded SipHash and keeps its keys in the probed table, which at 100k orders
/// made indexing the largest single cost of a load. Here a multiply-xor hash over the UTF-8 bytes picks a
/// slot of a compact table (8 bytes a slot, so probing stays in cache), and the keys live in insertion
/// order beside it. The per-process seed keeps crafted ids from forcing collisions; lookups compare
/// whole strings, so results never depend on the hash.
struct IDIndex: Sendable {
    /// Per slot: the hash's high 32 bits, then entry number + 1 in the low 32 bits (0: empty).
    private var table: [UInt64]
    private var hashes: [UInt64] = []
    private var keys: [String] = []
    private var values: [Int] = []

    var count: Int { keys.count }

    init(minimumCapacity: Int = 0) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        table = Array(repeating: 0, count: capacity)
        hashes.reserveCapacity(minimumCapacity)
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    subscript(key: String) -> Int? {
        switch probe(key, Self.hash(key)) {
        case .found(let entry): values[entry]
        case .empty: nil
        }
    }

    /// Sets `key`'s value; returns the previous one, if any.
    @discardableResult
    mutating func updateValue(_ value: Int, forKey key: String) -> Int? {
        let h = Self.hash(key)
        if case .found(let entry) = probe(key, h) {
            defer { values[entry] = value }
            return values[entry]
        }
        add(key, h, value)
        return nil
    }

    /// Adds `key` with `value` unless it is present; returns the value already there, if any.
    mutating func insertIfAbsent(_ value: Int, forKey key: String) -> Int? {
        let h = Self.hash(key)
        if case .found(let entry) = probe(key, h) { return values[entry] }
        add(key, h, value)
        return nil
    }

    private enum Probe { case found(Int), empty(slot: Int) }

    private func probe(_ key: String, _ h: UInt64) -> Probe {
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while table[i] != 0 {
            let entry = Int(truncatingIfNeeded: table[i] & 0xFFFF_FFFF) - 1
            if table[i] >> 32 == h >> 32 && keys[entry] == key { return .found(entry) }
            i = (i + 1) & mask
        }
        return .empty(slot: i)
    }

    private mutating func add(_ key: String, _ h: UInt64, _ value: Int) {
        hashes.append(h); keys.append(key); values.append(value)
        if keys.count * 2 > table.count {
            table = Array(repeating: 0, count: table.count * 2)
            for e in hashes.indices { place(e) }
        } else {
            place(keys.count - 1)
        }
    }

    private mutating func place(_ entry: Int) {
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: hashes[entry]) & mask
        while table[i] != 0 { i = (i + 1) & mask }
        table[i] = hashes[entry] & 0xFFFF_FFFF_0000_0000 | UInt64(entry + 1)
    }

    private static let seed = UInt64.random(in: 1...UInt64.max)

    static func hash(_ key: String) -> UInt64 {
        key.utf8.withContiguousStorageIfAvailable(hash) ?? Array(key.utf8).withUnsafeBufferPointer(hash)
    }

    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let m: UInt64 = 0xBF58_476D_1CE4_E5B9
        var h = seed ^ UInt64(b.count)
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))) &* m
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        while i < b.count { tail = tail << 8 | UInt64(b[i]); i += 1 }
        h = (h ^ tail) &* m
        h ^= h >> 32
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}

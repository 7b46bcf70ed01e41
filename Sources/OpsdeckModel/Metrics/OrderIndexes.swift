/// The figures of `StoreFacts` that read only `orders.json`'s orders: the id index, the open orders with
/// their deadlines, and placements by time for "today". Built on a second core while `StoreFacts` works
/// through stock, customers, carts and tickets.
struct OrderIndexes: Sendable {
    var byID: IDIndex
    var open: [Int] = []
    var openShipByMillis: [Int64] = []
    var placedMillis: [Int64] = []
    var placedRunningTotal: [Int64] = []

    init(orders: [Order]) {
        byID = IDIndex(minimumCapacity: orders.count)
        var shipBy: [Int64] = []
        var placed: [(Int64, Int64)] = []
        placed.reserveCapacity(orders.count)
        orders.withUnsafeBufferPointer { buf in   // in place: copying an Order out would retain its strings
            for i in buf.indices {
                byID.updateValue(i, forKey: buf[i].id)   // duplicates: the last wins, as in decoding
                if buf[i].status.isOpen {
                    open.append(i)
                    if let d = buf[i].shipBy { shipBy.append(d.epochMillis) }
                }
                if buf[i].status != .cancelled { placed.append((buf[i].placedAt.epochMillis, buf[i].totalMinor)) }
            }
        }
        openShipByMillis = shipBy.sorted()
        placed.sort { $0.0 < $1.0 }
        placedMillis = placed.map(\.0)
        var running: Int64 = 0
        placedRunningTotal = placed.map { running += $0.1; return running }
    }
}

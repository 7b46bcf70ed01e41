import OpsdeckModel

/// The newest snapshot with everything the panes look up by id, built once per snapshot.
public struct StoreView: Sendable {
    public private(set) var facts: StoreFacts
    let cartIndex: [String: Int]
    let ticketIndex: [String: Int]
    /// Restock quantities in the journal the ERP has not applied yet, by SKU (set from the action board).
    public internal(set) var pendingRestockBySKU: [String: Int] = [:]
    /// Refund amounts (minor units) in the journal not yet in orders.json, by order id.
    public internal(set) var pendingRefundMinorByOrder: [String: Int64] = [:]

    init(snapshot: StoreSnapshot, now: Timestamp) {
        facts = StoreFacts(snapshot: snapshot, now: now)
        cartIndex = Self.index(snapshot.carts.map(\.id))
        ticketIndex = Self.index(snapshot.tickets.map(\.id))
    }

    public var snapshot: StoreSnapshot { facts.snapshot }
    public var settings: StoreSettings { facts.snapshot.settings }

    mutating func retime(to now: Timestamp) { facts = facts.retimed(to: now) }

    public func cart(id: String) -> Cart? { cartIndex[id].map { snapshot.carts[$0] } }
    public func ticket(id: String) -> Ticket? { ticketIndex[id].map { snapshot.tickets[$0] } }

    /// Customer display name: name, else email, else id; "guest" without a customer.
    public func customerName(_ id: String?) -> String {
        guard let id else { return "guest" }
        let c = facts.customer(id: id)
        return c?.name ?? c?.email ?? id
    }

    public func segmentBadge(_ customerID: String?) -> String { facts.stats(customerID: customerID)?.segments.primary?.badge ?? "" }

    public func freshness(_ source: SourceKind, now: Timestamp) -> Freshness {
        snapshot.info(source).freshness(now: now, staleAfter: settings.staleAfterSeconds[source] ?? SourceKind.defaultStaleAfter[source] ?? 300)
    }

    static func index(_ ids: [String]) -> [String: Int] {
        var d = [String: Int](minimumCapacity: ids.count)
        for (i, id) in ids.enumerated() { d[id] = i }
        return d
    }
}

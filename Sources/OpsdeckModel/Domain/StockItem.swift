public enum StockStatus: String, Sendable, CaseIterable { case active, discontinued }

/// Stock on an open purchase order. `actionID` echoes the opsdeck restock that created it.
public struct IncomingStock: Sendable, Equatable {
    public var ref: String?
    public var qty: Int
    public var eta: Timestamp?
    public var actionID: String?
    public init(ref: String? = nil, qty: Int, eta: Timestamp? = nil, actionID: String? = nil) {
        self.ref = ref; self.qty = qty; self.eta = eta; self.actionID = actionID
    }
}

public struct StockItem: Sendable, Equatable, Identifiable {
    public var sku: String
    public var name: String
    public var onHand: Int
    public var reserved: Int
    public var incoming: Int
    public var incomingDetail: [IncomingStock]
    public var leadTimeDays: Double?
    public var safetyStock: Int?
    public var reorderPoint: Int?
    public var reorderQty: Int?
    public var maxStock: Int?
    public var orderMultiple: Int?
    public var moq: Int?
    public var dailyDemand: Double?
    public var supplier: String?
    public var unitCostMinor: Int64?
    public var location: String?
    public var status: StockStatus

    public var id: String { sku }

    public init(sku: String, name: String, onHand: Int, reserved: Int = 0, incoming: Int = 0,
                incomingDetail: [IncomingStock] = [], leadTimeDays: Double? = nil, safetyStock: Int? = nil,
                reorderPoint: Int? = nil, reorderQty: Int? = nil, maxStock: Int? = nil, orderMultiple: Int? = nil,
                moq: Int? = nil, dailyDemand: Double? = nil, supplier: String? = nil, unitCostMinor: Int64? = nil,
                location: String? = nil, status: StockStatus = .active) {
        self.sku = sku; self.name = name; self.onHand = onHand; self.reserved = reserved; self.incoming = incoming
        self.incomingDetail = incomingDetail; self.leadTimeDays = leadTimeDays; self.safetyStock = safetyStock
        self.reorderPoint = reorderPoint; self.reorderQty = reorderQty; self.maxStock = maxStock
        self.orderMultiple = orderMultiple; self.moq = moq; self.dailyDemand = dailyDemand; self.supplier = supplier
        self.unitCostMinor = unitCostMinor; self.location = location; self.status = status
    }
}

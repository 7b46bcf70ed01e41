import OpsdeckModel

/// Stock levels: out of stock first, then below the reorder point, each by fewest days of cover.
/// Discontinued items go last.
enum StockPane: PaneTable {
    static let kind = PaneKind.stock
    static let columns: [Column] = [
        .text("SKU", 10), .flexible("Name", min: 8), .number("Avail", 6, priority: 1), .number("Incoming", 10, priority: 1),
        Column(title: "Cover", width: 6, align: .right, priority: 1), .number("ROP", 5, priority: 2), .text("State", 5),
    ]
    /// Incoming shows a pending restock as "+120 pend" (or "50+120p" beside ERP-reported incoming).
    static let emptyText = "no stock items"

    static func ranked(_ s: StoreView) -> [Int] {
        let items = s.snapshot.stock, figs = s.facts.stockFigures
        let keyed = items.indices.map { i -> (Int, Int, Int, Double, String) in
            (i, items[i].status == .discontinued ? 1 : 0, figs[i].level.rawValue, figs[i].daysOfCover ?? .infinity, items[i].sku)
        }
        return keyed.sorted { ($0.1, $0.2, $0.3, $0.4) < ($1.1, $1.2, $1.3, $1.4) }.map(\.0)
    }

    static func id(_ i: Int, _ s: StoreView) -> String { s.snapshot.stock[i].sku }

    static func changed(_ i: Int, new: StoreView, old: StoreView) -> Bool {
        let item = new.snapshot.stock[i]
        return old.facts.stockItem(sku: item.sku) != item
    }

    static func cell(_ column: Int, _ i: Int, _ s: StoreView) -> CellText {
        let item = s.snapshot.stock[i], f = s.facts.stockFigures[i]
        switch column {
        case 0: return CellText(item.sku)
        case 1: return CellText(item.name)
        case 2: return CellText("\(f.available)", f.available <= 0 ? .critical : nil)
        case 3:
            // Restocks in the journal the ERP has not applied yet show beside what the ERP reports incoming.
            if let qty = s.pendingRestockBySKU[item.sku], qty > 0 {
                return CellText((item.incoming > 0 ? "\(item.incoming)+\(qty)p" : "+\(qty) pend"), .badge)
            }
            return item.incoming > 0 ? CellText("\(item.incoming)") : CellText("—", .dim)
        case 4: return CellText(cover(f.daysOfCover))
        case 5: return CellText("\(f.reorderPoint)")
        default: return state(item, f)
        }
    }

    /// "0.0d", "3.5d", "45d", "∞" (no demand).
    static func cover(_ days: Double?) -> String {
        guard let d = days else { return "∞" }
        if d < 10 { return String(Double(Int((d * 10).rounded(.down))) / 10) + "d" }
        return d < 1000 ? "\(Int(d))d" : "999d+"
    }

    static func state(_ item: StockItem, _ f: StockFigures) -> CellText {
        if item.status == .discontinued { return CellText("DISC", .dim) }
        switch f.level {
        case .out: return CellText("OUT", .critical)
        case .low: return CellText("LOW", .warn)
        case .ok: return CellText("OK", .ok)
        case .over: return CellText("OVER", .dim)
        }
    }

    static func sortValue(_ column: Int, _ i: Int, _ s: StoreView) -> SortValue {
        let item = s.snapshot.stock[i], f = s.facts.stockFigures[i]
        switch column {
        case 0: return .text(item.sku)
        case 1: return .text(item.name.lowercased())
        case 2: return .number(Double(f.available))
        case 3: return .number(Double(item.incoming))
        case 4: return .number(f.daysOfCover ?? .infinity)
        case 5: return .number(Double(f.reorderPoint))
        default: return .number(Double(f.level.rawValue))
        }
    }

    static func searchText(_ i: Int, _ s: StoreView) -> String {
        let item = s.snapshot.stock[i]
        return [item.sku, item.name, item.supplier ?? "", item.location ?? ""].joined(separator: " ").lowercased()
    }

    static func summary(_ s: StoreView) -> [Span] {
        let k = s.facts.kpis
        return [Span("\(k.belowReorderPoint) below reorder", k.belowReorderPoint > 0 ? .warn : .title), Span(" · "),
                Span("\(k.outOfStock) out", k.outOfStock > 0 ? .critical : .title)]
    }
}

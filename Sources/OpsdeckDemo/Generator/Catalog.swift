/// One sellable variant: what the store's product catalogue knows beyond the stock file.
public struct CatalogItem: Sendable, Equatable {
    public var sku: String
    public var name: String
    public var category: String
    public var priceMinor: Int64
    public var unitCostMinor: Int64
    public var supplier: String
    public var leadTimeDays: Int
    /// Relative popularity; drives who buys what and so the demand in the stock file.
    public var popularity: Double
}

/// A product line and its variant axes (colour × size); every combination becomes a SKU.
struct ProductLine {
    var code: String
    var name: String
    var category: String
    var price: Int64
    var supplier: Supplier
    var popularity: Double
    var colours: [(code: String, name: String)]
    var sizes: [String]
}

struct Supplier {
    var name: String
    var leadTimeDays: Int
}

enum Catalog {
    static let acme = Supplier(name: "Acme Textiles", leadTimeDays: 14)
    /// The supplier the simulated ERP refuses restocks from (see `SimulatedERP`).
    static let nordkap = Supplier(name: "Nordkap Wool", leadTimeDays: 21)
    static let bergstrom = Supplier(name: "Bergström Outdoor AB", leadTimeDays: 28)
    static let sierra = Supplier(name: "Sierra Footwear", leadTimeDays: 18)
    static let kobe = Supplier(name: "Kōbe Trading Co.", leadTimeDays: 35)
    static let campfire = Supplier(name: "Campfire Foods", leadTimeDays: 7)

    static let apparel = ["XS", "S", "M", "L", "XL"]
    static let basics = ["XS", "S", "M", "L", "XL", "XXL"]
    static let shoes = ["7", "8", "9", "10", "11", "12", "13"]
    static let black = ("BLK", "black"), navy = ("NAV", "navy"), olive = ("OLV", "olive"), white = ("WHT", "white")
    static let grey = ("GRY", "grey"), red = ("RED", "red"), forest = ("FOR", "forest"), sand = ("SND", "sand")
    static let blue = ("BLU", "blue"), orange = ("ORG", "orange"), plum = ("PLM", "plum")

    static let lines: [ProductLine] = [
        ProductLine(code: "TS", name: "Trail Tee", category: "Apparel", price: 2800, supplier: acme, popularity: 3.0,
                    colours: [black, navy, olive, white], sizes: basics),
        ProductLine(code: "MB", name: "Merino Base Layer", category: "Apparel", price: 7900, supplier: nordkap, popularity: 1.2,
                    colours: [black, grey], sizes: apparel),
        ProductLine(code: "DJ", name: "Über-Light Down Jacket", category: "Apparel", price: 21900, supplier: bergstrom, popularity: 1.1,
                    colours: [black, red, navy], sizes: apparel),
        ProductLine(code: "HD", name: "Ridge Hoodie", category: "Apparel", price: 6400, supplier: acme, popularity: 2.0,
                    colours: [grey, forest, sand], sizes: apparel),
        ProductLine(code: "SJ", name: "Storm Shell Jacket", category: "Apparel", price: 18900, supplier: bergstrom, popularity: 1.0,
                    colours: [black, orange, blue], sizes: apparel),
        ProductLine(code: "FS", name: "Flannel Camp Shirt", category: "Apparel", price: 5800, supplier: acme, popularity: 1.3,
                    colours: [red, forest, navy], sizes: apparel),
        ProductLine(code: "FV", name: "Polar Fleece Vest", category: "Apparel", price: 7200, supplier: acme, popularity: 0.9,
                    colours: [black, olive], sizes: apparel),
        ProductLine(code: "AN", name: "Fjäll Anorak", category: "Apparel", price: 14900, supplier: bergstrom, popularity: 0.7,
                    colours: [olive, sand], sizes: apparel),
        ProductLine(code: "HP", name: "Canyon Hiking Pants", category: "Apparel", price: 8900, supplier: acme, popularity: 1.4,
                    colours: [black, sand], sizes: ["30", "32", "34", "36", "38"]),
        ProductLine(code: "RP", name: "Rain Pants", category: "Apparel", price: 6900, supplier: bergstrom, popularity: 0.6,
                    colours: [black, navy], sizes: apparel),
        ProductLine(code: "KJ", name: "Kids Rain Jacket", category: "Apparel", price: 4900, supplier: acme, popularity: 0.8,
                    colours: [red, blue, plum], sizes: ["4", "6", "8", "10"]),
        ProductLine(code: "SK", name: "Crème Wool Socks", category: "Apparel", price: 1900, supplier: nordkap, popularity: 2.5,
                    colours: [grey, forest, plum], sizes: ["S", "M", "L"]),
        ProductLine(code: "SH", name: "Señorita Sun Hat", category: "Apparel", price: 3600, supplier: acme, popularity: 0.6,
                    colours: [sand, white], sizes: ["S", "M", "L"]),
        ProductLine(code: "BN", name: "Café Merino Beanie", category: "Apparel", price: 3200, supplier: nordkap, popularity: 1.5,
                    colours: [black, grey, red, forest], sizes: []),
        ProductLine(code: "BF", name: "Merino Buff", category: "Apparel", price: 2400, supplier: nordkap, popularity: 0.9,
                    colours: [black, grey, red, forest, blue, plum], sizes: []),
        ProductLine(code: "WG", name: "Wool Gloves", category: "Apparel", price: 2900, supplier: nordkap, popularity: 0.8,
                    colours: [black, grey], sizes: ["S", "M", "L"]),
        ProductLine(code: "HB", name: "Summit Hiking Boot", category: "Footwear", price: 16900, supplier: sierra, popularity: 1.3,
                    colours: [("BRN", "brown"), black], sizes: shoes),
        ProductLine(code: "TR", name: "Trail Runner", category: "Footwear", price: 12900, supplier: sierra, popularity: 1.6,
                    colours: [black, blue, orange], sizes: shoes),
        ProductLine(code: "CS", name: "Camp Slipper", category: "Footwear", price: 3900, supplier: sierra, popularity: 0.5,
                    colours: [grey, sand], sizes: ["S", "M", "L", "XL"]),
        ProductLine(code: "T2", name: "Alpine 2P Tent", category: "Gear", price: 34900, supplier: bergstrom, popularity: 0.6,
                    colours: [olive, orange], sizes: []),
        ProductLine(code: "T1", name: "Ultralight 1P Tent", category: "Gear", price: 42900, supplier: bergstrom, popularity: 0.3,
                    colours: [("GRN", "green")], sizes: []),
        ProductLine(code: "DP", name: "Daypack 22L", category: "Gear", price: 8900, supplier: bergstrom, popularity: 1.5,
                    colours: [black, red, blue, olive], sizes: []),
        ProductLine(code: "EP", name: "Expedition Pack 65L", category: "Gear", price: 25900, supplier: bergstrom, popularity: 0.5,
                    colours: [black, forest], sizes: ["S/M", "M/L"]),
        ProductLine(code: "SB", name: "Sleeping Bag −5°C", category: "Gear", price: 19900, supplier: bergstrom, popularity: 0.6,
                    colours: [("REG", "regular"), ("LNG", "long")], sizes: []),
        ProductLine(code: "SP", name: "Sleeping Pad", category: "Gear", price: 9900, supplier: bergstrom, popularity: 0.6,
                    colours: [("REG", "regular"), ("WID", "wide")], sizes: []),
        ProductLine(code: "TP", name: "Trekking Poles (pair)", category: "Gear", price: 11900, supplier: bergstrom, popularity: 0.7,
                    colours: [black, blue], sizes: []),
        ProductLine(code: "HL", name: "Headlamp 400lm", category: "Gear", price: 4500, supplier: kobe, popularity: 1.4,
                    colours: [black, red, orange], sizes: []),
        ProductLine(code: "DB", name: "Dry Bag", category: "Gear", price: 2200, supplier: kobe, popularity: 0.8,
                    colours: [orange, blue], sizes: ["5L", "10L", "20L"]),
        ProductLine(code: "HM", name: "Hammock", category: "Gear", price: 6900, supplier: kobe, popularity: 0.4,
                    colours: [forest, orange], sizes: []),
        ProductLine(code: "CC", name: "Camp Chair", category: "Gear", price: 7900, supplier: bergstrom, popularity: 0.5,
                    colours: [black, forest], sizes: []),
        ProductLine(code: "PD", name: "Packable Duffel 40L", category: "Gear", price: 5900, supplier: kobe, popularity: 0.5,
                    colours: [black, red, olive], sizes: []),
        ProductLine(code: "IB", name: "Insulated Bottle 750ml", category: "Accessories", price: 3400, supplier: kobe, popularity: 2.0,
                    colours: [black, white, red, blue, forest], sizes: []),
        ProductLine(code: "MT", name: "抹茶 Thermos", category: "Accessories", price: 3900, supplier: kobe, popularity: 0.7,
                    colours: [("MAT", "matcha"), white], sizes: []),
        ProductLine(code: "WJ", name: "和紙 Trail Journal", category: "Accessories", price: 2600, supplier: kobe, popularity: 0.5,
                    colours: [sand, black], sizes: []),
        ProductLine(code: "TC", name: "登山 Trail Cap", category: "Accessories", price: 2900, supplier: kobe, popularity: 0.9,
                    colours: [black, olive, sand], sizes: []),
        ProductLine(code: "CM", name: "Campfire Mug ☕", category: "Accessories", price: 2200, supplier: kobe, popularity: 1.1,
                    colours: [black, white, red], sizes: []),
        ProductLine(code: "BD", name: "Bandana", category: "Accessories", price: 1200, supplier: acme, popularity: 0.8,
                    colours: [red, blue, olive, sand, black], sizes: []),
        ProductLine(code: "GT", name: "Gaiters", category: "Accessories", price: 3900, supplier: bergstrom, popularity: 0.4,
                    colours: [black], sizes: ["S", "M", "L"]),
        ProductLine(code: "SG", name: "Glacier Sunglasses", category: "Accessories", price: 8900, supplier: kobe, popularity: 0.5,
                    colours: [black, blue], sizes: []),
        ProductLine(code: "CB", name: "Carabiner 5-pack", category: "Accessories", price: 1500, supplier: kobe, popularity: 0.6,
                    colours: [orange], sizes: []),
        ProductLine(code: "FA", name: "First Aid Kit", category: "Accessories", price: 3500, supplier: kobe, popularity: 0.5,
                    colours: [red], sizes: []),
        ProductLine(code: "TM", name: "Trail Mix Bar 🌰 12-pack", category: "Camp kitchen", price: 1800, supplier: campfire, popularity: 1.2,
                    colours: [("NUT", "nut"), ("CHO", "chocolate"), ("BER", "berry")], sizes: []),
        ProductLine(code: "ML", name: "Trail Meal", category: "Camp kitchen", price: 1100, supplier: campfire, popularity: 1.5,
                    colours: [("PTH", "Pad Thaï"), ("CHL", "Chili sin Carne"), ("JMB", "Jambalaya"),
                              ("STR", "Beef Stroganoff"), ("RIS", "Risotto ai Funghi"), ("CRB", "Crème Brûlée")], sizes: []),
        ProductLine(code: "PS", name: "Titanium Pot Set", category: "Camp kitchen", price: 7400, supplier: kobe, popularity: 0.5,
                    colours: [("TI", "titanium")], sizes: []),
        ProductLine(code: "SF", name: "Spork", category: "Camp kitchen", price: 900, supplier: kobe, popularity: 0.8,
                    colours: [black, orange, blue, forest], sizes: []),
        ProductLine(code: "ST", name: "Camp Stove", category: "Camp kitchen", price: 5900, supplier: bergstrom, popularity: 0.5,
                    colours: [black], sizes: []),
        ProductLine(code: "GC", name: "Gas Canister 230g", category: "Camp kitchen", price: 800, supplier: campfire, popularity: 1.0,
                    colours: [blue], sizes: []),
        ProductLine(code: "LN", name: "Camp Lantern", category: "Camp kitchen", price: 4900, supplier: kobe, popularity: 0.4,
                    colours: [olive], sizes: []),
    ]

    /// Middle sizes sell more than the extremes.
    static func sizeWeight(_ index: Int, of count: Int) -> Double {
        guard count > 1 else { return 1 }
        let centre = Double(count - 1) / 2
        return 1.0 / (1.0 + abs(Double(index) - centre) * 0.6)
    }

    /// Every SKU of every line, in a fixed order.
    static func items() -> [CatalogItem] {
        var out: [CatalogItem] = []
        for line in lines {
            let sizes = line.sizes.isEmpty ? [""] : line.sizes
            for colour in line.colours {
                for (i, size) in sizes.enumerated() {
                    let sku = [line.code, colour.code, size.replacingOccurrences(of: "/", with: "")]
                        .filter { !$0.isEmpty }.joined(separator: "-")
                    let name = [line.name, line.colours.count > 1 ? colour.name : "", size].filter { !$0.isEmpty }
                        .joined(separator: " ")
                    out.append(CatalogItem(
                        sku: sku, name: name, category: line.category, priceMinor: line.price,
                        unitCostMinor: line.price * 42 / 100, supplier: line.supplier.name,
                        leadTimeDays: line.supplier.leadTimeDays,
                        popularity: line.popularity / Double(line.colours.count) * sizeWeight(i, of: sizes.count) * 3))
                }
            }
        }
        return out
    }
}

import OpsdeckModel

/// How the generator means a customer to behave. opsdeck derives segments from the data on its own; this
/// only shapes the history so that every segment really occurs.
enum Persona: CaseIterable {
    case firstTimer, repeatBuyer, vip, bigSpender, discountHunter, fullPrice, cartAbandoner

    /// Share of the customer base, in percent.
    var share: Double {
        switch self {
        case .firstTimer: 35
        case .repeatBuyer: 25
        case .vip: 4
        case .bigSpender: 6
        case .discountHunter: 12
        case .fullPrice: 8
        case .cartAbandoner: 10
        }
    }

    func orderCount(_ rng: inout DemoRandom) -> Int {
        switch self {
        case .firstTimer: 1
        case .repeatBuyer: rng.int(2...5)
        case .vip: rng.int(8...20)
        case .bigSpender: rng.int(2...6)
        case .discountHunter: rng.int(2...6)
        case .fullPrice: rng.int(3...7)
        case .cartAbandoner: rng.chance(0.4) ? 1 : 0
        }
    }

    /// Probability that an order of this customer uses a discount code.
    var discountRate: Double {
        switch self {
        case .discountHunter: 0.85
        case .fullPrice, .bigSpender: 0
        case .vip: 0.1
        default: 0.2
        }
    }
}

struct DemoCustomer {
    var customer: Customer
    var persona: Persona
}

enum CustomerNames {
    /// (display, ASCII for the e-mail address)
    static let first: [(String, String)] = [
        ("Ana", "ana"), ("José", "jose"), ("Zoë", "zoe"), ("Björn", "bjorn"), ("Łukasz", "lukasz"), ("Søren", "soren"),
        ("Chloé", "chloe"), ("François", "francois"), ("Mia", "mia"), ("Liam", "liam"), ("Olivia", "olivia"),
        ("Noah", "noah"), ("Emma", "emma"), ("Ethan", "ethan"), ("Ava", "ava"), ("Lucas", "lucas"), ("Sofia", "sofia"),
        ("Mateo", "mateo"), ("Isabella", "isabella"), ("Jack", "jack"), ("Grace", "grace"), ("Henry", "henry"),
        ("Chen", "chen"), ("Yuki", "yuki"), ("Priya", "priya"), ("Arjun", "arjun"), ("Fatima", "fatima"),
        ("Omar", "omar"), ("Aisha", "aisha"), ("Kwame", "kwame"), ("Ingrid", "ingrid"), ("Siobhán", "siobhan"),
        ("Mariana", "mariana"), ("Diego", "diego"), ("Hannah", "hannah"), ("Samuel", "samuel"), ("Leah", "leah"),
        ("Daniel", "daniel"), ("Nora", "nora"), ("Felix", "felix"), ("Amélie", "amelie"), ("Jürgen", "jurgen"),
        ("Renée", "renee"), ("Tomás", "tomas"), ("Ngozi", "ngozi"), ("Hiroshi", "hiroshi"), ("Min-jun", "minjun"),
    ]
    static let last: [(String, String)] = [
        ("Ruiz", "ruiz"), ("Smith", "smith"), ("Johnson", "johnson"), ("Müller", "muller"), ("García", "garcia"),
        ("Nguyễn", "nguyen"), ("Kowalski", "kowalski"), ("O'Brien", "obrien"), ("Andersson", "andersson"),
        ("Rossi", "rossi"), ("Dubois", "dubois"), ("Williams", "williams"), ("Brown", "brown"), ("Jones", "jones"),
        ("Miller", "miller"), ("Davis", "davis"), ("Martínez", "martinez"), ("Wilson", "wilson"), ("Taylor", "taylor"),
        ("Thomas", "thomas"), ("Moore", "moore"), ("Jackson", "jackson"), ("Lee", "lee"), ("Kim", "kim"),
        ("Patel", "patel"), ("Singh", "singh"), ("Okafor", "okafor"), ("Haddad", "haddad"), ("Søndergaard", "sondergaard"),
        ("Novák", "novak"), ("Yılmaz", "yilmaz"), ("Schmidt", "schmidt"), ("Clark", "clark"), ("Lewis", "lewis"),
        ("Walker", "walker"), ("Hall", "hall"), ("Young", "young"), ("King", "king"), ("Wright", "wright"),
    ]
    /// Some customers write their name in their own script.
    static let native: [(String, String)] = [
        ("佐藤 花子", "hanako.sato"), ("王 伟", "wei.wang"), ("김 민준", "minjun.kim"), ("高橋 健", "ken.takahashi"),
        ("李 娜", "na.li"), ("Ελένη Παππά", "eleni.pappa"), ("Иван Петров", "ivan.petrov"),
    ]
}

extension DemoStoreBuilder {
    mutating func makeCustomers(count: Int) {
        let shares = Persona.allCases.map(\.share)
        var usedEmails: [String: Int] = [:]
        for i in 0..<count {
            let persona = Persona.allCases[rng.weighted(shares)]
            let name: String, handle: String
            if rng.chance(0.04) {
                (name, handle) = rng.pick(CustomerNames.native)
            } else {
                let f = rng.pick(CustomerNames.first), l = rng.pick(CustomerNames.last)
                name = "\(f.0) \(l.0)"
                handle = "\(f.1).\(l.1)"
            }
            let n = usedEmails[handle, default: 0]
            usedEmails[handle] = n + 1
            let email = (n == 0 ? handle : "\(handle)\(n + 1)") + "@" + rng.pick(["example.com", "example.org", "mail.example.net"])
            var tags: [String] = []
            if persona == .vip { tags.append("vip") }
            if rng.chance(0.1) { tags.append(rng.pick(["newsletter", "wholesale-inquiry", "outdoor-club", "gift-buyer"])) }
            let customer = Customer(id: "C\(10001 + i)", name: name, email: email, tags: tags,
                                    acceptsMarketing: persona == .discountHunter ? true : rng.chance(0.6))
            customers.append(DemoCustomer(customer: customer, persona: persona))
        }
    }
}

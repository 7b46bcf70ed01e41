import OpsdeckModel

/// Row 0: store name, per-source freshness, operator, RW/RO and PAUSED badges, clock (HH:MM in the
/// store's time zone, so an idle header changes once a minute).
struct HeaderView {
    let state: AppState

    static let sources: [(SourceKind, String, String)] = [
        (.orders, "orders", "ord"), (.stock, "stock", "stk"), (.carts, "carts", "crt"), (.tickets, "tickets", "tkt"),
    ]

    func draw(_ g: inout CellGrid, y: Int) {
        g.fill(x: 0, y: y, width: g.width, role: .normal)
        var right: [Span] = [Span(state.config.operatorLabel), Span(" "),
                             Span(state.config.readOnly ? " RO " : " RW ", .badge)]
        if state.paused { right += [Span(" "), Span(" PAUSED ", .warn)] }
        right += [Span("  "), Span(clock, .title), Span(" ")]
        let full = sources(compact: false), compact = sources(compact: true)
        let name = state.store?.settings.name ?? ""
        let rightX = max(0, g.width - right.width)
        // Prefer full source labels; fall back to compact ones; the store name takes what is left.
        let fitsFull = 1 + 12 + full.width + 2 <= rightX
        let src = fitsFull ? full : compact
        let srcX = max(0, rightX - src.width - 2)
        var left = [Span(" opsdeck", .title)]
        if !name.isEmpty { left += [Span(" · ", .dim), Span(name, .title)] }
        g.draw(left, x: 0, y: y, limit: max(0, srcX - 1))
        if src.width + 2 <= rightX { g.draw(src, x: srcX, y: y, limit: rightX) }
        g.draw(right, x: rightX, y: y, limit: g.width)
    }

    var clock: String {
        let offset = state.store.map { $0.facts.calendar.offsetSeconds(at: state.now) } ?? 0
        return TimeText.clock(state.now, offsetSeconds: offset)
    }

    func sources(compact: Bool) -> [Span] {
        guard let store = state.store else { return [Span("loading…", .dim)] }
        var out: [Span] = []
        for (kind, name, short) in Self.sources {
            if !out.isEmpty { out.append(Span(compact ? " " : "  ")) }
            out.append(Span((compact ? short : name) + " ", .dim))
            out.append(store.freshness(kind, now: state.now).label(compact: compact))
        }
        return out
    }
}

/// Row 1: today's orders and revenue, late %, out of stock, cart value and recovery, SLA breaches,
/// average lifetime value, cut-off countdown. Narrow screens drop the least urgent figures.
struct KPIStripView {
    let state: AppState

    func draw(_ g: inout CellGrid, y: Int) {
        g.fill(x: 0, y: y, width: g.width, role: .normal)
        guard let store = state.store else { return }
        let k = store.facts.kpis, cur = store.settings.currency
        func label(_ s: String) -> Span { Span(s, .kpiLabel) }
        func value(_ s: String, _ alarm: Bool = false, _ role: StyleRole = .critical) -> Span { Span(s, alarm ? role : .kpiValue) }
        let latePct = k.latePercent.map { " (" + percent($0, decimals: 1) + ")" } ?? ""
        let recovery = k.cartRecoveryRate.map { " · " + percent($0 * 100, decimals: 0) + " recovered" } ?? ""
        var cutoff: [Span] = [label("Cut-off "), value("none", false)]
        if let at = k.nextCutoff, let left = k.secondsToCutoff {
            let clock = TimeText.clock(at, offsetSeconds: store.facts.calendar.offsetSeconds(at: at))
            cutoff = [label("Cut-off "), value(clock + " in " + TimeText.countdown(left), left < 3600, .warn)]
        }
        let pieces: [(spans: [Span], priority: Int)] = [
            ([label("Today "), value("\(k.ordersToday) orders "), value(Money.format(k.revenueTodayMinor, cur, whole: true))], 4),
            ([label("Late "), value("\(k.lateOrders)" + latePct, k.lateOrders > 0)], 0),
            ([label("Out of stock "), value("\(k.outOfStock)", k.outOfStock > 0)], 1),
            ([label("Carts "), value(Money.format(k.abandonedCartValueMinor, cur, whole: true) + recovery)], 5),
            ([label("SLA breaches "), value("\(k.slaBreaches)", k.slaBreaches > 0)], 0),
            ([label("Avg LTV "), value(k.averageLifetimeValueMinor.map { Money.format($0, cur, whole: true) } ?? "—")], 6),
            (cutoff, 2),
        ]
        let line = [Span(" ")] + fitPieces(pieces, separator: [Span(" │ ", .border)], width: g.width - 1)
        g.draw(line, x: 0, y: y, limit: g.width)
    }

    func percent(_ v: Double, decimals: Int) -> String {
        decimals == 0 ? "\(Int(v.rounded()))%" : String(Double(Int((v * 10).rounded())) / 10) + "%"
    }
}

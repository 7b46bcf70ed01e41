import OpsdeckModel

/// Draws a whole `AppState` into a `CellGrid`.
struct ScreenRenderer {
    let state: AppState

    func render() -> CellGrid {
        var g = CellGrid(width: state.width, height: state.height)
        let l = state.layout
        guard !l.isTooSmall else { drawTooSmall(&g); return g }
        HeaderView(state: state).draw(&g, y: 0)
        KPIStripView(state: state).draw(&g, y: 1)
        if let row = l.tabBarRow { drawTabs(&g, y: row) }
        for kind in PaneKind.allCases {
            if let rect = l.panes[kind] { PaneView(state: state, kind: kind, rect: rect).draw(&g) }
        }
        FooterView(state: state).draw(&g, hintsRow: l.hintsRow, messageRow: l.messageRow)
        switch state.overlay {
        case .detail(let d)?: OverlayView.detail(d, into: &g, state: state)
        case .help(let scroll)?: OverlayView.help(scroll: scroll, into: &g, keymap: state.config.keymap)
        case .dialog(let d)?: DialogView.draw(d, into: &g, state: state)
        case .journal(let v)?: JournalView.draw(v, into: &g, state: state)
        case nil: break
        }
        return g
    }

    func drawTooSmall(_ g: inout CellGrid) {
        let need = "need \(ScreenLayout.minWidth)×\(ScreenLayout.minHeight), have \(g.width)×\(g.height)"
        let one = "terminal too small: " + need
        let lines = DisplayWidth.of(one) <= g.width ? [one] : ["terminal too small", need]
        let top = max(0, (g.height - lines.count) / 2)
        for (n, line) in lines.enumerated() {
            let w = min(g.width, DisplayWidth.of(line))
            g.put(line, x: max(0, (g.width - w) / 2), y: top + n, width: w, role: n == 0 ? .critical : .normal)
        }
    }

    /// Tabbed layout: "1 Orders  2 Stock …", the focused tab in the selection style; a "!" marks a pane
    /// whose data is not fresh.
    func drawTabs(_ g: inout CellGrid, y: Int) {
        var x = 0
        for kind in PaneKind.allCases where x < g.width {
            var label = " \(kind.number) \(kind.title)"
            if let f = state.store?.freshness(kind.source, now: state.minuteNow), !f.isOK { label += "!" }
            label += " "
            x = g.write(label, x: x, y: y, maxWidth: g.width - x, role: kind == state.focus ? .selectedRow : .dim)
            x = g.write(" ", x: x, y: y, maxWidth: g.width - x, role: .normal)
        }
    }
}

extension Freshness {
    var isOK: Bool { if case .ok = self { return true }; return false }

    /// "✓", "✓4m", "STALE 4m", "PARSE ERROR", "FILE ERROR", "MISSING" and its role.
    func label(compact: Bool = false) -> Span {
        switch self {
        case .ok(let age): return Span("✓" + (age >= 60 && !compact ? TimeText.coarse(age) : ""), .ok)
        case .stale(let age): return Span(compact ? "STALE" : "STALE " + TimeText.coarse(age), .warn)
        case .fileError(let p): return Span(compact ? "ERR" : (p.line != nil ? "PARSE ERROR" : "FILE ERROR"), .critical)
        case .missing: return Span(compact ? "MISS" : "MISSING", .critical)
        }
    }
}

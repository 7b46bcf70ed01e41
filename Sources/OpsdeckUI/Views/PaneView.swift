import OpsdeckModel

/// One pane: a box whose top border carries the name, counts and freshness, a column header, the
/// visible window of rows, and a bottom border with position, sort and filter.
struct PaneView {
    let state: AppState
    let kind: PaneKind
    let rect: Rect

    var pane: PaneState { state.pane(kind) }
    var focused: Bool { state.focus == kind }
    var table: any PaneTable.Type { kind.table }

    func draw(_ g: inout CellGrid) {
        guard rect.width >= 4, rect.height >= 2 else { return }
        let border: StyleRole = focused ? .focusedBorder : .border
        let inner = rect.width - 2
        // Sides and blank interior.
        for y in (rect.y + 1)..<(rect.y + rect.height - 1) {
            g[rect.x, y] = Cell("│", role: border)
            g.fill(x: rect.x + 1, y: y, width: inner, role: .row)
            g[rect.x + rect.width - 1, y] = Cell("│", role: border)
        }
        drawTop(&g, border: border)
        drawBottom(&g, border: border)
        guard rect.height >= 4 else { return }
        let columns = table.layout(width: inner - 1)
        drawColumnHeader(&g, columns: columns, y: rect.y + 1)
        drawRows(&g, columns: columns, from: rect.y + 2, count: rect.height - 3)
    }

    func drawTop(_ g: inout CellGrid, border: StyleRole) {
        let y = rect.y, end = rect.x + rect.width - 1
        g.fill(x: rect.x, y: y, width: rect.width, role: border, text: "─")
        g[rect.x, y] = Cell("┌", role: border)
        g[end, y] = Cell("┐", role: border)
        var title = [Span("\(kind.number) \(kind.title)", .title)]
        var fresh: [Span] = []
        if let store = state.store {
            title += [Span("  ", .title)] + table.summary(store).map { Span($0.text, $0.role == .normal ? .title : $0.role) }
            fresh = [Span(" "), store.freshness(kind.source, now: state.now).label(), Span(" ")]
        }
        let freshX = end - fresh.width
        g.draw(title, x: rect.x + 1, y: y, limit: max(rect.x + 1, freshX - 1))
        if freshX > rect.x + 1 { g.draw(fresh.map { Span($0.text, $0.text == " " ? border : $0.role) }, x: freshX, y: y, limit: end) }
    }

    func drawBottom(_ g: inout CellGrid, border: StyleRole) {
        let y = rect.y + rect.height - 1, end = rect.x + rect.width - 1
        g.fill(x: rect.x, y: y, width: rect.width, role: border, text: "─")
        g[rect.x, y] = Cell("└", role: border)
        g[end, y] = Cell("┘", role: border)
        guard state.store != nil else { return }
        let p = pane
        var info: [Span] = [Span(" \(p.rows.isEmpty ? 0 : p.cursor + 1)/\(p.rows.count) ", border)]
        if let c = p.sortColumn {
            info.append(Span(" sort: \(table.columns[c].title) \(table.columns[c].descendingFirst != p.reversed ? "▼" : "▲") ", border))
        } else if p.reversed {
            info.append(Span(" sort: urgency ▲ ", border))
        }
        if focused && state.editingFilter {
            info.append(Span(" /" + p.filter + "▏", .input))
        } else if !p.filter.isEmpty {
            info.append(Span(" filter: " + p.filter + " ", .warn))
        }
        g.draw(info, x: rect.x + 1, y: y, limit: end)
    }

    func drawColumnHeader(_ g: inout CellGrid, columns: [(column: Int, width: Int)], y: Int) {
        var x = rect.x + 2
        g.fill(x: rect.x + 1, y: y, width: rect.width - 2, role: .header)
        for (c, w) in columns {
            var title = table.columns[c].title
            if pane.sortColumn == c { title += table.columns[c].descendingFirst != pane.reversed ? "▼" : "▲" }
            g.put(title, x: x, y: y, width: w, role: .header, align: table.columns[c].align)
            x += w + 1
        }
    }

    func drawRows(_ g: inout CellGrid, columns: [(column: Int, width: Int)], from y0: Int, count: Int) {
        guard let store = state.store else {
            g.put("waiting for data…", x: rect.x + 2, y: y0, width: rect.width - 3, role: .dim)
            return
        }
        let p = pane
        if p.rows.isEmpty {
            g.put(emptyText(store), x: rect.x + 2, y: y0, width: rect.width - 3, role: .dim)
            return
        }
        let end = min(p.rows.count, p.top + count)
        for r in p.top..<end {
            let y = y0 + r - p.top, i = p.rows[r]
            let selected = r == p.cursor
            let rowRole: StyleRole = selected ? (focused ? .selectedRow : .inactiveSelection) : .row
            let changed = p.changed[table.id(i, store)] != nil
            g.fill(x: rect.x + 1, y: y, width: rect.width - 2, role: rowRole)
            g[rect.x + 1, y] = Cell(selected ? "▶" : changed ? "•" : " ", role: selected ? rowRole : changed ? .changed : .row)
            var x = rect.x + 2
            for (c, w) in columns {
                let cell = table.cell(c, i, store)
                g.put(cell.text, x: x, y: y, width: w, role: selected ? rowRole : cell.role ?? .row, align: table.columns[c].align)
                x += w + 1
            }
        }
    }

    func emptyText(_ store: StoreView) -> String {
        if !pane.filter.isEmpty { return "nothing matches \"\(pane.filter)\"" }
        if store.snapshot.info(kind.source).loadedAt == nil { return "no data yet from \(kind.source.fileName)" }
        return table.emptyText
    }
}

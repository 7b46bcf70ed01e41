/// Boxes drawn over the panes: a record's detail view and the help generated from the keymap.
enum OverlayView {
    static func box(_ g: inout CellGrid, width: Int, height: Int, title: String) -> Rect {
        let w = min(g.width - 2, width), h = min(g.height - 2, height)
        let r = Rect(x: (g.width - w) / 2, y: max(1, (g.height - h) / 2), width: w, height: h)
        g.fillRect(x: r.x, y: r.y, width: r.width, height: r.height, role: .dialog)
        g.fill(x: r.x, y: r.y, width: r.width, role: .dialogBorder, text: "─")
        g.fill(x: r.x, y: r.y + r.height - 1, width: r.width, role: .dialogBorder, text: "─")
        for y in r.y..<(r.y + r.height) {
            g[r.x, y] = Cell("│", role: .dialogBorder)
            g[r.x + r.width - 1, y] = Cell("│", role: .dialogBorder)
        }
        g[r.x, r.y] = Cell("┌", role: .dialogBorder); g[r.x + r.width - 1, r.y] = Cell("┐", role: .dialogBorder)
        g[r.x, r.y + r.height - 1] = Cell("└", role: .dialogBorder)
        g[r.x + r.width - 1, r.y + r.height - 1] = Cell("┘", role: .dialogBorder)
        g.write(" " + title + " ", x: r.x + 2, y: r.y, maxWidth: max(0, r.width - 4), role: .dialogBorder)
        return r
    }

    static func lines(_ lines: [StyledLine], scroll: Int, in r: Rect, _ g: inout CellGrid) {
        let visible = max(0, r.height - 2)
        let start = min(scroll, max(0, lines.count - visible))
        for (n, line) in lines[start..<min(lines.count, start + visible)].enumerated() {
            g.draw([Span(" ", .dialog)] + line.map { Span($0.text, $0.role == .normal ? .dialog : $0.role) },
                   x: r.x + 1, y: r.y + 1 + n, limit: r.x + r.width - 1)
        }
        if start + visible < lines.count {
            g.write(" ↓ more ", x: r.x + r.width - 10, y: r.y + r.height - 1, maxWidth: 8, role: .dialogBorder)
        }
    }

    static func detail(_ d: DetailState, into g: inout CellGrid, state: AppState) {
        let r = box(&g, width: 96, height: d.lines.count + 2, title: d.title)
        lines(d.lines, scroll: d.scroll, in: r, &g)
    }

    static func help(scroll: Int, into g: inout CellGrid, keymap: Keymap) {
        let content = helpLines(keymap)
        let r = box(&g, width: 60, height: content.count + 2, title: "Keys")
        lines(content, scroll: scroll, in: r, &g)
    }

    /// Help is generated from the keymap, so it always matches keys.toml.
    static func helpLines(_ keymap: Keymap) -> [StyledLine] {
        var out: [StyledLine] = []
        for group in KeyAction.Group.allCases {
            let actions = KeyAction.allCases.filter { $0.group == group && !keymap.keys(for: $0).isEmpty }
            guard !actions.isEmpty else { continue }
            if !out.isEmpty { out.append([]) }
            out.append([Span(group.rawValue, .header)])
            for a in actions { out.append([Span("  " + keymap.label(for: a).padding(14), .keyHint), Span(a.title)]) }
        }
        out += [[], [Span("In a filter: type to narrow, ⏎ keeps it, Esc clears it.", .dim)]]
        return out
    }
}

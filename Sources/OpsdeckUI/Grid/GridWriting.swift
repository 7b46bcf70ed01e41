import OpsdeckModel

public enum Alignment: Sendable { case left, right }

extension CellGrid {
    /// Writes `text` at (x, y) into at most `width` columns, padded to exactly `width` with `role`.
    /// Text that does not fit ends with "…"; a wide grapheme takes its cell plus a continuation cell, and
    /// one that would straddle the edge becomes a space, so later columns never shift.
    /// Every text goes through `InertText` here, whatever its origin (data files are cleaned as they are
    /// decoded; typed text, environment strings, file names and messages are not), so no cell ever holds a
    /// control, bidi or zero-width character: the screen shows them the way the decoders do.
    public mutating func put(_ text: String, x: Int, y: Int, width: Int, role: StyleRole, align: Alignment = .left) {
        guard width > 0, y >= 0, y < height else { return }
        let fitted = Self.fit(text, width: width)
        let pad = width - fitted.width
        var cx = x
        if align == .right { fill(x: cx, y: y, width: pad, role: role); cx += pad }
        for (c, w) in fitted.graphemes {
            if w == 0 {
                // A lone combining mark joins the grapheme before it (or is dropped at the start).
                if cx > x, cx - 1 < self.width { self[cx - 1, y].text.append(c) }
                continue
            }
            self[cx, y] = Cell(String(c), role: role)
            if w == 2 { self[cx + 1, y] = Cell("", role: role) }
            cx += w
        }
        if align == .left { fill(x: cx, y: y, width: pad, role: role) }
    }

    /// Writes a run of text without padding; returns the x after it.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int, role: StyleRole) -> Int {
        let w = min(DisplayWidth.of(text), maxWidth)
        put(text, x: x, y: y, width: w, role: role)
        return x + max(0, w)
    }

    public mutating func fill(x: Int, y: Int, width: Int, role: StyleRole, text: String = " ") {
        guard width > 0 else { return }
        for cx in x..<(x + width) { self[cx, y] = Cell(text, role: role) }
    }

    public mutating func fillRect(x: Int, y: Int, width: Int, height: Int, role: StyleRole) {
        guard height > 0 else { return }
        for cy in y..<(y + height) { fill(x: x, y: cy, width: width, role: role) }
    }

    /// The graphemes of `text` that fit `width` columns (with "…" when cut), and their total width.
    static func fit(_ text: String, width: Int) -> (graphemes: [(Character, Int)], width: Int) {
        var out: [(Character, Int)] = []
        var total = 0
        var cut = false
        for c in InertText.inert(text) {
            let w = DisplayWidth.of(c)
            if total + w > width { cut = true; break }
            out.append((c, w)); total += w
        }
        guard cut else { return (out, total) }
        // Make room for the ellipsis.
        while total + 1 > width, let last = out.popLast() { total -= last.1 }
        while let last = out.last, last.1 == 0 { _ = out.popLast() }
        if width >= 1 { out.append(("…", 1)); total += 1 }
        return (out, total)
    }
}

extension CellGrid {
    /// The row's text with continuation cells skipped (what a terminal shows).
    public func text(row y: Int) -> String { row(y).map(\.text).joined() }
}

extension CellGrid {
    /// Draws spans left to right from x, never past `limit` (exclusive); returns the x after the last cell.
    @discardableResult
    mutating func draw(_ spans: [Span], x: Int, y: Int, limit: Int) -> Int {
        var cx = x
        for span in spans where cx < limit {
            cx = write(span.text, x: cx, y: y, maxWidth: limit - cx, role: span.role)
        }
        return cx
    }
}

extension Array where Element == Span {
    var width: Int { reduce(0) { $0 + DisplayWidth.of($1.text) } }
}

/// Fits optional pieces into a width: pieces are kept in display order, and dropped lowest priority
/// first (larger number = dropped earlier) until the rest fits.
func fitPieces(_ pieces: [(spans: [Span], priority: Int)], separator: [Span], width: Int) -> [Span] {
    var keep = Array(pieces.indices)
    func total(_ idx: [Int]) -> Int { idx.reduce(0) { $0 + pieces[$1].spans.width } + max(0, idx.count - 1) * separator.width }
    while total(keep) > width, let drop = keep.max(by: { (pieces[$0].priority, $0) < (pieces[$1].priority, $1) }) {
        keep.removeAll { $0 == drop }
    }
    var out: [Span] = []
    for (n, i) in keep.enumerated() { if n > 0 { out += separator }; out += pieces[i].spans }
    return out
}

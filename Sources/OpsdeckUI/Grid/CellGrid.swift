/// One terminal cell: a grapheme (empty for the right half of a wide character) and its style role.
public struct Cell: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String = " ", role: StyleRole = .normal) { self.text = text; self.role = role }
    public static let blank = Cell()
    /// Right half of a double-width grapheme drawn in the cell to its left.
    public var isContinuation: Bool { text.isEmpty }
}

/// The whole screen as plain data. Panes render into it; the terminal module draws it (only the rows that
/// changed); tests compare it as text.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0, y >= 0, x < width, y < height { cells[y * width + x] = newValue } }
    }

    public func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * width)..<((y + 1) * width)] }
}

/// A rectangle of cells.
public struct Rect: Sendable, Equatable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
}

/// Where everything goes for a terminal size (thresholds documented in docs/screen.md):
/// - below 40×12: a "terminal too small" screen;
/// - 100 columns and 20 rows or more: the four panes 2×2;
/// - 60–99 columns with 28 rows or more: the panes stacked (each at least 6 rows: 3 records);
/// - otherwise: tabbed, the focused pane under a tab bar;
/// - zoomed: the focused pane alone, whatever the size.
/// Rows: header, KPI strip, (tab bar), panes, key hints, message line.
public struct ScreenLayout: Sendable, Equatable {
    public enum Arrangement: Sendable, Equatable { case grid, stacked, tabbed, zoomed }

    public static let minWidth = 40, minHeight = 12
    public static let gridMinWidth = 100, gridMinHeight = 20
    public static let stackedMinWidth = 60, stackedMinHeight = 4 + 4 * 6

    public let width: Int
    public let height: Int
    public let isTooSmall: Bool
    public let arrangement: Arrangement
    /// The tab bar's row (tabbed only).
    public let tabBarRow: Int?
    public let panes: [PaneKind: Rect]

    public init(width: Int, height: Int, focus: PaneKind, zoomed: Bool) {
        self.width = width; self.height = height
        isTooSmall = width < Self.minWidth || height < Self.minHeight
        let top = 2, areaHeight = max(0, height - 4)
        var rects: [PaneKind: Rect] = [:]
        var tabRow: Int?
        let arrangement: Arrangement
        if isTooSmall {
            arrangement = .tabbed
        } else if zoomed {
            arrangement = .zoomed
            rects[focus] = Rect(x: 0, y: top, width: width, height: areaHeight)
        } else if width >= Self.gridMinWidth && height >= Self.gridMinHeight {
            arrangement = .grid
            let lw = width / 2, th = (areaHeight + 1) / 2
            rects[.orders] = Rect(x: 0, y: top, width: lw, height: th)
            rects[.stock] = Rect(x: lw, y: top, width: width - lw, height: th)
            rects[.carts] = Rect(x: 0, y: top + th, width: lw, height: areaHeight - th)
            rects[.escalations] = Rect(x: lw, y: top + th, width: width - lw, height: areaHeight - th)
        } else if width >= Self.stackedMinWidth && height >= Self.stackedMinHeight {
            arrangement = .stacked
            var y = top
            for kind in PaneKind.allCases {
                let h = areaHeight / 4 + (kind.rawValue < areaHeight % 4 ? 1 : 0)
                rects[kind] = Rect(x: 0, y: y, width: width, height: h)
                y += h
            }
        } else {
            arrangement = .tabbed
            tabRow = top
            rects[focus] = Rect(x: 0, y: top + 1, width: width, height: max(0, areaHeight - 1))
        }
        self.arrangement = arrangement
        tabBarRow = tabRow
        panes = rects
    }

    /// Record rows a pane shows (its box less borders and column header); 0 when not shown.
    public func visibleRows(_ kind: PaneKind) -> Int { max(0, (panes[kind]?.height ?? 0) - 3) }

    public var hintsRow: Int { height - 2 }
    public var messageRow: Int { height - 1 }
}

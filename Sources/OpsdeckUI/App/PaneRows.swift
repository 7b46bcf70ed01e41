import OpsdeckModel

extension AppState {
    var layout: ScreenLayout { ScreenLayout(width: width, height: height, focus: focus, zoomed: zoomed) }

    /// A new snapshot: derive facts once, mark rows whose records changed, re-rank every pane keeping
    /// each cursor on its record, and refresh an open detail view.
    mutating func apply(_ snapshot: StoreSnapshot) {
        let old = store
        let new = StoreView(snapshot: snapshot, now: now)
        store = new
        rebuildActions()
        for kind in PaneKind.allCases {
            let ranked = kind.table.ranked(new)
            if let old { markChanges(kind, ranked: ranked, new: new, old: old) }
            refreshRows(kind, ranked: ranked)
        }
        refreshDetail()
        keepCursorsVisible()
    }

    /// More changed rows than this in one snapshot is a reload, not news: nothing is marked.
    static let changeMarkLimit = 100

    mutating func markChanges(_ kind: PaneKind, ranked: [Int], new: StoreView, old: StoreView) {
        let table = kind.table
        var ids: [String] = []
        for i in ranked where table.changed(i, new: new, old: old) {
            ids.append(table.id(i, new))
            if ids.count > Self.changeMarkLimit { return }
        }
        let until = now.adding(seconds: config.changedMarkSeconds)
        for id in ids { panes[kind.rawValue].changed[id] = until }
    }

    /// Recomputes a pane's rows (rank, filter, sort) and puts the cursor back on the selected record.
    mutating func refreshRows(_ kind: PaneKind, ranked: [Int]? = nil) {
        guard let store else { return }
        let table = kind.table
        var p = panes[kind.rawValue]
        p.rows = table.rows(store, ranked: ranked ?? table.ranked(store), filter: p.filter, sortColumn: p.sortColumn, reversed: p.reversed)
        if let id = p.selectedID, let at = p.rows.firstIndex(where: { table.id($0, store) == id }) {
            p.cursor = at
        } else {
            p.cursor = min(p.cursor, max(0, p.rows.count - 1))
            p.selectedID = p.rows.isEmpty ? nil : table.id(p.rows[p.cursor], store)
        }
        panes[kind.rawValue] = p
    }

    /// The clock moved: expire change marks and messages; once a minute re-time the metrics and re-rank
    /// (urgency depends on the time), which is all an idle screen ever changes.
    mutating func advanceClock(to t: Timestamp) {
        let minuteChanged = t.epochSeconds.floorDiv(60) != now.epochSeconds.floorDiv(60)
        now = t
        for i in panes.indices where !panes[i].changed.isEmpty { panes[i].changed = panes[i].changed.filter { $0.value > t } }
        if let m = message, m.expires <= t { message = nil }
        guard minuteChanged, store != nil else { return }
        store!.retime(to: t)
        for kind in PaneKind.allCases { refreshRows(kind) }
        refreshDetail()
        keepCursorsVisible()
    }

    mutating func moveCursor(to index: Int) {
        guard let store else { return }
        var p = panes[focus.rawValue]
        guard !p.rows.isEmpty else { return }
        p.cursor = min(max(0, index), p.rows.count - 1)
        p.selectedID = focus.table.id(p.rows[p.cursor], store)
        panes[focus.rawValue] = p
        keepCursorsVisible()
    }

    /// Scrolls each shown pane so its cursor is visible, without leaving empty rows at the bottom.
    mutating func keepCursorsVisible() {
        let l = layout
        for kind in PaneKind.allCases {
            var p = panes[kind.rawValue]
            let visible = max(1, l.visibleRows(kind))
            if p.cursor < p.top { p.top = p.cursor }
            if p.cursor >= p.top + visible { p.top = p.cursor - visible + 1 }
            p.top = max(0, min(p.top, p.rows.count - visible))
            panes[kind.rawValue] = p
        }
    }

    mutating func setFilter(_ text: String) {
        panes[focus.rawValue].filter = text
        refreshRows(focus)
        keepCursorsVisible()
    }

    mutating func say(_ text: String, error: Bool = false) {
        message = StatusMessage(text: text, isError: error, expires: now.adding(seconds: 8))
    }
}

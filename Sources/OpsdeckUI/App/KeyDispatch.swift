import OpsdeckModel

/// Keys → actions → state changes. Overlays and the filter line take keys before the keymap.
extension AppState {
    mutating func handle(_ key: Key) -> [Effect] {
        let action = config.keymap.action(for: key)
        let typing = key.isPrintable && (editingFilter || overlay?.isDialog == true)
        if action == .quit && !typing { return [.quit] }
        if action == .undo && !typing { undoNewest(); return [] }
        switch overlay {
        case .dialog(let d)?:
            return handleDialog(key, d)
        case .journal(let v)?:
            return handleJournalView(key, v)
        case .help(let scroll)?:
            switch action {
            case .up?: overlay = .help(scroll: max(0, scroll - 1))
            case .down?: overlay = .help(scroll: scroll + 1)
            case .pageUp?: overlay = .help(scroll: max(0, scroll - 10))
            case .pageDown?: overlay = .help(scroll: scroll + 10)
            case .back?, .help?, .open?: overlay = nil
            default: break
            }
            return []
        case .detail(var d)?:
            let page = max(1, height - 8)
            switch action {
            case .up?: d.scroll = max(0, d.scroll - 1)
            case .down?: d.scroll = min(max(0, d.lines.count - 1), d.scroll + 1)
            case .pageUp?: d.scroll = max(0, d.scroll - page)
            case .pageDown?: d.scroll = min(max(0, d.lines.count - 1), d.scroll + page)
            case .top?: d.scroll = 0
            case .back?, .open?: overlay = nil; return []
            case .help?: overlay = .help(scroll: 0); return []
            case .nextPane?: selectDetailLine(d, by: 1); return []
            case .previousPane?: selectDetailLine(d, by: -1); return []
            case .restock?: openRestockFromDetail(d); return []
            default: return []
            }
            overlay = .detail(d)
            return []
        case nil:
            break
        }
        if editingFilter, let handled = editFilter(key) { return handled }
        return action.map { perform($0) } ?? []
    }

    /// Typing into the focused pane's filter: characters, Backspace, Enter keeps, Esc clears. Other keys
    /// (arrows, Tab…) fall through to the keymap so the operator can move while filtering.
    mutating func editFilter(_ key: Key) -> [Effect]? {
        let current = panes[focus.rawValue].filter
        switch key {
        case .char(let c) where key.isPrintable: setFilter(current + String(c))
        case .backspace, .delete: setFilter(String(current.dropLast()))
        case .enter: editingFilter = false
        case .escape: editingFilter = false; setFilter("")
        default: return nil
        }
        return []
    }

    /// A keymap action on the panes. Quit and undo never get here: `handle` takes them first, everywhere.
    mutating func perform(_ action: KeyAction) -> [Effect] {
        let l = layout
        let p = panes[focus.rawValue]
        switch action {
        case .quit, .undo: break
        case .help: overlay = .help(scroll: 0)
        case .nextPane: focusPane(focus.next)
        case .previousPane: focusPane(focus.previous)
        case .focusOrders: focusPane(.orders)
        case .focusStock: focusPane(.stock)
        case .focusCarts: focusPane(.carts)
        case .focusEscalations: focusPane(.escalations)
        case .up: moveCursor(to: p.cursor - 1)
        case .down: moveCursor(to: p.cursor + 1)
        case .pageUp: moveCursor(to: p.cursor - max(1, l.visibleRows(focus) - 1))
        case .pageDown: moveCursor(to: p.cursor + max(1, l.visibleRows(focus) - 1))
        case .top: moveCursor(to: 0)
        case .bottom: moveCursor(to: p.rows.count - 1)
        case .open: openDetail()
        case .back:
            if !p.filter.isEmpty { setFilter("") } else if zoomed { zoomed = false; keepCursorsVisible() }
        case .filter: editingFilter = true
        case .sort: cycleSort()
        case .reverseSort:
            panes[focus.rawValue].reversed.toggle()
            refreshRows(focus); keepCursorsVisible()
        case .zoom: zoomed.toggle(); keepCursorsVisible()
        case .pause:
            paused.toggle()
            say(paused ? "Refresh paused: data on screen is frozen (p resumes)" : "Refresh resumed")
            return [.setRefreshPaused(paused)]
        case .nextTheme:
            let themes = config.themes
            let i = themes.firstIndex { $0.name == theme.name } ?? -1
            theme = themes[(i + 1) % themes.count]
            say("Theme: \(theme.name)")
            return [.applyTheme(theme)]
        case .restock: openRestock()
        case .refund: openRefund()
        case .remind: openReminder()
        case .ack: openTicketAction(.escalationAck)
        case .assign: openTicketAction(.escalationAssign)
        case .journal: overlay = .journal(JournalViewState())
        }
        return []
    }

    mutating func focusPane(_ kind: PaneKind) {
        if focus != kind { editingFilter = false }
        focus = kind
        keepCursorsVisible()
    }

    /// `s`: urgency rank → each column in turn → back to urgency rank.
    mutating func cycleSort() {
        let columns = focus.table.columns
        var p = panes[focus.rawValue]
        p.sortColumn = p.sortColumn.map { $0 + 1 < columns.count ? $0 + 1 : nil } ?? 0
        p.reversed = false
        panes[focus.rawValue] = p
        refreshRows(focus)
        keepCursorsVisible()
        say("Sorted by " + (p.sortColumn.map { columns[$0].title } ?? "urgency"))
    }
}

extension Overlay {
    /// Overlays that take typing (so `q` is text there, not quit).
    var isDialog: Bool {
        switch self {
        case .dialog, .journal: true
        case .detail, .help: false
        }
    }
}

extension Key {
    /// A character fields and filters accept as text: not a control, bidi or zero-width character (a paste
    /// may carry them), so what is typed is what the journal line and the screen show.
    var isPrintable: Bool {
        if case .char(let c) = self { return !InertText.needsCleaning(String(c).utf8) }
        return false
    }
}

import OpsdeckActions
import OpsdeckModel

/// `J`: every journaled action, newest first, with when, who, what and its state from the ERP's answers.
/// Typing narrows the list (matched against the whole line), Backspace widens it, Esc clears the filter
/// or closes.
public struct JournalViewState: Sendable, Equatable {
    public internal(set) var scroll = 0
    public internal(set) var filter = ""
}

extension AppState {
    mutating func handleJournalView(_ key: Key, _ view: JournalViewState) -> [Effect] {
        var v = view
        let page = max(1, height - 8)
        switch key {
        case .escape where !v.filter.isEmpty: v.filter = ""; v.scroll = 0
        case .escape: overlay = nil; return []
        case .char("J") where v.filter.isEmpty: overlay = nil; return []
        case .up: v.scroll = max(0, v.scroll - 1)
        case .down: v.scroll += 1
        case .pageUp: v.scroll = max(0, v.scroll - page)
        case .pageDown: v.scroll += page
        case .backspace, .delete: v.filter = String(v.filter.dropLast()); v.scroll = 0
        case .char(let c) where key.isPrintable: v.filter.append(c); v.scroll = 0
        default: return []
        }
        v.scroll = min(v.scroll, max(0, JournalView.rows(self, filter: v.filter).count - 1))
        overlay = .journal(v)
        return []
    }
}

enum JournalView {
    /// One line per action: "11-24 14:05  alice@ops1  restock TS-BLK-M +124 (Acme)  pending  a1b2c3".
    static func rows(_ state: AppState, filter: String) -> [StyledLine] {
        guard let board = state.actions else { return [] }
        let offset = state.store?.facts.calendar.offsetSeconds(at: state.now) ?? 0
        let needle = filter.lowercased()
        var out: [StyledLine] = []
        let heldIDs = Set(state.held.map(\.entry.actionID))
        for st in board.statuses.reversed() {
            let e = st.entry
            // Held in the undo window: not in the journal yet.
            let label = heldIDs.contains(e.actionID) ? "held" : st.state.label
            let when = TimeText.dateTime(e.at, offsetSeconds: offset)
            let who = e.by.user + "@" + e.by.host
            var what = ActionSummary.text(e.request)
            switch st.state {
            case .rejected(let m?), .failed(let m?): what += " — " + m
            default: break
            }
            let text = [when, who, what, label, String(e.actionID.prefix(6))].joined(separator: " ").lowercased()
            guard needle.isEmpty || text.contains(needle) else { continue }
            out.append([Span(when.padding(12), .dim), Span(" " + who.padding(14)), Span(" " + label.padding(9), role(st.state)),
                        Span(" " + String(e.actionID.prefix(6)), .dim), Span("  " + what)])
        }
        return out
    }

    static func role(_ s: ActionState) -> StyleRole {
        switch s {
        case .pending, .accepted: .warn
        case .applied: .ok
        case .rejected, .failed: .critical
        case .cancelled: .dim
        }
    }

    static func draw(_ v: JournalViewState, into g: inout CellGrid, state: AppState) {
        let rows = rows(state, filter: v.filter)
        let total = state.actions?.statuses.count ?? 0
        var lines: [StyledLine] = [[Span("Filter: ", .dim), Span(v.filter.isEmpty ? "type to filter" : v.filter + "▏", v.filter.isEmpty ? .dim : .input),
                                    Span("   \(rows.count) of \(total) actions", .dim)], []]
        lines += rows.isEmpty ? [[Span(total == 0 ? "No actions in the journal yet." : "No action matches the filter.", .dim)]] : rows
        let problems = state.journal.allProblems
        if !problems.isEmpty { lines += [[]] + problems.map { [Span("! " + $0.description, .warn)] } }
        let r = OverlayView.box(&g, width: 118, height: g.height - 4, title: "Journal")
        // The filter line stays put; the actions scroll under it.
        OverlayView.lines(Array(lines.prefix(2)), scroll: 0, in: r, &g)
        let below = Rect(x: r.x, y: r.y + 2, width: r.width, height: r.height - 2)
        OverlayView.lines(Array(lines.dropFirst(2)), scroll: v.scroll, in: below, &g)
    }
}

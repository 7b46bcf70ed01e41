import OpsdeckActions
import OpsdeckModel

/// The two bottom rows: key hints generated from the keymap, and the message line (the operator's last
/// message, else the first data-file problem with file, line and reason).
struct FooterView {
    let state: AppState

    func draw(_ g: inout CellGrid, hintsRow: Int, messageRow: Int) {
        g.fill(x: 0, y: hintsRow, width: g.width, role: .normal)
        g.fill(x: 0, y: messageRow, width: g.width, role: .normal)
        g.draw([Span(" ")] + hints(width: g.width - 1), x: 0, y: hintsRow, limit: g.width)
        if let m = message() { g.draw([Span(" ")] + [m], x: 0, y: messageRow, limit: g.width) }
    }

    func hint(_ actions: [KeyAction], _ text: String) -> [Span] {
        let km = state.config.keymap
        let keys = actions.compactMap { km.keys(for: $0).first?.label }.joined()
        return keys.isEmpty ? [] : [Span(keys, .keyHint), Span(" " + text)]
    }

    /// The store actions of the focused pane (none in read-only mode), then the journal view.
    var paneActions: [[Span]] {
        guard !state.config.readOnly else { return [hint([.journal], "journal")] }
        let actions: [KeyAction] = switch state.focus {
        case .orders: [.refund]
        case .stock: [.restock]
        case .carts: [.remind]
        case .escalations: [.ack, .assign, .refund]
        }
        return actions.map { hint([$0], $0 == .remind ? "remind" : $0.title) } + [hint([.journal], "journal")]
    }

    func hints(width: Int) -> [Span] {
        var pieces: [[Span]]
        if case .journal? = state.overlay {
            pieces = [[Span("type to filter")], hint([.up, .down], "scroll"), [Span("Esc", .keyHint), Span(" clear / close")]]
        } else if state.overlay?.isDialog == true {
            pieces = [[Span("y", .keyHint), Span(" confirm")], [Span("Esc", .keyHint), Span(" cancel")],
                      [Span("Tab", .keyHint), Span(" next field")], [Span("⌫", .keyHint), Span(" erase")]]
        } else if case .detail(let d)? = state.overlay, !d.lineSKUs.isEmpty || d.pane == .stock {
            let restock = state.config.readOnly ? [] : hint([.restock], d.pane == .stock ? "restock" : "restock line")
            pieces = [hint([.up, .down], "scroll"), d.lineSKUs.isEmpty ? [] : hint([.nextPane], "line"), restock,
                      hint([.back], "close"), hint([.help], "help"), hint([.quit], "quit")]
        } else if state.overlay != nil {
            pieces = [hint([.up, .down], "scroll"), hint([.back], "close"), hint([.help], "help"), hint([.quit], "quit")]
        } else if state.editingFilter {
            pieces = [[Span("type to filter")], [Span("⏎", .keyHint), Span(" keep")], [Span("Esc", .keyHint), Span(" clear")],
                      hint([.up, .down], "move")]
        } else {
            pieces = [hint([.up, .down], "move")] + paneActions + [hint([.nextPane], "pane"), hint([.open], "details"),
                      hint([.filter], "filter"), hint([.sort], "sort"), hint([.zoom], "zoom"),
                      hint([.pause], state.paused ? "resume" : "pause"), hint([.nextTheme], "theme"),
                      hint([.help], "help"), hint([.quit], "quit")]
        }
        // Help and quit stay; the others drop from the right.
        let n = pieces.count
        let prioritized = pieces.enumerated().filter { !$0.element.isEmpty }.map { (i, p) in
            (spans: p, priority: i >= n - 2 && state.overlay == nil && !state.editingFilter ? 0 : i + 1)
        }
        return fitPieces((heldPiece.map { [(spans: $0, priority: 0)] } ?? []) + prioritized, separator: [Span("  ")], width: width)
    }

    /// The newest action in its undo window, counting down: "restock TS-BLK-M +120 in 4s  u undo (+1 held)".
    /// The key is left out where typing takes it (a dialog, the journal filter).
    var heldPiece: [Span]? {
        guard let newest = state.held.last else { return nil }
        var spans = [Span(ActionSummary.text(newest.entry.request) + " in \(state.secondsLeft(newest))s", .badge)]
        let typing = state.editingFilter || state.overlay?.isDialog == true
        if !typing, let key = state.config.keymap.keys(for: .undo).first { spans += [Span(" "), Span(key.label, .keyHint), Span(" undo")] }
        if state.held.count > 1 { spans.append(Span(" (+\(state.held.count - 1) held)")) }
        return spans
    }

    func message() -> Span? {
        if let m = state.message { return Span(m.text, m.isError ? .errorMessage : .message) }
        guard let store = state.store else { return nil }
        var errors: [String] = []
        var warnings: [String] = []
        for kind in SourceKind.allCases {
            let info = store.snapshot.info(kind)
            switch info.health {
            case .fileError(let p): errors.append(p.description + " — showing the last good data")
            case .missing where kind.isRequired && info.loadedAt != nil: errors.append("\(kind.fileName) is missing — showing the last good data")
            case .missing where kind.isRequired: errors.append("\(kind.fileName) not found in the data directory")
            default:
                if let first = info.recordProblems.first {
                    warnings.append("\(kind.fileName): \(info.recordProblems.count) record problem(s), first: \(first.description)")
                }
            }
        }
        let list = errors.isEmpty ? warnings : errors
        guard let first = list.first else { return nil }
        return Span(first + (list.count > 1 ? " (+\(list.count - 1) more)" : ""), errors.isEmpty ? .warn : .errorMessage)
    }
}

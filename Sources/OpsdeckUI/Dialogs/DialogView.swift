import OpsdeckActions
import OpsdeckModel

/// Draws an action dialog: the target (and whether it changed since the dialog opened), the fields, the
/// live verdict of the rules, the exact journal line `y` writes, and [Cancel] [Confirm].
enum DialogView {
    static let width = 84

    static func draw(_ d: ActionDialog, into g: inout CellGrid, state: AppState) {
        let inner = min(width, g.width - 2) - 4
        let content = lines(d, state: state, inner: inner)
        let r = OverlayView.box(&g, width: width, height: content.count + 2, title: title(d))
        OverlayView.lines(content, scroll: 0, in: r, &g)
    }

    static func title(_ d: ActionDialog) -> String {
        switch d.kind {
        case .restock: "Restock \(d.targetID)"
        case .refund: "Refund order \(d.targetID)"
        case .cartReminder: "Remind cart \(d.targetID)"
        case .escalationAck: "Acknowledge \(d.targetID)"
        case .escalationAssign: "Assign \(d.targetID)"
        case .cancel: "Cancel action \(d.targetID)"
        }
    }

    static func lines(_ d: ActionDialog, state: AppState, inner: Int) -> [StyledLine] {
        var out: [StyledLine] = target(d, state: state) + [[]]
        for (i, f) in d.fields.enumerated() {
            let focused = d.focus == .field(i)
            let shown = f.choices != nil ? "‹ \(f.text.replacingUnderscores) ›" : f.text + (focused ? "▏" : "")
            out.append([Span(focused ? "› " : "  ", .keyHint), Span(f.label.padding(10)),
                        Span(" " + shown.padding(max(20, DisplayWidth.of(shown))) + " ", focused ? .dialogButtonFocused : .input)]
                       + (f.name == "typed" ? [Span("  only above your refund limit", .dim)] : []))
        }
        out.append([])
        let verdict = d.verdict(board: state.actions, now: state.now)
        switch verdict {
        case .invalid(let r): out += words("✗ " + r.message, inner, .critical)
        case .ready(_, let needs) where !needs.isEmpty:
            for c in needs { out += words("! " + c.message, inner, .warn) }
        case .ready:
            let given = d.acknowledged.isEmpty ? "" : " (confirmed: " + d.acknowledged.map(\.rawValue).sorted().joined(separator: ", ") + ")"
            out.append([Span("✓ passes the checks" + given, .ok)])
        }
        if let failure = d.failure { out += words("✗ Not written: " + failure, inner, .critical) }
        out.append([])
        out.append([Span("Will append to the journal:", .dim)])
        let line: String
        switch d.request() {
        case .success(let req): line = d.entry(req).jsonLine()
        case .failure: line = "(nothing until the fields are valid)"
        }
        for chunk in wrap(line, width: inner) { out.append([Span(chunk, .dim)]) }
        out.append([])
        out.append([Span("  "), button("Cancel", focused: d.focus == .cancel), Span("  "),
                    button("Confirm (y)", focused: d.focus == .confirm),
                    Span("   Tab next field · Esc/n cancel", .dim)])
        return out
    }

    static func button(_ label: String, focused: Bool) -> Span {
        Span("[ \(label) ]", focused ? .dialogButtonFocused : .dialogButton)
    }

    /// The target now, and a warning when it changed or vanished since the dialog opened.
    static func target(_ d: ActionDialog, state: AppState) -> [StyledLine] {
        guard let now = state.dialogTarget(d.kind, d.targetID) else {
            let file = d.kind.source?.fileName ?? "the data"
            return [[Span("\(d.targetID) is no longer in \(file); was: \(d.targetAtOpen)", .critical)]]
        }
        var line = [Span(now)]
        if d.kind == .restock, let p = state.store?.pendingRestockBySKU[d.targetID] { line.append(Span("  +\(p) pending", .badge)) }
        guard now != d.targetAtOpen else { return [line] }
        return [line, [Span("! changed since the dialog opened; was: " + d.targetAtOpen, .warn)]]
    }

    /// A message over as many lines as it needs, broken between words.
    static func words(_ text: String, _ width: Int, _ role: StyleRole) -> [StyledLine] {
        var out: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let next = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(next) > width && !current.isEmpty { out.append(current); current = "  " + word } else { current = next }
        }
        out.append(current)
        return out.flatMap { wrap($0, width: width) }.map { [Span($0, role)] }
    }

    /// Cuts text into pieces of at most `width` columns (JSON lines have no natural break points).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var out: [String] = [], current = "", used = 0
        for c in text {
            let w = DisplayWidth.of(String(c))
            if used + w > width { out.append(current); current = ""; used = 0 }
            current.append(c); used += w
        }
        if !current.isEmpty || out.isEmpty { out.append(current) }
        return out
    }
}

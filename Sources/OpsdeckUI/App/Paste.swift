import OpsdeckActions

/// Pasted text goes only where text is typed: the focused free-text field of a dialog, the journal view's
/// filter, or a pane's filter being edited. Anywhere else it is refused, so a paste never acts as keys.
extension AppState {
    mutating func paste(_ raw: String) {
        // Line breaks and tabs become spaces; controls, bidi and zero-width characters are not text.
        let text = String(raw.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter { Key.char($0).isPrintable })
        switch overlay {
        case .dialog(var d)?:
            guard case .field(let i) = d.focus, d.fields[i].choices == nil else { return refusePaste() }
            d.fields[i].text = String((d.fields[i].text + text).prefix(ActionRules.maxTextLength))
            d.failure = nil
            overlay = .dialog(d)
        case .journal(var v)?:
            v.filter += text
            v.scroll = 0
            overlay = .journal(v)
        case nil where editingFilter:
            setFilter(panes[focus.rawValue].filter + text)
        default:
            refusePaste()
        }
    }

    private mutating func refusePaste() {
        say("Paste goes into a text field or a filter; nothing was done", error: true)
    }
}

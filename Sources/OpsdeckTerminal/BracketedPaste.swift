import CNcursesw

/// Bracketed paste: once asked (ESC [?2004h), the terminal sends ESC [200~ before pasted text and
/// ESC [201~ after it. ncurses is taught both markers as key codes; what comes between them is collected
/// as one text, so a paste never runs as keys (ESC "2ry" would cancel a dialog, open a restock and
/// confirm it).
struct BracketedPaste {
    /// Terminals without bracketed paste ignore these.
    static let enable = "\u{1B}[?2004h"
    static let disable = "\u{1B}[?2004l"
    static let startMarker = "\u{1B}[200~"
    static let endMarker = "\u{1B}[201~"
    static let startCode = KEY_MAX + 1
    static let endCode = KEY_MAX + 2
    /// A longer paste is delivered in pieces of this size (still as text: what a paste holds never runs as
    /// keys, however long it is).
    static let maxScalars = 16_384

    private var collected: [Unicode.Scalar]?

    /// One `wget_wch` result (`isFunctionKey` when it returned `KEY_CODE_YES`); nil while inside a paste.
    mutating func take(isFunctionKey: Bool, _ value: UInt32) -> TerminalInput? {
        if isFunctionKey {
            switch Int32(bitPattern: value) {
            case Self.startCode: collected = collected ?? []; return nil
            case Self.endCode: return finish()
            case KEY_RESIZE: return .resized
            default: break
            }
        }
        guard collected != nil else { return isFunctionKey ? KeyInput.functionKey(Int32(bitPattern: value)) : KeyInput.character(value) }
        // Inside a paste: characters are text; keys ncurses recognised in it (arrows…) are dropped.
        if !isFunctionKey, let scalar = Unicode.Scalar(value) { collected!.append(scalar) }
        if collected!.count >= Self.maxScalars {
            defer { collected = [] }
            return .paste(String(String.UnicodeScalarView(collected!)))
        }
        return nil
    }

    private mutating func finish() -> TerminalInput {
        defer { collected = nil }
        return .paste(String(String.UnicodeScalarView(collected ?? [])))
    }
}

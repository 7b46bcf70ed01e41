import CNcursesw

/// Bracketed paste: once asked (ESC [?2004h), the terminal sends ESC [200~ before pasted text and
/// ESC [201~ after it. ncurses is taught both markers as key codes; what comes between them is collected
/// as one text, so a paste never runs as keys (ESC "2ry" would cancel a dialog, open a restock and
/// confirm it). A lost end marker must not leave the dashboard deaf: once nothing has come for
/// `idleMillis`, what was collected is delivered and keys are keys again.
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
    /// A terminal sends a paste in one go; this long without input inside one means its end marker was lost.
    static let idleMillis: Int64 = 500

    private var collected: [Unicode.Scalar]?
    /// When the last input came (monotonic milliseconds).
    private var lastInputMillis: Int64 = 0

    /// One `wget_wch` result (`isFunctionKey` when it returned `KEY_CODE_YES`) read at `nowMillis`; nil
    /// while inside a paste.
    mutating func take(isFunctionKey: Bool, _ value: UInt32, nowMillis: Int64) -> TerminalInput? {
        lastInputMillis = nowMillis
        if isFunctionKey {
            switch Int32(bitPattern: value) {
            case Self.startCode: collected = collected ?? []; return nil
            case Self.endCode: return collected == nil ? .ignored : finish()   // stray, e.g. after `idle` ended the paste
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

    /// No input is waiting at `nowMillis`: a paste open for `idleMillis` without any ends here.
    mutating func idle(nowMillis: Int64) -> TerminalInput? {
        guard collected != nil, nowMillis - lastInputMillis >= Self.idleMillis else { return nil }
        return finish()
    }

    /// How long the event loop may wait before `idle` could end the open paste; nil outside a paste.
    func millisecondsUntilIdle(nowMillis: Int64) -> Int64? {
        collected == nil ? nil : max(0, lastInputMillis + Self.idleMillis - nowMillis)
    }

    private mutating func finish() -> TerminalInput {
        defer { collected = nil }
        return .paste(String(String.UnicodeScalarView(collected ?? [])))
    }
}

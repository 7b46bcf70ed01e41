#if canImport(Glibc)
import Glibc
#endif
import CNcursesw
import OpsdeckUI

/// The ncursesw screen: start-up and restore, drawing a `CellGrid` (only the cells that changed since the
/// last frame, then one `doupdate`), styles through the colour ladder, and reading keys.
final class TerminalScreen {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    let colors: ColorSupport
    /// What is on the terminal now; nil forces a full redraw.
    private var shown: CellGrid?
    private var styles: [StyleRole: (attributes: attr_t, pair: Int32)] = [:]
    private var pairs: [PairKey: Int32] = [:]
    private var closed = false
    private var paste = BracketedPaste()

    private struct PairKey: Hashable { var fg: Int32; var bg: Int32 }

    /// The wide-character API needs a UTF-8 locale. Use the environment's; when that is not UTF-8 (LANG
    /// unset over SSH is common) fall back to C.UTF-8 for character handling.
    static func prepareLocale() {
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    init(noColor: Bool) throws(TerminalError) {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("needs a terminal: standard input and output must be a tty")
        }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty else { throw TerminalError("TERM is not set; set it to your terminal type, e.g. TERM=xterm-256color") }
        // newterm (unlike initscr) returns NULL for an unknown TERM instead of printing and exiting.
        guard let screen = newterm(nil, opsdeck_stdout(), opsdeck_stdin()) else {
            throw TerminalError("TERM=\(term) is not a terminal type this system knows (no terminfo entry); try TERM=xterm-256color")
        }
        self.screen = screen
        window = opsdeck_stdscr()
        cbreak()          // Ctrl-C and Ctrl-Z keep their usual meaning; keys arrive one at a time
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)   // the event loop waits in poll(2); reads only drain what is there
        leaveok(window, true)   // no cursor positioning to send after each update
        set_escdelay(25)
        curs_set(0)
        define_key(BracketedPaste.startMarker, BracketedPaste.startCode)
        define_key(BracketedPaste.endMarker, BracketedPaste.endCode)
        Self.sendRaw(BracketedPaste.enable)
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
        }
        colors = ColorSupport.detect(hasColors: has_colors(), colors: Int(opsdeck_colors()), noColor: noColor)
    }

    var width: Int { Int(getmaxx(window)) }
    var height: Int { Int(getmaxy(window)) }

    /// Picks up a new terminal size after SIGWINCH (our handler replaces ncurses' own).
    func refreshSize() {
        var rows: Int32 = 0, cols: Int32 = 0
        guard opsdeck_window_size(1, &rows, &cols) == 0, rows != getmaxy(window) || cols != getmaxx(window) else { return }
        resizeterm(rows, cols)
        invalidate()
    }

    /// The next draw repaints everything (new size, new theme, after a suspend).
    func invalidate() {
        shown = nil
        clearok(opsdeck_curscr(), true)
    }

    /// Maps every role of `theme` through the colour ladder; redraws everything on the next frame.
    func apply(_ theme: Theme) {
        styles = [:]
        for role in StyleRole.allCases {
            let resolved = ColorLadder.resolve(theme.style(role), support: colors)
            styles[role] = (ncursesAttributes(resolved.attributes), pair(fg: resolved.foreground, bg: resolved.background))
        }
        shown = nil
    }

    private func pair(fg: Int32, bg: Int32) -> Int32 {
        if colors == .monochrome || (fg == -1 && bg == -1) { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        let next = Int32(pairs.count + 1)
        guard next < opsdeck_color_pairs(), init_extended_pair(next, fg, bg) == OK else { return 0 }
        pairs[key] = next
        return next
    }

    private func ncursesAttributes(_ a: TextAttributes) -> attr_t {
        var out = opsdeck_a_normal()
        if a.contains(.bold) { out |= opsdeck_a_bold() }
        if a.contains(.dim) { out |= opsdeck_a_dim() }
        if a.contains(.reverse) { out |= opsdeck_a_reverse() }
        if a.contains(.underline) { out |= opsdeck_a_underline() }
        if a.contains(.italic) { out |= opsdeck_a_italic() }
        return out
    }

    /// Draws the cells that differ from what is shown. Returns false (and outputs nothing) when none do.
    @discardableResult
    func draw(_ grid: CellGrid) -> Bool {
        let rows = min(grid.height, height), cols = min(grid.width, width)
        let previous = shown.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        if previous == nil { werase(window) }
        var changed = previous == nil
        for y in 0..<rows {
            if let previous, previous.row(y) == grid.row(y) { continue }
            for x in 0..<cols {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if let previous, previous[x, y] == cell { continue }
                let wide = x + 1 < cols && grid[x + 1, y].isContinuation
                put(cell, x: x, y: y, wide: wide)
                changed = true
            }
        }
        shown = grid
        if changed {
            wnoutrefresh(window)
            doupdate()
        }
        return changed
    }

    /// One cell at an exact position. The grid decided the width; if the C library disagrees (so ncurses
    /// and the terminal would), draw something of the grid's width so later columns never shift.
    private func put(_ cell: Cell, x: Int, y: Int, wide: Bool) {
        let style = styles[cell.role] ?? (opsdeck_a_normal(), 0)
        let scalars = cell.text.unicodeScalars.prefix(Int(CCHARW_MAX))
        let libcWidth = scalars.first.map { Int(opsdeck_wcwidth($0.value)) } ?? 1
        var text: [wchar_t]
        var padRight = false
        switch (libcWidth, wide) {
        case (1, false), (2, true): text = scalars.map { wchar_t(bitPattern: $0.value) }
        case (1, true): text = scalars.map { wchar_t(bitPattern: $0.value) }; padRight = true
        case (2, false): text = [wchar_t(UInt8(ascii: "?"))]
        default: text = [0xFFFD]; padRight = wide   // not printable on its own
        }
        putCharacters(text, x: x, y: y, style: style)
        if padRight { putCharacters([wchar_t(UInt8(ascii: " "))], x: x + 1, y: y, style: style) }
    }

    private func putCharacters(_ text: [wchar_t], x: Int, y: Int, style: (attributes: attr_t, pair: Int32)) {
        var cc = cchar_t()
        var pair = style.pair
        let ok = (text + [0]).withUnsafeBufferPointer { setcchar(&cc, $0.baseAddress, style.attributes, 0, &pair) }
        if ok != OK {   // e.g. a base character with more marks than ncurses keeps
            let base: [wchar_t] = [text[0], 0]
            _ = base.withUnsafeBufferPointer { setcchar(&cc, $0.baseAddress, style.attributes, 0, &pair) }
        }
        // The bottom-right cell reports ERR (the cursor cannot advance past it) but is drawn.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cc)
    }

    /// Everything typed since the last call (the window is non-blocking).
    func readInput() -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var value: wint_t = 0
        while true {
            let kind = wget_wch(window, &value)
            guard kind == KEY_CODE_YES || kind == OK else { break }
            if let input = paste.take(isFunctionKey: kind == KEY_CODE_YES, UInt32(value), nowMillis: WallClock.monotonicMillis()) {
                inputs.append(input)
            }
        }
        if let ended = paste.idle(nowMillis: WallClock.monotonicMillis()) { inputs.append(ended) }
        return inputs
    }

    /// While a paste is open: how long until `readInput` would end it for want of its end marker.
    var millisecondsUntilPasteIdle: Int64? { paste.millisecondsUntilIdle(nowMillis: WallClock.monotonicMillis()) }

    /// A mode switch ncurses has no call for, written straight to the terminal (ncurses keeps no state of it).
    private static func sendRaw(_ sequence: String) {
        var s = sequence
        s.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
    }

    /// Leaves the alternate screen and restores the terminal modes. Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        curs_set(1)
        endwin()
        Self.sendRaw(BracketedPaste.disable)
        delscreen(screen)
    }
}

/// Key names as written in keys.toml and shown in help: a single character ("q", "S", "/"), or one of
/// space up down left right pgup pgdn home end enter esc tab backtab backspace delete f1…f12 ctrl-X.
extension Key {
    public init?(name: String) {
        if name.count == 1, let c = name.first { self = .char(c); return }
        let n = name.lowercased()
        switch n {
        case "space": self = .char(" ")
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup", "page-up": self = .pageUp
        case "pgdn", "pagedown", "page-down": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "backtab", "shift-tab": self = .backTab
        case "backspace": self = .backspace
        case "delete", "del": self = .delete
        default:
            if n.hasPrefix("ctrl-"), n.count == 6, let c = n.last, c.isLetter { self = .ctrl(c); return }
            if n.hasPrefix("f"), let k = Int(n.dropFirst()), (1...12).contains(k) { self = .function(k); return }
            return nil
        }
    }

    /// The name keys.toml uses (round-trips through `init(name:)`).
    public var name: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .home: "home"
        case .end: "end"
        case .enter: "enter"
        case .escape: "esc"
        case .tab: "tab"
        case .backTab: "backtab"
        case .backspace: "backspace"
        case .delete: "delete"
        case .function(let n): "f\(n)"
        }
    }

    /// Short label for hints and help.
    public var label: String {
        switch self {
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "⏎"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "BkSp"
        case .delete: "Del"
        case .ctrl(let c): "^" + c.uppercased()
        case .function(let n): "F\(n)"
        case .char(" "): "Space"
        case .char(let c): String(c)
        }
    }
}

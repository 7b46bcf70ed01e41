extension Theme {
    public static let builtInDefaultName = "default"

    /// The dark default theme, compiled in so the binary runs without a themes directory.
    /// themes/default.toml holds the same values (a test keeps them equal).
    public static let builtInDefault: Theme = {
        func c(_ specs: String...) -> [ThemeColor] { specs.map { ThemeColor(spec: $0)! } }
        let fgText = c("#d0d0d0", "252", "white")
        let bright = c("#ffffff", "231", "bright-white")
        let accent = c("#5fafff", "75", "bright-cyan")
        let panel = c("#303030", "236", "black")
        let styles: [StyleRole: RoleStyle] = [
            .normal: RoleStyle(fg: fgText),
            .border: RoleStyle(fg: c("#5f6b7a", "60", "bright-black")),
            .focusedBorder: RoleStyle(fg: accent, attributes: .bold, mono: .bold),
            .title: RoleStyle(fg: bright, attributes: .bold, mono: .bold),
            .header: RoleStyle(fg: c("#87afd7", "110", "cyan"), attributes: .bold, mono: .underline),
            .row: RoleStyle(fg: fgText),
            .selectedRow: RoleStyle(fg: bright, bg: c("#005f87", "24", "blue"), attributes: .bold, mono: .reverse),
            .inactiveSelection: RoleStyle(fg: fgText, bg: c("#3a3a3a", "237", "bright-black"), mono: .underline),
            .dim: RoleStyle(fg: c("#808080", "244", "bright-black"), mono: .dim),
            .ok: RoleStyle(fg: c("#87d787", "114", "green")),
            .warn: RoleStyle(fg: c("#ffd75f", "221", "yellow"), attributes: .bold, mono: .underline),
            .critical: RoleStyle(fg: c("#ff5f5f", "203", "bright-red"), attributes: .bold, mono: .bold),
            .badge: RoleStyle(fg: c("#000000", "16", "black"), bg: c("#d7af5f", "179", "yellow"), mono: .reverse),
            .changed: RoleStyle(fg: c("#ffaf00", "214", "bright-yellow"), attributes: .bold, mono: .bold),
            .keyHint: RoleStyle(fg: accent, attributes: .bold, mono: .bold),
            .message: RoleStyle(fg: fgText),
            .errorMessage: RoleStyle(fg: c("#ff5f5f", "203", "bright-red"), attributes: .bold, mono: .bold),
            .dialog: RoleStyle(fg: c("#e4e4e4", "254", "white"), bg: panel),
            .dialogBorder: RoleStyle(fg: accent, bg: panel, attributes: .bold, mono: .bold),
            .dialogButton: RoleStyle(fg: fgText, bg: c("#444444", "238", "bright-black")),
            .dialogButtonFocused: RoleStyle(fg: c("#000000", "16", "black"), bg: accent, attributes: .bold, mono: .reverse),
            .input: RoleStyle(fg: bright, bg: c("#3a3a3a", "237", "bright-black"), attributes: .underline, mono: .underline),
            .kpiLabel: RoleStyle(fg: c("#8a8a8a", "245", "bright-black")),
            .kpiValue: RoleStyle(fg: bright, attributes: .bold, mono: .bold),
        ]
        return Theme(name: builtInDefaultName, origin: "built-in",
                     description: "Dark default: truecolor with 256- and 16-colour fallbacks", styles: styles)
    }()
}

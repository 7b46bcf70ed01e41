/// Theme files: the TOML subset of `ConfigTOML` with this shape (docs/themes.md):
///
///     description = "Dark, for 256-colour terminals"     # optional
///     [role.selectedRow]                                   # one table per StyleRole name
///     fg = ["#ffffff", "231", "bright-white"]              # fallbacks, best first
///     bg = ["#005f87", "24", "blue"]
///     attrs = ["bold"]                                     # bold underline reverse dim italic
///     mono = ["reverse"]                                   # attributes used without colour
///
/// Unknown keys, roles, colours and attributes are errors; roles left out come from the built-in default.
public enum ThemeFile {
    public static func parse(_ text: String, name: String, file: String) throws(ConfigFileError) -> Theme {
        var description = ""
        // A role the file names gets only what the file says; the others keep the default's style.
        var styles: [StyleRole: RoleStyle] = [:]
        for e in try ConfigTOML.parse(text, file: file) {
            func fail(_ reason: String) -> ConfigFileError { ConfigFileError(file: file, line: e.line, key: e.key, reason: reason) }
            if e.table.isEmpty {
                guard e.key == "description" else { throw fail("unknown top-level key (allowed: description)") }
                guard case .string(let s) = e.value else { throw fail("must be a string") }
                description = s
                continue
            }
            guard e.table.count == 2, e.table[0] == "role" else {
                throw fail("unknown table [\(e.table.joined(separator: "."))] (expected [role.NAME])")
            }
            guard let role = StyleRole(rawValue: e.table[1]) else {
                throw fail("unknown role '\(e.table[1])' (roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard case .strings(let list) = e.value else { throw fail("must be an array of strings") }
            var style = styles[role] ?? RoleStyle()
            switch e.key {
            case "fg", "bg":
                var colors: [ThemeColor] = []
                for spec in list {
                    guard let c = ThemeColor(spec: spec) else {
                        throw fail("'\(spec)' is not a colour (#rrggbb, 0-255, or an ANSI name like red, bright-blue, default)")
                    }
                    colors.append(c)
                }
                if e.key == "fg" { style.fg = colors } else { style.bg = colors }
            case "attrs", "mono":
                var attrs: TextAttributes = []
                for name in list {
                    guard let a = TextAttributes.names.first(where: { $0.0 == name })?.1 else {
                        throw fail("'\(name)' is not an attribute (bold, underline, reverse, dim, italic)")
                    }
                    attrs.insert(a)
                }
                if e.key == "attrs" { style.attributes = attrs } else { style.mono = attrs }
            default:
                throw fail("unknown key (allowed in a role: fg, bg, attrs, mono)")
            }
            styles[role] = style
        }
        for role in StyleRole.allCases where styles[role] == nil { styles[role] = Theme.builtInDefault.style(role) }
        return Theme(name: name, origin: file, description: description, styles: styles)
    }

    /// The theme as a file this parser reads back to the same theme.
    public static func text(of theme: Theme) -> String {
        func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        var out = "# opsdeck theme '\(theme.name)'. Format: docs/themes.md\n"
        if !theme.description.isEmpty { out += "description = \"\(theme.description)\"\n" }
        for role in StyleRole.allCases {
            let s = theme.style(role)
            out += "\n[role.\(role.rawValue)]\n"
            if !s.fg.isEmpty { out += "fg = \(list(s.fg.map(\.description)))\n" }
            if !s.bg.isEmpty { out += "bg = \(list(s.bg.map(\.description)))\n" }
            if !s.attributes.isEmpty { out += "attrs = \(list(s.attributes.names))\n" }
            if !s.mono.isEmpty { out += "mono = \(list(s.mono.names))\n" }
        }
        return out
    }
}

/// How one role looks: colour lists (best first, the terminal takes the first it can show), attributes
/// added in colour, and the attributes used instead of colour in monochrome (NO_COLOR, no colours).
public struct RoleStyle: Sendable, Hashable {
    public var fg: [ThemeColor]
    public var bg: [ThemeColor]
    public var attributes: TextAttributes
    public var mono: TextAttributes

    public init(fg: [ThemeColor] = [], bg: [ThemeColor] = [], attributes: TextAttributes = [], mono: TextAttributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes; self.mono = mono
    }

    /// The first foreground colour a terminal of `depth` can show; nil means the terminal default.
    public func foreground(depth: ColorDepth) -> ThemeColor? { fg.first { $0.depth <= depth } }
    public func background(depth: ColorDepth) -> ThemeColor? { bg.first { $0.depth <= depth } }
}

/// A resolved theme: roles it leaves out come from the built-in default.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// Where it was loaded from: a file path, or "built-in".
    public var origin: String
    public var description: String
    public private(set) var styles: [StyleRole: RoleStyle]

    public init(name: String, origin: String, description: String = "", styles: [StyleRole: RoleStyle]) {
        self.name = name; self.origin = origin; self.description = description
        self.styles = styles
    }

    /// A role the theme leaves out looks as in the built-in default.
    public func style(_ role: StyleRole) -> RoleStyle { styles[role] ?? Theme.builtInDefault.styles[role] ?? RoleStyle() }

    /// Same look (name and styles), wherever it came from.
    public func looksSame(as other: Theme) -> Bool { name == other.name && styles == other.styles }
}

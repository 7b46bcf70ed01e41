import OpsdeckActions

/// What the shell decides at start and the UI core only reads: look, keys, who is operating, and whether
/// store actions are allowed. The store's time zone is not here: it comes with each snapshot's settings.
public struct AppConfig: Sendable {
    /// The theme in use at start.
    public var theme: Theme
    /// Themes `T` cycles through (the start theme is added when missing).
    public var themes: [Theme]
    public var keymap: Keymap
    /// "user@host", from the OS.
    public var operatorLabel: String
    /// No store actions (RO badge); browsing still works.
    public var readOnly: Bool
    /// Who is operating, as written into journal lines.
    public var identity: OperatorIdentity
    /// Mints the ids of an action when its dialog opens (random in the program, fixed in tests).
    public var mintDraft: @Sendable (ActionKind, String) -> ActionDraft
    /// How long a row that changed in a new snapshot stays marked.
    public var changedMarkSeconds: Int64
    /// How long a confirmed action is held (undo with `u`) before it is written; 0 writes at once.
    public var undoSeconds: Double

    public init(theme: Theme = .builtInDefault, themes: [Theme] = [], keymap: Keymap = .defaults,
                operatorLabel: String, readOnly: Bool = false, changedMarkSeconds: Int64 = 5, undoSeconds: Double = 5,
                identity: OperatorIdentity? = nil, mintDraft: (@Sendable (ActionKind, String) -> ActionDraft)? = nil) {
        self.theme = theme
        self.themes = themes.contains { $0.name == theme.name } ? themes : [theme] + themes
        self.keymap = keymap; self.operatorLabel = operatorLabel; self.readOnly = readOnly
        self.changedMarkSeconds = changedMarkSeconds; self.undoSeconds = max(0, undoSeconds)
        let parts = operatorLabel.split(separator: "@", maxSplits: 1).map(String.init)
        let who = identity ?? OperatorIdentity(user: parts.first ?? operatorLabel, host: parts.count > 1 ? parts[1] : "")
        self.identity = who
        self.mintDraft = mintDraft ?? { kind, target in ActionDraft.open(kind, targetID: target, by: who) }
    }
}

/// Which key does what. Defaults come from `KeyAction.defaultKeys`; a keys file (keys.toml, the
/// `ConfigTOML` subset) replaces an action's keys: `down = ["j", "down"]` or `quit = "Q"`.
public struct Keymap: Sendable, Equatable {
    private var keysByAction: [KeyAction: [Key]]
    private var actionByKey: [Key: KeyAction]

    public static let defaults = Keymap(keysByAction: Dictionary(uniqueKeysWithValues: KeyAction.allCases.map { ($0, $0.defaultKeys) }))

    init(keysByAction: [KeyAction: [Key]]) {
        self.keysByAction = keysByAction
        var byKey: [Key: KeyAction] = [:]
        for action in KeyAction.allCases { for k in keysByAction[action] ?? [] where byKey[k] == nil { byKey[k] = action } }
        actionByKey = byKey
    }

    public func action(for key: Key) -> KeyAction? { actionByKey[key] }
    public func keys(for action: KeyAction) -> [Key] { keysByAction[action] ?? [] }

    /// "↑/k" style label of an action's keys for hints and help.
    public func label(for action: KeyAction) -> String { keys(for: action).map(\.label).joined(separator: "/") }

    /// Applies a keys file over the defaults. Never fails: problems (syntax, unknown action or key name,
    /// conflicts, actions left without a key) are returned for the shell to print at start, and whatever
    /// could not be applied keeps its default.
    public static func load(text: String, file: String) -> (Keymap, [ConfigFileError]) {
        let entries: [ConfigEntry]
        do { entries = try ConfigTOML.parse(text, file: file) }
        catch { return (defaults, [error]) }

        var problems: [ConfigFileError] = []
        var chosen: [KeyAction: [Key]] = [:]
        var claimedBy: [Key: (KeyAction, Int)] = [:]
        for e in entries {
            func report(_ reason: String) { problems.append(ConfigFileError(file: file, line: e.line, key: e.key, reason: reason)) }
            guard e.table.isEmpty else { report("tables are not used in keys files; write `action = \"key\"` at top level"); continue }
            guard let action = KeyAction(rawValue: e.key) else {
                report("unknown action (actions: \(KeyAction.allCases.map(\.rawValue).joined(separator: ", ")))"); continue
            }
            let names: [String]
            switch e.value {
            case .string(let s): names = [s]
            case .strings(let l): names = l
            case .bool, .number: report("must be a key name or a list of key names"); continue
            }
            var keys: [Key] = []
            for n in names {
                guard let k = Key(name: n) else { report("'\(n)' is not a key name"); continue }
                if let (other, line) = claimedBy[k], other != action {
                    report("key '\(n)' is already bound to '\(other.rawValue)' on line \(line); keeping it there")
                    continue
                }
                claimedBy[k] = (action, e.line)
                if !keys.contains(k) { keys.append(k) }
            }
            chosen[action] = keys
        }

        // Defaults of untouched actions give way to keys the file assigned elsewhere.
        var map: [KeyAction: [Key]] = [:]
        var lastLine: [KeyAction: Int] = [:]
        for e in entries { if let a = KeyAction(rawValue: e.key) { lastLine[a] = e.line } }
        for action in KeyAction.allCases {
            if let keys = chosen[action] { map[action] = keys; continue }
            map[action] = action.defaultKeys.filter { k in
                guard let (owner, line) = claimedBy[k] else { return true }
                problems.append(ConfigFileError(file: file, line: line, key: owner.rawValue,
                    reason: "key '\(k.name)' was the default for '\(action.rawValue)'; it now does '\(owner.rawValue)' only"))
                lastLine[action] = line
                return false
            }
        }
        for action in KeyAction.allCases where map[action]!.isEmpty {
            problems.append(ConfigFileError(file: file, line: lastLine[action] ?? 1, key: action.rawValue,
                                            reason: "no key left for this action"))
        }
        return (Keymap(keysByAction: map), problems)
    }
}

/// `config.toml`: the operator's settings, in the `ConfigTOML` subset (README, "Configuration"):
///
///     read_only = true        # no store actions; true in any layer (or --read-only) cannot be turned off
///     undo_seconds = 5        # how long a confirmed action is held (u takes it back); 0 to 60
///     theme = "light"         # a theme name or path, as --theme
///     poll_interval = 1       # seconds between data polls without inotify, as --poll-interval; 0.05 to 3600
///
/// Read from /etc/opsdeck/config.toml (an admin's), then the user's file; the loader is in OpsdeckTerminal.
public struct SettingsLayer: Sendable, Equatable {
    /// A value and the line it is on.
    public struct Value<T: Sendable & Equatable>: Sendable, Equatable {
        public var value: T
        public var line: Int
    }
    public var file: String
    public var readOnly: Value<Bool>?
    public var undoSeconds: Value<Double>?
    public var theme: Value<String>?
    public var pollInterval: Value<Double>?

    public init(file: String) { self.file = file }
}

public enum SettingsFile {
    public static let undoRange = 0.0...60.0
    public static let pollRange = 0.05...3600.0

    /// Every key checked; the first bad key or value is an error naming file, line and key.
    public static func parse(_ text: String, file: String) throws(ConfigFileError) -> SettingsLayer {
        var layer = SettingsLayer(file: file)
        for e in try ConfigTOML.parse(text, file: file) {
            func fail(_ reason: String) -> ConfigFileError { ConfigFileError(file: file, line: e.line, key: e.key, reason: reason) }
            guard e.table.isEmpty else { throw fail("tables are not used in config.toml; write `key = value` at top level") }
            switch (e.key, e.value) {
            case ("read_only", .bool(let b)): layer.readOnly = .init(value: b, line: e.line)
            case ("read_only", _): throw fail("must be true or false")
            case ("undo_seconds", .number(let n)) where undoRange.contains(n): layer.undoSeconds = .init(value: n, line: e.line)
            case ("undo_seconds", _): throw fail("must be a number of seconds from 0 to 60")
            case ("theme", .string(let t)) where !t.isEmpty: layer.theme = .init(value: t, line: e.line)
            case ("theme", _): throw fail("must be a theme name or path in quotes")
            case ("poll_interval", .number(let n)) where pollRange.contains(n): layer.pollInterval = .init(value: n, line: e.line)
            case ("poll_interval", _): throw fail("must be a number of seconds from 0.05 to 3600")
            default: throw fail("unknown key (keys: read_only, undo_seconds, theme, poll_interval)")
            }
        }
        return layer
    }

    /// For a file that is not trusted (or does not parse): the line of a `read_only = true` in it, looked for
    /// line by line whatever else the file holds, so a file that asks for read-only always gets it.
    public static func readOnlyLine(_ text: String, file: String) -> Int? {
        var n = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            if let e = try? ConfigTOML.parse(String(line), file: file).first, e.table.isEmpty, e.key == "read_only",
               e.value == .bool(true) { return n }
        }
        return nil
    }

    /// What `opsdeck config --init` writes: every setting, commented out at its default.
    public static let template = """
        # opsdeck settings (README.md, "Configuration"). Uncomment a line to change it.
        # /etc/opsdeck/config.toml is read first; read_only = true there, here or with --read-only cannot be
        # turned off. This file is ignored (except a read_only = true in it) if it or its directory is
        # writable by group or others, or owned by someone else.

        # No store actions; browsing still works.
        # read_only = false

        # Seconds a confirmed action is held before it is written; u takes it back meanwhile. 0 to 60.
        # undo_seconds = 5

        # Theme name (opsdeck themes lists them) or path, as --theme.
        # theme = "default"

        # Seconds between data polls when change notification is unavailable, as --poll-interval.
        # poll_interval = 1

        """
}

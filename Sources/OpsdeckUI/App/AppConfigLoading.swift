import Foundation

extension Keymap {
    /// The keys file at `path` over the defaults; no file means the defaults and no problems.
    public static func load(path: String?) -> (Keymap, [ConfigFileError]) {
        guard let path, FileManager.default.fileExists(atPath: path) else { return (defaults, []) }
        do { return load(text: try String(contentsOfFile: path, encoding: .utf8), file: path) }
        catch { return (defaults, [ConfigFileError(file: path, line: 0, reason: "cannot read: \(error.localizedDescription)")]) }
    }
}

extension AppConfig {
    /// What `opsdeck run` needs from the config directories: the chosen theme (`--theme NAME|PATH`, default
    /// "default"; failing to load it is an error), the themes `T` cycles through and the keymap. Problems
    /// that do not stop the dashboard (keys.toml, other broken theme files) are returned for printing.
    public static func load(theme: String?, locations: ConfigLocations, operatorLabel: String,
                            readOnly: Bool) throws(ThemeError) -> (AppConfig, [String]) {
        let chosen = try ThemeCatalog.resolve(theme ?? Theme.builtInDefaultName, in: locations)
        let (themes, themeProblems) = ThemeCatalog.loadAll(locations)
        let (keymap, keyProblems) = Keymap.load(path: locations.keysFile)
        let config = AppConfig(theme: chosen, themes: themes, keymap: keymap, operatorLabel: operatorLabel, readOnly: readOnly)
        return (config, themeProblems + keyProblems.map(\.description))
    }
}

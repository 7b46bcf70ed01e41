import Foundation

/// Where themes and the keys file are looked for. Built by the shell from the environment and the
/// executable's path (the UI core never reads either itself).
public struct ConfigLocations: Sendable, Equatable {
    /// `$XDG_CONFIG_HOME/opsdeck` (default `~/.config/opsdeck`); nil when neither variable is set.
    public var configDirectory: String?
    /// Shipped theme directories, searched in order after `configDirectory/themes`.
    public var bundledThemeDirectories: [String]

    public init(configDirectory: String?, bundledThemeDirectories: [String]) {
        self.configDirectory = configDirectory; self.bundledThemeDirectories = bundledThemeDirectories
    }

    /// The standard places: the XDG config dir, the repository's themes/ seen from a SwiftPM build
    /// (`.build/<triple>/debug/opsdeck` → `../../../themes`), an install prefix (`<bin>/../share/opsdeck/themes`)
    /// and /usr/local/share/opsdeck/themes.
    public static func standard(environment: [String: String], executablePath: String) -> ConfigLocations {
        var config: String?
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { config = xdg + "/opsdeck" }
        else if let home = environment["HOME"], !home.isEmpty { config = home + "/.config/opsdeck" }
        let binDir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let dirs = [
            binDir.appendingPathComponent("../../../themes").standardized.path,
            binDir.appendingPathComponent("../share/opsdeck/themes").standardized.path,
            "/usr/local/share/opsdeck/themes",
        ]
        var unique: [String] = []
        for d in dirs where !unique.contains(d) { unique.append(d) }
        return ConfigLocations(configDirectory: config, bundledThemeDirectories: unique)
    }

    public var themeDirectories: [String] { (configDirectory.map { [$0 + "/themes"] } ?? []) + bundledThemeDirectories }
    public var keysFile: String? { configDirectory.map { $0 + "/keys.toml" } }
}

public enum ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(name: String, searched: [String])
    case unreadable(path: String, reason: String)
    case invalid(ConfigFileError)

    public var description: String {
        switch self {
        case .notFound(let name, let searched):
            "theme '\(name)' not found (looked in: \(searched.joined(separator: ", ")); built-in: default)"
        case .unreadable(let path, let reason): "\(path): cannot read theme: \(reason)"
        case .invalid(let e): e.description
        }
    }
}

/// One theme `opsdeck themes` lists: its name and where it comes from. A name found in several places
/// resolves to the first; the others are listed as shadowed.
public struct ThemeListing: Sendable, Equatable {
    public var name: String
    public var origin: String
    public var isShadowed: Bool
}

public enum ThemeCatalog {
    /// `--theme NAME|PATH`: a value containing "/" or ending in ".toml" is a file; otherwise NAME.toml in
    /// the theme directories, in order, and finally the built-in default for "default".
    public static func resolve(_ nameOrPath: String, in locations: ConfigLocations) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            let name = URL(fileURLWithPath: nameOrPath).deletingPathExtension().lastPathComponent
            return try load(path: nameOrPath, name: name)
        }
        for dir in locations.themeDirectories {
            let path = dir + "/" + nameOrPath + ".toml"
            if FileManager.default.fileExists(atPath: path) { return try load(path: path, name: nameOrPath) }
        }
        if nameOrPath == Theme.builtInDefaultName { return Theme.builtInDefault }
        throw .notFound(name: nameOrPath, searched: locations.themeDirectories)
    }

    public static func load(path: String, name: String) throws(ThemeError) -> Theme {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) }
        catch { throw .unreadable(path: path, reason: (error as NSError).localizedDescription) }
        do { return try ThemeFile.parse(text, name: name, file: path) }
        catch { throw .invalid(error) }
    }

    /// Every theme name in the theme directories (sorted), plus the built-in default.
    public static func listing(_ locations: ConfigLocations) -> [ThemeListing] {
        var out: [ThemeListing] = []
        var seen: Set<String> = []
        for dir in locations.themeDirectories {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
            for f in files {
                let name = String(f.dropLast(5))
                out.append(ThemeListing(name: name, origin: dir + "/" + f, isShadowed: seen.contains(name)))
                seen.insert(name)
            }
        }
        out.append(ThemeListing(name: Theme.builtInDefaultName, origin: "built-in",
                                isShadowed: seen.contains(Theme.builtInDefaultName)))
        return out.sorted { ($0.name, $0.isShadowed ? 1 : 0) < ($1.name, $1.isShadowed ? 1 : 0) }
    }

    /// The themes `T` cycles through, each resolved by name (default first); bad files are reported and
    /// skipped so one broken theme does not stop the dashboard.
    public static func loadAll(_ locations: ConfigLocations) -> (themes: [Theme], problems: [String]) {
        var themes: [Theme] = []
        var problems: [String] = []
        for entry in listing(locations) where !entry.isShadowed {
            do { themes.append(try resolve(entry.name, in: locations)) }
            catch { problems.append(error.description) }
        }
        themes.sort { ($0.name == Theme.builtInDefaultName ? 0 : 1, $0.name) < ($1.name == Theme.builtInDefaultName ? 0 : 1, $1.name) }
        return (themes, problems)
    }
}

import Foundation
import OpsdeckActions
import OpsdeckModel
import OpsdeckUI

/// What the dashboard needs decided before the screen opens: the settings (config.toml layers, then flags;
/// a bad config stops start-up), the theme (so does a bad `--theme`), the themes `T` cycles through and the
/// keymap (problems there are warnings), and who is operating.
enum StartupConfig {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func make(_ options: DashboardOptions) throws(Failure) -> (config: AppConfig, settings: Settings, warnings: [String]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.dataDirectory, isDirectory: &isDirectory) else {
            throw Failure(description: "data directory '\(options.dataDirectory)' does not exist")
        }
        guard isDirectory.boolValue else { throw Failure(description: "'\(options.dataDirectory)' is not a directory") }

        var settings: Settings
        var warnings: [String]
        do { (settings, warnings) = try SettingsLoader.load(.standard()) }
        catch { throw Failure(description: error.description) }
        settings.apply(readOnlyFlag: options.readOnly, theme: options.theme, pollInterval: options.pollInterval)

        let locations = ConfigLocations.standard(environment: ProcessInfo.processInfo.environment,
                                                 executablePath: executablePath())
        let theme: Theme
        do { theme = try ThemeCatalog.resolve(settings.theme ?? Theme.builtInDefaultName, in: locations) }
        catch { throw Failure(description: error.description) }
        let (themes, themeProblems) = ThemeCatalog.loadAll(locations)
        warnings += themeProblems

        var keymap = Keymap.defaults
        if let keysFile = locations.keysFile, let text = try? String(contentsOfFile: keysFile, encoding: .utf8) {
            let (loaded, problems) = Keymap.load(text: text, file: keysFile)
            keymap = loaded
            warnings += problems.map(\.description)
        }

        let who = OperatorIdentity.current()
        let host = who.host.split(separator: ".").first.map(String.init) ?? who.host
        let config = AppConfig(theme: theme, themes: themes, keymap: keymap, operatorLabel: "\(who.user)@\(host)",
                               readOnly: settings.readOnly, undoSeconds: settings.undoSeconds, identity: who)
        return (config, settings, warnings)
    }

    private static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

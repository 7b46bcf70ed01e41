import ArgumentParser
import Foundation
import OpsdeckModel
import OpsdeckTerminal

/// `opsdeck config`: the effective settings and where each comes from; `--init` writes a starting file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective settings and where each comes from.",
        discussion: """
            Settings come from \(SettingsPaths.systemFile), then $XDG_CONFIG_HOME/opsdeck/config.toml \
            (default ~/.config/opsdeck/config.toml), then flags. read_only = true anywhere cannot be turned off.
            """)

    @Flag(name: .customLong("init"), help: "Write a commented default config.toml (mode 0600, directory 0700); never overwrites one.")
    var initialize = false

    func run() throws {
        let paths = SettingsPaths.standard()
        if initialize {
            do { print("wrote \(try SettingsLoader.writeTemplate(paths))") }
            catch { ActionCLI.fail(1, error.description) }
            return
        }
        let settings: Settings
        let warnings: [String]
        do { (settings, warnings) = try SettingsLoader.load(paths) }
        catch { ActionCLI.fail(1, error.description) }
        for w in warnings { printError("opsdeck: warning: \(w)") }
        func present(_ p: String) -> String { FileManager.default.fileExists(atPath: p) ? p : p + " (none)" }
        print("# system: " + present(paths.system))
        print("# user:   " + (paths.user.map(present) ?? "(no XDG_CONFIG_HOME or HOME)"))
        let rows: [(String, String)] = [
            ("read_only", "\(settings.readOnly)"),
            ("undo_seconds", Self.number(settings.undoSeconds)),
            ("theme", "\"\(settings.theme ?? "default")\""),
            ("poll_interval", Self.number(settings.pollInterval)),
        ]
        for (key, value) in rows {
            let setting = "\(key) = \(value)"
            // A theme name is the file's text: shown inert like everything that reaches the terminal.
            print(InertText.inert(setting.padding(toLength: max(setting.count, 24), withPad: " ", startingAt: 0)
                                  + "# " + (settings.origins[key] ?? "default")))
        }
    }

    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

import ArgumentParser
import Foundation
import OpsdeckModel
import OpsdeckUI

/// `opsdeck themes`: every theme `--theme NAME` can load, and the file it comes from.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List available themes and where each comes from.",
        discussion: """
            Themes are looked up as NAME.toml in $XDG_CONFIG_HOME/opsdeck/themes (default ~/.config/opsdeck/themes), \
            then in the shipped themes directory. "default" is also built in. Format: docs/themes.md.
            """)

    @Flag(name: .long, help: "Print the named theme as a TOML file (a starting point for your own).")
    var dump = false

    @Argument(help: "With --dump: the theme NAME or PATH to print.")
    var theme: String?

    func run() throws {
        let locations = ConfigLocations.standard(environment: ProcessInfo.processInfo.environment,
                                                 executablePath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        if dump {
            do { print(ThemeFile.text(of: try ThemeCatalog.resolve(theme ?? "default", in: locations)), terminator: "") }
            catch { throw ValidationError(InertText.inert(error.description)) }
            return
        }
        let listing = ThemeCatalog.listing(locations)
        let width = listing.map(\.name.count).max() ?? 0
        for entry in listing {
            var line = entry.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + entry.origin
            if entry.isShadowed { line += "  (shadowed)" }
            else {
                do { _ = try ThemeCatalog.resolve(entry.name, in: locations) }
                catch { line += "  (invalid: \(error.description))" }
            }
            print(InertText.inert(line))   // names are file names, errors quote the files: either may hold escapes
        }
    }
}

import ArgumentParser

// Placeholder until the owning issue builds it; replace this whole file.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'themes' is not built yet") }
}

import ArgumentParser

// Placeholder until the owning issue builds it; replace this whole file.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'check' is not built yet") }
}

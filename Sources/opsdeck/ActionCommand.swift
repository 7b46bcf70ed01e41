import ArgumentParser

// Placeholder until the owning issue builds it; replace this whole file.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "action", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'action' is not built yet") }
}

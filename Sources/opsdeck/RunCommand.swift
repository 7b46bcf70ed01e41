import ArgumentParser

// Placeholder until the owning issue builds it; replace this whole file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'run' is not built yet") }
}

import ArgumentParser

// Placeholder until the owning issue builds it; replace this whole file.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'simulate' is not built yet") }
}

import ArgumentParser

// Placeholder until the owning issue builds it; replace this whole file.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'demo' is not built yet") }
}

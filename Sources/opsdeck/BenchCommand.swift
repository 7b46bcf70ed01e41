import ArgumentParser

// Placeholder until the owning issue builds it; replace this whole file.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'bench' is not built yet") }
}

import ArgumentParser

// Placeholder until the owning issue builds it; replace this whole file.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "journal", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'journal' is not built yet") }
}

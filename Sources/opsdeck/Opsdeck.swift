import ArgumentParser

@main
struct Opsdeck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opsdeck",
        abstract: "A terminal dashboard for an online store's operations staff.",
        subcommands: [
            RunCommand.self,
            DemoCommand.self,
            SimulateCommand.self,
            CheckCommand.self,
            ActionCommand.self,
            JournalCommand.self,
            ThemesCommand.self,
            ConfigCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}

import ArgumentParser
import OpsdeckTerminal

/// `opsdeck run` (the default): the live dashboard on a data directory.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Open the live dashboard on a data directory (the default command).")

    @Option(name: .long, help: "Data directory the ERP exports into.")
    var data: String

    @Option(name: .long, help: "Action journal (default: DIR/journal.jsonl).")
    var journal: String?

    @Option(name: .long, help: "Theme name or path to a theme file.")
    var theme: String?

    @Flag(name: .long, help: "Show data only; no actions are written.")
    var readOnly = false

    @Option(name: .long, help: "Seconds between data polls when change notification is unavailable.")
    var pollInterval: Double = 1

    @Flag(name: .long, help: "No colours, attributes only (as with NO_COLOR).")
    var noColor = false

    @Option(name: .long, help: ByteSize.help)
    var maxFileSize = ByteSize.default

    func validate() throws {
        guard pollInterval >= 0.05, pollInterval <= 3600 else {
            throw ValidationError("--poll-interval must be between 0.05 and 3600 seconds")
        }
    }

    func run() throws {
        let options = DashboardOptions(dataDirectory: data, journalPath: journal, theme: theme,
                                       readOnly: readOnly, pollInterval: pollInterval, noColor: noColor,
                                       maxFileBytes: maxFileSize.bytes)
        let status = Dashboard.run(options)
        if status != 0 { throw ExitCode(status) }
    }
}

import ArgumentParser
import OpsdeckTerminal
import OpsdeckUI

/// `opsdeck run` (the default): the live dashboard on a data directory.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Open the live dashboard on a data directory (the default command).")

    @Option(name: .long, help: "Data directory the ERP exports into.")
    var data: String

    @Option(name: .long, help: "Action journal (default: DIR/journal.jsonl).")
    var journal: String?

    @Option(name: .long, help: "Theme name or path to a theme file (default: config.toml's theme, else default).")
    var theme: String?

    @Flag(name: .long, help: "Show data only; no actions are written (config.toml's read_only = true does the same; nothing turns it off).")
    var readOnly = false

    @Option(name: .long, help: "Seconds between data polls when change notification is unavailable (default: config.toml's poll_interval, else 1).")
    var pollInterval: Double?

    @Flag(name: .long, help: "No colours, attributes only (as with NO_COLOR).")
    var noColor = false

    @Option(name: .long, help: ByteSize.help)
    var maxFileSize = ByteSize.default

    func validate() throws {
        if let pollInterval, !SettingsFile.pollRange.contains(pollInterval) {
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

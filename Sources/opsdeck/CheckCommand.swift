import ArgumentParser
import OpsdeckModel

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a data directory against the data contract (for exporter developers).",
        discussion: """
        Reads every known file in DIR as the dashboard would and prints each problem as
        `file:line:col: reason` or `file[index] id=…: field: reason`, then a summary.
        Exit status: 0 when there are no errors (warnings allowed), 1 otherwise.
        See docs/data-format.md.
        """)

    @Argument(help: "The data directory.")
    var directory: String

    @Flag(help: "Print a machine-readable JSON report instead.")
    var json = false

    @Option(name: .long, help: ByteSize.help)
    var maxFileSize = ByteSize.default

    func run() throws {
        let check = StoreCheck.run(directory: directory, maxFileBytes: maxFileSize.bytes)
        print(json ? check.json : check.text)
        if !check.passed { throw ExitCode(1) }
    }
}

import ArgumentParser
import OpsdeckTerminal
import Foundation
import OpsdeckActions
import OpsdeckModel

/// `opsdeck journal`: every journaled action with who, what, when and its state from the ERP's answers.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Print the action journal with each action's state.",
        discussion: "Unreadable (e.g. torn) lines are reported on stderr with their line numbers.")

    @Option(help: "Data directory (results and echoes are read from it).") var data: String?
    @Option(help: "Journal file (default: DIR/journal.jsonl; its directory is then the data directory).") var journal: String?
    @Flag(help: "One JSON object per line: the journal entry plus state and the ERP's message.") var json = false
    @Option(help: "Only actions at or after TIME: ISO 8601 (2026-11-22T14:00:00Z) or an age (30m, 2h, 3d).") var since: String?

    func validate() throws {
        guard data != nil || journal != nil else { throw ValidationError("give --data DIR or --journal FILE") }
    }

    func run() throws {
        let now = Timestamp.wallClock()
        let path = journal ?? ActionJournal.defaultPath(dataDirectory: data!)
        let directory = data ?? (path as NSString).deletingLastPathComponent
        var cutoff: Timestamp?
        if let since {
            guard let t = Self.parseSince(since, now: now) else { throw ValidationError("--since \(since): expected ISO 8601 or 30m/2h/3d") }
            cutoff = t
        }
        let state: JournalState
        do throws(JournalError) { state = try ActionJournal(path: path, readOnly: true).read() } catch { ActionCLI.fail(6, error.description) }
        let board = ActionBoard(journal: state, snapshot: ActionCLI.snapshot(directory.isEmpty ? "." : directory))
        var out = ""
        for s in board.statuses where cutoff.map({ s.entry.at >= $0 }) ?? true {
            out += json ? Self.jsonLine(s) : Self.textLine(s)
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        for p in state.allProblems { printError("\(path): \(p)") }
    }

    static func parseSince(_ text: String, now: Timestamp) -> Timestamp? {
        if let t = Timestamp(iso8601: text) { return t }
        guard let unit = text.last, let n = Int64(text.dropLast()), n >= 0 else { return nil }
        let seconds: Int64? = switch unit { case "m": 60; case "h": 3600; case "d": 86400; default: nil }
        return seconds.map { now.adding(seconds: -n * $0) }
    }

    static func jsonLine(_ s: ActionStatus) -> String {
        guard case .object(var members) = s.entry.json else { return s.entry.jsonLine() }
        members.append(("state", .string(s.state.label)))
        members.append(("message", .string(s.result?.message)))
        return JSONOut.object(members).serialized()
    }

    /// `2026-11-22T14:07:31Z  alice@ops1 (10.0.0.8)  refund order 10452: partial 45.00 USD, damaged  pending  [7f1c…]`
    static func textLine(_ s: ActionStatus) -> String {
        let e = s.entry
        let who = e.by.user + "@" + e.by.host + (e.by.sshClient.map { " (\($0))" } ?? "")
        var state = s.state.label
        if s.inFlight && s.state == .applied { state += " (not yet in the data)" }
        if case .cancelled(let by) = s.state { state += " by \(by)" }
        if let m = s.result?.message { state += ": \(m)" }
        return "\(e.at.iso8601())  \(who)  \(ActionSummary.text(e.request))  \(state)  [\(e.actionID)]"
    }
}

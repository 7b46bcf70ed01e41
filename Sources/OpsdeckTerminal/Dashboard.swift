#if canImport(Glibc)
import Glibc
#endif
import OpsdeckActions
import OpsdeckModel
import OpsdeckUI

/// How `opsdeck run` (and `opsdeck demo`) open the dashboard.
public struct DashboardOptions: Sendable {
    public var dataDirectory: String
    /// Action journal; defaults to `journal.jsonl` in the data directory.
    public var journalPath: String
    /// Theme name or path; nil for config.toml's, else the default theme.
    public var theme: String?
    /// `--read-only`; config.toml can also set it, and nothing unsets it.
    public var readOnly: Bool
    /// Seconds between polls of the data directory when change notification is not available; nil for
    /// config.toml's, else 1.
    public var pollInterval: Double?
    /// Attributes only, as with NO_COLOR.
    public var noColor: Bool
    /// Data files larger than this are refused unread (`--max-file-size`).
    public var maxFileBytes: Int64

    public init(dataDirectory: String, journalPath: String? = nil, theme: String? = nil, readOnly: Bool = false,
                pollInterval: Double? = nil, noColor: Bool = false, maxFileBytes: Int64 = FileSizeLimit.defaultBytes) {
        self.dataDirectory = dataDirectory
        self.journalPath = journalPath ?? dataDirectory + "/journal.jsonl"
        self.theme = theme; self.readOnly = readOnly; self.pollInterval = pollInterval; self.noColor = noColor
        self.maxFileBytes = maxFileBytes
    }
}

public enum Dashboard {
    /// Opens the dashboard on this process's terminal and runs it until the operator quits (0), a signal
    /// ends it (128 + signal), or it cannot start (2, after printing why to stderr). The terminal is
    /// restored in every case. Runs on the calling thread; other threads (a demo simulator) may run beside it.
    public static func run(_ options: DashboardOptions) -> Int32 {
        SignalPipe.unblockSignals()
        TerminalScreen.prepareLocale()
        let config: AppConfig
        let settings: Settings
        do {
            let made = try StartupConfig.make(options)
            (config, settings) = (made.config, made.settings)
            for warning in made.warnings { printError("opsdeck: warning: \(warning)") }
        } catch {
            printError("opsdeck: \(error)")
            return 2
        }
        let noColor = options.noColor || !(getenv("NO_COLOR").map { String(cString: $0) } ?? "").isEmpty
        let screen: TerminalScreen
        do { screen = try TerminalScreen(noColor: noColor) } catch {
            printError("opsdeck: \(error)")
            return 2
        }
        defer { screen.close() }
        // Read-only from a flag or any config file is enforced by the journal itself, not only the dialogs.
        let actionJournal = ActionJournal(path: options.journalPath, readOnly: settings.readOnly)
        let signals: SignalPipe
        // Installed after newterm so ours replace ncurses' own SIGINT/SIGTERM/SIGWINCH handlers.
        do {
            let watchdog = try ExitWatchdog(journal: actionJournal, graceSeconds: exitWatchdogSeconds)
            do { signals = try SignalPipe(catching: [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT], watchdog: watchdog) }
            catch { watchdog.finish(); throw error }
        } catch {
            screen.close()
            printError("opsdeck: \(error)")
            return 2
        }
        screen.apply(config.theme)
        let state = AppState(config: config, width: screen.width, height: screen.height, now: WallClock.now())
        let feed = DataFeed(directory: options.dataDirectory, pollInterval: settings.pollInterval,
                            maxFileBytes: options.maxFileBytes)
        let journal = JournalFeed(journal: actionJournal)
        let loop = EventLoop(screen: screen, signals: signals, feed: feed, journal: journal, state: state)
        let status = loop.run()
        // Held actions are written while our handlers still catch signals, so a second one cannot cut it short;
        // should writing them or restoring the terminal hang, the exit watchdog writes them and ends the process.
        let report = loop.writeHeldActions()
        screen.close()
        signals.close()
        for line in report { printError(line) }
        return status
    }
}

/// Writes a line to standard error (libc's `stderr` global is off limits in Swift 6 mode), made inert:
/// warnings quote keys, config and theme files, and the terminal shows whatever they contain. Every
/// command writes its errors through it.
public func printError(_ line: String) {
    var text = InertText.inert(line) + "\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

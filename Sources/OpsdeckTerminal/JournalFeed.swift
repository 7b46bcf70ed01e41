#if canImport(Glibc)
import Glibc
#endif
import OpsdeckActions
import OpsdeckModel
import OpsdeckUI

/// The journal side of the event loop: appends the operator's actions and notices lines other processes
/// (other opsdeck sessions, the CLI) add. A stat() per wake-up decides whether there is anything to read.
final class JournalFeed {
    let journal: ActionJournal
    private var seen: (size: Int, mtime: Int, inode: UInt64)?
    /// A missing file is read (as empty) once, not on every wake-up.
    private var readOnce = false

    init(journal: ActionJournal) { self.journal = journal }

    /// The whole journal (or why it cannot be read) when the file changed since the last call.
    func takeChanges() -> AppEvent? {
        var st = stat()
        let now: (size: Int, mtime: Int, inode: UInt64)? = stat(journal.path, &st) == 0
            ? (Int(st.st_size), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec), UInt64(st.st_ino)) : nil
        if let s = seen, let n = now, s == n { return nil }
        if seen == nil && now == nil && readOnce { return nil }
        readOnce = true
        seen = now
        do { return .journal(try journal.read()) } catch { return .journalUnreadable(error.description) }
    }

    /// Appends `entry` after the journal's own checks (under its lock, against `snapshot`); the answers
    /// for the UI are the outcome and the journal as it now stands.
    func submit(_ entry: JournalEntry, confirmed: Set<ConfirmationCode>, snapshot: StoreSnapshot?, now: Timestamp) -> [AppEvent] {
        guard let snapshot else {
            return [.actionResult(actionID: entry.actionID, .failure(.rejected(ActionRejection("no store data loaded yet"))))]
        }
        let result: Result<AppendOutcome, JournalError>
        do { result = .success(try journal.append(entry, confirmed: confirmed, snapshot: snapshot, now: now)) }
        catch { result = .failure(error) }
        var events: [AppEvent] = [.actionResult(actionID: entry.actionID, result)]
        seen = nil
        if let changed = takeChanges() { events.insert(changed, at: 0) }
        return events
    }
}

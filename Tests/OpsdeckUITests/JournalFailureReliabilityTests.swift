#if canImport(Glibc)
import Glibc
#endif
import XCTest
import OpsdeckActions
import OpsdeckModel
@testable import OpsdeckUI

/// Issue 6, item 4, as the operator sees it: an append that failed on a full disk is shown, never taken as done.
final class JournalFailureReliabilityTests: XCTestCase {
    func testAFullDiskOnAppendIsShownAndTheDialogStaysOpen() throws {
        var s = Fixture.state()
        for k in [Key.char("2"), .char("r")] { s = update(s, .key(k)).0 }
        let full = JournalError.io(path: "/d/journal.jsonl", operation: "write", code: ENOSPC)
        let (after, effects) = update(s, .actionResult(actionID: Fixture.draftActionID, .failure(full)))
        XCTAssertEqual(effects, [])
        guard case .dialog(let d)? = after.overlay else { return XCTFail("the dialog closed as if the action were done") }
        XCTAssertEqual(d.failure, "/d/journal.jsonl: write failed: No space left on device")
        XCTAssertEqual(after.message?.isError, true)
        XCTAssertEqual(after.message?.text, "✗ Not written: /d/journal.jsonl: write failed: No space left on device")
        // On screen, in the dialog (wrapped, so read its rows joined) and in the footer.
        let g = render(after)
        let rows = (0..<g.height).map { g.text(row: $0) }
        let joined = rows.map { $0.replacingOccurrences(of: "│", with: " ").trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(joined.contains("✗ Not written: /d/journal.jsonl: write failed: No space left on"), rows.joined(separator: "\n"))
        XCTAssertFalse(rows.contains { $0.contains("✓") && $0.contains("queued") })
    }
}

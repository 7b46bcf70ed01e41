import XCTest
@testable import OpsdeckUI

final class PasteTests: XCTestCase {
    func press(_ s: AppState, _ keys: Key...) -> AppState { keys.reduce(s) { update($0, .key($1)).0 } }
    func dialog(_ s: AppState) -> ActionDialog? { if case .dialog(let d)? = s.overlay { d } else { nil } }

    func testPasteOnDialogButtonsDoesNothingButSaySo() {
        let open = press(Fixture.state(), .char("2"), .char("r"))
        let (after, effects) = update(open, .paste("\u{1B}2ry"))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(dialog(after), dialog(open), "the dialog is unchanged")
        XCTAssertEqual(after.message?.isError, true)
    }

    func testPasteGoesIntoTheFocusedFieldWithoutControls() {
        let note = press(Fixture.state(), .char("2"), .char("r"), .backTab)
        let after = update(note, .paste("rush\u{1B}[2J\u{202E} order\r\nnow\u{7}")).0
        XCTAssertEqual(dialog(after)?.text("note"), "rush[2J order now")
    }

    func testPasteIntoFiltersAndNowhereElse() {
        let filtering = press(Fixture.state(), .char("/"))
        XCTAssertEqual(update(filtering, .paste("Ana\n")).0.pane(.orders).filter, "Ana ")
        let journal = press(Fixture.state(), .char("J"))
        if case .journal(let v)? = update(journal, .paste("res\u{200B}tock")).0.overlay { XCTAssertEqual(v.filter, "restock") } else { XCTFail() }
        let board = Fixture.state()
        let (after, effects) = update(board, .paste("q2ry"))
        XCTAssertEqual(effects, [], "a paste on the board is not keys (q would quit)")
        XCTAssertEqual(after.focus, board.focus)
        XCTAssertNil(after.overlay)
    }
}

import XCTest
@testable import OpsdeckUI

final class KeymapTests: XCTestCase {
    func testDefaultsBindEveryActionWithoutConflicts() {
        var seen: [Key: KeyAction] = [:]
        for a in KeyAction.allCases {
            XCTAssertFalse(a.defaultKeys.isEmpty, "\(a)")
            for k in a.defaultKeys {
                XCTAssertNil(seen[k], "\(k) bound to \(a) and \(seen[k]!)")
                seen[k] = a
                XCTAssertEqual(Keymap.defaults.action(for: k), a)
            }
        }
        XCTAssertEqual(Keymap.defaults.label(for: .down), "↓/j")
    }

    func testKeyNamesRoundTrip() {
        for a in KeyAction.allCases { for k in a.defaultKeys { XCTAssertEqual(Key(name: k.name), k) } }
        XCTAssertEqual(Key(name: "PgDn"), .pageDown)
        XCTAssertEqual(Key(name: "ctrl-x"), .ctrl("x"))
        XCTAssertEqual(Key(name: "space"), .char(" "))
        XCTAssertEqual(Key(name: "F5"), .function(5))
        XCTAssertNil(Key(name: "hyper-q"))
        XCTAssertNil(Key(name: "f13"))
    }

    func testOverridesReplaceAnActionsKeys() {
        let (km, problems) = Keymap.load(text: "quit = \"Q\"\ndown = [\"n\", \"down\"]\n", file: "keys.toml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(km.action(for: .char("Q")), .quit)
        XCTAssertNil(km.action(for: .char("q")))
        XCTAssertEqual(km.keys(for: .down), [.char("n"), .down])
        XCTAssertNil(km.action(for: .char("j")))
        XCTAssertEqual(km.keys(for: .up), [.up, .char("k")])
    }

    func testConflictsAndUnknownNamesAreReportedWithLines() {
        let text = """
            # my keys
            zoom = "x"
            sort = "x"
            teleport = "t"
            pause = "hyper-p"
            quit = "j"
            """
        let (km, problems) = Keymap.load(text: text, file: "keys.toml")
        let lines = problems.map(\.description)
        XCTAssertTrue(lines.contains("keys.toml:3: key 'sort': key 'x' is already bound to 'zoom' on line 2; keeping it there"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("keys.toml:4: key 'teleport': unknown action") }, "\(lines)")
        XCTAssertTrue(lines.contains("keys.toml:5: key 'pause': 'hyper-p' is not a key name"), "\(lines)")
        XCTAssertTrue(lines.contains("keys.toml:6: key 'quit': key 'j' was the default for 'down'; it now does 'quit' only"), "\(lines)")
        XCTAssertTrue(lines.contains("keys.toml:3: key 'sort': no key left for this action"), "\(lines)")
        XCTAssertTrue(lines.contains("keys.toml:5: key 'pause': no key left for this action"), "\(lines)")
        XCTAssertEqual(km.action(for: .char("x")), .zoom)
        XCTAssertEqual(km.action(for: .char("j")), .quit)
        XCTAssertEqual(km.keys(for: .down), [.down])
        XCTAssertEqual(problems.count, 6)
    }

    func testASyntaxErrorKeepsTheDefaults() {
        let (km, problems) = Keymap.load(text: "quit = Q\n", file: "keys.toml")
        XCTAssertEqual(km, .defaults)
        XCTAssertEqual(problems.map(\.description), ["keys.toml:1: key 'quit': unsupported value Q (allowed: \"string\", [\"strings\"], true, false, a number)"])
    }

    func testHelpIsGeneratedFromTheKeymap() {
        let (km, _) = Keymap.load(text: "zoom = \"Z\"\n", file: "k")
        let text = OverlayView.helpLines(km).map { $0.map(\.text).joined() }
        XCTAssertTrue(text.contains { $0.hasPrefix("  Z ") && $0.hasSuffix("zoom pane") }, "\(text)")
        XCTAssertFalse(text.contains { $0.hasSuffix("zoom pane") && $0.hasPrefix("  z ") })
        XCTAssertTrue(text.contains { $0.hasSuffix("restock") }, "built store actions are in help")
        XCTAssertTrue(text.contains { $0.hasSuffix("refund") })
        XCTAssertTrue(text.contains { $0.hasSuffix("cart reminder") })
        XCTAssertTrue(text.contains { $0.hasSuffix("journal") })
    }
}

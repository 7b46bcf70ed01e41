import Foundation
import XCTest
import OpsdeckActions
import OpsdeckModel
@testable import OpsdeckUI

/// Shared by the `…ReliabilityTests` classes: SHORT runs by default, FULL with `OPSDECK_FULL=1`.
enum Reliability {
    static let full = ProcessInfo.processInfo.environment["OPSDECK_FULL"] == "1"
    static func count(short: Int, full fullCount: Int) -> Int { full ? fullCount : short }
}

/// Text built to attack a terminal: CSI, OSC 52 / 0 / 2, DCS, C1 CSI and OSC, BEL, CR, LF, backspace,
/// DEL, bidi overrides and isolates, zero-width characters and the replacement a decoder makes of invalid
/// UTF-8. Put raw into domain values, so the screen is tested without the decoders' cleaning.
enum HostileText {
    static let payload = "\u{1B}[2J\u{1B}[31mRED\u{1B}]52;c;SU5KRUNURUQ=\u{07}\u{1B}]0;PWNED\u{07}\u{1B}]2;PWNED\u{1B}\\"
        + "\u{1B}P1$qm\u{1B}\\\u{9B}31m\u{9D}0;C1\u{07}\u{07}\r\n\u{08}\u{08}\u{7F}"
        + "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"
        + "\u{200B}\u{200C}\u{200D}\u{200E}\u{200F}\u{FEFF}" + String(decoding: [0xFF, 0xC0, 0x80], as: UTF8.self)

    static func wrap(_ s: String) -> String { s + payload + "end" }

    /// What no cell may hold: C0 and C1 controls, DEL, bidi controls, zero-width characters, separators.
    static func isForbidden(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF: true
        default: false
        }
    }

    /// The first forbidden scalar in the grid, with where it is.
    static func firstForbidden(in g: CellGrid) -> String? {
        for y in 0..<g.height {
            for x in 0..<g.width {
                if let u = g[x, y].text.unicodeScalars.first(where: isForbidden) {
                    return "U+\(String(u.value, radix: 16, uppercase: true)) at (\(x), \(y)) in row: \(g.text(row: y))"
                }
            }
        }
        return nil
    }

    /// The fixture store with every name, subject, assignee, supplier, hold reason, email, tag and file
    /// problem made hostile.
    static func snapshot() -> StoreSnapshot {
        var s = Fixture.snapshot()
        s.customers = s.customers.map { var c = $0; c.name = c.name.map(wrap); c.email = c.email.map(wrap); c.tags += [wrap("tag")]; return c }
        s.stock = s.stock.map { var i = $0; i.name = wrap(i.name); i.supplier = wrap(i.supplier ?? "sup"); return i }
        s.tickets = s.tickets.map { var t = $0; t.subject = wrap(t.subject); t.assignee = wrap(t.assignee ?? "who"); return t }
        s.orders = s.orders.map { var o = $0; o.holdReason = wrap(o.holdReason ?? "hold"); o.lines = o.lines.map { var l = $0; l.name = l.name.map(wrap); return l }; return o }
        s.carts = s.carts.map { var c = $0; c.email = wrap(c.email ?? "mail"); return c }
        s.settings.name = wrap("Store")
        s.sources[.tickets] = SourceInfo(kind: .tickets, health: .fileError(DataProblem(file: wrap("escalations.json"), line: 3, column: 9,
            reason: wrap("unexpected byte"))), loadedAt: Fixture.ago(60), generatedAt: Fixture.ago(60))
        return s
    }

    /// A journal other operators wrote: notes, suppliers, assignees, offer codes, operators and ERP answers
    /// with escapes, read through the real parser (which makes them inert) plus a line that is not JSON.
    static func journalBytes() -> [UInt8] {
        let esc = #"\u001b[2J\u001b]52;c;SU5K\u0007\u009b31m\u202e\u200b"#
        let op = #"{"user":"eve\#(esc)","host":"h\#(esc)","ssh_client":"1.2.3.4\#(esc)"}"#
        let lines = [
            #"{"action_id":"aaaaaaaa-0000-4000-8000-000000000001","key":"restock:TS-BLK-M:x1","kind":"restock","at":"2026-11-24T13:00:00Z","operator":\#(op),"target":{"sku":"TS-BLK-M"},"payload":{"qty":12,"supplier":"Acme\#(esc)","note":"rush\#(esc)"}}"#,
            #"{"action_id":"aaaaaaaa-0000-4000-8000-000000000002","key":"escalation_assign:T-884:x2","kind":"escalation_assign","at":"2026-11-24T13:01:00Z","operator":\#(op),"target":{"ticket_id":"T-884"},"payload":{"assignee":"mallory\#(esc)"}}"#,
            #"{"action_id":"aaaaaaaa-0000-4000-8000-000000000003","key":"cart_reminder:k1:x3","kind":"cart_reminder","at":"2026-11-24T13:02:00Z","operator":\#(op),"target":{"cart_id":"k1"},"payload":{"offer_code":"SAVE\#(esc)"}}"#,
            "{\"action_id\":\"bad\u{1B}]0;TITLE\u{07}\", not json \u{1B}[2J",
        ]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The fixture dashboard with the hostile store, journal, operator and messages.
    static func state(width: Int = 120, height: Int = 40) -> AppState {
        var config = Fixture.config()
        config.operatorLabel = wrap("alice") + "@" + wrap("ops1")
        var s = AppState(config: config, width: width, height: height, now: Fixture.now)
        s = update(s, .snapshot(snapshot())).0
        s = update(s, .journal(JournalState(bytes: journalBytes()))).0
        return s
    }
}

/// Every screen the dashboard can show from a state: each pane focused, zoomed and filtering, each pane's
/// detail view, help, the journal view (filtered too) and every action dialog with text typed in a field.
enum ScreenTour {
    static func press(_ s: AppState, _ keys: [Key]) -> AppState {
        keys.reduce(s) { update($0, .key($1)).0 }
    }

    static func views(from s: AppState) -> [(name: String, state: AppState)] {
        let typed: [Key] = Array("x" + HostileText.payload).map { .char($0) }
        var out: [(String, AppState)] = [("panes", s)]
        for (n, pane) in ["1", "2", "3", "4"].enumerated() {
            let focused = press(s, [.char(Character(pane))])
            out.append(("pane \(n + 1)", focused))
            out.append(("pane \(n + 1) zoomed", press(focused, [.char("z")])))
            out.append(("pane \(n + 1) filter", press(focused, [.char("/")] + typed)))
            out.append(("pane \(n + 1) detail", press(focused, [.enter])))
            out.append(("pane \(n + 1) detail scrolled", press(focused, [.enter, .pageDown])))
        }
        out.append(("help", press(s, [.char("?")])))
        out.append(("help scrolled", press(s, [.char("?"), .pageDown])))
        out.append(("journal", press(s, [.char("J")])))
        out.append(("journal filtered", press(s, [.char("J")] + typed)))
        let dialogs: [(String, [Key])] = [("restock", [.char("2"), .char("r")]), ("refund", [.char("1"), .char("f")]),
                                          ("remind", [.char("3"), .char("m")]), ("ack", [.char("4"), .char("a")]),
                                          ("assign", [.char("4"), .char("A")])]
        for (name, keys) in dialogs {
            let open = press(s, keys)
            out.append(("\(name) dialog", open))
            out.append(("\(name) dialog typed", press(open, [.tab] + typed)))
            out.append(("\(name) dialog confirm asked", press(open, [.char("y")])))
        }
        out.append(("message", press(s, [.char("r")])))   // "Restock works on the Stock pane"
        return out
    }
}

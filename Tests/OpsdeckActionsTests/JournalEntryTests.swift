import XCTest
@testable import OpsdeckActions
import OpsdeckModel

final class JournalEntryTests: XCTestCase {
    static let all: [ActionRequest] = [
        .restock(RestockRequest(sku: "SKU1", qty: 120, supplier: "Acme \"Ltd\"", note: "rush")),
        .restock(RestockRequest(sku: "SKU2", qty: 1)),
        .refund(RefundRequest(orderID: "10452", type: .partial, amountMinor: 4500, currency: "USD", reason: .damaged,
                              lines: [RefundLine(lineID: "L1", qty: 1, restock: true)], restockItems: true)),
        .refund(RefundRequest(orderID: "10452", type: .storeCredit, amountMinor: 1, currency: "EUR", reason: .goodwill)),
        .cartReminder(CartReminderRequest(cartID: "C1")),
        .cartReminder(CartReminderRequest(cartID: "C1", offerCode: "SAVE10")),
        .escalationAck(ticketID: "T1"),
        .escalationAssign(ticketID: "T1", assignee: "bob ✓"),
        .cancel(actionID: "7f1c"),
        // Strings holding `}` and `"`: a cut right after them ends in `}` like a whole line.
        .restock(RestockRequest(sku: "SKU3", qty: 2, supplier: "Q\"}", note: "a}b")),
    ]

    func testEveryKindRoundTripsThroughItsLine() throws {
        for r in Self.all {
            let e = Fixture.entry(r)
            let line = e.jsonLine()
            XCTAssertFalse(line.contains("\n"))
            XCTAssertEqual(try JournalEntry.parse(line: Array(line.utf8)), e, line)
        }
    }

    /// Every prefix of a line, followed by a newline (as the next append leaves it), is torn, never
    /// invalid: also one cut right after a nested brace, which ends in `}` like a whole line.
    func testEveryPrefixOfALineIsReportedAsTorn() {
        for r in Self.all {
            let line = Array(Fixture.entry(r).jsonLine().utf8)
            for cut in 1..<line.count {
                var state = JournalState()
                _ = state.ingest((line[..<cut] + [0x0A])[...])
                XCTAssertEqual(state.problems.map(\.kind), [.torn], "cut at \(cut): \(String(decoding: line[..<cut], as: UTF8.self))")
            }
        }
        var state = JournalState()
        _ = state.ingest(Array(#"{"action_id":"a"}}"#.utf8 + [0x0A])[...])
        XCTAssertEqual(state.problems.map(\.kind), [.invalid], "a line with bytes after its end is corrupt, not torn")
    }

    func testLineLayoutIsStable() {
        let e = JournalEntry(actionID: "a1", key: "refund:10452:k", at: Fixture.t("2026-11-22T14:07:31Z"),
                             by: Fixture.alice, request: Self.all[2])
        XCTAssertEqual(e.jsonLine(), #"{"action_id":"a1","key":"refund:10452:k","kind":"refund","at":"2026-11-22T14:07:31Z","operator":{"user":"alice","host":"ops1","ssh_client":"10.0.0.8"},"target":{"order_id":"10452"},"payload":{"type":"partial","amount_minor":4500,"currency":"USD","reason":"damaged","lines":[{"line_id":"L1","qty":1,"restock":true}],"restock_items":true}}"#)
    }

    func testFieldsInAnyOrderAndUnknownFieldsIgnored() throws {
        let line = #"{"payload":{"qty":3,"extra":[1,2.5,{"x":null}]},"target":{"sku":"S"},"kind":"restock","v":2,"at":"2026-11-22T15:07:31+01:00","key":"k","operator":{"host":"h","user":"u"},"action_id":"a"}"#
        let e = try JournalEntry.parse(line: Array(line.utf8))
        XCTAssertEqual(e.request, .restock(RestockRequest(sku: "S", qty: 3)))
        XCTAssertEqual(e.at, Fixture.t("2026-11-22T14:07:31Z"))
        XCTAssertEqual(e.by, OperatorIdentity(user: "u", host: "h", sshClient: nil))
    }

    func testBadLinesSayWhy() {
        func reason(_ s: String) -> String? {
            do { _ = try JournalEntry.parse(line: Array(s.utf8)); return nil } catch { return error.reason }
        }
        XCTAssertEqual(reason(#"{"action_id":"a","key":"k","kind":"teleport"}"#), #"unknown kind "teleport""#)
        XCTAssertEqual(reason(#"{"action_id":"a","kind":"restock"}"#), "key: missing or not a string")
        XCTAssertEqual(reason(#"{"action_id":"a","key":"k","kind":"restock","at":"yesterday"}"#), "at: not an ISO 8601 time: yesterday")
        XCTAssertEqual(reason(#"[1]"#), "line is not a JSON object")
        XCTAssertEqual(reason(#"{"action_id":"a","key":"k","kind":"restock","at":"2026-11-22T14:07:31Z","operator":{"user":"u","host":"h"},"target":{"sku":"S"},"payload":{"qty":1.5}}"#),
                       "qty: missing or not a whole number")
        XCTAssertTrue(reason(#"{"action_id":"a","key":"#)!.hasPrefix("not valid JSON at byte"))
    }

    func testDraftMintsDistinctKeysAndUUIDs() {
        let a = ActionDraft.open(.refund, targetID: "10452", by: Fixture.alice)
        let b = ActionDraft.open(.refund, targetID: "10452", by: Fixture.alice)
        XCTAssertNotEqual(a.key, b.key)
        XCTAssertTrue(a.key.hasPrefix("refund:10452:"))
        XCTAssertNotEqual(a.actionID, b.actionID)
        XCTAssertNotNil(a.actionID.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/))
        // The preview is the line: same draft, same request, same time → same bytes.
        let r = Self.all[0]
        XCTAssertEqual(a.entry(r, at: Fixture.now).jsonLine(), a.entry(r, at: Fixture.now).jsonLine())
    }

    func testOperatorFromOS() {
        XCTAssertEqual(OperatorIdentity.sshClient(fromSSHConnection: "10.0.0.8 52144 10.0.0.1 22"), "10.0.0.8")
        XCTAssertNil(OperatorIdentity.sshClient(fromSSHConnection: nil))
        XCTAssertNil(OperatorIdentity.sshClient(fromSSHConnection: ""))
        let me = OperatorIdentity.current()
        XCTAssertFalse(me.user.isEmpty)
        XCTAssertEqual(me.user, String(cString: getpwuid(geteuid())!.pointee.pw_name))
        XCTAssertFalse(me.host.isEmpty)
    }

    func testMoneyText() {
        XCTAssertEqual(MoneyText.parse("45", currency: "USD"), 4500)
        XCTAssertEqual(MoneyText.parse("45.5", currency: "USD"), 4550)
        XCTAssertEqual(MoneyText.parse(" 0.01 ", currency: "USD"), 1)
        XCTAssertEqual(MoneyText.parse("1200", currency: "JPY"), 1200)
        XCTAssertEqual(MoneyText.parse("1.234", currency: "KWD"), 1234)
        for bad in ["", "-1", "1.", ".5", "1.234", "1,00", "1e3", "abc"] { XCTAssertNil(MoneyText.parse(bad, currency: "USD"), bad) }
        XCTAssertNil(MoneyText.parse("1.5", currency: "JPY"))
        XCTAssertEqual(MoneyText.format(4500, currency: "USD"), "45.00")
        XCTAssertEqual(MoneyText.format(5, currency: "USD"), "0.05")
        XCTAssertEqual(MoneyText.format(-5, currency: "USD"), "-0.05")
        XCTAssertEqual(MoneyText.format(1200, currency: "JPY"), "1200")
    }
}

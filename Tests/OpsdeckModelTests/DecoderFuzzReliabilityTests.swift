import Foundation
import XCTest
@testable import OpsdeckModel

/// Issue 6: every decoder against hostile files. SHORT: 1,000 mutants per decoder; FULL (OPSDECK_FULL=1):
/// 10,000. Each mutant must give a snapshot or a clear file error — never a crash or a hang — and whatever
/// loads must keep the contract: quantities and money in range, finite decimals, no control characters in
/// any string, and every problem naming its file with a reason free of control characters.
final class DecoderFuzzReliabilityTests: XCTestCase {
    static let perDecoder = Reliability.count(short: 1_000, full: 10_000)
    /// Of those, mutants carrying a ~10 MB string (slow to build and decode, so fewer).
    static let hugeStringMutants = Reliability.count(short: 1, full: 15)
    /// A decode this slow is treated as a hang (debug build on a shared machine: the bound is loose).
    static let hangSeconds = 30.0

    func testOrdersDecoder() { fuzz(.orders) }
    func testOrderHistoryDecoder() { fuzz(.orderHistory) }
    func testStockDecoder() { fuzz(.stock) }
    func testCartsDecoder() { fuzz(.carts) }
    func testEscalationsDecoder() { fuzz(.tickets) }
    func testCustomersDecoder() { fuzz(.customers) }
    func testStoreSettingsDecoder() { fuzz(.store) }
    func testActionResultsDecoder() { fuzz(.actionResults) }

    struct Figures: Sendable {
        var mutants = 0, loaded = 0, recordProblems = 0, fileErrors = 0
        var slowestMillis = 0.0, slowestLabel = ""
        var longestMessage = 0
        var violations: [String] = []
        var violationCount = 0

        mutating func violation(_ what: String, _ label: String) {
            violationCount += 1
            if violations.count < 20 { violations.append("\(what) [\(label)]") }
        }
    }

    func fuzz(_ kind: SourceKind, file: StaticString = #filePath, line: UInt = #line) {
        let base = Array(Self.base(kind).utf8)
        // The base itself must load cleanly, or the mutants test nothing.
        var clean = StoreSnapshot()
        XCTAssertNoThrow(try SourceDecoder.decode(kind, bytes: base, file: kind.fileName, into: &clean))
        XCTAssertEqual((try? SourceDecoder.decode(kind, bytes: base, file: kind.fileName, into: &clean))?.problems, [])

        // Run on a worker with a deadline: a hang fails the test instead of stalling the suite.
        let deadline = Reliability.full ? 3600.0 : 600.0
        guard let f = Reliability.withinDeadline(deadline, "fuzzing \(kind.fileName)", file: file, line: line, {
            Self.run(kind, base: base)
        }) else { return }
        for v in f.violations { XCTFail("\(kind.fileName): \(v)", file: file, line: line) }
        if f.violationCount > f.violations.count { XCTFail("… and \(f.violationCount - f.violations.count) more", file: file, line: line) }
        // The mutants reach both outcomes and the record validation (figures are fixed by the seed).
        XCTAssertEqual(f.mutants, Self.perDecoder, file: file, line: line)
        XCTAssertGreaterThan(f.loaded, f.mutants / 20, "loaded", file: file, line: line)
        if kind == .actionResults {
            XCTAssertEqual(f.fileErrors, 0, "JSON Lines: each line stands alone; the file never fails whole", file: file, line: line)
        } else {
            XCTAssertGreaterThan(f.fileErrors, f.mutants / 20, "file errors", file: file, line: line)
        }
        XCTAssertGreaterThan(f.recordProblems, f.mutants / 20, "record problems", file: file, line: line)
        Reliability.report("fuzz \(kind.fileName): \(f.mutants) mutants — \(f.loaded) loaded (\(f.recordProblems) record problems), "
            + "\(f.fileErrors) file errors; slowest \(String(format: "%.1f", f.slowestMillis)) ms (\(f.slowestLabel)); "
            + "longest message \(f.longestMessage) chars; \(f.violationCount) violations")
    }

    static func run(_ kind: SourceKind, base: [UInt8]) -> Figures {
        let mutator = HostileMutator(base)
        var rng = DecodingFuzzTests.SeededRandom(state: 0x6F70_7364_6563_6B00 ^ UInt64(SourceKind.allCases.firstIndex(of: kind)!))
        var f = Figures()
        let systematic = min(perDecoder * 3 / 10, mutator.values.count * HostileMutator.typeSwaps.count)
        for n in 0..<perDecoder {
            let (bytes, label): ([UInt8], String)
            if n < hugeStringMutants {
                // Shapes rotate with the decoder, so a SHORT run (one each) still covers all five.
                let shape = n + SourceKind.allCases.firstIndex(of: kind)!
                let at = mutator.spans.filter { !$0.isKey || shape % 2 == 1 }.randomElement(using: &rng)!
                (bytes, label) = (mutator.replacing(at.range, with: HostileMutator.hugeString(shape)), "10 MB string, shape \(shape % 5)")
            } else if n < hugeStringMutants + systematic {
                (bytes, label) = (mutator.wrongType(n - hugeStringMutants), "wrong type")
            } else {
                (bytes, label) = mutator.random(&rng)
            }
            check(kind, bytes, label, &f)
        }
        return f
    }

    static func check(_ kind: SourceKind, _ bytes: [UInt8], _ label: String, _ f: inout Figures) {
        f.mutants += 1
        var s = StoreSnapshot()
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = Result { () throws(DataProblem) in try SourceDecoder.decode(kind, bytes: bytes, file: kind.fileName, into: &s) }
        let millis = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if millis > f.slowestMillis { f.slowestMillis = millis; f.slowestLabel = label }
        if millis > hangSeconds * 1000 { f.violation("took \(Int(millis)) ms (hang bound \(Int(hangSeconds)) s)", label) }
        switch outcome {
        case .success(let r):
            f.loaded += 1
            f.recordProblems += r.problems.count
            for p in r.problems { checkProblem(p, kind, label, &f, record: true) }
            for v in SnapshotContract.violations(s, kind) { f.violation(v, label) }
        case .failure(let e):
            f.fileErrors += 1
            checkProblem(e, kind, label, &f, record: false)
        }
    }

    /// A problem is clear: it names the file and a reason, says where (line:column for invalid JSON, index
    /// or line for a record, a field otherwise), and is safe to print.
    static func checkProblem(_ p: DataProblem, _ kind: SourceKind, _ label: String, _ f: inout Figures, record: Bool) {
        let text = p.description
        f.longestMessage = max(f.longestMessage, text.count)
        if p.file != kind.fileName { f.violation("problem names \(p.file)", label) }
        if p.reason.isEmpty { f.violation("problem without a reason: \(text)", label) }
        if InertText.needsCleaning(text.utf8) { f.violation("control characters in a message: \(text.debugDescription.prefix(200))", label) }
        if text.count > 600 { f.violation("message of \(text.count) characters: \(text.prefix(120))…", label) }
        if p.reason.hasPrefix("invalid JSON") && (p.line ?? 0) < 1 { f.violation("invalid JSON without a line: \(text)", label) }
        if let line = p.line, line < 1 || (p.column.map { $0 < 1 } ?? false) { f.violation("bad position: \(text)", label) }
        let isOverflowSummary = p.reason.hasSuffix(" not listed")
        if record && p.severity == .error && p.index == nil && p.line == nil && p.field == nil && !isOverflowSummary {
            f.violation("record problem that says not where: \(text)", label)
        }
    }

    // MARK: Base documents: every field of every record kind, valid.

    static func base(_ kind: SourceKind) -> String {
        let head = #""schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z""#
        switch kind {
        case .orders, .orderHistory:
            return #"""
            {\#(head),"currency":"USD","orders":[
             {"id":"10452","number":"#10452","customer_id":"c-881","placed_at":"2026-11-22T09:12:00-05:00","status":"paid",
              "total_minor":21200,"currency":"USD","paid_minor":21200,"refunded_minor":1000,"financial_status":"partially_refunded",
              "channel":"web","ship_by":"2026-11-23T16:00:00-05:00","deliver_by":"2026-11-26T16:00:00-05:00",
              "service_level":"express","priority":"high","hold_reason":null,"discount_codes":["WINTER","VIP10"],
              "refunds":[{"id":"r1","amount_minor":1000,"at":"2026-11-22T10:00:00Z","action_id":"a-77"}],
              "tracking":[{"carrier":"UPS","number":"1Z999","status":"in_transit","eta":"2026-11-24T12:00:00+02:00","last_event_at":"2026-11-22T11:00:00Z"}],
              "lines":[{"line_id":"l1","sku":"MUG-BLUE","name":"Blue mug","qty":2,"unit_price_minor":3600,"discount_minor":200,
                        "compare_at_minor":4000,"fulfilled_qty":1,"refunded_qty":1},
                       {"sku":"TEA-EARL","qty":1,"unit_price_minor":14000}]},
             {"id":10453,"customer_id":"c-102","placed_at":"2026-11-22T10:40:00.250+01:00","status":"on_hold",
              "hold_reason":"address check","total_minor":4500,"lines":[{"sku":"TEA-EARL","qty":1,"unit_price_minor":4500}]},
             {"id":"10454","customer_id":"c-7","placed_at":"2026-11-21T23:59:59Z","status":"pending","total_minor":0,
              "channel":"pos","lines":[{"sku":"GIFT","name":"Gift card","qty":1,"unit_price_minor":0}]}
            ]}
            """#
        case .stock:
            return #"""
            {\#(head),"items":[
             {"sku":"MUG-BLUE","name":"Blue mug","on_hand":-3,"reserved":4,"incoming":24,
              "incoming_detail":[{"qty":24,"ref":"PO-1","eta":"2026-11-30T00:00:00Z","action_id":"a-1"}],
              "lead_time_days":5.5,"safety_stock":10,"reorder_point":20,"reorder_qty":48,"max_stock":200,"order_multiple":12,
              "moq":24,"daily_demand":3.25,"supplier":"Potter & Co","unit_cost_minor":900,"location":"A-01-3","status":"active"},
             {"sku":"TEA-EARL","name":"Earl Grey, 250 g","on_hand":120},
             {"sku":"OLD","name":"Old tin","on_hand":0,"status":"discontinued"}
            ]}
            """#
        case .carts:
            return #"""
            {\#(head),"currency":"EUR","carts":[
             {"id":"k1","updated_at":"2026-11-22T12:00:00Z","value_minor":8900,"currency":"EUR","customer_id":"c-881",
              "email":"j***@example.com","accepts_marketing":true,"created_at":"2026-11-22T11:00:00Z","status":"abandoned",
              "reminders_sent":1,"last_reminder_at":"2026-11-22T13:00:00Z","recovered_order_id":null,
              "lines":[{"sku":"MUG-BLUE","name":"Blue mug","qty":2,"unit_price_minor":3600},{"sku":"TEA-EARL","qty":1}]},
             {"id":"k2","updated_at":"2026-11-22T12:30:00+01:00","value_minor":0,"lines":[]},
             {"id":"k3","updated_at":"2026-11-21T08:00:00Z","value_minor":1700,"status":"recovered","recovered_order_id":"10452",
              "lines":[{"sku":"GIFT","qty":1,"unit_price_minor":1700}]}
            ]}
            """#
        case .tickets:
            return #"""
            {\#(head),"tickets":[
             {"id":"t1","subject":"Box damaged","priority":"urgent","status":"open","opened_at":"2026-11-22T09:00:00Z",
              "escalated":true,"level":2,"customer_id":"c-881","order_id":"10452","channel":"email",
              "first_reply_due":"2026-11-22T10:00:00Z","next_reply_due":"2026-11-22T15:00:00Z","resolution_due":"2026-11-24T09:00:00Z",
              "assignee":"alice","group":"tier2","acknowledged_by":"bob","acknowledged_at":"2026-11-22T09:30:00Z",
              "last_customer_message_at":"2026-11-22T11:00:00-05:00"},
             {"id":"t2","subject":"Where is my order?","priority":"low","status":"escalated","opened_at":"2026-11-21T09:00:00Z"},
             {"id":"t3","subject":"Refund","priority":"normal","status":"on_hold","opened_at":"2026-11-20T09:00:00Z","channel":"chat"}
            ]}
            """#
        case .customers:
            return #"""
            {\#(head),"customers":[
             {"id":"c-881","name":"Ann Lee","email":"ann@example.com","tags":["vip","wholesale"],"accepts_marketing":true},
             {"id":"c-102","name":"Bo","tags":[]},
             {"id":9,"accepts_marketing":false}
            ]}
            """#
        case .store:
            return #"""
            {\#(head),"store":{
             "name":"Harbour Tea Co.","timezone":"America/New_York","dispatch_cutoff":"16:00","working_days":[1,2,3,4,5,6],
             "stale_after_seconds":{"orders":300,"stock":900,"carts":900,"tickets":300,"customers":3600},
             "at_risk_minutes":240,"sla_warning_minutes":120,"cart_abandon_after_minutes":60,
             "cart_reminder":{"max_count":3,"min_gap_hours":20},
             "refund_limits_minor":{"alice":50000,"*":20000},"currency":"USD"}}
            """#
        case .actionResults:
            return """
            {"action_id":"7f1c2a","state":"applied","at":"2026-11-22T14:07:40Z","erp_ref":"RF-2231","message":"done"}
            {"action_id":"8a2b3c","state":"accepted","at":"2026-11-22T14:08:00+01:00"}\r
            {"action_id":"8a2b3c","state":"rejected","at":"2026-11-22T14:09:00Z","message":"over limit","erp_ref":42}
            {"action_id":"9c3d4e","state":"failed","at":"2026-11-22T14:10:00Z"}

            """
        }
    }
}

/// What the data contract (docs/data-format.md) promises about anything that loaded.
enum SnapshotContract {
    static let maxMoney: Int64 = 1_000_000_000_000_000
    static let maxQty = 1_000_000_000

    static func violations(_ s: StoreSnapshot, _ kind: SourceKind) -> [String] {
        var v: [String] = []
        func expect(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { v.append(what()) } }
        func money(_ m: Int64?, _ what: String) { if let m { expect((0...maxMoney).contains(m), "\(what) = \(m)") } }
        func count(_ n: Int?, _ what: String) { if let n { expect((0...maxQty).contains(n), "\(what) = \(n)") } }
        func decimal(_ d: Double?, _ what: String) { if let d { expect(d.isFinite && d >= 0 && d <= 1e9, "\(what) = \(d)") } }
        func currency(_ c: String, _ what: String) {
            expect(c.utf8.count == 3 && c.utf8.allSatisfy { (65...90).contains($0) }, "\(what) currency \(c.debugDescription)")
        }
        switch kind {
        case .orders, .orderHistory:
            for o in kind == .orders ? s.orders : s.orderHistory {
                expect(!o.id.isEmpty && !o.customerID.isEmpty, "order without id/customer")
                money(o.totalMinor, "total_minor"); money(o.paidMinor, "paid_minor"); money(o.refundedMinor, "refunded_minor")
                currency(o.currency, "order")
                expect(!o.lines.isEmpty, "order \(o.id) without lines")
                for l in o.lines {
                    expect(!l.sku.isEmpty, "line without sku")
                    expect((1...maxQty).contains(l.qty), "line qty = \(l.qty)")
                    money(l.unitPriceMinor, "unit_price_minor"); money(l.discountMinor, "discount_minor"); money(l.compareAtMinor, "compare_at_minor")
                    expect((0...l.qty).contains(l.fulfilledQty) && (0...l.qty).contains(l.refundedQty), "fulfilled/refunded qty out of 0…qty")
                }
                for r in o.refunds { money(r.amountMinor, "refunds[].amount_minor") }
            }
        case .stock:
            for i in s.stock {
                expect(!i.sku.isEmpty, "item without sku")
                expect((-maxQty...maxQty).contains(i.onHand), "on_hand = \(i.onHand)")
                count(i.reserved, "reserved"); count(i.incoming, "incoming"); count(i.safetyStock, "safety_stock")
                count(i.reorderPoint, "reorder_point"); count(i.reorderQty, "reorder_qty"); count(i.maxStock, "max_stock"); count(i.moq, "moq")
                if let m = i.orderMultiple { expect((1...maxQty).contains(m), "order_multiple = \(m)") }
                for d in i.incomingDetail { expect((1...maxQty).contains(d.qty), "incoming_detail[].qty = \(d.qty)") }
                decimal(i.leadTimeDays, "lead_time_days"); decimal(i.dailyDemand, "daily_demand")
                money(i.unitCostMinor, "unit_cost_minor")
            }
        case .carts:
            for c in s.carts {
                expect(!c.id.isEmpty, "cart without id")
                money(c.valueMinor, "value_minor"); count(c.remindersSent, "reminders_sent"); currency(c.currency, "cart")
                for l in c.lines {
                    expect(!l.sku.isEmpty && (1...maxQty).contains(l.qty), "cart line qty = \(l.qty)")
                    money(l.unitPriceMinor, "cart line unit_price_minor")
                }
            }
        case .tickets:
            for t in s.tickets {
                expect(!t.id.isEmpty, "ticket without id")
                expect((0...4).contains(t.level), "level = \(t.level)")
            }
        case .customers:
            for c in s.customers { expect(!c.id.isEmpty, "customer without id") }
        case .store:
            let st = s.settings
            expect((0..<1440).contains(st.dispatchCutoffMinutes), "dispatch cut-off = \(st.dispatchCutoffMinutes)")
            expect(!st.workingDays.isEmpty && st.workingDays.isSubset(of: 1...7), "working days = \(st.workingDays)")
            expect(st.staleAfterSeconds.values.allSatisfy { $0 >= 1 }, "stale_after_seconds = \(st.staleAfterSeconds)")
            expect([st.atRiskSeconds, st.slaWarningSeconds, st.cartAbandonAfterSeconds].allSatisfy { $0 >= 60 }, "minutes < 1")
            expect((0...100).contains(st.cartReminderMaxCount) && st.cartReminderMinGapSeconds >= 0, "cart reminder")
            expect(st.refundLimitsMinor.values.allSatisfy { (0...maxMoney).contains($0) }, "refund limits = \(st.refundLimitsMinor)")
            currency(st.currency, "store")
            expect(TimeZone(identifier: st.timeZone) != nil, "time zone \(st.timeZone.debugDescription)")
        case .actionResults:
            for (id, r) in s.actionResults { expect(!id.isEmpty && id == r.actionID, "action result id") }
        }
        // Every string and decimal anywhere in what loaded.
        let records: Any = switch kind {
        case .orders: s.orders
        case .orderHistory: s.orderHistory
        case .stock: s.stock
        case .carts: s.carts
        case .tickets: s.tickets
        case .customers: s.customers
        case .store: s.settings
        case .actionResults: s.actionResults
        }
        walk(records) { value in
            if let str = value as? String, InertText.needsCleaning(str.utf8) { v.append("control characters in \(str.debugDescription.prefix(80))") }
            if let d = value as? Double, !d.isFinite { v.append("non-finite decimal \(d)") }
        }
        return v
    }

    /// Calls `visit` on every value reachable from `value` (structs, arrays, dictionaries, optionals, tuples).
    static func walk(_ value: Any, _ visit: (Any) -> Void) {
        visit(value)
        if value is String || value is Double || value is Int || value is Int64 || value is Bool { return }
        for child in Mirror(reflecting: value).children { walk(child.value, visit) }
    }
}

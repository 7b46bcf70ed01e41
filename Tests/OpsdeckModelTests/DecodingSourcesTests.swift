import XCTest
@testable import OpsdeckModel

/// Stock, carts, tickets, customers, store settings and action results.
final class DecodingSourcesTests: XCTestCase {
    func descriptions(_ kind: SourceKind, _ text: String, _ s: inout StoreSnapshot) -> [String] {
        decodeOK(kind, text, into: &s).map(\.description)
    }

    // MARK: stock

    func testStockItemFieldsAndDefaults() throws {
        var s = StoreSnapshot()
        let full = #"{"sku":"SKU-1","name":"Socks","on_hand":-3,"reserved":2,"incoming_detail":[{"ref":"PO-9","qty":40,"eta":"2026-11-30T00:00:00Z","action_id":"a1"},{"qty":10}],"lead_time_days":4.5,"safety_stock":5,"reorder_point":20,"reorder_qty":50,"max_stock":200,"order_multiple":10,"moq":20,"daily_demand":3.25,"supplier":"Acme","unit_cost_minor":350,"location":"A-3","status":"discontinued"}"#
        let minimal = #"{"sku":12345,"name":"Mug","on_hand":0}"#
        XCTAssertEqual(descriptions(.stock, envelope("items", [full, minimal]), &s), [])
        let a = s.stock[0]
        XCTAssertEqual(a.onHand, -3, "oversold stock is negative on hand")
        XCTAssertEqual(a.incoming, 50, "without `incoming`, the detail lines are summed")
        XCTAssertEqual(a.incomingDetail[0], IncomingStock(ref: "PO-9", qty: 40, eta: Timestamp(iso8601: "2026-11-30T00:00:00Z"), actionID: "a1"))
        XCTAssertEqual(a.leadTimeDays, 4.5); XCTAssertEqual(a.dailyDemand, 3.25); XCTAssertEqual(a.orderMultiple, 10)
        XCTAssertEqual(a.status, .discontinued); XCTAssertEqual(a.unitCostMinor, 350); XCTAssertEqual(a.moq, 20)
        XCTAssertEqual(s.stock[1], StockItem(sku: "12345", name: "Mug", onHand: 0))
    }

    func testStockInvalidFields() {
        let base = #""name":"N","on_hand":1"#
        let cases: [(String, String)] = [
            (#"{\#(base)}"#, "stock.json[0]: sku: required field missing"),
            (#"{"sku":"S","on_hand":1}"#, "stock.json[0] id=S: name: required field missing"),
            (#"{"sku":"S","name":"N","on_hand":"7"}"#, "stock.json[0] id=S: on_hand: expected a whole number, found a string"),
            (#"{"sku":"S",\#(base),"reserved":-1}"#, "stock.json[0] id=S: reserved: must not be negative, found -1"),
            (#"{"sku":"S",\#(base),"lead_time_days":-2}"#, "stock.json[0] id=S: lead_time_days: must not be negative, found -2.0"),
            (#"{"sku":"S",\#(base),"daily_demand":1e12}"#, "stock.json[0] id=S: daily_demand: number out of range"),
            (#"{"sku":"S",\#(base),"order_multiple":0}"#, "stock.json[0] id=S: order_multiple: must be at least 1, found 0"),
            (#"{"sku":"S",\#(base),"status":"gone"}"#, #"stock.json[0] id=S: status: unknown value "gone" (expected one of: active, discontinued)"#),
            (#"{"sku":"S",\#(base),"incoming_detail":[{"qty":0}]}"#, "stock.json[0] id=S: incoming_detail[0].qty: must be at least 1, found 0"),
            (#"{"sku":"S",\#(base),"unit_cost_minor":-5}"#, "stock.json[0] id=S: unit_cost_minor: must not be negative, found -5"),
        ]
        for (record, expected) in cases {
            var s = StoreSnapshot()
            XCTAssertEqual(descriptions(.stock, envelope("items", [record, #"{"sku":"OK",\#(base)}"#]), &s), [expected], record)
            XCTAssertEqual(s.stock.map(\.sku), ["OK"])
        }
    }

    // MARK: carts

    func testCarts() throws {
        var s = StoreSnapshot()
        let full = #"{"id":"k1","updated_at":"2026-11-22T13:00:00Z","value_minor":4500,"currency":"EUR","lines":[{"sku":"A","qty":2,"name":"Tea","unit_price_minor":2250}],"customer_id":null,"email":"a***@example.com","accepts_marketing":true,"created_at":"2026-11-22T12:00:00Z","status":"abandoned","reminders_sent":1,"last_reminder_at":"2026-11-22T13:30:00Z","recovered_order_id":"10452"}"#
        XCTAssertEqual(descriptions(.carts, envelope("carts", [full]), &s), [])
        XCTAssertEqual(s.carts.first, Cart(id: "k1", updatedAt: Timestamp(iso8601: "2026-11-22T13:00:00Z")!, valueMinor: 4500,
                                           currency: "EUR", lines: [CartLine(sku: "A", name: "Tea", qty: 2, unitPriceMinor: 2250)],
                                           customerID: nil, email: "a***@example.com", acceptsMarketing: true,
                                           createdAt: Timestamp(iso8601: "2026-11-22T12:00:00Z"), status: .abandoned,
                                           remindersSent: 1, lastReminderAt: Timestamp(iso8601: "2026-11-22T13:30:00Z"),
                                           recoveredOrderID: "10452"))
        let cases: [(String, String)] = [
            (#"{"id":"k","updated_at":"2026-11-22T13:00:00Z","lines":[]}"#, "carts.json[0] id=k: value_minor: required field missing"),
            (#"{"id":"k","updated_at":"2026-11-22T13:00:00Z","value_minor":1,"lines":[{"sku":"A","qty":0}]}"#, "carts.json[0] id=k: lines[0].qty: must be at least 1, found 0"),
            (#"{"id":"k","updated_at":"2026-11-22T13:00:00Z","value_minor":1,"lines":[],"accepts_marketing":"yes"}"#, "carts.json[0] id=k: accepts_marketing: expected true or false, found a string"),
            (#"{"id":"k","updated_at":"2026-11-22T13:00:00Z","value_minor":1,"lines":[],"reminders_sent":-1}"#, "carts.json[0] id=k: reminders_sent: must not be negative, found -1"),
            (#"{"id":"k","updated_at":"2026-11-22T13:00:00Z","value_minor":1,"lines":[],"status":"lost"}"#, #"carts.json[0] id=k: status: unknown value "lost" (expected one of: open, abandoned, recovered, expired)"#),
        ]
        for (record, expected) in cases {
            var s = StoreSnapshot()
            XCTAssertEqual(descriptions(.carts, envelope("carts", [record]), &s), [expected], record)
            XCTAssertEqual(s.carts, [])
        }
    }

    // MARK: tickets

    func testTickets() throws {
        var s = StoreSnapshot()
        let t = #"{"id":"T1","subject":"Where is my order?","priority":"urgent","status":"escalated","opened_at":"2026-11-22T08:00:00-08:00","level":2,"customer_id":"c1","order_id":10452,"channel":"chat","first_reply_due":"2026-11-22T09:00:00-08:00","next_reply_due":"2026-11-22T12:00:00-08:00","resolution_due":"2026-11-23T08:00:00-08:00","assignee":"bob","group":"tier2","acknowledged_by":"alice","acknowledged_at":"2026-11-22T08:10:00-08:00","last_customer_message_at":"2026-11-22T08:05:00-08:00"}"#
        let plain = #"{"id":"T2","subject":"Refund","priority":"low","status":"pending","opened_at":"2026-11-22T08:00:00Z","escalated":true}"#
        XCTAssertEqual(descriptions(.tickets, envelope("tickets", [t, plain]), &s), [])
        let a = s.tickets[0]
        XCTAssertEqual(a.status, .open); XCTAssertTrue(a.escalated, "`escalated` status is open + escalated")
        XCTAssertEqual(a.level, 2); XCTAssertEqual(a.orderID, "10452"); XCTAssertEqual(a.channel, .chat)
        XCTAssertEqual(a.openedAt.offsetSeconds, -8 * 3600); XCTAssertEqual(a.acknowledgedBy, "alice")
        XCTAssertEqual(a.resolutionDue, Timestamp(iso8601: "2026-11-23T16:00:00Z"))
        XCTAssertEqual(s.tickets[1].status, .pending); XCTAssertTrue(s.tickets[1].escalated); XCTAssertEqual(s.tickets[1].level, 0)
        let base = #""id":"T","subject":"S","opened_at":"2026-11-22T08:00:00Z""#
        let cases: [(String, String)] = [
            (#"{\#(base),"priority":"p1","status":"new"}"#, #"escalations.json[0] id=T: priority: unknown value "p1" (expected one of: low, normal, high, urgent)"#),
            (#"{\#(base),"priority":"low","status":"waiting"}"#, #"escalations.json[0] id=T: status: unknown value "waiting" (expected one of: new, open, pending, on_hold, solved, closed, escalated)"#),
            (#"{\#(base),"priority":"low","status":"new","level":5}"#, "escalations.json[0] id=T: level: must be between 0 and 4, found 5"),
            (#"{\#(base),"priority":"low","status":"new","level":-1}"#, "escalations.json[0] id=T: level: must be between 0 and 4, found -1"),
            (#"{\#(base),"priority":"low","status":"new","escalated":1}"#, "escalations.json[0] id=T: escalated: expected true or false, found a number"),
            (#"{"id":"T","priority":"low","status":"new"}"#, "escalations.json[0] id=T: subject: required field missing\nescalations.json[0] id=T: opened_at: required field missing"),
        ]
        for (record, expected) in cases {
            var s = StoreSnapshot()
            XCTAssertEqual(descriptions(.tickets, envelope("tickets", [record]), &s).joined(separator: "\n"), expected, record)
            XCTAssertEqual(s.tickets, [])
        }
    }

    // MARK: customers

    func testCustomers() {
        var s = StoreSnapshot()
        let p = descriptions(.customers, envelope("customers", [
            #"{"id":"c1","name":"Ada","email":"ada@example.com","tags":["VIP","wholesale"],"accepts_marketing":false}"#,
            #"{"id":7}"#, #"{"name":"nobody"}"#, #"{"id":"c2","tags":"vip"}"#,
        ]), &s)
        XCTAssertEqual(p, ["customers.json[2]: id: required field missing",
                           "customers.json[3] id=c2: tags: expected an array, found a string"])
        XCTAssertEqual(s.customers, [Customer(id: "c1", name: "Ada", email: "ada@example.com", tags: ["VIP", "wholesale"], acceptsMarketing: false),
                                     Customer(id: "7")])
        XCTAssertTrue(s.customers[0].isVIP)
    }

    // MARK: store

    func testStoreSettings() {
        var s = StoreSnapshot()
        let store = #"{"schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z","store":{"name":"Fjord Goods","timezone":"Europe/Oslo","dispatch_cutoff":"15:30","working_days":[1,2,3,4,5,6],"stale_after_seconds":{"orders":120,"tickets":60},"at_risk_minutes":90,"sla_warning_minutes":30,"cart_abandon_after_minutes":45,"cart_reminder":{"max_count":2,"min_gap_hours":24},"refund_limits_minor":{"alice":50000,"*":20000},"currency":"NOK"}}"#
        XCTAssertEqual(descriptions(.store, store, &s), [])
        let st = s.settings
        XCTAssertEqual(st.name, "Fjord Goods"); XCTAssertEqual(st.timeZone, "Europe/Oslo")
        XCTAssertEqual(st.dispatchCutoffMinutes, 15 * 60 + 30); XCTAssertEqual(st.workingDays, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(st.staleAfterSeconds, [.orders: 120, .stock: 900, .carts: 900, .tickets: 60])
        XCTAssertEqual(st.atRiskSeconds, 5400); XCTAssertEqual(st.slaWarningSeconds, 1800)
        XCTAssertEqual(st.cartAbandonAfterSeconds, 2700); XCTAssertEqual(st.cartReminderMaxCount, 2)
        XCTAssertEqual(st.cartReminderMinGapSeconds, 24 * 3600)
        XCTAssertEqual(st.refundLimitsMinor, ["alice": 50000, "*": 20000]); XCTAssertEqual(st.currency, "NOK")
    }

    func testBadStoreFieldsKeepTheirDefaultsAndTheRestApplies() {
        var s = StoreSnapshot()
        let store = #"{"schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z","store":{"name":"Shop","timezone":"Mars/Olympus","dispatch_cutoff":"4pm","working_days":[0,8],"stale_after_seconds":{"orders":0,"stocks":5},"at_risk_minutes":-5,"cart_reminder":{"max_count":"3"},"refund_limits_minor":{"bob":-1},"currency":"EUR"}}"#
        XCTAssertEqual(descriptions(.store, store, &s), [
            #"store.json: store.timezone: unknown time zone "Mars/Olympus" (expected an IANA name such as Europe/Berlin)"#,
            #"store.json: store.dispatch_cutoff: expected a 24-hour time "HH:MM", found "4pm""#,
            "store.json: store.working_days[0]: must be between 1 and 7, found 0",
            "store.json: store.working_days[1]: must be between 1 and 7, found 8",
            "store.json: store.stale_after_seconds.orders: must be at least 1, found 0",
            "store.json: store.stale_after_seconds.stocks: unknown source (expected one of: orders, stock, carts, tickets, customers, store, order_history, action_results)",
            "store.json: store.at_risk_minutes: must be at least 1, found -5",
            "store.json: store.cart_reminder.max_count: expected a whole number, found a string",
            "store.json: store.refund_limits_minor.bob: must not be negative, found -1",
        ])
        let d = StoreSettings()
        XCTAssertEqual(s.settings.name, "Shop"); XCTAssertEqual(s.settings.currency, "EUR")
        XCTAssertEqual(s.settings.timeZone, d.timeZone); XCTAssertEqual(s.settings.dispatchCutoffMinutes, d.dispatchCutoffMinutes)
        XCTAssertEqual(s.settings.workingDays, d.workingDays); XCTAssertEqual(s.settings.staleAfterSeconds, d.staleAfterSeconds)
        XCTAssertEqual(s.settings.atRiskSeconds, d.atRiskSeconds); XCTAssertEqual(s.settings.refundLimitsMinor, [:])
        XCTAssertEqual(descriptions(.store, #"{"schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z","store":[]}"#, &s),
                       ["store.json: store: expected an object, found an array"])
    }

    // MARK: action results

    func testActionResultsLastLineWinsAndBadLinesAreReportedByLine() {
        var s = StoreSnapshot()
        let text = """
        {"action_id":"a1","state":"accepted","at":"2026-11-22T14:00:00Z"}

        {"action_id":"a2","state":"rejected","at":"2026-11-22T14:00:01Z","message":"order on hold\\u001b[2J","erp_ref":"R-7"}
        {"action_id":"a1","state":"applied","at":"2026-11-22T14:01:00Z"}\r
        {"action_id":"a3","state":"done","at":"2026-11-22T14:02:00Z"}
        {"action_id":"a4",
        [1]
        {"action_id":"a5","state":"failed","at":"2026-11-22T14:03:00Z"} x
        {"action_id":"a6","state":"appl
        """
        let p = decodeOK(.actionResults, text, into: &s)
        XCTAssertEqual(p.map(\.description), [
            #"action-results.jsonl:5 id=a3: state: unknown value "done" (expected one of: accepted, applied, rejected, failed)"#,
            "action-results.jsonl:6:19: invalid JSON: unexpected end of file inside an object",
            "action-results.jsonl:7: expected an object, found an array",
            "action-results.jsonl:8:65: invalid JSON: unexpected 'x' after the end of the JSON value",
            "action-results.jsonl:9: incomplete last line (no newline at the end), ignored for now",
        ])
        XCTAssertEqual(p.map(\.severity), [.error, .error, .error, .error, .warning])
        XCTAssertEqual(s.actionResults.keys.sorted(), ["a1", "a2"])
        XCTAssertEqual(s.actionResults["a1"]?.state, .applied)
        XCTAssertEqual(s.actionResults["a2"], ActionResult(actionID: "a2", state: .rejected, at: Timestamp(iso8601: "2026-11-22T14:00:01Z")!,
                                                           message: "order on hold␛[2J", erpRef: "R-7"))
    }

    func testActionResultsCompleteLastLineWithoutNewlineAndEmptyFile() {
        var s = StoreSnapshot()
        XCTAssertEqual(decodeOK(.actionResults, #"{"action_id":"a1","state":"applied","at":"2026-11-22T14:01:00Z"}"#, into: &s), [])
        XCTAssertEqual(s.actionResults.count, 1)
        XCTAssertEqual(decodeOK(.actionResults, "", into: &s), [], "no answers yet is fine")
        XCTAssertEqual(s.actionResults.count, 0)
    }
}

import XCTest
@testable import OpsdeckModel

final class DecodingOrderTests: XCTestCase {
    func testValidOrderDecodesEveryField() throws {
        let full = #"""
        {"id":"10452","number":"#10452","customer_id":"c9","placed_at":"2026-11-22T09:30:00.500+01:00",
         "status":"on_hold","total_minor":21200,"currency":"EUR","paid_minor":21200,"refunded_minor":500,
         "refunds":[{"id":"r1","amount_minor":500,"at":"2026-11-22T10:00:00Z","action_id":"a-1"}],
         "financial_status":"partially_refunded","channel":"mobile","ship_by":"2026-11-23T16:00:00Z",
         "deliver_by":"2026-11-25T18:00:00-05:00","service_level":"express","priority":"high",
         "hold_reason":"address check","discount_codes":["WELCOME10"],"future_field":{"x":[1,2]},
         "tracking":[{"carrier":"UPS","number":"1Z","status":"in_transit","eta":"2026-11-24T12:00:00Z",
                      "last_event_at":"2026-11-23T08:00:00Z"}],
         "lines":[{"line_id":"l1","sku":"SKU-1","name":"Wool socks","qty":2,"unit_price_minor":10600,
                   "discount_minor":0,"compare_at_minor":12000,"fulfilled_qty":1,"refunded_qty":0}]}
        """#
        var s = StoreSnapshot()
        let problems = decodeOK(.orders, envelope("orders", [full]), into: &s)
        XCTAssertEqual(problems, [])
        let o = try XCTUnwrap(s.orders.first)
        XCTAssertEqual(o.id, "10452"); XCTAssertEqual(o.number, "#10452"); XCTAssertEqual(o.customerID, "c9")
        XCTAssertEqual(o.placedAt, Timestamp(iso8601: "2026-11-22T08:30:00.500Z"))
        XCTAssertEqual(o.placedAt.offsetSeconds, 3600)
        XCTAssertEqual(o.status, .onHold); XCTAssertEqual(o.totalMinor, 21200); XCTAssertEqual(o.currency, "EUR")
        XCTAssertEqual(o.paidMinor, 21200); XCTAssertEqual(o.refundedMinor, 500)
        XCTAssertEqual(o.refunds, [AppliedRefund(id: "r1", amountMinor: 500, at: Timestamp(iso8601: "2026-11-22T10:00:00Z"), actionID: "a-1")])
        XCTAssertEqual(o.financialStatus, "partially_refunded"); XCTAssertEqual(o.channel, .mobile)
        XCTAssertEqual(o.shipBy, Timestamp(iso8601: "2026-11-23T16:00:00Z"))
        XCTAssertEqual(o.deliverBy?.offsetSeconds, -5 * 3600)
        XCTAssertEqual(o.serviceLevel, "express"); XCTAssertEqual(o.priority, "high")
        XCTAssertEqual(o.holdReason, "address check"); XCTAssertEqual(o.discountCodes, ["WELCOME10"])
        XCTAssertEqual(o.tracking, [Shipment(carrier: "UPS", number: "1Z", status: "in_transit",
                                             eta: Timestamp(iso8601: "2026-11-24T12:00:00Z"),
                                             lastEventAt: Timestamp(iso8601: "2026-11-23T08:00:00Z"))])
        XCTAssertEqual(o.lines, [OrderLine(lineID: "l1", sku: "SKU-1", name: "Wool socks", qty: 2, unitPriceMinor: 10600,
                                           discountMinor: 0, compareAtMinor: 12000, fulfilledQty: 1, refundedQty: 0)])
    }

    /// Each case: one field changed in an otherwise valid order → that record alone is skipped, with this report.
    func testEachInvalidFieldSkipsOnlyThatRecord() {
        let cases: [([String: String], String)] = [
            (["id": "<absent>"], "orders.json[1]: id: required field missing"),
            (["id": "null"], "orders.json[1]: id: required field missing"),
            (["id": #""""#], "orders.json[1]: id: must not be empty"),
            (["id": "true"], "orders.json[1]: id: expected a string, found a boolean"),
            (["customer_id": "<absent>"], "orders.json[1] id=X: customer_id: required field missing"),
            (["placed_at": #""2026-11-22 09:00""#], #"orders.json[1] id=X: placed_at: expected an ISO 8601 time with offset (2026-11-22T14:05:00Z), found "2026-11-22 09:00""#),
            (["placed_at": #""2026-11-22T09:00:00""#], #"orders.json[1] id=X: placed_at: expected an ISO 8601 time with offset (2026-11-22T14:05:00Z), found "2026-11-22T09:00:00""#),
            (["placed_at": "1795352700"], "orders.json[1] id=X: placed_at: expected a string, found a number"),
            (["status": #""lost""#], #"orders.json[1] id=X: status: unknown value "lost" (expected one of: pending, paid, picking, packed, shipped, delivered, cancelled, on_hold)"#),
            (["status": #""PAID""#], #"orders.json[1] id=X: status: unknown value "PAID" (expected one of: pending, paid, picking, packed, shipped, delivered, cancelled, on_hold)"#),
            (["total_minor": "-5"], "orders.json[1] id=X: total_minor: must not be negative, found -5"),
            (["total_minor": "212.5"], "orders.json[1] id=X: total_minor: expected a whole number, found 212.5"),
            (["total_minor": #""21200""#], "orders.json[1] id=X: total_minor: expected a whole number, found a string"),
            (["total_minor": "99999999999999999999"], "orders.json[1] id=X: total_minor: number out of range"),
            (["total_minor": "9000000000000000000"], "orders.json[1] id=X: total_minor: number out of range"),
            (["currency": #""usd""#], #"orders.json[1] id=X: currency: expected a 3-letter ISO 4217 code such as USD, found "usd""#),
            (["channel": #""fax""#], #"orders.json[1] id=X: channel: unknown value "fax" (expected one of: web, mobile, marketplace, pos)"#),
            (["paid_minor": "-1"], "orders.json[1] id=X: paid_minor: must not be negative, found -1"),
            (["ship_by": #""tomorrow""#], #"orders.json[1] id=X: ship_by: expected an ISO 8601 time with offset (2026-11-22T14:05:00Z), found "tomorrow""#),
            (["discount_codes": #"["A", 5]"#], "orders.json[1] id=X: discount_codes[1]: expected a string, found a number"),
            (["lines": "<absent>"], "orders.json[1] id=X: lines: required field missing"),
            (["lines": "[]"], "orders.json[1] id=X: lines: an order needs at least one line"),
            (["lines": #"{"sku":"A"}"#], "orders.json[1] id=X: lines: expected an array, found an object"),
            (["lines": "[5]"], "orders.json[1] id=X: lines[0]: expected an object, found a number"),
            (["lines": #"[{"sku":"A","qty":1,"unit_price_minor":1},{"sku":"B","qty":0,"unit_price_minor":1}]"#],
             "orders.json[1] id=X: lines[1].qty: must be at least 1, found 0"),
            (["lines": #"[{"sku":"A","qty":-2,"unit_price_minor":1}]"#], "orders.json[1] id=X: lines[0].qty: must be at least 1, found -2"),
            (["lines": #"[{"sku":"A","qty":1.5,"unit_price_minor":1}]"#], "orders.json[1] id=X: lines[0].qty: expected a whole number, found 1.5"),
            (["lines": #"[{"qty":1,"unit_price_minor":1}]"#], "orders.json[1] id=X: lines[0].sku: required field missing"),
            (["lines": #"[{"sku":"A","qty":1}]"#], "orders.json[1] id=X: lines[0].unit_price_minor: required field missing"),
            (["lines": #"[{"sku":"A","qty":1,"unit_price_minor":-100}]"#], "orders.json[1] id=X: lines[0].unit_price_minor: must not be negative, found -100"),
            (["lines": #"[{"sku":"A","qty":2,"unit_price_minor":1,"fulfilled_qty":3}]"#], "orders.json[1] id=X: lines[0].fulfilled_qty: 3 is more than the 2 ordered"),
            (["lines": #"[{"sku":"A","qty":2,"unit_price_minor":1,"refunded_qty":-1}]"#], "orders.json[1] id=X: lines[0].refunded_qty: must not be negative, found -1"),
            (["refunds": #"[{"id":"r1"}]"#], "orders.json[1] id=X: refunds[0].amount_minor: required field missing"),
            (["tracking": #"[{"eta":"soon"}]"#], #"orders.json[1] id=X: tracking[0].eta: expected an ISO 8601 time with offset (2026-11-22T14:05:00Z), found "soon""#),
        ]
        for (overrides, expected) in cases {
            var s = StoreSnapshot()
            let file = envelope("orders", [orderJSON(id: "A"), orderJSON(id: "X", overrides), orderJSON(id: "B")])
            let problems = decodeOK(.orders, file, into: &s)
            XCTAssertEqual(problems.map(\.description), [expected], "\(overrides)")
            XCTAssertEqual(problems.first?.severity, .error)
            XCTAssertEqual(s.orders.map(\.id), ["A", "B"], "\(overrides): the good records still load")
        }
    }

    func testSeveralProblemsInOneRecordAreAllReported() {
        var s = StoreSnapshot()
        let bad = orderJSON(id: "X", ["status": #""nope""#, "total_minor": "-1", "customer_id": "<absent>"])
        let problems = decodeOK(.orders, envelope("orders", [bad]), into: &s)
        XCTAssertEqual(problems.map(\.field), ["status", "total_minor", "customer_id"])
        XCTAssertEqual(s.orders, [])
    }

    func testDefaultsAndDerivedFields() throws {
        var s = StoreSnapshot()
        // No currency on the record: the file's. No refunded_minor: the sum of refunds. Numeric ids become text.
        let o = orderJSON(id: "1", ["id": "10452", "customer_id": "77", "refunds": #"[{"amount_minor":300},{"amount_minor":200}]"#,
                                    "ship_by": "null", "hold_reason": #""""#])
        XCTAssertEqual(decodeOK(.orders, envelope("orders", [o], extra: #""currency":"EUR","#), into: &s), [])
        let order = try XCTUnwrap(s.orders.first)
        XCTAssertEqual(order.id, "10452"); XCTAssertEqual(order.customerID, "77")
        XCTAssertEqual(order.currency, "EUR"); XCTAssertEqual(order.refundedMinor, 500)
        XCTAssertNil(order.shipBy); XCTAssertNil(order.holdReason, "empty string means not given")
        XCTAssertEqual(order.lines[0].discountMinor, 0); XCTAssertEqual(order.lines[0].fulfilledQty, 0)
        XCTAssertEqual(order.tracking, []); XCTAssertEqual(order.discountCodes, [])
    }

    func testMissingCurrencyFallsBackToTheStoreWithAWarning() {
        var s = StoreSnapshot()
        s.settings.currency = "GBP"
        let problems = decodeOK(.orders, envelope("orders", [orderJSON()], extra: ""), into: &s)
        XCTAssertEqual(problems.map(\.description), ["orders.json: currency: not given for the file or some records; assuming GBP"])
        XCTAssertEqual(problems.map(\.severity), [.warning])
        XCTAssertEqual(s.orders.first?.currency, "GBP")
    }

    func testRefundedMoreThanCapturedIsAWarningAndTheOrderLoads() {
        var s = StoreSnapshot()
        let o = orderJSON(id: "9", ["status": #""pending""#, "refunded_minor": "100"])
        let problems = decodeOK(.orders, envelope("orders", [o]), into: &s)
        XCTAssertEqual(problems.map(\.description), ["orders.json[0] id=9: refunded_minor: refunded 100 exceeds the 0 captured"])
        XCTAssertEqual(problems.map(\.severity), [.warning])
        XCTAssertEqual(s.orders.count, 1)
    }

    func testDuplicateIDsLastWinsInPlaceWithAWarning() {
        var s = StoreSnapshot()
        let file = envelope("orders", [orderJSON(id: "A"), orderJSON(id: "B", ["status": #""paid""#]),
                                       orderJSON(id: "C"), orderJSON(id: "B", ["status": #""shipped""#])])
        let problems = decodeOK(.orders, file, into: &s)
        XCTAssertEqual(problems.map(\.description), ["orders.json[3] id=B: duplicate id, replaces record [1]"])
        XCTAssertEqual(problems.map(\.severity), [.warning])
        XCTAssertEqual(s.orders.map(\.id), ["A", "B", "C"])
        XCTAssertEqual(s.orders[1].status, .shipped)
    }

    func testControlCharactersInStringsAreMadeInert() {
        var s = StoreSnapshot()
        let o = orderJSON(id: "1", ["hold_reason": #""\u001b]52;c;cm0gLXJmIC8=\u0007 call \u202eme""#,
                                    "lines": #"[{"sku":"S\u0000","qty":1,"unit_price_minor":5,"name":"Tea\r\u009b2J"}]"#])
        XCTAssertEqual(decodeOK(.orders, envelope("orders", [o]), into: &s), [])
        XCTAssertEqual(s.orders.first?.holdReason, "␛]52;c;cm0gLXJmIC8=␇ call me")
        XCTAssertEqual(s.orders.first?.lines.first?.sku, "S␀")
        XCTAssertEqual(s.orders.first?.lines.first?.name, "Tea␍\u{FFFD}2J")
    }

    func testRecordIDsInProblemsAreInertToo() {
        var s = StoreSnapshot()
        let o = orderJSON(id: "x", ["id": #""\u001b[2J""#, "status": #""?""#])
        let problems = decodeOK(.orders, envelope("orders", [o]), into: &s)
        XCTAssertEqual(problems.first?.recordID, "␛[2J")
    }

    func testOrderHistoryUsesTheSameShape() {
        var s = StoreSnapshot()
        XCTAssertEqual(decodeOK(.orderHistory, envelope("orders", [orderJSON(id: "H1")]), into: &s), [])
        XCTAssertEqual(s.orderHistory.map(\.id), ["H1"])
        XCTAssertEqual(s.orders, [], "history does not touch the live orders")
    }
}

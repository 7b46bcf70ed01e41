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
}

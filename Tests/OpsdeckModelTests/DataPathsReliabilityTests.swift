import Foundation
import XCTest
@testable import OpsdeckModel

/// Issue 6, item 5: data files cannot make opsdeck open other paths. Every string of every data file names
/// a "bait" file (absolute, relative, `file://`, as a time zone); inotify on the bait directory records
/// every open or read of anything in it while the files are polled, checked and derived.
final class DataPathsReliabilityTests: XCTestCase {
    var root = ""
    var data: String { root + "/data" }
    var bait: String { root + "/bait" }

    override func setUp() {
        root = Reliability.temporaryDirectory("paths")
        for d in [data, bait] { try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    /// Path-like strings aimed at the bait directory.
    var baits: [String] {
        let zone = bait + "/zone"
        return [zone, "../bait/zone", "file://" + zone, String(repeating: "../", count: 12) + String(zone.dropFirst()),
                bait + "/theme.toml", bait, "~/../..\(bait)/zone"]
    }

    func writeDataFiles() throws {
        let b = baits.map { $0.replacingOccurrences(of: "/", with: "\\/") }   // JSON allows "\/" too
        func s(_ i: Int) -> String { "\"" + (i % 2 == 0 ? baits[i % baits.count] : b[i % b.count]) + "\"" }
        let head = #""schema":"opsdeck/1","generated_at":"2026-11-22T14:05:00Z""#
        let files: [SourceKind: String] = [
            .orders: #"{\#(head),"currency":"USD","orders":[{"id":\#(s(0)),"number":\#(s(1)),"customer_id":\#(s(2)),"placed_at":"2026-11-22T09:00:00Z","status":"paid","total_minor":100,"financial_status":\#(s(3)),"service_level":\#(s(4)),"priority":\#(s(5)),"hold_reason":\#(s(6)),"discount_codes":[\#(s(0)),\#(s(1))],"tracking":[{"carrier":\#(s(2)),"number":\#(s(3)),"status":\#(s(4))}],"refunds":[{"amount_minor":1,"id":\#(s(5)),"action_id":\#(s(6))}],"lines":[{"sku":\#(s(0)),"name":\#(s(1)),"line_id":\#(s(2)),"qty":1,"unit_price_minor":100}]}]}"#,
            .orderHistory: #"{\#(head),"currency":"USD","orders":[{"id":\#(s(3)),"customer_id":\#(s(2)),"placed_at":"2026-10-22T09:00:00Z","status":"delivered","total_minor":100,"lines":[{"sku":\#(s(0)),"qty":1,"unit_price_minor":100}]}]}"#,
            .stock: #"{\#(head),"items":[{"sku":\#(s(0)),"name":\#(s(1)),"on_hand":1,"supplier":\#(s(2)),"location":\#(s(3)),"incoming_detail":[{"qty":1,"ref":\#(s(4)),"action_id":\#(s(5))}]}]}"#,
            .carts: #"{\#(head),"currency":"USD","carts":[{"id":\#(s(0)),"updated_at":"2026-11-22T09:00:00Z","value_minor":1,"customer_id":\#(s(2)),"email":\#(s(3)),"recovered_order_id":\#(s(4)),"lines":[{"sku":\#(s(0)),"name":\#(s(5)),"qty":1}]}]}"#,
            .tickets: #"{\#(head),"tickets":[{"id":\#(s(0)),"subject":\#(s(1)),"priority":"high","status":"open","opened_at":"2026-11-22T09:00:00Z","customer_id":\#(s(2)),"order_id":\#(s(0)),"assignee":\#(s(3)),"group":\#(s(4)),"acknowledged_by":\#(s(5))}]}"#,
            .customers: #"{\#(head),"customers":[{"id":\#(s(2)),"name":\#(s(1)),"email":\#(s(3)),"tags":[\#(s(4)),"vip"]}]}"#,
            .store: #"{\#(head),"store":{"name":\#(s(0)),"timezone":\#(s(1)),"refund_limits_minor":{\#(s(2)):100},"stale_after_seconds":{\#(s(3)):5}}}"#,
            .actionResults: #"{"action_id":\#(s(0)),"state":"applied","at":"2026-11-22T09:00:00Z","message":\#(s(1)),"erp_ref":\#(s(2))}"# + "\n",
        ]
        for (kind, text) in files { try text.write(toFile: data + "/" + kind.fileName, atomically: true, encoding: .utf8) }
        // Time zones that are paths, one file each (a store.json has one time zone).
        for (i, zone) in [bait + "/zone", "../../../../../../../../" + bait + "/zone", "/etc/localtime", "../bait/zone"].enumerated() {
            try #"{\#(head),"store":{"timezone":"\#(zone)"}}"#.write(toFile: root + "/store-\(i).json", atomically: true, encoding: .utf8)
        }
    }

    func testNoPathFromDataIsEverOpened() throws {
        try FileManager.default.copyItem(atPath: "/usr/share/zoneinfo/Europe/Berlin", toPath: bait + "/zone")
        try "theme".write(toFile: bait + "/theme.toml", atomically: true, encoding: .utf8)
        try writeDataFiles()

        let watch = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        XCTAssertGreaterThanOrEqual(watch, 0)
        defer { close(watch) }
        XCTAssertGreaterThanOrEqual(inotify_add_watch(watch, bait, UInt32(IN_OPEN | IN_ACCESS)), 0)

        // Everything opsdeck does with data: poll and decode, check, derive every metric.
        let s = DataDirectoryPoller(directory: data).refresh()
        for kind in SourceKind.allCases { XCTAssertEqual(s.info(kind).health, .ok, "\(kind): \(s.info(kind).health)") }
        XCTAssertEqual(s.orders.first?.id, baits[0], "the bait strings loaded as plain text")
        XCTAssertEqual(s.settings.timeZone, "UTC", "a path is not a time zone")
        let check = StoreCheck.run(directory: data)
        XCTAssertTrue(check.text.contains("unknown time zone"), check.text)
        for i in 0..<4 {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/store-\(i).json")))
            let (report, scratch) = SourceDecoder.report(.store, bytes: bytes, file: "store.json")
            XCTAssertEqual(scratch.settings.timeZone, "UTC", "\(report.problems)")
        }
        let facts = StoreFacts(snapshot: s, now: Timestamp(epochSeconds: 1_795_000_000))
        _ = facts.retimed(to: Timestamp(epochSeconds: 1_795_086_400))
        _ = StoreCalendar(settings: s.settings).nextDispatchCutoff(after: Timestamp(epochSeconds: 1_795_000_000))

        var events = [UInt8](repeating: 0, count: 4096)
        let n = read(watch, &events, events.count)
        let e = errno
        XCTAssertEqual(n, -1, "something opened or read a file named by the data (\(n) bytes of inotify events)")
        XCTAssertEqual(e, EAGAIN)

        // The watch works: an open of a bait file is seen.
        let fd = open(bait + "/zone", O_RDONLY)
        close(fd)
        XCTAssertGreaterThan(read(watch, &events, events.count), 0, "control: the watch sees an open")
        Reliability.report("data paths: \(baits.count) path forms in every string field of all \(SourceKind.allCases.count) files and 4 path time zones; files opened in the bait directory: 0")
    }

    /// The code that turns data into records and figures touches no file system API at all: the only files
    /// opened are the fixed `SourceKind` names in the data directory (Poller, Check).
    func testDecodersAndMetricsUseNoFileAPIs() throws {
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/OpsdeckModel")
        let forbidden = ["open(", "fopen", "FileManager", "FileHandle", "Data(contentsOf", "String(contentsOf",
                         "contentsOfFile", "URL(", "opendir", "dlopen", "Process(", "readlink", "realpath", "stat("]
        var scanned = 0
        for folder in ["Decoding", "JSON", "Metrics", "Domain", "Snapshot"] {
            let dir = model.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                scanned += 1
                for word in forbidden { XCTAssertFalse(text.contains(word), "\(folder)/\(name) uses \(word)") }
            }
        }
        XCTAssertGreaterThan(scanned, 20)
        // The poller and check build paths only from the directory and `SourceKind.fileName`.
        for file in ["Poller/DataDirectoryPoller.swift", "Poller/SnapshotAssembler.swift", "Check/StoreCheck.swift"] {
            let text = try String(contentsOf: model.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(text.contains("fileName"), file)
        }
    }
}

import Foundation

/// The `store` object of `store.json`. Every field is optional: a missing field keeps its default, and a bad
/// one keeps its default and is reported (so one typo does not undo the rest of the store's policy).
enum StoreSettingsDecoder {
    static func settings(_ f: inout FieldReader) throws -> StoreSettings {
        var s = StoreSettings()
        guard var c = try f.beginObject("") else { return s }
        while let k = try f.json.nextKey(&c) {
            if k == "name" { s.name = try f.string(k) ?? s.name }
            else if k == "timezone" { s.timeZone = try timeZone(&f, k) ?? s.timeZone }
            else if k == "dispatch_cutoff" { s.dispatchCutoffMinutes = try clockTime(&f, k) ?? s.dispatchCutoffMinutes }
            else if k == "working_days" { s.workingDays = try workingDays(&f, k) ?? s.workingDays }
            else if k == "stale_after_seconds" { try staleAfter(&f, k, into: &s.staleAfterSeconds) }
            else if k == "at_risk_minutes" { s.atRiskSeconds = try minutes(&f, k) ?? s.atRiskSeconds }
            else if k == "sla_warning_minutes" { s.slaWarningSeconds = try minutes(&f, k) ?? s.slaWarningSeconds }
            else if k == "cart_abandon_after_minutes" { s.cartAbandonAfterSeconds = try minutes(&f, k) ?? s.cartAbandonAfterSeconds }
            else if k == "cart_reminder" { try cartReminder(&f, into: &s) }
            else if k == "refund_limits_minor" { try refundLimits(&f, k, into: &s.refundLimitsMinor) }
            else if k == "currency" { s.currency = try f.currency(k) ?? s.currency }
            else { try f.json.skipValue() }
        }
        return s
    }

    static func timeZone(_ f: inout FieldReader, _ k: JSONKey) throws -> String? {
        guard let name = try f.string(k) else { return nil }
        guard TimeZone(identifier: name) != nil else {
            f.note(k.string, "unknown time zone \"\(name)\" (expected an IANA name such as Europe/Berlin)")
            return nil
        }
        return name
    }

    /// "HH:MM" in 24-hour time → minutes after midnight.
    static func clockTime(_ f: inout FieldReader, _ k: JSONKey) throws -> Int? {
        guard let text = try f.string(k) else { return nil }
        let b = Array(text.utf8)
        func digit(_ i: Int) -> Int? { b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
        guard b.count == 5, b[2] == UInt8(ascii: ":"), let h1 = digit(0), let h2 = digit(1), let m1 = digit(3),
              let m2 = digit(4), h1 * 10 + h2 < 24, m1 * 10 + m2 < 60 else {
            f.note(k.string, "expected a 24-hour time \"HH:MM\", found \"\(text)\"")
            return nil
        }
        return (h1 * 10 + h2) * 60 + m1 * 10 + m2
    }

    static func workingDays(_ f: inout FieldReader, _ k: JSONKey) throws -> Set<Int>? {
        let mark = f.issues.count
        guard let days = try f.array(k, { try $0.int(.element, 1...7) }), f.issues.count == mark else { return nil }
        guard !days.isEmpty else { f.note(k.string, "needs at least one day (1 = Monday … 7 = Sunday)"); return nil }
        return Set(days)
    }

    static func minutes(_ f: inout FieldReader, _ k: JSONKey) throws -> Int64? {
        try f.int(k, 1...FieldReader.maxCount).map { Int64($0) * 60 }
    }

    /// Per-source thresholds; names are the sources' (`orders`, `stock`, `carts`, `tickets`, …).
    static func staleAfter(_ f: inout FieldReader, _ k: JSONKey, into table: inout [SourceKind: Int64]) throws {
        if try f.json.readNull() { return }
        guard var c = try f.beginObject(k.string) else { return }
        let parent = k.string
        while let source = try f.json.nextKey(&c) {
            guard let kind = SourceKind.allCases.first(where: { source == $0.settingName }) else {
                try f.json.skipValue()
                let known = SourceKind.allCases.map(\.settingName.description).joined(separator: ", ")
                f.note(parent + "." + source.string, "unknown source (expected one of: \(known))", .warning)
                continue
            }
            let mark = f.issues.count
            if let v = try f.int(source, 1...FieldReader.maxCount) { table[kind] = Int64(v) }
            for i in mark..<f.issues.count { f.issues[i].field = parent + "." + f.issues[i].field }
        }
    }

    static func cartReminder(_ f: inout FieldReader, into s: inout StoreSettings) throws {
        if try f.json.readNull() { return }
        guard var c = try f.beginObject("cart_reminder") else { return }
        let mark = f.issues.count
        while let k = try f.json.nextKey(&c) {
            if k == "max_count" { s.cartReminderMaxCount = try f.int(k, 0...100) ?? s.cartReminderMaxCount }
            else if k == "min_gap_hours" {
                s.cartReminderMinGapSeconds = try f.int(k, 0...FieldReader.maxCount).map { Int64($0) * 3600 } ?? s.cartReminderMinGapSeconds
            } else { try f.json.skipValue() }
        }
        for i in mark..<f.issues.count { f.issues[i].field = "cart_reminder." + f.issues[i].field }
    }

    /// Operator user name → limit in minor units; `*` applies to everyone not listed.
    static func refundLimits(_ f: inout FieldReader, _ k: JSONKey, into table: inout [String: Int64]) throws {
        if try f.json.readNull() { return }
        guard var c = try f.beginObject(k.string) else { return }
        let parent = k.string
        while let user = try f.json.nextKey(&c) {
            let mark = f.issues.count
            if let v = try f.money(user) { table[user.string] = v }
            for i in mark..<f.issues.count { f.issues[i].field = parent + "." + f.issues[i].field }
        }
    }
}

extension SourceKind {
    /// The source's name in `store.json`'s `stale_after_seconds`.
    var settingName: StaticString {
        switch self {
        case .orders: "orders"
        case .stock: "stock"
        case .carts: "carts"
        case .tickets: "tickets"
        case .customers: "customers"
        case .store: "store"
        case .orderHistory: "order_history"
        case .actionResults: "action_results"
        }
    }
}

import OpsdeckModel

/// Who made an action, as the operating system says (see `OperatorIdentity.current()`).
public struct OperatorIdentity: Sendable, Equatable {
    public var user: String
    public var host: String
    /// First field of `SSH_CONNECTION` (the client's address), nil on a local login.
    public var sshClient: String?
    public init(user: String, host: String, sshClient: String? = nil) {
        self.user = user; self.host = host; self.sshClient = sshClient
    }
}

/// One line of the action journal.
public struct JournalEntry: Sendable, Equatable {
    public var actionID: String
    /// Idempotency key, minted when the dialog opened and reused on retry.
    public var key: String
    public var at: Timestamp
    public var by: OperatorIdentity
    public var request: ActionRequest

    public init(actionID: String, key: String, at: Timestamp, by: OperatorIdentity, request: ActionRequest) {
        self.actionID = actionID; self.key = key; self.at = at; self.by = by; self.request = request
    }

    public var kind: ActionKind { request.kind }

    public var json: JSONOut {
        var op: [(String, JSONOut)] = [("user", .string(by.user)), ("host", .string(by.host))]
        op.append(("ssh_client", .string(by.sshClient)))
        return .object([
            ("action_id", .string(actionID)),
            ("key", .string(key)),
            ("kind", .string(kind.rawValue)),
            ("at", .string(at.iso8601())),
            ("operator", .object(op)),
            ("target", request.targetJSON),
            ("payload", request.payloadJSON),
        ])
    }

    /// The exact line written to the journal, without its trailing newline.
    public func jsonLine() -> String { json.serialized() }

    /// Two entries ask for the same thing (idempotency compares this, not ids, time or operator).
    public func sameRequest(as other: JournalEntry) -> Bool {
        request.kind == other.request.kind && request.targetJSON == other.request.targetJSON
            && request.payloadJSON == other.request.payloadJSON
    }
}

/// Why a journal line could not be read.
public struct JournalLineError: Error, Sendable, Equatable {
    public var reason: String
    /// The JSON stopped short: the line ended inside a value, as a line cut by a dying writer does.
    public var endedEarly = false
    public init(reason: String, endedEarly: Bool = false) { self.reason = reason; self.endedEarly = endedEarly }
}

extension JournalEntry {
    /// Parses one journal line (without its newline). Unknown fields are ignored; fields may come in any order.
    public static func parse(line: [UInt8]) throws(JournalLineError) -> JournalEntry {
        let root: LineValue
        do {
            root = try JSONReader.withReader(bytes: line) { r in
                let v = try LineValue.read(&r)
                try r.expectEnd()
                return v
            }
        } catch let e as JSONSyntaxError {
            throw JournalLineError(reason: "not valid JSON at byte \(e.offset + 1): \(e.reason)", endedEarly: e.endedEarly)
        } catch let e as JSONValueError {
            throw JournalLineError(reason: e.reason)
        } catch {
            throw JournalLineError(reason: "\(error)")
        }
        guard case .object(let o) = root else { throw JournalLineError(reason: "line is not a JSON object") }
        let actionID = try o.string("action_id")
        let key = try o.string("key")
        let kindText = try o.string("kind")
        guard let kind = ActionKind(rawValue: kindText) else { throw JournalLineError(reason: "unknown kind \"\(kindText)\"") }
        let atText = try o.string("at")
        guard let at = Timestamp(iso8601: atText) else { throw JournalLineError(reason: "at: not an ISO 8601 time: \(atText)") }
        let op = try o.object("operator")
        let by = OperatorIdentity(user: try op.string("user"), host: try op.string("host"),
                                  sshClient: try op.optionalString("ssh_client"))
        let target = try o.object("target")
        let payload = try o.object("payload")
        let request: ActionRequest
        switch kind {
        case .restock:
            request = .restock(RestockRequest(sku: try target.string("sku"), qty: try payload.int("qty"),
                                              supplier: try payload.optionalString("supplier"),
                                              note: try payload.optionalString("note")))
        case .refund:
            let typeText = try payload.string("type"), reasonText = try payload.string("reason")
            guard let type = RefundType(rawValue: typeText) else { throw JournalLineError(reason: "payload.type: unknown \"\(typeText)\"") }
            guard let reason = RefundReason(rawValue: reasonText) else { throw JournalLineError(reason: "payload.reason: unknown \"\(reasonText)\"") }
            var lines: [RefundLine] = []
            if let raw = payload["lines"] {
                guard case .array(let items) = raw else { throw JournalLineError(reason: "payload.lines: expected an array") }
                for item in items {
                    guard case .object(let l) = item else { throw JournalLineError(reason: "payload.lines: expected objects") }
                    lines.append(RefundLine(lineID: try l.string("line_id"), qty: try l.int("qty"), restock: try l.bool("restock")))
                }
            }
            request = .refund(RefundRequest(orderID: try target.string("order_id"), type: type,
                                            amountMinor: try payload.int64("amount_minor"),
                                            currency: try payload.string("currency"), reason: reason, lines: lines,
                                            restockItems: try payload.bool("restock_items")))
        case .cartReminder:
            request = .cartReminder(CartReminderRequest(cartID: try target.string("cart_id"),
                                                        offerCode: try payload.optionalString("offer_code")))
        case .escalationAck:
            request = .escalationAck(ticketID: try target.string("ticket_id"))
        case .escalationAssign:
            request = .escalationAssign(ticketID: try target.string("ticket_id"), assignee: try payload.string("assignee"))
        case .cancel:
            request = .cancel(actionID: try payload.string("cancels"))
        }
        return JournalEntry(actionID: actionID, key: key, at: at, by: by, request: request)
    }
}

/// A small parsed JSON tree: journal lines are short and their fields may come in any order.
indirect enum LineValue {
    case string(String), int(Int64), number, bool(Bool), null
    case array([LineValue])
    case object([String: LineValue])

    static func read(_ r: inout JSONReader) throws -> LineValue {
        switch try r.peek() {
        case .string: return .string(try r.readString())
        case .bool: return .bool(try r.readBool())
        case .null: _ = try r.readNull(); return .null
        case .number:
            // Whole numbers are all the journal holds; anything else is kept only as "a number".
            do { return .int(try r.readInt64()) } catch is JSONValueError { return .number }
        case .array:
            var c = try r.beginArray()
            var items: [LineValue] = []
            while try r.nextElement(&c) { items.append(try read(&r)) }
            return .array(items)
        case .object:
            var c = try r.beginObject()
            var members: [String: LineValue] = [:]
            while let k = try r.nextKey(&c) { members[k.string] = try read(&r) }
            return .object(members)
        }
    }
}

extension Dictionary where Key == String, Value == LineValue {
    func string(_ k: String) throws(JournalLineError) -> String {
        guard case .string(let s)? = self[k] else { throw JournalLineError(reason: "\(k): missing or not a string") }
        return s
    }
    func optionalString(_ k: String) throws(JournalLineError) -> String? {
        switch self[k] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw JournalLineError(reason: "\(k): not a string")
        }
    }
    func int64(_ k: String) throws(JournalLineError) -> Int64 {
        guard case .int(let v)? = self[k] else { throw JournalLineError(reason: "\(k): missing or not a whole number") }
        return v
    }
    func int(_ k: String) throws(JournalLineError) -> Int {
        let v = try int64(k)
        guard let i = Int(exactly: v) else { throw JournalLineError(reason: "\(k): out of range") }
        return i
    }
    func bool(_ k: String) throws(JournalLineError) -> Bool {
        guard case .bool(let b)? = self[k] else { throw JournalLineError(reason: "\(k): missing or not true/false") }
        return b
    }
    func object(_ k: String) throws(JournalLineError) -> [String: LineValue] {
        guard case .object(let o)? = self[k] else { throw JournalLineError(reason: "\(k): missing or not an object") }
        return o
    }
}

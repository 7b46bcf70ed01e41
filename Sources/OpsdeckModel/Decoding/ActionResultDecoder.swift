/// `action-results.jsonl`: the ERP's answers, one JSON object a line, appended over time. Each line stands
/// alone: a bad line is reported with its line number and the others load; the last line per action wins.
enum ActionResultDecoder {
    static func results(_ bytes: [UInt8], file: String, log: inout ProblemLog) -> [String: ActionResult] {
        var results: [String: ActionResult] = [:]
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var start = 0, lineNumber = 0
            // One cache for the whole file: messages repeat from line to line.
            let strings = StringCache(forBytes: buf.count)
            while start < buf.count {
                lineNumber += 1
                let newline = buf[start...].firstIndex(of: 0x0A)
                var end = newline ?? buf.count
                let next = end + 1
                if end > start && buf[end - 1] == 0x0D { end -= 1 }
                defer { start = next }
                let isBlank = buf[start..<end].allSatisfy { $0 == 0x20 || $0 == 0x09 }
                if isBlank { continue }
                let torn = newline == nil
                var f = FieldReader(json: JSONReader(base + start, count: end - start, strings: strings))
                do {
                    if lineNumber == 1 { f.json.skipByteOrderMark() }
                    let r = try result(&f)
                    try f.json.expectEnd()
                    if !f.issues.isEmpty { log.add(f.issues, line: lineNumber, recordID: f.recordID) }
                    if let r, !f.hasErrors { results[r.actionID] = r }
                } catch is JSONSyntaxError where torn {
                    // The ERP is most likely still writing this line; it is read once it ends in a newline.
                    log.add(DataProblem(file: file, line: lineNumber,
                                        reason: "incomplete last line (no newline at the end), ignored for now",
                                        severity: .warning))
                } catch let e as JSONSyntaxError {
                    log.add(DataProblem(file: file, line: lineNumber, column: e.offset + 1, reason: "invalid JSON: \(e.reason)"))
                } catch {
                    log.add(DataProblem(file: file, line: lineNumber, reason: "\(error)"))
                }
            }
        }
        return results
    }

    static func result(_ f: inout FieldReader) throws -> ActionResult? {
        guard var c = try f.beginObject("") else { return nil }
        var actionID: String?, state: ActionResult.State?, at: Timestamp?, message: String?, erpRef: String?
        while let k = try f.json.nextKey(&c) {
            if k == "action_id" { actionID = try f.recordKey(k) }
            else if k == "state" { state = try f.enumValue(k, ActionResult.State.self) }
            else if k == "at" { at = try f.timestamp(k) }
            else if k == "message" { message = try f.string(k) }
            else if k == "erp_ref" { erpRef = try f.id(k) }
            else { try f.json.skipValue() }
        }
        f.require(actionID, "action_id")
        f.require(state, "state")
        f.require(at, "at")
        guard let actionID, let state, let at else { return nil }
        return ActionResult(actionID: actionID, state: state, at: at, message: message, erpRef: erpRef)
    }
}

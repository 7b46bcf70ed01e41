/// The ERP's answer to a journaled action, one line of `action-results.jsonl`; the last line per action wins.
public struct ActionResult: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case accepted, applied, rejected, failed
        /// Applied, rejected and failed retire a pending action; accepted does not.
        public var isFinal: Bool { self != .accepted }
    }
    public var actionID: String
    public var state: State
    public var at: Timestamp
    public var message: String?
    public var erpRef: String?
    public init(actionID: String, state: State, at: Timestamp, message: String? = nil, erpRef: String? = nil) {
        self.actionID = actionID; self.state = state; self.at = at; self.message = message; self.erpRef = erpRef
    }
}

/// `store.json`: store-wide policy. Every field is optional in the file; the defaults here are documented
/// in docs/data-format.md and used when the file or a field is missing.
public struct StoreSettings: Sendable, Equatable {
    public var name: String
    /// IANA time zone used for "today", the dispatch cut-off and the clock.
    public var timeZone: String
    /// Daily dispatch cut-off, minutes after local midnight (16:00 → 960).
    public var dispatchCutoffMinutes: Int
    /// ISO weekdays (1 = Monday … 7 = Sunday) on which the warehouse dispatches.
    public var workingDays: Set<Int>
    /// Per source, how old `generated_at` may be before the pane is marked STALE.
    public var staleAfterSeconds: [SourceKind: Int64]
    /// An open order with less than this left before `ship_by` is "at risk".
    public var atRiskSeconds: Int64
    /// A ticket with less than this left before its next SLA deadline is "breaching soon".
    public var slaWarningSeconds: Int64
    /// A cart idle this long and not recovered counts as abandoned.
    public var cartAbandonAfterSeconds: Int64
    public var cartReminderMaxCount: Int
    public var cartReminderMinGapSeconds: Int64
    /// Per-operator refund limit in minor units (key "*" is the default for everyone).
    public var refundLimitsMinor: [String: Int64]
    public var currency: String

    public init(name: String = "opsdeck store", timeZone: String = "UTC", dispatchCutoffMinutes: Int = 16 * 60,
                workingDays: Set<Int> = [1, 2, 3, 4, 5], staleAfterSeconds: [SourceKind: Int64] = SourceKind.defaultStaleAfter,
                atRiskSeconds: Int64 = 4 * 3600, slaWarningSeconds: Int64 = 2 * 3600,
                cartAbandonAfterSeconds: Int64 = 3600, cartReminderMaxCount: Int = 3,
                cartReminderMinGapSeconds: Int64 = 20 * 3600, refundLimitsMinor: [String: Int64] = [:],
                currency: String = "USD") {
        self.name = name; self.timeZone = timeZone; self.dispatchCutoffMinutes = dispatchCutoffMinutes
        self.workingDays = workingDays; self.staleAfterSeconds = staleAfterSeconds; self.atRiskSeconds = atRiskSeconds
        self.slaWarningSeconds = slaWarningSeconds; self.cartAbandonAfterSeconds = cartAbandonAfterSeconds
        self.cartReminderMaxCount = cartReminderMaxCount; self.cartReminderMinGapSeconds = cartReminderMinGapSeconds
        self.refundLimitsMinor = refundLimitsMinor; self.currency = currency
    }
}

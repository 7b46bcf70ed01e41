import ArgumentParser
import Foundation
import OpsdeckActions
import OpsdeckModel
import OpsdeckTerminal

/// `opsdeck action …`: the same checks and journal as the dashboard's dialogs, for scripts.
/// Exit status: 0 written (or already written with this key), 1 rejected by a rule, 3 needs confirmation,
/// 4 key reused for a different action, 5 read-only, 6 data or journal I/O error (2 is a usage error).
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Check an action and append it to the journal.",
        discussion: "Exit status: 0 written or already written with this key, 1 rejected, 2 usage, 3 needs --confirm, 4 key reused, 5 read-only, 6 data or I/O error.",
        subcommands: [Restock.self, Refund.self, Remind.self, Ack.self, Assign.self, Cancel.self])

    struct Common: ParsableArguments {
        @Option(help: "Data directory (the checks read its files).") var data: String
        @Option(help: "Journal file (default: DIR/journal.jsonl).") var journal: String?
        @Option(help: "Idempotency key; reuse it to retry safely (default: a fresh one).") var key: String?
        @Flag(help: "Open the journal read-only: every action is refused (as read_only = true in config.toml, which no flag overrides).") var readOnly = false

        /// Loads the data, checks and appends; prints the line written and exits with the documented status.
        func submit(_ request: ActionRequest, confirmed: Set<ConfirmationCode> = [], snapshot given: StoreSnapshot? = nil) throws {
            let now = Timestamp.wallClock()
            let snapshot = given ?? ActionCLI.snapshot(data)
            if let source = request.kind.source {
                switch snapshot.info(source).health {
                case .ok: break
                case .missing: ActionCLI.fail(6, "cannot check: \(source.fileName) is missing in \(data) (or was being rewritten; try again)")
                case .fileError(let p): ActionCLI.fail(6, "cannot check: \(p)")
                }
            }
            let journal = ActionJournal(path: self.journal ?? ActionJournal.defaultPath(dataDirectory: data),
                                        readOnly: readOnly || ActionCLI.configReadOnly())
            let draft = ActionDraft.open(request.kind, targetID: request.target.id, by: .current())
            let entry = ActionDraft(key: key ?? draft.key, actionID: draft.actionID, by: draft.by).entry(request, at: now)
            do throws(JournalError) {
                switch try journal.append(entry, confirmed: confirmed, snapshot: snapshot, now: now) {
                case .written(let e): print(e.jsonLine())
                case .alreadyWritten(let e):
                    printError("already written with key \(e.key); nothing new written")
                    print(e.jsonLine())
                }
            } catch {
                switch error {
                case .rejected: ActionCLI.fail(1, error.description)
                case .needsConfirmation(let needed):
                    let hints = needed.map { $0.code == .restockPending ? "--confirm-pending" : "--confirm-amount AMOUNT" }
                    ActionCLI.fail(3, error.description + " (pass " + hints.joined(separator: ", ") + ")")
                case .keyReused: ActionCLI.fail(4, error.description)
                case .readOnly: ActionCLI.fail(5, error.description)
                case .io: ActionCLI.fail(6, error.description + "; the action was not recorded")
                }
            }
        }
    }

    struct Restock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Order more of a SKU.")
        @OptionGroup var common: Common
        @Option var sku: String
        @Option var qty: Int
        @Option var supplier: String?
        @Option var note: String?
        @Flag(help: "Order even though an earlier restock of this SKU is still pending.") var confirmPending = false
        func run() throws {
            try common.submit(.restock(RestockRequest(sku: sku, qty: qty, supplier: supplier, note: note)),
                              confirmed: confirmPending ? [.restockPending] : [])
        }
    }

    struct Refund: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refund (or credit, replace, exchange) an order.")
        @OptionGroup var common: Common
        @Option var order: String
        @Option(help: "full, partial, store_credit, replacement or exchange.") var type: String
        @Option(help: "Amount in major units (45.00); default for full: the refundable remainder, else 0.") var amount: String?
        @Option(help: "Defaults to the order's currency.") var currency: String?
        @Option(help: "One of: \(RefundReason.allCases.map(\.rawValue).joined(separator: ", ")).") var reason: String
        @Option(name: .customLong("line"), help: "LINE_ID:QTY[:restock], repeatable.") var lines: [String] = []
        @Flag(help: "Return the refunded items to stock.") var restockItems = false
        @Option(help: "Above your refund limit, the amount typed again in full.") var confirmAmount: String?

        func run() throws {
            guard let type = RefundType(rawValue: type) else { throw ValidationError("unknown refund type \(self.type)") }
            guard let reason = RefundReason(rawValue: reason) else { throw ValidationError("unknown reason \(self.reason)") }
            let snapshot = ActionCLI.snapshot(common.data)
            let order = snapshot.orders.last { $0.id == self.order }
            let currency = currency ?? order?.currency ?? snapshot.settings.currency
            var amountMinor: Int64 = 0
            if let amount {
                guard let m = MoneyText.parse(amount, currency: currency) else { throw ValidationError("bad amount \(amount) for \(currency)") }
                amountMinor = m
            } else if type == .full, order != nil {
                // Prefilled like the dialog; re-checked under the lock, so a refund journaled meanwhile rejects it.
                let journal = ActionJournal(path: common.journal ?? ActionJournal.defaultPath(dataDirectory: common.data), readOnly: true)
                let state = (try? journal.read()) ?? JournalState()
                if let key = common.key, case .refund(let prior)? = state.entry(key: key)?.request,
                   prior.orderID == self.order, prior.type == .full {
                    amountMinor = prior.amountMinor   // a retry: the same amount, so it is recognised as one
                } else {
                    amountMinor = ActionBoard(journal: state, snapshot: snapshot).refundable(orderID: self.order)?.remainingMinor ?? 0
                }
            } else if type.movesMoney {
                throw ValidationError("--amount is required for a \(type.rawValue) refund")
            }
            var confirmed: Set<ConfirmationCode> = []
            if let typed = confirmAmount {
                guard MoneyText.parse(typed, currency: currency) == amountMinor else {
                    throw ValidationError("--confirm-amount \(typed) does not match the amount \(MoneyText.format(amountMinor, currency: currency))")
                }
                confirmed.insert(.refundAboveLimit)
            }
            try common.submit(.refund(RefundRequest(orderID: self.order, type: type, amountMinor: amountMinor, currency: currency,
                                                    reason: reason, lines: try lines.map(Self.line), restockItems: restockItems)),
                              confirmed: confirmed, snapshot: snapshot)
        }

        static func line(_ text: String) throws -> RefundLine {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (2...3).contains(parts.count), !parts[0].isEmpty, let qty = Int(parts[1]),
                  parts.count == 2 || parts[2] == "restock" else {
                throw ValidationError("--line \(text): expected LINE_ID:QTY or LINE_ID:QTY:restock")
            }
            return RefundLine(lineID: parts[0], qty: qty, restock: parts.count == 3)
        }
    }

    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send an abandoned-cart reminder.")
        @OptionGroup var common: Common
        @Option var cart: String
        @Option(help: "Offer code (only from the 2nd reminder on).") var offer: String?
        func run() throws { try common.submit(.cartReminder(CartReminderRequest(cartID: cart, offerCode: offer))) }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an escalation.")
        @OptionGroup var common: Common
        @Option var ticket: String
        func run() throws { try common.submit(.escalationAck(ticketID: ticket)) }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign an escalation.")
        @OptionGroup var common: Common
        @Option var ticket: String
        @Option var assignee: String
        func run() throws { try common.submit(.escalationAssign(ticketID: ticket, assignee: assignee)) }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a pending action (a new compensating line).")
        @OptionGroup var common: Common
        @Option var actionID: String
        func run() throws { try common.submit(.cancel(actionID: actionID)) }
    }
}

/// Helpers shared by the `action` and `journal` commands.
enum ActionCLI {
    /// Prints `message` to stderr and exits with `status`.
    static func fail(_ status: Int32, _ message: String) -> Never {
        printError("opsdeck: \(message)")
        exit(status)
    }

    /// Whether config.toml (the system's or the user's) makes this account read-only. A bad config stops
    /// here (status 2) rather than act on settings it could not read.
    static func configReadOnly() -> Bool {
        do {
            let (settings, warnings) = try SettingsLoader.load(.standard())
            for w in warnings { printError("opsdeck: warning: \(w)") }
            return settings.readOnly
        } catch {
            fail(2, error.description)
        }
    }

    /// The data directory as it is now, loaded once by the model's poller.
    static func snapshot(_ directory: String) -> StoreSnapshot { DataDirectoryPoller(directory: directory).refresh() }
}

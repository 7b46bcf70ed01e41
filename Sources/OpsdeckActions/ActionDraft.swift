#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OpsdeckModel

extension OperatorIdentity {
    /// The operator as the OS knows them: effective user's login name, host name, and the client address
    /// from `SSH_CONNECTION`. Never taken from typed input or data files.
    public static func current() -> OperatorIdentity {
        var user = "uid\(geteuid())"
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { user = String(cString: name) }
        var buf = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buf, buf.count - 1) == 0 ? buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } : "unknown-host"
        let ssh = getenv("SSH_CONNECTION").map { String(cString: $0) }
        return OperatorIdentity(user: user, host: host, sshClient: sshClient(fromSSHConnection: ssh))
    }

    /// `"10.0.0.8 52144 10.0.0.1 22"` → `"10.0.0.8"`.
    public static func sshClient(fromSSHConnection value: String?) -> String? {
        guard let first = value?.split(separator: " ").first, !first.isEmpty else { return nil }
        return String(first)
    }
}

/// The ids of one action, minted when its dialog opens and kept across retries, so a retry after a timeout
/// or crash reuses the idempotency key (and cannot write the action twice).
public struct ActionDraft: Sendable, Equatable {
    public let key: String
    public let actionID: String
    public let by: OperatorIdentity

    public init(key: String, actionID: String, by: OperatorIdentity) { self.key = key; self.actionID = actionID; self.by = by }

    /// Mints fresh ids for an action of `kind` on record `targetID`: key `refund:10452:<random>`.
    /// `by` is read once by the shell (`OperatorIdentity.current()`) and passed in.
    public static func open(_ kind: ActionKind, targetID: String, by: OperatorIdentity) -> ActionDraft {
        ActionDraft(key: "\(kind.rawValue):\(targetID):\(randomHex(8))", actionID: newActionID(), by: by)
    }

    /// The journal entry this draft becomes; its `jsonLine()` is exactly what will be written.
    public func entry(_ request: ActionRequest, at: Timestamp) -> JournalEntry {
        JournalEntry(actionID: actionID, key: key, at: at, by: by, request: request)
    }

    /// A random (version 4) UUID, lower case.
    public static func newActionID() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }

    static func randomHex(_ byteCount: Int) -> String {
        (0..<byteCount).map { _ in
            let b = UInt8.random(in: 0...255)
            return (b < 16 ? "0" : "") + String(b, radix: 16)
        }.joined()
    }
}

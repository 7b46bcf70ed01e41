import Foundation
import OpsdeckModel

/// Loads every data file of a directory once into a snapshot, for the CLI (`opsdeck action`, `opsdeck
/// journal`), which checks against the files as they are now rather than running the poller.
public enum SnapshotFiles {
    /// Missing files are marked `.missing`; unreadable or invalid ones `.fileError`; neither stops the others.
    public static func load(directory: String, now: Timestamp) -> StoreSnapshot {
        var snapshot = StoreSnapshot()
        // store.json first: other files fall back to its currency.
        let order: [SourceKind] = [.store] + SourceKind.allCases.filter { $0 != .store }
        for kind in order {
            let path = (directory as NSString).appendingPathComponent(kind.fileName)
            var info = SourceInfo(kind: kind)
            if let data = FileManager.default.contents(atPath: path) {
                let bytes = [UInt8](data)
                do throws(DataProblem) {
                    let (generatedAt, problems) = try SourceDecoder.decode(kind, bytes: bytes, file: kind.fileName, into: &snapshot)
                    info = SourceInfo(kind: kind, health: .ok, loadedAt: now, generatedAt: generatedAt,
                                      recordProblems: problems, bytes: bytes.count)
                } catch {
                    info.health = .fileError(error)
                }
            } else if FileManager.default.fileExists(atPath: path) {
                info.health = .fileError(DataProblem(file: kind.fileName, reason: "cannot be read"))
            }
            snapshot.sources[kind] = info
        }
        return snapshot
    }
}

import Foundation
import XCTest
@testable import OpsdeckModel

/// Shared by the issue-6 `…ReliabilityTests`: SHORT by default, FULL with `OPSDECK_FULL=1`.
enum Reliability {
    static let full = ProcessInfo.processInfo.environment["OPSDECK_FULL"] == "1"

    /// `short` iterations normally, `full` with OPSDECK_FULL=1.
    static func count(short: Int, full: Int) -> Int { Self.full ? full : short }

    static func report(_ line: String) { print("reliability: \(line)") }

    /// A fresh temporary directory (removed by `remove`).
    static func temporaryDirectory(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "opsdeck-\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs `body` on its own thread and waits at most `seconds`: a hang fails the test instead of blocking
    /// the suite (the stuck thread is abandoned). The bound is a hang detector, far above any normal run.
    static func withinDeadline<T: Sendable>(_ seconds: Double, _ what: String, file: StaticString = #filePath,
                                            line: UInt = #line, _ body: @escaping @Sendable () -> T) -> T? {
        let box = ResultBox<T>()
        Thread { box.value = body(); box.done.signal() }.start()
        guard box.done.wait(timeout: .now() + seconds) == .success else {
            XCTFail("\(what) did not return within \(Int(seconds)) s (hang)", file: file, line: line)
            return nil
        }
        return box.value
    }
}

/// A result handed from a worker thread, published by the semaphore.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

extension StoreSnapshot {
    /// The file-level problem of `kind`, if its health is a file error.
    func fileError(_ kind: SourceKind) -> DataProblem? {
        if case .fileError(let p) = info(kind).health { p } else { nil }
    }
}

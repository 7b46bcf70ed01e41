import Foundation

public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Durable writes: a reader polling the directory sees either the old file or the new one, never a part.
public enum AtomicFile {
    /// Writes a temp file in the same directory, fsyncs it, renames it over `path`, then fsyncs the directory.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temp = (dir.isEmpty ? "." : dir) + "/.\(name).\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: temp, reason: errnoText()) }
        do throws(FileWriteError) {
            try writeAll(fd, bytes, path: temp)
            guard fsync(fd) == 0 else { throw FileWriteError(path: temp, reason: "fsync: " + errnoText()) }
        } catch {
            close(fd); unlink(temp)
            throw error
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let e = FileWriteError(path: path, reason: "rename: " + errnoText())
            unlink(temp)
            throw e
        }
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Appends whole lines with one write() under O_APPEND, then fsyncs (the ERP's answer log).
    public static func appendLines(_ lines: [String], to path: String) throws(FileWriteError) {
        guard !lines.isEmpty else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, reason: errnoText()) }
        defer { close(fd) }
        try writeAll(fd, Array(lines.map { $0 + "\n" }.joined().utf8), path: path)
        guard fsync(fd) == 0 else { throw FileWriteError(path: path, reason: "fsync: " + errnoText()) }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileWriteError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, reason: errnoText())
            }
            done += n
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif

/// Reads one data file whole, checking its size before reading and that it did not change while read.
enum SourceFileRead {
    case bytes([UInt8], FileStamp)
    case absent
    case tooLarge(FileStamp)
    case failed(String)
    /// Size, mtime or inode moved during the read: a writer is at work; read again later.
    case changedWhileReading

    static func read(path: String, maxBytes: Int64) -> SourceFileRead {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            return e == ENOENT || e == ENOTDIR ? .absent : .failed("cannot open: \(String(cString: strerror(e)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failed("cannot stat: \(String(cString: strerror(errno)))") }
        let before = FileStamp(st)
        guard before.isRegular else { return .failed("not a regular file") }
        guard before.size <= maxBytes else { return .tooLarge(before) }

        let size = Int(before.size)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            count = 0
            while count < size {
                let n = systemRead(fd, buf.baseAddress! + count, size - count)
                if n > 0 { count += n } else if n == 0 { break } else if errno != EINTR { failure = errno; break }
            }
        }
        if failure != 0 { return .failed("cannot read: \(String(cString: strerror(failure)))") }
        guard fstat(fd, &st) == 0, FileStamp(st) == before, bytes.count == size else { return .changedWhileReading }
        return .bytes(bytes, before)
    }
}

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

/// Reads one data file whole, refusing anything that is not a regular file or is over the size limit before
/// reading a byte, and discarding a read during which the file changed.
///
/// Symbolic links are followed (exporters may publish through one), but only a regular file at the end of
/// the chain is read: a FIFO, directory, device or socket is refused. The file is opened non-blocking, so a
/// FIFO without a writer cannot hang the loader, and with O_NOCTTY, so a terminal device never becomes ours.
enum SourceFileRead {
    case bytes([UInt8], FileStamp)
    case absent
    /// Not read: not a regular file, over the size limit, or unreadable. The reason says which.
    case failed(String)
    /// Size, mtime or inode moved during the read: a writer is at work; read again later.
    case changedWhileReading

    static func read(path: String, maxBytes: Int64) -> SourceFileRead {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return .absent }
            if e == ELOOP { return .failed("symbolic link loop (or a chain of too many links); not read") }
            return .failed("cannot open: \(String(cString: strerror(e)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failed("cannot stat: \(String(cString: strerror(errno)))") }
        let before = FileStamp(st)
        guard before.isRegular else { return .failed("is \(fileType(st.st_mode)), not a regular file; not read") }
        guard before.size <= maxBytes else { return .failed(FileSizeLimit.refusal(size: before.size, limit: maxBytes)) }

        // At most the size fstat() gave (≤ the limit) is read, so a file growing meanwhile cannot take more
        // memory; the second fstat() then sees the growth and the read is discarded.
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

    static func fileType(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}

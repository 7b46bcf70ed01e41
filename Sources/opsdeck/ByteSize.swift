import ArgumentParser
import OpsdeckModel

/// `--max-file-size` values: `512M`, `2G`, `1000000` (see `FileSizeLimit.parse`).
struct ByteSize: ExpressibleByArgument {
    var bytes: Int64

    init(bytes: Int64) { self.bytes = bytes }

    init?(argument: String) {
        guard let bytes = FileSizeLimit.parse(argument) else { return nil }
        self.bytes = bytes
    }

    var defaultValueDescription: String { bytes % (1 << 30) == 0 ? "\(bytes >> 30)G" : "\(bytes)" }

    static let `default` = ByteSize(bytes: FileSizeLimit.defaultBytes)
    static let help = ArgumentHelp("Refuse data files larger than this, unread (e.g. 512M, 2G; K/M/G = 1024-based).",
                                   valueName: "size")
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import OpsdeckUI

/// The effective settings and where each came from ("default", "FILE:LINE" or a flag), from the system
/// config, then the user's, then command-line flags. `read_only` is sticky: true anywhere wins.
public struct Settings: Sendable, Equatable {
    public var readOnly = false
    public var undoSeconds = 5.0
    /// nil: the default theme.
    public var theme: String?
    public var pollInterval = 1.0
    public var origins: [String: String] = ["read_only": "default", "undo_seconds": "default", "theme": "default",
                                            "poll_interval": "default"]

    public init() {}

    /// Flags come last; `--read-only` can only turn read-only on (there is no flag to turn it off).
    public mutating func apply(readOnlyFlag: Bool, theme: String?, pollInterval: Double?) {
        if readOnlyFlag { readOnly = true; origins["read_only"] = "--read-only" }
        if let theme { self.theme = theme; origins["theme"] = "--theme" }
        if let pollInterval { self.pollInterval = pollInterval; origins["poll_interval"] = "--poll-interval" }
    }
}

/// Where the config files are. The system file's path is fixed, so no environment or flag can skip it.
public struct SettingsPaths: Sendable, Equatable {
    public static let systemFile = "/etc/opsdeck/config.toml"
    public var system: String
    /// `$XDG_CONFIG_HOME/opsdeck/config.toml` (default `~/.config/opsdeck/config.toml`).
    public var user: String?

    public init(system: String = SettingsPaths.systemFile, user: String?) { self.system = system; self.user = user }

    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> SettingsPaths {
        let dir = ConfigLocations.standard(environment: environment, executablePath: "/").configDirectory
        return SettingsPaths(user: dir.map { $0 + "/config.toml" })
    }
}

public enum SettingsLoader {
    /// Reads the system file, then the user's. A bad key or value in a trusted file is an error (file, line,
    /// key). A file that is group- or world-writable, sits in such a directory, or belongs to another user
    /// (root excepted) is ignored with a warning, except that a `read_only = true` in it still applies.
    public static func load(_ paths: SettingsPaths, uid: uid_t = geteuid()) throws(ConfigFileError) -> (settings: Settings, warnings: [String]) {
        var settings = Settings()
        var warnings: [String] = []
        for path in [paths.system] + (paths.user.map { [$0] } ?? []) {
            guard let text = read(path, &warnings, &settings) else { continue }
            if let why = untrusted(path, uid: uid) {
                let ro = SettingsFile.readOnlyLine(text, file: path)
                warnings.append("\(path): ignored: \(why)" + (ro != nil ? "; its read_only = true still applies" : ""))
                if let line = ro { settings.readOnly = true; settings.origins["read_only"] = "\(path):\(line) (ignored file)" }
                continue
            }
            let layer = try SettingsFile.parse(text, file: path)   // the caller stops: nothing runs on a bad config
            func origin(_ line: Int) -> String { "\(path):\(line)" }
            if let v = layer.readOnly, v.value, !settings.readOnly { settings.readOnly = true; settings.origins["read_only"] = origin(v.line) }
            if let v = layer.undoSeconds { settings.undoSeconds = v.value; settings.origins["undo_seconds"] = origin(v.line) }
            if let v = layer.theme { settings.theme = v.value; settings.origins["theme"] = origin(v.line) }
            if let v = layer.pollInterval { settings.pollInterval = v.value; settings.origins["poll_interval"] = origin(v.line) }
        }
        return (settings, warnings)
    }

    /// The file's text; nil when it does not exist. One that exists but cannot be read is taken as asking
    /// for read-only (it may be an admin's), with a warning.
    private static func read(_ path: String, _ warnings: inout [String], _ settings: inout Settings) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            return unreadable(path, String(cString: strerror(errno)), &warnings, &settings)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return unreadable(path, "not a regular file", &warnings, &settings) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return unreadable(path, "cannot read it as UTF-8 text", &warnings, &settings)
        }
        return text
    }

    private static func unreadable(_ path: String, _ why: String, _ warnings: inout [String], _ settings: inout Settings) -> String? {
        warnings.append("\(path): cannot read (\(why)); running read-only to be safe")
        settings.readOnly = true
        settings.origins["read_only"] = "\(path) (unreadable)"
        return nil
    }

    /// Why a config file must not be trusted (as ssh judges its files), or nil.
    static func untrusted(_ path: String, uid: uid_t) -> String? {
        let dir = (path as NSString).deletingLastPathComponent
        for (what, p) in [("it", path), ("its directory \(dir)", dir.isEmpty ? "." : dir)] {
            var st = stat()
            guard stat(p, &st) == 0 else { return "cannot stat \(what): \(String(cString: strerror(errno)))" }
            if st.st_uid != uid && st.st_uid != 0 { return "\(what) is owned by uid \(st.st_uid), not you or root" }
            if st.st_mode & 0o022 != 0 { return "\(what) is writable by group or others (mode \(String(st.st_mode & 0o777, radix: 8)))" }
        }
        return nil
    }

    public enum InitError: Error, CustomStringConvertible {
        case noLocation
        case exists(String)
        case io(String, String)
        public var description: String {
            switch self {
            case .noLocation: "neither XDG_CONFIG_HOME nor HOME is set: nowhere to write config.toml"
            case .exists(let p): "\(p) already exists; not overwritten"
            case .io(let p, let why): "\(p): \(why)"
            }
        }
    }

    /// `opsdeck config --init`: the commented default config, mode 0600, in a directory created 0700
    /// (whatever the umask). An existing file is never overwritten.
    public static func writeTemplate(_ paths: SettingsPaths) throws(InitError) -> String {
        guard let path = paths.user else { throw .noLocation }
        let dir = (path as NSString).deletingLastPathComponent
        try makeDirectories(dir)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw errno == EEXIST ? .exists(path) : .io(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        let bytes = Array(SettingsFile.template.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(path)
            throw .io(path, "write failed: \(why)")
        }
        return path
    }

    /// mkdir -p with 0700 for every directory it creates.
    private static func makeDirectories(_ dir: String) throws(InitError) {
        var st = stat()
        if stat(dir, &st) == 0 { return }
        let parent = (dir as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != dir { try makeDirectories(parent) }
        guard mkdir(dir, 0o700) == 0 || errno == EEXIST else { throw .io(dir, String(cString: strerror(errno))) }
        _ = chmod(dir, 0o700)
    }
}

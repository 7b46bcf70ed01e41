import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server running the real `opsdeck` binary, for end-to-end tests.
///
/// tmux is started with posix_spawn, not Foundation.Process: the tmux server daemonises and would inherit
/// Foundation's exit-detection descriptor, so `waitUntilExit` hangs (swift-corelibs-foundation #4795).
/// Children get every descriptor above 2 closed and an empty signal mask (Swift Testing's mask would
/// otherwise block SIGWINCH and friends in the dashboard).
final class TmuxSession {
    let socketName = "opsdeck-test-\(UInt32.random(in: 0...UInt32.max))"
    let width: Int
    let height: Int

    /// Starts `command` (a shell command line) in a new detached session. The shell prints `EXIT=<status>`
    /// after the command ends and stays, so the pane can still be read.
    init(command: String, width: Int = 120, height: Int = 40, file: StaticString = #filePath, line: UInt = #line) throws {
        self.width = width; self.height = height
        // `swift test` exports NO_COLOR=1 to its tests; the dashboard must see a plain 256-colour terminal.
        let script = "env -u NO_COLOR TERM=tmux-256color LANG=C.UTF-8 \(command); echo EXIT=$?; sleep 600"
        let (status, _) = try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", script])
        guard status == 0 else { throw TmuxError("tmux new-session failed with status \(status)") }
    }

    /// The pane's text, one string per row (trailing blanks trimmed by tmux); with escapes, tmux adds the
    /// SGR sequences that reproduce each cell's colours and attributes.
    func capture(withEscapes: Bool = false) throws -> String {
        let (status, output) = try tmux(["capture-pane", "-p", "-t", "main"] + (withEscapes ? ["-e"] : []))
        guard status == 0 else { throw TmuxError("tmux capture-pane failed with status \(status)") }
        return output
    }

    /// Sends tmux key names (`q`, `Enter`, `Tab`) or, with `literal`, text.
    func send(_ keys: String..., literal: Bool = false) throws {
        let (status, _) = try tmux(["send-keys", "-t", "main"] + (literal ? ["-l"] : []) + keys)
        guard status == 0 else { throw TmuxError("tmux send-keys failed with status \(status)") }
    }

    func resize(width: Int, height: Int) throws {
        let (status, _) = try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
        guard status == 0 else { throw TmuxError("tmux resize-window failed with status \(status)") }
    }

    /// Reads the pane until `condition` holds or `timeout` passes; returns the last capture either way,
    /// failing the test on timeout.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !condition(screen) {
            guard Date() < deadline else {
                XCTFail("timed out after \(timeout)s waiting for \(what); pane was:\n\(screen)", file: file, line: line)
                return screen
            }
            usleep(50_000)
            screen = try capture()
        }
        return screen
    }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    func query(_ format: String) throws -> String {
        let (status, output) = try tmux(["display-message", "-p", "-t", "main", format])
        guard status == 0 else { throw TmuxError("tmux display-message failed with status \(status)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the server and removes its socket (tmux leaves it behind after kill-server).
    func kill() {
        let socket = try? tmux(["display-message", "-p", "#{socket_path}"]).1.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try? tmux(["kill-server"])
        if let socket, !socket.isEmpty { unlink(socket) }
    }

    /// Runs the tmux client on this session's private server; returns its exit status and standard output.
    func tmux(_ arguments: [String]) throws -> (Int32, String) {
        try Spawn.run(["tmux", "-L", socketName, "-f", "/dev/null"] + arguments)
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// posix_spawn with stdout captured, all other descriptors closed and an empty signal mask.
enum Spawn {
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    /// glibc ≥ 2.34 has it, but declares it only under _GNU_SOURCE, which Swift's Glibc module lacks.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    static func run(_ arguments: [String]) throws -> (Int32, String) {
        guard let addCloseFrom else { throw TmuxError("posix_spawn_file_actions_addclosefrom_np is missing (glibc < 2.34)") }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else { throw TmuxError("pipe failed") }
        for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = addCloseFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(pipeFDs[1])
        defer { close(pipeFDs[0]) }
        guard spawned == 0 else { throw TmuxError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }

        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(pipeFDs[0], &buffer, buffer.count)
            if n > 0 { output += buffer[0..<n] } else if n < 0 && errno == EINTR { continue } else { break }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, String(decoding: output, as: UTF8.self))
    }
}

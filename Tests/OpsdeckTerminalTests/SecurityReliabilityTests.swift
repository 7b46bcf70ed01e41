import Foundation
import XCTest
import OpsdeckActions
import OpsdeckModel
import OpsdeckTerminal
import OpsdeckUI
#if canImport(Glibc)
import Glibc
#endif

/// Issue 6, security: read-only cannot be bypassed (the `action` CLI, a keys file, the config, a flag),
/// the journal and config get restrictive modes whatever the umask, and data files cannot set the operator
/// identity or make opsdeck write elsewhere. Unit tests of the settings layers, then real processes.
final class SecurityReliabilityTests: XCTestCase {
    private var dir = ""
    private var full: Bool { ProcessInfo.processInfo.environment["OPSDECK_FULL"] == "1" }

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "opsdeck-sec-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/etc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/xdg/opsdeck", withIntermediateDirectories: true)
        try StoreFixture(directory: dir + "/data").writeAll()
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private var paths: SettingsPaths { SettingsPaths(system: dir + "/etc/config.toml", user: dir + "/xdg/opsdeck/config.toml") }

    private func write(_ path: String, _ text: String, mode: mode_t = 0o600) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(path, mode), 0)
    }

    private func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return st.st_mode & 0o7777
    }

    // MARK: settings layers

    func testReadOnlyIsStickyAcrossLayersAndFlags() throws {
        try write(paths.system, "read_only = true\n", mode: 0o644)
        try write(paths.user!, "read_only = false\nundo_seconds = 2\n")
        var (s, warnings) = try SettingsLoader.load(paths)
        XCTAssertEqual(warnings, [])
        XCTAssertTrue(s.readOnly, "the user's false does not undo the admin's true")
        XCTAssertEqual(s.origins["read_only"], paths.system + ":1")
        XCTAssertEqual(s.undoSeconds, 2, "other settings still come from the user file")
        s.apply(readOnlyFlag: false, theme: nil, pollInterval: nil)
        XCTAssertTrue(s.readOnly, "no flag turns it off")

        try write(paths.system, "undo_seconds = 9\n", mode: 0o644)
        try write(paths.user!, "read_only = true\n")
        XCTAssertTrue(try SettingsLoader.load(paths).settings.readOnly, "true in the user file alone")
        try write(paths.user!, "")
        var plain = try SettingsLoader.load(paths).settings
        XCTAssertFalse(plain.readOnly)
        XCTAssertEqual(plain.undoSeconds, 9)
        plain.apply(readOnlyFlag: true, theme: nil, pollInterval: nil)
        XCTAssertTrue(plain.readOnly)
        XCTAssertEqual(plain.origins["read_only"], "--read-only")
    }

    func testBadKeysAndValuesNameFileLineAndKey() throws {
        let cases: [(String, String)] = [
            ("read_only = \"yes\"", "2: key 'read_only': must be true or false"),
            ("undo_seconds = 61", "2: key 'undo_seconds': must be a number of seconds from 0 to 60"),
            ("undo_seconds = 1e3", "2: key 'undo_seconds': unsupported value 1e3"),
            ("poll_interval = 0.01", "2: key 'poll_interval': must be a number of seconds from 0.05 to 3600"),
            ("theme = \"\"", "2: key 'theme': must be a theme name or path in quotes"),
            ("read_olny = true", "2: key 'read_olny': unknown key (keys: read_only, undo_seconds, theme, poll_interval)"),
            ("[dashboard]\nx = 1", "3: key 'x': tables are not used"),
        ]
        for (line, expected) in cases {
            try write(paths.user!, "# settings\n" + line + "\n")
            XCTAssertThrowsError(try SettingsLoader.load(paths), line) { error in
                XCTAssertTrue("\(error)".hasPrefix(paths.user! + ":" + expected), "\(line): \(error)")
            }
        }
    }

    func testUntrustedConfigIsIgnoredExceptItsReadOnly() throws {
        let user = paths.user!, userDir = dir + "/xdg/opsdeck"
        // Group-writable file: its undo_seconds is ignored, its read_only = true still applies.
        try write(user, "undo_seconds = 0\nread_only = true\n", mode: 0o664)
        var (s, warnings) = try SettingsLoader.load(paths)
        XCTAssertTrue(s.readOnly)
        XCTAssertEqual(s.undoSeconds, 5)
        XCTAssertEqual(warnings, ["\(user): ignored: it is writable by group or others (mode 664); its read_only = true still applies"])

        // World-writable directory, sound file: ignored too; a file that does not even parse still gets read-only.
        XCTAssertEqual(chmod(user, 0o600), 0)
        XCTAssertEqual(chmod(userDir, 0o777), 0)
        try write(user, "undo_seconds = 0\n[[broken\nread_only = true\n")
        (s, warnings) = try SettingsLoader.load(paths)
        XCTAssertTrue(s.readOnly)
        XCTAssertEqual(s.undoSeconds, 5)
        XCTAssertTrue(warnings.first?.contains("its directory \(userDir) is writable by group or others") ?? false, "\(warnings)")
        XCTAssertEqual(chmod(userDir, 0o700), 0)

        // Only a read_only = true survives: an untrusted false or other keys do nothing.
        try write(user, "read_only = false\nundo_seconds = 1\n", mode: 0o666)
        (s, _) = try SettingsLoader.load(paths)
        XCTAssertFalse(s.readOnly)
        XCTAssertEqual(s.undoSeconds, 5)

        // Owned by someone else (not root): ignored. Needs root to give the file away.
        guard geteuid() == 0 else { return }
        try write(user, "undo_seconds = 0\nread_only = true\n")
        XCTAssertEqual(chown(user, 65534, 65534), 0)
        (s, warnings) = try SettingsLoader.load(paths)
        XCTAssertTrue(s.readOnly)
        XCTAssertEqual(s.undoSeconds, 5)
        XCTAssertTrue(warnings.first?.contains("it is owned by uid 65534, not you or root") ?? false, "\(warnings)")
        // The same file judged for the user who owns it is trusted.
        XCTAssertEqual(try SettingsLoader.load(paths, uid: 65534).settings.undoSeconds, 0)
    }

    func testAnUnreadableSystemConfigMeansReadOnly() throws {
        try FileManager.default.createDirectory(atPath: paths.system, withIntermediateDirectories: true)   // not a file
        let (s, warnings) = try SettingsLoader.load(paths)
        XCTAssertTrue(s.readOnly)
        XCTAssertEqual(warnings, ["\(paths.system): cannot read (not a regular file); running read-only to be safe"])
    }

    func testInitWritesA0600FileInA0700DirectoryWhateverTheUmaskAndNeverOverwrites() throws {
        let fresh = SettingsPaths(system: paths.system, user: dir + "/new/a/opsdeck/config.toml")
        let old = umask(0)
        defer { umask(old) }
        XCTAssertEqual(try SettingsLoader.writeTemplate(fresh), fresh.user)
        XCTAssertEqual(mode(fresh.user!), 0o600)
        XCTAssertEqual(mode(dir + "/new/a/opsdeck"), 0o700)
        XCTAssertEqual(mode(dir + "/new/a"), 0o700)
        // Every setting is commented out: the file means the defaults, and it is trusted.
        let (s, warnings) = try SettingsLoader.load(fresh)
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(s, Settings())
        try write(fresh.user!, "undo_seconds = 3\n")
        XCTAssertThrowsError(try SettingsLoader.writeTemplate(fresh)) { XCTAssertTrue("\($0)".hasSuffix("already exists; not overwritten")) }
        XCTAssertEqual(try String(contentsOfFile: fresh.user!, encoding: .utf8), "undo_seconds = 3\n")
    }

    // MARK: a keys file in read-only mode

    /// Store actions rebound to random keys, then random key sequences, in read-only mode: no dialog
    /// ever opens and nothing is submitted.
    func testNoKeysFileReachesAnActionInReadOnlyMode() throws {
        var rng = SystemRandomNumberGenerator()
        let storeActions: [KeyAction] = [.restock, .refund, .remind, .ack, .assign, .undo]
        let letters = Array("abcdefhilmnortuvwxyBCDEFHIJKLMNOPQRUVWXYZ")
        let pool: [Key] = letters.map { .char($0) } + [.enter, .escape, .tab, .backTab, .up, .down, .char("y"), .char("1"),
                                                       .char("2"), .char("3"), .char("4"), .function(5), .ctrl("r")]
        let rounds = full ? 5000 : 200
        var keysPressed = 0, actionKeys = 0
        let snapshot = DataDirectoryPoller(directory: dir + "/data").refresh()
        for _ in 0..<rounds {
            let picked = letters.shuffled(using: &rng).prefix(storeActions.count)
            let text = zip(storeActions, picked).map { "\($0.rawValue) = \"\($1)\"" }.joined(separator: "\n")
            let (keymap, _) = Keymap.load(text: text, file: "keys.toml")
            let config = AppConfig(keymap: keymap, operatorLabel: "alice@ops1", readOnly: true, undoSeconds: 5,
                                   identity: OperatorIdentity(user: "alice", host: "ops1"))
            var s = update(AppState(config: config, width: 120, height: 40, now: Timestamp.wallClock()), .snapshot(snapshot)).0
            for _ in 0..<50 {
                let key = pool.randomElement(using: &rng)!
                let (next, effects) = update(s, .key(key))
                keysPressed += 1
                if let a = keymap.action(for: key), storeActions.contains(a) { actionKeys += 1 }
                XCTAssertFalse(effects.contains { if case .submitAction = $0 { true } else { false } }, "submitted in read-only mode")
                if case .dialog? = next.overlay { XCTFail("a dialog opened in read-only mode with keys:\n\(text)"); return }
                XCTAssertEqual(next.held, [])
                s = next
            }
        }
        XCTAssertGreaterThan(actionKeys, rounds, "the rebound action keys were pressed")
        print("reliability: read-only keys: \(rounds) random keymaps, \(keysPressed) keys (\(actionKeys) bound to store actions), 0 dialogs opened, 0 actions submitted")
    }

    /// End to end: config.toml says read-only, keys.toml rebinds restock; the dashboard shows RO and the
    /// rebound key is refused like the default one, with no journal created.
    func testReadOnlyConfigAndAKeysFileInTheRealDashboard() throws {
        let run = try DashboardRun.onFixture("sec-tmux")
        defer { run.stop() }
        let tmux = try run.start(config: "read_only = true\n", keys: "restock = \"x\"\nundo = \"r\"\n")
        try run.waitForAllFourPanes()
        XCTAssertTrue(try tmux.capture().contains(" RO "), "RO badge")
        try tmux.send("2")
        try tmux.send("x")
        try tmux.waitFor("the read-only refusal") { $0.contains("Read-only: store actions are off") }
        XCTAssertFalse(try tmux.capture().contains("[ Cancel ]"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.journalPath))
    }

    // MARK: real processes

    /// Runs a shell script; returns its exit status.
    @discardableResult
    private func sh(_ script: String) throws -> Int32 { try Spawn.run(["/bin/sh", "-c", script]).0 }

    /// `opsdeck action restock` on the fixture store with this config directory; extra shell words appended.
    private func restock(_ extra: String = "", env: String = "") throws -> Int32 {
        try sh("env XDG_CONFIG_HOME='\(dir)/xdg' \(env) '\(try DashboardRun.binary)' action restock --data '\(dir)/data' --sku TS-BLK-M --qty 5 \(extra) >'\(dir)/out' 2>'\(dir)/err'")
    }

    private var journal: String { dir + "/data/journal.jsonl" }
    private var stderrText: String { (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "" }

    func testActionCommandHonoursTheConfigsReadOnly() throws {
        try write(paths.user!, "read_only = true\n")
        XCTAssertEqual(try restock(), 5)
        XCTAssertTrue(stderrText.contains("read-only"), stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal), "nothing written, not even created")

        // An ignored (world-writable) config still makes it read-only, and says why it was ignored.
        try write(paths.user!, "read_only = true\n", mode: 0o666)
        XCTAssertEqual(try restock(), 5)
        XCTAssertTrue(stderrText.contains("ignored: it is writable by group or others"), stderrText)
        // A config that does not parse stops the command before anything is written.
        try write(paths.user!, "read_only = maybe\n")
        XCTAssertEqual(try restock(), 2)
        XCTAssertTrue(stderrText.contains("config.toml:1: key 'read_only'"), stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal))

        // No flag turns read-only off.
        try write(paths.user!, "read_only = true\n")
        for flag in ["--no-read-only", "--read-only=false", "--read-write", "--writable"] {
            XCTAssertNotEqual(try restock(flag), 0, flag)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal))

        // Without it, the same command writes.
        try write(paths.user!, "")
        XCTAssertEqual(try restock(), 0, stderrText)
        XCTAssertEqual(fileLines(journal).filter { !$0.isEmpty }.count, 1)
    }

    func testJournalIsCreated0640AndConfig0600WhateverTheUmask() throws {
        for mask in ["000", "077", "022"] {
            try? FileManager.default.removeItem(atPath: journal)
            XCTAssertEqual(try restockWithUmask(mask), 0, stderrText)
            XCTAssertEqual(mode(journal), 0o640, "journal with umask \(mask)")

            let home = dir + "/home-\(mask)"
            XCTAssertEqual(try sh("umask \(mask); env XDG_CONFIG_HOME='\(home)' '\(try DashboardRun.binary)' config --init >/dev/null 2>&1"), 0)
            XCTAssertEqual(mode(home + "/opsdeck/config.toml"), 0o600, "config with umask \(mask)")
            XCTAssertEqual(mode(home + "/opsdeck"), 0o700)
            XCTAssertEqual(try sh("env XDG_CONFIG_HOME='\(home)' '\(try DashboardRun.binary)' config --init >/dev/null 2>&1"), 1, "never overwrites")
        }
    }

    private func restockWithUmask(_ mask: String) throws -> Int32 {
        try sh("umask \(mask); env XDG_CONFIG_HOME='\(dir)/xdg' '\(try DashboardRun.binary)' action restock --data '\(dir)/data' --sku TS-BLK-M --qty 5 --confirm-pending >'\(dir)/out' 2>'\(dir)/err'")
    }

    /// Data files (and the environment's USER, LOGNAME, HOSTNAME) name "mallory" every way they can; the
    /// journal line still names the OS user and host, and nothing is written outside the data directory.
    func testDataFilesCannotSetTheOperatorOrPaths() throws {
        let data = dir + "/data", evil = dir + "/evil"
        let now = StoreFixture.iso(Date())
        let claims = #""by":"mallory","operator":{"user":"mallory","host":"evil","ssh_client":"6.6.6.6"},"user":"mallory","host":"evil","journal":"\#(evil)/journal.jsonl","path":"\#(evil)/x""#
        try #"{"schema":"opsdeck/1","generated_at":"\#(now)",\#(claims),"store":{"name":"S",\#(claims),"refund_limits_minor":{"mallory":1}}}"#
            .write(toFile: data + "/store.json", atomically: false, encoding: .utf8)
        var orders = try String(contentsOfFile: data + "/orders.json", encoding: .utf8)
        orders = orders.replacingOccurrences(of: #""status":"paid","#, with: #""status":"paid",\#(claims),"#)
        orders = orders.replacingOccurrences(of: #"{"schema":"opsdeck/1","#, with: #"{"schema":"opsdeck/1",\#(claims),"#)
        try orders.write(toFile: data + "/orders.json", atomically: false, encoding: .utf8)
        try #"{"action_id":"x1","state":"accepted","at":"\#(now)",\#(claims)}"#.appending("\n")
            .write(toFile: data + "/action-results.jsonl", atomically: false, encoding: .utf8)

        let snapshot = DataDirectoryPoller(directory: data).refresh()
        XCTAssertEqual(snapshot.info(.orders).health, .ok, "the hostile fields are ignored, the data still loads")
        XCTAssertEqual(snapshot.orders.count, 2)

        let env = "USER=mallory LOGNAME=mallory HOSTNAME=evil SSH_CONNECTION='10.0.0.8 52144 10.0.0.1 22'"
        XCTAssertEqual(try restock("--note 'operator: mallory' --supplier mallory", env: env), 0, stderrText)
        let refund = "env XDG_CONFIG_HOME='\(dir)/xdg' \(env) '\(try DashboardRun.binary)' action refund --data '\(data)' --order 10452 --type partial --amount 1.00 --reason other"
        XCTAssertEqual(try sh(refund + " >>'\(dir)/out' 2>'\(dir)/err'"), 0, stderrText)

        let me = OperatorIdentity.current()
        let lines = fileLines(journal).filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 2)
        for line in lines {
            let entry = try JournalEntry.parse(line: Array(line.utf8))
            XCTAssertEqual(entry.by.user, me.user, line)
            XCTAssertEqual(entry.by.host, me.host, line)
            XCTAssertEqual(entry.by.sshClient, "10.0.0.8", "the SSH client comes from the login session's SSH_CONNECTION")
            XCTAssertFalse(line.contains("mallory\",\"host") || line.contains("\"user\":\"mallory\""), line)
        }
        // store.json's limit for "mallory" (0.01) did not apply: the 1.00 refund needed no typed confirmation.
        XCTAssertFalse(FileManager.default.fileExists(atPath: evil), "a data file made opsdeck write elsewhere")
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: data)),
                       ["orders.json", "stock.json", "carts.json", "escalations.json", "customers.json", "store.json",
                        "action-results.jsonl", "journal.jsonl"])
    }
}

private func fileLines(_ path: String) -> [String] {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").components(separatedBy: "\n")
}

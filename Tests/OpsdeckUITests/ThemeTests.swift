import Foundation
import XCTest
@testable import OpsdeckUI

final class ThemeTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let themesDir = repo.appendingPathComponent("themes").path

    func testShippedDefaultFileIsExactlyTheCompiledInTheme() throws {
        let theme = try ThemeCatalog.load(path: Self.themesDir + "/default.toml", name: "default")
        XCTAssertTrue(theme.looksSame(as: .builtInDefault))
        XCTAssertEqual(theme.description, Theme.builtInDefault.description)
        XCTAssertEqual(Set(Theme.builtInDefault.styles.keys), Set(StyleRole.allCases))
    }

    func testAllShippedThemesParseAndNameEveryRole() throws {
        let names = ["default", "light", "high-contrast", "solarized-dark", "mono"]
        for name in names {
            let path = Self.themesDir + "/\(name).toml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let theme = try ThemeFile.parse(text, name: name, file: path)
            for role in StyleRole.allCases {
                XCTAssertTrue(text.contains("[role.\(role.rawValue)]"), "\(name) lacks \(role)")
                // Colour is never the only signal: alarms keep an attribute in monochrome.
                if [.selectedRow, .critical, .focusedBorder].contains(role) {
                    XCTAssertFalse(theme.style(role).mono.isEmpty, "\(name).\(role) has no mono attribute")
                }
            }
        }
        let mono = try ThemeCatalog.load(path: Self.themesDir + "/mono.toml", name: "mono")
        XCTAssertTrue(StyleRole.allCases.allSatisfy { mono.style($0).fg.isEmpty && mono.style($0).bg.isEmpty })
    }

    func testWrittenThemeReadsBackTheSame() throws {
        let text = ThemeFile.text(of: .builtInDefault)
        XCTAssertTrue(try ThemeFile.parse(text, name: "default", file: "x").looksSame(as: .builtInDefault))
    }

    func testMissingRolesComeFromTheDefaultAndATableReplacesTheRole() throws {
        let t = try ThemeFile.parse("""
            # only two roles
            [role.critical]
            fg = ["#ff0000", "196", "red"]
            mono = ["bold", "underline"]

            [role.dim]
            """, name: "mine", file: "mine.toml")
        XCTAssertEqual(t.style(.critical), RoleStyle(fg: [.rgb(255, 0, 0), .palette(196), .ansi(.red)], mono: [.bold, .underline]))
        XCTAssertEqual(t.style(.dim), RoleStyle())
        XCTAssertEqual(t.style(.selectedRow), Theme.builtInDefault.style(.selectedRow))
    }

    func testColourFallbackPicksTheFirstTheTerminalCanShow() {
        let s = RoleStyle(fg: [.rgb(1, 2, 3), .palette(203), .ansi(.red)], bg: [.palette(24)])
        XCTAssertEqual(s.foreground(depth: .truecolor), .rgb(1, 2, 3))
        XCTAssertEqual(s.foreground(depth: .palette256), .palette(203))
        XCTAssertEqual(s.foreground(depth: .ansi16), .ansi(.red))
        XCTAssertNil(s.background(depth: .ansi16))
        XCTAssertEqual(ThemeColor(spec: "#0a0B0c"), .rgb(10, 11, 12))
        XCTAssertEqual(ThemeColor(spec: "7"), .palette(7))
        XCTAssertEqual(ThemeColor(spec: "7")?.depth, .ansi16)
        XCTAssertNil(ThemeColor(spec: "256"))
        XCTAssertNil(ThemeColor(spec: "#12345"))
        XCTAssertNil(ThemeColor(spec: "purple"))
        XCTAssertEqual(ANSIColor.brightRed.index, 9)
        XCTAssertEqual(ANSIColor.terminalDefault.index, -1)
    }

    func assertThemeError(_ text: String, line: Int, key: String?, contains: String, file: StaticString = #filePath, fline: UInt = #line) {
        do {
            _ = try ThemeFile.parse(text, name: "bad", file: "themes/bad.toml")
            XCTFail("expected an error", file: file, line: fline)
        } catch {
            XCTAssertEqual(error.file, "themes/bad.toml", file: file, line: fline)
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: fline)
            XCTAssertEqual(error.key, key, "\(error)", file: file, line: fline)
            XCTAssertTrue(error.description.contains(contains), "\(error)", file: file, line: fline)
            XCTAssertTrue(error.description.hasPrefix("themes/bad.toml:\(line): "), "\(error)", file: file, line: fline)
        }
    }

    func testThemeErrorsNameFileLineAndKey() {
        assertThemeError("[role.title]\nfg = [\"#fff\"]", line: 2, key: "fg", contains: "'#fff' is not a colour")
        assertThemeError("\n[role.title]\nattrs = [\"blink\"]", line: 3, key: "attrs", contains: "'blink' is not an attribute")
        assertThemeError("[role.nope]\nfg = [\"red\"]", line: 1, key: "nope", contains: "unknown role")
        assertThemeError("[role.title]\ncolour = [\"red\"]", line: 2, key: "colour", contains: "unknown key")
        assertThemeError("[role.title]\nfg = \"red\"", line: 2, key: "fg", contains: "array of strings")
        assertThemeError("[role.title]\nfg = [\"red\"\n", line: 2, key: "fg", contains: "expected , or ]")
        assertThemeError("description = \"open", line: 1, key: "description", contains: "unterminated string")
        assertThemeError("[role.title]\nfg = [\"red\"]\nfg = [\"blue\"]", line: 3, key: "fg", contains: "defined twice")
        assertThemeError("[role.title]\n[role.title]", line: 2, key: nil, contains: "appears twice")
        assertThemeError("description = 1e3", line: 1, key: "description", contains: "unsupported value 1e3")
        assertThemeError("description = 3", line: 1, key: "description", contains: "must be a string")
        assertThemeError("just words", line: 1, key: nil, contains: "expected `key = value`")
        assertThemeError("[colours]\nx = \"y\"", line: 1, key: nil, contains: "unknown table [colours]")
    }

    func testTOMLSubsetValues() throws {
        let e = try ConfigTOML.parse("""
            a = "x # not a comment \\"q\\" \\u00e9"   # a comment
            b = [ "1", "2", ]
            c = true
            d = []
            """, file: "f")
        XCTAssertEqual(e.map(\.value), [.string("x # not a comment \"q\" é"), .strings(["1", "2"]), .bool(true), .strings([])])
        XCTAssertEqual(e.map(\.line), [1, 2, 3, 4])
    }

    func testResolutionByPathThenUserDirThenBundledThenBuiltIn() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-themes-\(UUID().uuidString)")
        let user = tmp.appendingPathComponent("config/opsdeck/themes"), shipped = tmp.appendingPathComponent("share")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: shipped, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try "[role.title]\nfg = [\"red\"]\n".write(to: user.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "[role.title]\nfg = [\"blue\"]\n".write(to: shipped.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "[role.title]\nfg = [\"green\"]\n".write(to: shipped.appendingPathComponent("calm.toml"), atomically: true, encoding: .utf8)
        try "[role.title]\nfg = [\"nope\"]\n".write(to: shipped.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let loc = ConfigLocations(configDirectory: tmp.appendingPathComponent("config/opsdeck").path, bundledThemeDirectories: [shipped.path])

        XCTAssertEqual(try ThemeCatalog.resolve("light", in: loc).style(.title).fg, [.ansi(.red)])
        XCTAssertEqual(try ThemeCatalog.resolve("calm", in: loc).style(.title).fg, [.ansi(.green)])
        XCTAssertEqual(try ThemeCatalog.resolve(shipped.appendingPathComponent("light.toml").path, in: loc).style(.title).fg, [.ansi(.blue)])
        XCTAssertEqual(try ThemeCatalog.resolve("default", in: loc), .builtInDefault)
        XCTAssertThrowsError(try ThemeCatalog.resolve("missing", in: loc)) { e in
            XCTAssertTrue("\(e)".contains("theme 'missing' not found"))
        }
        XCTAssertThrowsError(try ThemeCatalog.resolve("broken", in: loc)) { e in
            XCTAssertTrue("\(e)".hasSuffix("broken.toml:2: key 'fg': 'nope' is not a colour (#rrggbb, 0-255, or an ANSI name like red, bright-blue, default)"), "\(e)")
        }

        let listing = ThemeCatalog.listing(loc)
        XCTAssertEqual(listing.map(\.name), ["broken", "calm", "default", "light", "light"])
        XCTAssertEqual(listing.filter(\.isShadowed).map(\.origin), [shipped.appendingPathComponent("light.toml").path])
        let (themes, problems) = ThemeCatalog.loadAll(loc)
        XCTAssertEqual(themes.map(\.name), ["default", "calm", "light"])
        XCTAssertEqual(problems.count, 1)
    }

    func testStandardLocationsComeFromEnvironmentAndExecutable() {
        let loc = ConfigLocations.standard(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/a"],
                                           executablePath: "/repo/.build/x86_64-unknown-linux-gnu/debug/opsdeck")
        XCTAssertEqual(loc.configDirectory, "/x/cfg/opsdeck")
        XCTAssertEqual(loc.themeDirectories.first, "/x/cfg/opsdeck/themes")
        XCTAssertTrue(loc.bundledThemeDirectories.contains("/repo/themes"))
        XCTAssertTrue(loc.bundledThemeDirectories.contains("/usr/local/share/opsdeck/themes"))
        XCTAssertEqual(loc.keysFile, "/x/cfg/opsdeck/keys.toml")
        XCTAssertEqual(ConfigLocations.standard(environment: ["HOME": "/home/a"], executablePath: "/usr/bin/opsdeck").configDirectory,
                       "/home/a/.config/opsdeck")
    }
}

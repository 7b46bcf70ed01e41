// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "opsdeck",
    platforms: [.macOS(.v13)],
    products: [.executable(name: "opsdeck", targets: ["opsdeck"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // ncursesw from Debian's libncurses-dev; the shim defines what SwiftPM's dropped -D flags would.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // Domain types, fast JSON decoding with validation, directory poller, derived metrics. No terminal code.
        .target(name: "OpsdeckModel"),
        // Action checks and the durable, shared action journal.
        .target(name: "OpsdeckActions", dependencies: ["OpsdeckModel"]),
        // App state, update(state, event), layout, panes and themes rendering into a cell grid. No ncurses.
        .target(name: "OpsdeckUI", dependencies: ["OpsdeckModel", "OpsdeckActions"]),
        // Draws the cell grid with ncursesw, reads keys, handles resize and signals, runs the event loop.
        .target(name: "OpsdeckTerminal", dependencies: ["CNcursesw", "OpsdeckUI", "OpsdeckModel", "OpsdeckActions"]),
        // Demo store generator and live simulator (including a simulated ERP answering the journal).
        .target(name: "OpsdeckDemo", dependencies: ["OpsdeckModel", "OpsdeckActions"]),
        // Argument parsing and wiring only.
        .executableTarget(name: "opsdeck", dependencies: [
            "OpsdeckModel", "OpsdeckActions", "OpsdeckUI", "OpsdeckTerminal", "OpsdeckDemo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "OpsdeckModelTests", dependencies: ["OpsdeckModel"], exclude: ["Fixtures"]),
        .testTarget(name: "OpsdeckActionsTests", dependencies: ["OpsdeckActions", "OpsdeckModel"]),
        .testTarget(name: "OpsdeckUITests", dependencies: ["OpsdeckUI", "OpsdeckModel", "OpsdeckActions"], exclude: ["Goldens"]),
        .testTarget(name: "OpsdeckTerminalTests", dependencies: ["OpsdeckTerminal", "OpsdeckUI", "opsdeck"]),
        .testTarget(name: "OpsdeckDemoTests", dependencies: ["OpsdeckDemo", "OpsdeckModel", "OpsdeckActions"]),
    ]
)

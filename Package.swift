// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "inspekt",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "inspekt", targets: ["inspekt"]),
        .executable(name: "inspekt-bench", targets: ["InspektBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
    ],
    targets: [
        // Domain: pure Swift, no I/O.
        .target(name: "InspektCore"),

        // Which CPUs a thread runs on (an upload's two threads share one): GNU calls and macros that Swift's Glibc
        // module does not import.
        .target(name: "CThreadSupport"),
        // The Inspektlabs wire client.
        .target(
            name: "InspektAPI",
            dependencies: [
                "InspektCore",
                "CThreadSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The operator's language: gettext catalogs (po/*.po, embedded), plural rules, the POSIX choice of language.
        .target(
            name: "InspektLanguage",
            resources: [.embedInCode("po/en.po"), .embedInCode("po/es.po"), .embedInCode("po/hi.po")]),

        // What the service asks of a store, whatever the engine: the protocol, its values and errors. No database code.
        .target(name: "InspektStorage", dependencies: ["InspektCore"]),

        // SQLite through GRDB.
        .target(
            name: "InspektStore",
            dependencies: [
                "InspektCore",
                "InspektStorage",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),

        // The same store interface on PostgreSQL, for a fleet of kiosks sharing one database.
        .target(
            name: "InspektPostgres",
            dependencies: [
                "InspektCore",
                "InspektStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // What a photo file tells: type, size, dimensions, EXIF time, thumbnail, blur and exposure.
        // libjpeg's fatal errors longjmp; Swift cannot, so this small C target owns setjmp.
        .target(name: "CJPEGSupport", linkerSettings: [.linkedLibrary("jpeg")]),
        .target(
            name: "PhotoKit",
            dependencies: [
                "InspektCore",
                "CJPEGSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Session lifecycle, submission queue, callback receiver, result import.
        .target(
            name: "InspektService",
            dependencies: [
                "InspektCore",
                "InspektLanguage",
                "InspektWords",
                "InspektAPI",
                "InspektStorage",
                "InspektStore",
                "InspektPostgres",
                "PhotoKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // The request and response parts a connection-level handler of the receiver sees.
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // A local Inspektlabs. Never imports the client, so it cannot share its mistakes.
        .target(
            name: "InspektSimulator",
            dependencies: [
                "InspektCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Screens as pure code: state, messages, update, view into a grid of cells.
        // The words for inspekt's own things (slots, states, findings, Q Score, damage) in the operator's language,
        // said alike by the screens, the command line and the report.
        .target(name: "InspektWords", dependencies: ["InspektCore", "InspektLanguage"]),

        .target(name: "TerminalUI", dependencies: ["InspektCore", "InspektLanguage", "InspektWords"]),

        // The only code that talks to ncurses.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .target(name: "CursesTerminal", dependencies: ["CNCurses", "TerminalUI"]),

        // The run loop: drives TerminalUI on CursesTerminal with the service's answers and events.
        .target(
            name: "InspektApp",
            dependencies: [
                "InspektCore", "InspektLanguage", "InspektService", "InspektSimulator", "InspektWords", "TerminalUI",
                "CursesTerminal",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Commands and wiring only: everything that touches data goes through InspektService.
        .executableTarget(
            name: "inspekt",
            dependencies: [
                "InspektCore", "InspektLanguage", "InspektService", "InspektApp", "InspektSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Relative relocations packed (DT_RELR: lld from the toolchain, glibc >= 2.36 as on Debian 12): each
            // start reads and applies ~0.4 MB of relocation entries instead of ~1.6 MB, about 2.5 MB less memory
            // for a short command such as `submit`.
            exclude: ["inspekt.order"],
            linkerSettings: [
                .unsafeFlags(
                    ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux])),
                // The functions a `submit` runs, placed next to each other (the list: scripts/make-link-order): the
                // kernel maps code 64 KB around each first touch, so scattered code costs megabytes of memory.
                .unsafeFlags(
                    [
                        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/inspekt/inspekt.order",
                        "-Xlinker", "--no-warn-symbol-ordering",
                    ], .when(platforms: [.linux], configuration: .release)),
            ]
        ),

        // Measurements behind scripts/bench-*: seeds stores and times frames; never shipped to a kiosk.
        .executableTarget(
            name: "InspektBench",
            dependencies: [
                "InspektCore", "InspektStore", "InspektService", "PhotoKit", "InspektApp", "TerminalUI",
                "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(
            name: "InspektTestSupport",
            dependencies: [
                "InspektCore", "InspektSimulator", "PhotoKit", "InspektStorage", "InspektStore", "InspektPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/InspektTestSupport"
        ),
        .testTarget(name: "InspektCoreTests", dependencies: ["InspektCore"]),
        .testTarget(name: "InspektLanguageTests", dependencies: ["InspektLanguage"]),
        .testTarget(
            name: "InspektAPITests",
            dependencies: [
                "InspektAPI", "InspektSimulator", "InspektTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "InspektStoreTests",
            dependencies: ["InspektStorage", "InspektStore", "InspektPostgres", "InspektTestSupport"]),
        .testTarget(name: "PhotoKitTests", dependencies: ["PhotoKit", "InspektTestSupport"]),
        .testTarget(
            name: "InspektSimulatorTests",
            dependencies: [
                "InspektSimulator", "InspektTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "InspektServiceTests",
            dependencies: [
                "InspektService", "InspektAPI", "InspektStorage", "InspektStore", "InspektPostgres", "InspektSimulator",
                "InspektTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "CNCurses", "TerminalUI"]),
        .testTarget(name: "InspektAppTests", dependencies: ["InspektApp", "TerminalUI"]),
        // Sample screen states for the screen and flow tests (never shipped in the program).
        .target(
            name: "TerminalUITestSupport", dependencies: ["InspektCore", "TerminalUI"],
            path: "Tests/TerminalUITestSupport"),
        .testTarget(
            name: "TerminalUITests", dependencies: ["TerminalUI", "TerminalUITestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["InspektSimulator", "InspektStorage", "InspektTestSupport", "inspekt", "InspektBench"]),
    ]
)

// Release builds on Linux: each function of this package in a section of its own, which the link order above
// needs to move it (a dependency's functions move with the rest of their source file's code). The Swift runtime
// and Foundation are linked in (compiled against their static modules, which name every library they need): no
// shared-library symbol binding at each start (about 7 ms of a board's start), and an installed binary needs no
// Swift toolchain on the kiosk.
for target in package.targets where target.type == .regular || target.type == .executable {
    guard target.name != "CJPEGSupport" else { continue }  // C: no Swift settings
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .unsafeFlags(
                ["-Xfrontend", "-function-sections", "-static-stdlib"],
                .when(platforms: [.linux], configuration: .release))
        ]
    if target.type == .executable {
        target.linkerSettings =
            (target.linkerSettings ?? []) + [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
            ]
    }
}

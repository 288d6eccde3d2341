// swift-tools-version:6.0
// Laurel: a loyalty and gamification server for B2B programs.
// No package dependencies: Foundation, Dispatch, Glibc and the system SQLite only.
// Each folder under Sources/ is its own target so that the compiler enforces the layers:
// HTTP and SQLite know no domain, Engine knows neither sockets nor SQL, API never touches SQL.

import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "laurel",
    products: [
        .executable(name: "laurel", targets: ["laurel"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Linux calls the Glibc module does not import (epoll, eventfd, accept4): a header, no code.
        .systemLibrary(name: "CLinux"),
        .target(name: "Digest", swiftSettings: strict),
        .target(name: "HTTP", dependencies: ["CLinux"], swiftSettings: strict),
        .target(name: "SQLite", dependencies: ["CSQLite", "Digest"], swiftSettings: strict),
        .target(name: "Engine", dependencies: ["Digest"], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["Engine", "SQLite"], swiftSettings: strict),
        .target(name: "API", dependencies: ["Engine", "HTTP"], swiftSettings: strict),
        .executableTarget(
            name: "laurel",
            dependencies: ["API", "Engine", "Storage", "SQLite", "HTTP"],
            swiftSettings: strict
        ),

        // What several test targets share (a seeded generator, the ledger literals): a plain target,
        // since each test target is compiled on its own and cannot see another's helpers.
        // Shared by test targets: a seeded generator that depends on nothing (so HTTPTests stays
        // free of the domain), and the ledger tests' literals.
        .target(name: "TestRandom", path: "Tests/TestRandom", swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["Engine"], path: "Tests/TestSupport", swiftSettings: strict),

        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestRandom"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestRandom"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport", "TestRandom"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Engine", "SQLite", "TestSupport", "TestRandom"]),
        .testTarget(name: "APITests", dependencies: ["API", "Engine", "HTTP"]),
        // End-to-end tests start the real `laurel` binary on an ephemeral port and speak raw HTTP
        // over a socket; depending on the executable makes `swift test` build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["laurel", "TestRandom"]),
    ]
)

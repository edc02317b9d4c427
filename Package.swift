// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Runway",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "runway", targets: ["runway"]),
    .executable(name: "runway-bench", targets: ["RunwayBenchmarks"]),
    .library(name: "RunwayModel", targets: ["RunwayModel"]),
    .library(name: "RunwayEngine", targets: ["RunwayEngine"]),
    .library(name: "RunwayYAML", targets: ["RunwayYAML"]),
    .library(name: "RunwaySQLite", targets: ["RunwaySQLite"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
    .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
  ],
  targets: [
    .target(
      name: "RunwayModel",
      dependencies: [
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    .target(
      name: "RunwayEngine",
      dependencies: [
        "RunwayModel", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "SwiftCSV", package: "SwiftCSV"),
      ]
    ),
    // The SQL the database stores share, written once (docs/deployment.md).
    .target(name: "RunwaySQL", dependencies: ["RunwayEngine", "RunwayModel"]),
    // One SQLite option Swift cannot set itself (a variadic C call); see SQLiteInstanceStore.
    .target(name: "CSQLiteOptions", linkerSettings: [.linkedLibrary("sqlite3")]),
    .target(
      name: "RunwayYAML",
      dependencies: ["RunwayModel", .product(name: "Yams", package: "Yams")]
    ),
    .target(
      name: "RunwaySQLite",
      dependencies: ["RunwayEngine", "RunwaySQL", "CSQLiteOptions", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .target(
      name: "RunwayPostgres",
      dependencies: [
        "RunwayEngine", "RunwaySQL", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "RunwayNotifiers",
      dependencies: [
        "RunwayEngine", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
    // Command tasks: a state's program run with a time limit (docs/workflow-format.md). Two
    // process calls Swift's Glibc module does not import live in CProcessSpawn.
    .target(name: "CProcessSpawn"),
    .target(name: "RunwayTasks", dependencies: ["RunwayEngine", "RunwayModel", "CProcessSpawn"]),
    .target(name: "RunwayLanguageServer", dependencies: ["RunwayModel", "RunwayYAML"]),
    .target(
      name: "RunwayCLI",
      dependencies: [
        "RunwayModel", "RunwayEngine", "RunwayYAML", "RunwaySQLite", "RunwayPostgres", "RunwayNotifiers",
        "RunwayLanguageServer", "RunwayTasks",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The Swift runtime and Foundation linked in: resolving a dozen shared libraries at every
    // start was most of a short command's time (W2).
    .executableTarget(
      name: "runway", dependencies: ["RunwayCLI"],
      linkerSettings: [
        .unsafeFlags(
          [
            "-static-stdlib", "-Xclang-linker", "-no-pie", "-lCoreFoundation", "-l_FoundationICU",
            "-lFoundationInternationalization",
            "-lFoundationEssentials", "-l_FoundationCShims", "-l_FoundationCollections",
          ],
          .when(platforms: [.linux]))
      ]),
    .executableTarget(
      name: "RunwayBenchmarks",
      dependencies: [
        "RunwayModel", "RunwayEngine", "RunwayYAML", "RunwaySQLite", "RunwayLanguageServer",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // The libFuzzer targets (docs/fuzzing.md): scripts/fuzz.sh builds runway-fuzz with
    // `--sanitize fuzzer`; the ordinary build makes it a replayer of saved inputs.
    .target(
      name: "RunwayFuzzTargets", dependencies: ["RunwayModel", "RunwayYAML", "RunwayEngine"],
      path: "Fuzz/RunwayFuzzTargets"),
    .executableTarget(name: "runway-fuzz", dependencies: ["RunwayFuzzTargets"], path: "Fuzz/runway-fuzz"),
    .testTarget(name: "RunwayFuzzTests", dependencies: ["RunwayFuzzTargets"]),
    .testTarget(name: "RunwayModelTests", dependencies: ["RunwayModel"]),
    .testTarget(name: "RunwayEngineTests", dependencies: ["RunwayEngine"]),
    .testTarget(name: "RunwayYAMLTests", dependencies: ["RunwayYAML", "RunwayModel"], exclude: ["Fixtures"]),
    .testTarget(
      name: "RunwaySQLiteTests",
      dependencies: [
        "RunwaySQLite", .product(name: "GRDB", package: "GRDB.swift"), "RunwayPostgres",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(name: "RunwayNotifiersTests", dependencies: ["RunwayNotifiers"]),
    .testTarget(name: "RunwayCLITests", dependencies: ["RunwayCLI"]),
    .testTarget(name: "RunwayTasksTests", dependencies: ["RunwayTasks"]),
    .testTarget(name: "RunwayLanguageServerTests", dependencies: ["RunwayLanguageServer", "RunwayModel"]),
    .testTarget(
      name: "ShippedWorkflowTests", dependencies: ["RunwayEngine", "RunwayYAML", "RunwaySQLite"]),
  ],
  swiftLanguageModes: [.v6]
)

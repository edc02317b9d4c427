// swift-tools-version:6.0
import PackageDescription

// Runway's own modules reach generic types' metadata through accessors given the conformances
// the compiler knows, rather than by mangled name: the runtime resolves a mangled name's
// requirements by scanning every protocol conformance in the binary (about 12,000), once per
// new pair, and a short command made a dozen such scans (docs/benchmarks.md, W2).
let runwaySettings: [SwiftSetting] = [
  .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
]

// The Swift runtime and Foundation linked in, for `runway` and for `runway-bench` alike:
// resolving a dozen shared libraries at every start was most of a short command's time (W2),
// and each call into the runtime (every retain and release) went through the dynamic linker's
// table. No symbol table for the dynamic loader: exporting 54,000 symbols made every start
// scan them (`dladdr` in the runtime's start-up).
let linkedWhole: [LinkerSetting] = [
  .unsafeFlags(
    [
      "-static-stdlib", "-Xclang-linker", "-no-pie", "-lCoreFoundation", "-l_FoundationICU",
      "-lFoundationInternationalization",
      "-lFoundationEssentials", "-l_FoundationCShims", "-l_FoundationCollections",
      // libstdc++ (and SQLite, libyaml, zlib) from their static archives: each `.so` in
      // `StaticLibraries` is a linker script that names the archive, found first on this search
      // path; the last `-lstdc++` follows the libraries above, which need it.
      "-L\(Context.packageDirectory)/Sources/runway/StaticLibraries", "-lstdc++",
      "-Xlinker", "--no-export-dynamic",
    ],
    .when(platforms: [.linux]))
]

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
    .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
  ],
  targets: [
    .target(
      name: "RunwayModel",
      dependencies: [
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
      ], swiftSettings: runwaySettings),
    .target(
      name: "RunwayEngine",
      dependencies: [
        "RunwayModel", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "SwiftCSV", package: "SwiftCSV"),
      ], swiftSettings: runwaySettings),
    // libyaml from the system (Debian's libyaml-dev): the YAML parser, declared as what it is
    // rather than reached through another package's internal target.
    .systemLibrary(name: "CLibYAML", providers: [.apt(["libyaml-dev"])]),
    // The SQL the database stores share, written once (docs/deployment.md).
    .target(name: "RunwaySQL", dependencies: ["RunwayEngine", "RunwayModel"], swiftSettings: runwaySettings),
    // SQLite's C API for the store's hot path (BoundStatement, SQLiteJournal, the schema check) and the one
    // option Swift cannot set itself (a variadic C call); see SQLiteInstanceStore.
    .target(name: "CSQLiteOptions", linkerSettings: [.linkedLibrary("sqlite3")]),
    .target(
      name: "RunwayYAML",
      dependencies: ["RunwayModel", "CLibYAML"], swiftSettings: runwaySettings),
    .target(
      name: "RunwaySQLite",
      dependencies: ["RunwayEngine", "RunwaySQL", "CSQLiteOptions", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: runwaySettings),
    .target(
      name: "RunwayPostgres",
      dependencies: [
        "RunwayEngine", "RunwaySQL", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ], swiftSettings: runwaySettings),
    .target(
      name: "RunwayNotifiers",
      dependencies: [
        "RunwayEngine", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ], swiftSettings: runwaySettings),
    // Command tasks: a state's program run with a time limit (docs/workflow-format.md). Two
    // process calls Swift's Glibc module does not import live in CProcessSpawn.
    .target(name: "CProcessSpawn"),
    .target(
      name: "RunwayTasks", dependencies: ["RunwayEngine", "RunwayModel", "CProcessSpawn"], swiftSettings: runwaySettings
    ),
    .target(name: "RunwayLanguageServer", dependencies: ["RunwayModel", "RunwayYAML"], swiftSettings: runwaySettings),
    // The JSON shapes every front end prints or serves (docs/cli.md, docs/api.md).
    .target(
      name: "RunwayPresentation", dependencies: ["RunwayEngine", "RunwayModel", "RunwayYAML"],
      swiftSettings: runwaySettings),
    // `runway serve`: the HTTP API over the application API (docs/api.md).
    .target(
      name: "RunwayServer",
      dependencies: [
        "RunwayEngine", "RunwayModel", "RunwayYAML", "RunwayPresentation",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Crypto", package: "swift-crypto"), .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.embedInCode("openapi.yaml"), .embedInCode("Console/Assets")], swiftSettings: runwaySettings),
    .target(
      name: "RunwayCLI",
      dependencies: [
        "RunwayModel", "RunwayEngine", "RunwayYAML", "RunwaySQLite", "RunwayPostgres", "RunwayNotifiers",
        "RunwayLanguageServer", "RunwayPresentation", "RunwayServer", "RunwayTasks",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ], swiftSettings: runwaySettings),
    // Linked whole (`linkedWhole`, above).
    .executableTarget(
      name: "runway", dependencies: ["RunwayCLI"], exclude: ["StaticLibraries"],
      linkerSettings: linkedWhole),
    // Counts the benchmark's heap allocations (W1 reports them per transition).
    .target(name: "CMallocCounter"),
    // W4's floors: SQLite's C API on prepared statements, nothing else.
    .target(name: "CSQLiteFloor", linkerSettings: [.linkedLibrary("sqlite3")]),
    .executableTarget(
      name: "RunwayBenchmarks",
      dependencies: [
        "RunwayModel", "RunwayEngine", "RunwayYAML", "RunwaySQLite", "RunwayLanguageServer",
        .product(name: "GRDB", package: "GRDB.swift"),
        "CLibYAML", "CMallocCounter", "CSQLiteFloor",
      ],
      // Linked as `runway` is, so that what it measures in process runs as the product does
      // (docs/benchmarks.md, "The eighth pass").
      linkerSettings: linkedWhole
    ),
    // The libFuzzer targets (docs/fuzzing.md): scripts/fuzz.sh builds runway-fuzz with
    // `--sanitize fuzzer`; the ordinary build makes it a replayer of saved inputs.
    .target(
      name: "RunwayFuzzTargets",
      dependencies: [
        "RunwayModel", "RunwayYAML", "RunwayEngine", .product(name: "Mustache", package: "swift-mustache"),
      ],
      path: "Fuzz/RunwayFuzzTargets"),
    .executableTarget(name: "runway-fuzz", dependencies: ["RunwayFuzzTargets"], path: "Fuzz/runway-fuzz"),
    .testTarget(name: "RunwayFuzzTests", dependencies: ["RunwayFuzzTargets"]),
    .testTarget(
      name: "RunwayModelTests",
      dependencies: ["RunwayModel", .product(name: "Mustache", package: "swift-mustache")]),
    .testTarget(name: "RunwayEngineTests", dependencies: ["RunwayEngine"]),
    .testTarget(
      name: "RunwayYAMLTests", dependencies: ["RunwayYAML", "RunwayModel", "RunwayTestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "RunwaySQLiteTests",
      dependencies: [
        "RunwaySQLite", "RunwaySQL", "CSQLiteOptions", "RunwayYAML", "RunwayTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
        "RunwayPostgres",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(name: "RunwayNotifiersTests", dependencies: ["RunwayNotifiers"]),
    // Tests' support: the built binary run as a process, and scratch folders that go at exit.
    .target(name: "RunwayTestSupport", path: "Tests/RunwayTestSupport"),
    .testTarget(name: "RunwayCLITests", dependencies: ["RunwayCLI", "RunwayTestSupport"]),
    .testTarget(
      name: "RunwayServerTests",
      dependencies: [
        "RunwayTestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    .testTarget(
      name: "RunwayTasksTests", dependencies: ["RunwayTasks", "RunwayEngine", "RunwayModel", "RunwayTestSupport"]),
    .testTarget(
      name: "RunwayLanguageServerTests", dependencies: ["RunwayLanguageServer", "RunwayModel", "RunwayTestSupport"]),
    .testTarget(
      name: "ShippedWorkflowTests",
      dependencies: ["RunwayEngine", "RunwayYAML", "RunwaySQLite", "RunwayPresentation", "RunwayTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)

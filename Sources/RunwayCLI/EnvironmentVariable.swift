#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One environment variable, read with `getenv`: `ProcessInfo.environment` copies the whole
/// environment into a dictionary at every use, a few percent of a short command (W2,
/// docs/benchmarks.md).
enum EnvironmentVariable {
  /// The value of `name`, or nil when it is not set.
  static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The size of a file in bytes, by `stat` alone: Foundation's `attributesOfItem` also looks up
/// the owner's and group's names (reading /etc/passwd and /etc/group), a millisecond of a short
/// command (docs/benchmarks.md, W2).
public enum FileSize {
  /// The size of the regular file at `path`, or nil when it cannot be examined.
  public static func of(_ path: String) -> Int? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return Int(status.st_size)
  }
}

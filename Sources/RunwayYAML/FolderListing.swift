#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The names in a folder, read with `readdir`: Foundation's `contentsOfDirectory` costs a short
/// command a scan of every protocol conformance in the binary on first use
/// (docs/benchmarks.md, W2).
enum FolderListing {
  /// The entries' names, without `.` and `..`; nil when the folder cannot be read.
  static func names(in folder: String) -> [String]? {
    guard let stream = opendir(folder) else { return nil }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// `name` inside `folder`, as `NSString.appendingPathComponent` writes it for plain names.
  static func path(_ name: String, in folder: String) -> String {
    var folder = folder
    while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
    return folder.isEmpty ? name : folder == "/" ? "/" + name : folder + "/" + name
  }
}

/// Folder and file names of paths written in files (a scenario's `workflow:`, a directory
/// path), by bytes: Foundation's NSString path methods trap on some text a file may hold (a
/// path that starts with a combining mark, found by fuzzing), and a path is only bytes.
enum FilePath {
  /// The folder part of `path` ("" when it has none; "/" for a file at the root).
  static func folder(of path: String) -> String {
    let bytes = Array(path.utf8)
    var end = bytes.count
    while end > 1, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
    guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) else { return "" }
    if slash == 0 { return "/" }
    var folderEnd = slash
    while folderEnd > 1, bytes[folderEnd - 1] == UInt8(ascii: "/") { folderEnd -= 1 }
    return String(decoding: bytes[..<folderEnd], as: UTF8.self)
  }

  /// `path` read from `folder`: as it is when absolute or when there is no folder.
  static func resolved(_ path: String, in folder: String) -> String {
    if path.hasPrefix("/") || folder.isEmpty { return path }
    return folder.hasSuffix("/") ? folder + path : folder + "/" + path
  }

  /// The last component of `path`.
  static func name(of path: String) -> String {
    let bytes = Array(path.utf8)
    var end = bytes.count
    while end > 1, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
    let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

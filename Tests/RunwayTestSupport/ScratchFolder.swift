import Foundation

/// Folders for the files a test writes, all under one folder per test process that is
/// removed when the process exits: a run makes hundreds, and each used to stay in /tmp.
public enum ScratchFolder {
  private static let root: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runway-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: ScratchFolder.root) }
    return root
  }()

  /// A new empty folder named after `prefix`.
  public static func make(_ prefix: String) throws -> URL {
    let folder = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}

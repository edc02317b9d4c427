import Foundation

/// A file that locations point into, kept as a number: a workflow's tree and model hold
/// several locations per value, and a path in each cost 16 bytes and, for paths longer than
/// 15 bytes, a reference count on every copy (docs/benchmarks.md, "W3, loading").
public struct SourceFile: Hashable, Sendable {
  /// The file's position in the process's table of file names.
  let number: UInt32

  /// The number of `path`, the same for every `SourceFile` of the same path.
  public init(_ path: String) {
    number = SourceFileTable.shared.number(of: path)
  }

  /// The path as it was given.
  public var path: String { SourceFileTable.shared.path(of: number) }
}

/// The names behind `SourceFile` numbers. It only grows: a process reads a bounded set of
/// files (its workflow folders, the documents an editor opens), and a number must name the
/// same file for as long as any location holds it.
final class SourceFileTable: @unchecked Sendable {
  static let shared = SourceFileTable()

  // Guards both tables; every access takes it.
  private let lock = NSLock()
  private var numbers: [String: UInt32] = ["": 0]
  private var paths: [String] = [""]

  func number(of path: String) -> UInt32 {
    lock.lock()
    defer { lock.unlock() }
    if let known = numbers[path] { return known }
    let number = UInt32(truncatingIfNeeded: paths.count)
    paths.append(path)
    numbers[path] = number
    return number
  }

  func path(of number: UInt32) -> String {
    lock.lock()
    defer { lock.unlock() }
    return paths[Int(number)]
  }
}

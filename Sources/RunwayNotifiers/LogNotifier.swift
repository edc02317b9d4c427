import Foundation
import RunwayEngine

/// One JSON line per notification, appended to a file (`log:PATH`) or written to standard
/// error (`log:-`).
public struct LogNotifier: Notifier {
  public var path: String

  public init(path: String) { self.path = path }

  public var name: String { "log:\(path)" }

  public func deliver(_ notification: OutboxEntry) async throws(DeliveryError) {
    let line = Data((WebhookNotifier.body(notification) + "\n").utf8)
    if path == "-" {
      FileHandle.standardError.write(line)
      return
    }
    if !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw DeliveryError("cannot create the log \(path)", retryable: true)
      }
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw DeliveryError("cannot write the log \(path)", retryable: true)
    }
    defer { try? handle.close() }
    do {
      try handle.seekToEnd()
      try handle.write(contentsOf: line)
    } catch {
      throw DeliveryError("cannot write the log \(path): \(error.localizedDescription)", retryable: true)
    }
  }
}

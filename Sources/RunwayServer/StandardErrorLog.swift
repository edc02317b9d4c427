import Logging

/// The server's log: swift-log's `StreamLogHandler` lines on standard error, with the logger's
/// metadata formatted only when a line is written. `StreamLogHandler` formats its metadata each
/// time it is set, and Hummingbird sets the request id on every request's logger, logged or not
/// (docs/benchmarks.md, "W6 and W7").
struct StandardErrorLog: LogHandler {
  private var stream: StreamLogHandler
  var metadata: Logger.Metadata = [:]

  init(label: String) { stream = StreamLogHandler.standardError(label: label) }

  var logLevel: Logger.Level {
    get { stream.logLevel }
    set { stream.logLevel = newValue }
  }

  var metadataProvider: Logger.MetadataProvider? {
    get { stream.metadataProvider }
    set { stream.metadataProvider = newValue }
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var event = event
    // The line's own metadata wins over the logger's, as in `StreamLogHandler`.
    event.metadata = metadata.merging(event.metadata ?? [:]) { $1 }
    stream.log(event: event)
  }
}

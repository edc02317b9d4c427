import RunwayEngine
import RunwaySQLite

/// Opens the store a `--store` URL names: `sqlite:PATH` (or a path ending in `.db`),
/// `memory:`.
enum StoreLocator {
  static func open(_ url: String) throws(CommandFailure) -> any InstanceStore {
    if url == "memory:" { return MemoryInstanceStore() }
    if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
      throw CommandFailure(
        .unavailable, "this build of runway has no PostgreSQL store yet; use sqlite:PATH")
    }
    var path: String
    if url.hasPrefix("sqlite://") {
      path = String(url.dropFirst("sqlite://".count))
    } else if url.hasPrefix("sqlite:") {
      path = String(url.dropFirst("sqlite:".count))
    } else if !url.contains(":") || url.hasPrefix("/") {
      path = url
    } else {
      throw CommandFailure(
        .usage, "unknown store \"\(url)\": use sqlite:PATH or memory:")
    }
    if path.isEmpty { path = "runway.db" }
    do { return try SQLiteInstanceStore(path: path) } catch {
      throw CommandFailure(.unavailable, error.description)
    }
  }
}

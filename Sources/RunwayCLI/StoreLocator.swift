import RunwayEngine
import RunwayPostgres
import RunwaySQLite

/// Opens the store a `--store` URL names: `sqlite:PATH` (or a bare path), `memory:`,
/// `postgres://user@host:port/db` (password from the URL or `PGPASSWORD`).
enum StoreLocator {
  /// The WAL pages after which a command's commit checkpoints (SQLite's default is 1,000):
  /// opening the file costs a microsecond or two a page of WAL, and a checkpoint two `fdatasync`s.
  static let shortWALPages = 100

  /// A short-lived process (`longLived` false: one command) keeps a SQLite file's WAL to
  /// `shortWALPages`, since the next process reads all of it as it opens the file.
  static func open(_ url: String, longLived: Bool = false) async throws(CommandFailure) -> any Store {
    if url == "memory:" { return MemoryInstanceStore() }
    if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
      let location: PostgresLocation
      do { location = try PostgresLocation(parsing: url) } catch { throw CommandFailure(.usage, error.description) }
      do { return try await PostgresInstanceStore(location) } catch {
        throw CommandFailure(.unavailable, error.description)
      }
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
    do { return try SQLiteInstanceStore(path: path, checkpointEvery: longLived ? nil : shortWALPages) } catch {
      throw CommandFailure(.unavailable, error.description)
    }
  }
}

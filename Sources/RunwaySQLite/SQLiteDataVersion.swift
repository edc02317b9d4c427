import CSQLiteOptions
import GRDB

/// The data version of a connection's main database file: SQLite changes it whenever the file
/// changes, by this connection's commits or by any other connection's, in this process or
/// another. Equal values read at two moments mean nothing wrote the file in between.
enum SQLiteDataVersion {
  /// The version now, or nil when SQLite cannot tell.
  static func of(_ db: Database) -> UInt32? {
    var version: UInt32 = 0
    guard sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_DATA_VERSION, &version) == SQLITE_OK else {
      return nil
    }
    return version
  }
}

import GRDB
import RunwayEngine

extension SQLiteInstanceStore: RevisionStore {
  /// The file's data version (it moves when another connection, of any process, commits) and
  /// this store's one connection's count of changes (it moves with every write made here):
  /// together they move with every commit, read without touching a table, and cost the
  /// writers nothing (docs/api.md, "Caching").
  public func revision() async throws(StoreError) -> StoreRevision {
    try await read { db in
      StoreRevision(
        shared: try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0, local: db.totalChangesCount)
    }
  }
}

import GRDB
import RunwayEngine
import RunwaySQL

extension SQLiteInstanceStore: RevisionStore {
  public func revision() async throws(StoreError) -> StoreRevision {
    let row = try read { db in try Row.fetchOne(db.cachedStatement(sql: StoreSQL.revision)) }
    return StoreRevision(generation: row?[0] ?? 0, instances: row?[1] ?? 0)
  }
}

import PostgresNIO
import RunwayEngine
import RunwaySQL

extension PostgresInstanceStore: RevisionStore {
  public func revision() async throws(StoreError) -> StoreRevision {
    let row = try await rows(PostgresQuery(unsafeSQL: StoreSQL.revision)).first
    guard let row else { return StoreRevision(generation: 0, instances: 0) }
    let columns = PostgresColumns(row)
    return StoreRevision(generation: Int(try columns.int64(0)), instances: Int(try columns.int64(1)))
  }
}

import PostgresNIO
import RunwayEngine
import RunwaySQL

extension PostgresInstanceStore: RevisionStore {
  /// The directory's generation plus the count of instance writes (moved by a trigger on
  /// `history` in every writing transaction): both only grow, so their sum moves with either.
  public func revision() async throws(StoreError) -> StoreRevision {
    let row = try await rows(PostgresQuery(unsafeSQL: StoreSQL.revision)).first
    guard let row else { return StoreRevision(shared: 0) }
    let columns = PostgresColumns(row)
    return StoreRevision(shared: Int(try columns.int64(0)) + Int(try columns.int64(1)))
  }
}

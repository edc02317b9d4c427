import Logging
import PostgresNIO
import RunwayEngine
import RunwayModel
import RunwaySQL

/// The snapshot reads on one PostgreSQL connection inside a transaction. They are those of
/// `SnapshotQueries` (the shared statements of `StoreSQL`), awaited.
struct PostgresSnapshotQueries {
  let connection: PostgresConnection
  let logger: Logger

  /// Runs one shared statement with positional values.
  func rows(_ sql: String, _ values: [String]) async throws -> [PostgresRow] {
    var binds = PostgresBindings()
    for value in values { binds.append(value) }
    return try await PostgresInstanceStore.all(
      connection.query(PostgresQuery(unsafeSQL: StoreSQL.postgres(sql), binds: binds), logger: logger))
  }

  /// The snapshot `request` asks for, assembled as `StoreSnapshot.assemble` does.
  func assemble(_ request: SnapshotRequest, store: String) async throws -> StoreSnapshot {
    let generation = try await rows(StoreSQL.generation, []).first.map { try PostgresColumns($0).int64(0) } ?? 0
    var snapshot = StoreSnapshot(generation: Int(generation))
    var ids = request.ids
    if let id = request.instanceID,
      let row = try await rows("SELECT \(StoreRows.instanceColumns) FROM instances WHERE id = ?", [id]).first
    {
      let instance = try PostgresInstanceStore.instance(row)
      snapshot.instance = instance
      if !request.knows(instance.definitionDigest) {
        snapshot.definition = try await rows(StoreSQL.definitionByDigest, [instance.definitionDigest]).first.map {
          try PostgresInstanceStore.definition($0)
        }
      }
      if !request.actorEvents.isEmpty {
        for row in try await rows(StoreSQL.lastActors, [id, StoreSQL.jsonList(request.actorEvents)]) {
          let c = PostgresColumns(row)
          snapshot.lastActors[try c.string("event")] = try c.string("actor")
        }
      }
      if request.lastEntry {
        snapshot.lastEntry = try await rows(StoreSQL.lastEntry, [id]).first.map {
          try PostgresInstanceStore.historyEntry($0)
        }
      }
      if request.timers {
        snapshot.timers = try await rows(StoreSQL.timersOf, [id]).map { try StoreRows.timer(PostgresPositions($0)) }
      }
    }
    guard request.neighbourhood else { return snapshot }
    if let instance = snapshot.instance { ids.formUnion(StoreSnapshot.namedIDs(instance)) }
    var directory = try await records(ids, store: store)
    let further = directory.referencedIDs.subtracting(ids)
    if !further.isEmpty { directory.merge(try await records(further, store: store)) }
    var members = Set<String>()
    for row in try await rows(StoreSQL.membersOf, [StoreSQL.jsonList(ids.union(further))]) {
      members.insert(try PostgresColumns(row).string("actor_id"))
    }
    members.subtract(directory.actors.keys)
    if !members.isEmpty { directory.merge(try await records(members, store: store)) }
    snapshot.directory = directory
    snapshot.settings = try await rows(StoreSQL.settingsInScopes, [StoreSQL.jsonList(ids)]).map {
      try PostgresInstanceStore.setting($0)
    }
    return snapshot
  }

  private func records(_ ids: Set<String>, store: String) async throws -> Directory {
    guard !ids.isEmpty else { return Directory() }
    var found: [(kind: String, id: String, body: String)] = []
    for row in try await rows(StoreSQL.recordsByID, [StoreSQL.jsonList(ids)]) {
      let c = PostgresColumns(row)
      found.append((try c.string("kind"), try c.string("id"), try c.string("body")))
    }
    return try DirectoryRecords.directory(found, store: store)
  }
}

import Foundation
import GRDB
import RunwayEngine
import RunwayModel
import RunwaySQL

extension SQLiteInstanceStore: GroupCommitting {
  public var transitionsWritten: (transactions: Int, transitions: Int) { transitionBatches.written }
}

extension SQLiteInstanceStore {
  public func create(
    _ instance: Instance, uniqueKeys: [String], history: HistoryEntry, outbox: [OutboxEntry],
    definition: StoredDefinition?
  ) async throws(StoreError) {
    try await write { db in
      if let definition { try Self.save(definition, db) }
      try SQLiteJournal.insertHead(instance).execute(db)
      for key in uniqueKeys where try StoreWrites.insertUniqueKey(key, instance.id).rows(db).isEmpty {
        let owner = try String.fetchOne(db, sql: StoreWrites.uniqueKeyOwner, arguments: [key]) ?? "?"
        throw StoreError.duplicate(key: key, existingInstance: owner)
      }
      try Self.index(instance.id, InstanceIndex.entries(instance.fields), db)
      try append(history, outbox, db)
    }
  }

  public func commit(_ commit: InstanceCommit) async throws(StoreError) {
    try await write { db in try apply(commit, db) }
  }

  public func snapshot(_ request: SnapshotRequest) async throws(StoreError) -> StoreSnapshot {
    try await readSnapshot(request)
  }

  /// The snapshot in one deferred (read) transaction; GRDB's queue is synchronous, and a lock
  /// is waited out between tries (`LockWait`).
  private func readSnapshot(_ request: SnapshotRequest) async throws(StoreError) -> StoreSnapshot {
    do {
      return try await connection { db in
        var snapshot: StoreSnapshot?
        // What a read remembers stays unstamped: others may write while it reads.
        defer { storedInstances.settleRead() }
        try deferredTransaction(db) {
          snapshot = try StoreSnapshot.assemble(
            request,
            from: SQLiteSnapshotQueries(
              db: db, path: path, storedInstances: storedInstances, hotStatements: hotStatements))
        }
        guard let snapshot else { throw StoreError.corrupt("a snapshot read returned nothing") }
        return snapshot
      }
    } catch { throw Self.storeError(error, path: path) }
  }

  /// The transition written at once on the caller's thread when nothing else is being
  /// written and neither the connection nor the file is taken: the common case of a single
  /// writer, without the suspension points of the waits (docs/benchmarks.md, W4). False,
  /// with nothing written, when it must wait.
  private func writeNow(_ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?) throws
    -> Bool
  {
    guard transitionBatches.tryWriteAlone() else { return false }
    guard turns.tryTake() else {
      transitionBatches.wroteAlone(committed: false)
      return false
    }
    var committed = false
    defer {
      turns.handOn()
      transitionBatches.wroteAlone(committed: committed)
    }
    do {
      try queue.writeWithoutTransaction { db in try transaction(request, decide, db) }
      committed = true
      return true
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
      // Another process holds the file: waited out, suspended, by the usual way.
      return false
    } catch let refusal as Refusal {
      throw refusal.error
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// The transition written in one immediate transaction: at once when nothing waits
  /// (`writeNow`), else alone or with others that arrived while one was being written
  /// (`TransitionBatches`). A refusal rolls back what it was written with (its own
  /// transaction, or its savepoint in a batch) and comes out unchanged.
  public func decideAndWrite(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?
  ) async throws {
    if try writeNow(request, decide) { return }
    try await transitionBatches.write(
      request, decide, alone: { try await writeAlone(request, decide) }, together: { batch in await write(batch) })
  }

  /// One transaction for one transition.
  private func writeAlone(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?
  ) async throws {
    do {
      try await connection { db in try transaction(request, decide, db) }
    } catch let refusal as Refusal {
      throw refusal.error
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// One transition's immediate transaction on the connection.
  private func transaction(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?, _ db: Database
  ) throws {
    try immediateTransaction(db, transition: true) { try decideAndApply(request, decide, db) }
  }

  /// One transaction for `batch`, each transition in a savepoint, with each one's outcome.
  private func write(_ batch: [TransitionBatches.Pending]) async -> [Result<Void, any Error>] {
    do {
      return try await connection { db in
        try immediateTransaction(db, transition: true) {
          try inSavepoints(batch.map(\.request), db) { index in
            try decideAndApply(batch[index].request, batch[index].decision, db)
          }
        }
      }
    } catch {
      return Array(repeating: .failure(Self.storeError(error, path: path)), count: batch.count)
    }
  }

  public func updateEach<T: Sendable>(
    _ requests: [SnapshotRequest], _ decide: (Int, StoreSnapshot) throws -> StoreDecision<T>
  ) async throws(StoreError) -> [Result<T, any Error>] {
    do {
      return try await connection { db in
        try immediateTransaction(db, transition: true) {
          try inSavepoints(requests, db) { index in
            var result: T?
            try decideAndApply(
              requests[index],
              { snapshot in
                let decision = try decide(index, snapshot)
                result = decision.result
                return decision.commit
              }, db)
            guard let result else { throw StoreError.corrupt("a decision returned nothing") }
            return result
          }
        }
      }
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// Each of `requests` decided and written by `piece` in a savepoint of the open
  /// transaction: one that fails is undone alone, and its failure is its outcome.
  private func inSavepoints<T>(
    _ requests: [SnapshotRequest], _ db: Database, _ piece: (Int) throws -> T
  ) throws -> [Result<T, any Error>] {
    var results: [Result<T, any Error>] = []
    results.reserveCapacity(requests.count)
    for (index, request) in requests.enumerated() {
      try BoundStatement(db, Self.savepoint, in: hotStatements, values: []).run()
      do {
        results.append(.success(try piece(index)))
      } catch {
        if let id = request.instanceID { storedInstances.forget(id) }
        try BoundStatement(db, Self.rollbackToSavepoint, in: hotStatements, values: []).run()
        results.append(.failure((error as? Refusal)?.error ?? Self.storeError(error, path: path)))
      }
      try BoundStatement(db, Self.releaseSavepoint, in: hotStatements, values: []).run()
    }
    return results
  }

  private static let savepoint = HotStatement("SAVEPOINT piece")
  private static let rollbackToSavepoint = HotStatement("ROLLBACK TO piece")
  private static let releaseSavepoint = HotStatement("RELEASE piece")

  /// What `decide` threw, carried out of the transaction as it is (not as a store error).
  private struct Refusal: Error {
    var error: any Error
  }

  /// Inside a write transaction: the decision on the remembered head when it still holds,
  /// else on a snapshot read now; its commit written.
  private func decideAndApply(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?, _ db: Database
  ) throws {
    if try decideOnRemembered(request, decide, db) { return }
    let snapshot = try StoreSnapshot.assemble(
      request,
      from: SQLiteSnapshotQueries(db: db, path: path, storedInstances: storedInstances, hotStatements: hotStatements))
    let decided: InstanceCommit?
    do { decided = try decide(snapshot) } catch { throw Refusal(error: error) }
    if let commit = decided {
      // The timers a commit replaces are those the snapshot read in this transaction.
      try apply(commit, db, replacing: request.timers ? snapshot.timers : nil, headRead: snapshot.instance != nil)
    }
  }

  /// The decision made on the instance this store remembers, without reading its row, and
  /// written when the row still holds it (`SQLiteJournal.updateRememberedHead`): a read
  /// fewer on every transition of a long-lived process (two for a timed one). False, with
  /// nothing written, when the request needs more than the instance and its timers, nothing
  /// is remembered, the row moved on, or the decision is a refusal or writes nothing: those
  /// are decided again on what is stored.
  private func decideOnRemembered(
    _ request: SnapshotRequest, _ decide: (StoreSnapshot) throws -> InstanceCommit?, _ db: Database
  ) throws -> Bool {
    guard let id = request.instanceID, !request.neighbourhood, request.actorEvents.isEmpty, !request.lastEntry,
      let generation = storedInstances.generation, let remembered = storedInstances.remembered(id),
      let storedTimers = remembered.timers, request.knows(remembered.instance.definitionDigest)
    else { return false }
    var snapshot = StoreSnapshot(instance: remembered.instance, generation: generation)
    let timersBefore = request.timers ? try SQLiteTimers.decode(storedTimers.text, of: id) : []
    snapshot.timers = timersBefore
    guard let commit = try? decide(snapshot), commit.instance.id == id,
      commit.timers == nil || request.timers
    else { return false }
    let fields = StoredFields(commit, decidedOn: remembered)
    let timers = commit.timers.map { SQLiteTimers.encode($0) }
    // Nothing has written the file since the head was remembered: the revision is the whole
    // test. Else every column it was read from, and the generation, are compared.
    let quiet = storedInstances.isQuiet(remembered, at: SQLiteDataVersion.of(db))
    let update =
      quiet
      ? try SQLiteJournal.updateHead(commit, fields: fields, timers: timers, db, hotStatements)
      : try SQLiteJournal.updateRememberedHead(
        commit, fields: fields, timers: timers, remembered: remembered, storedTimers: storedTimers,
        generation: generation, db, hotStatements)
    guard try update.runCountingChanges() == 1 else { return false }
    // The guarded update found the generation current: known again once this commits.
    if !quiet { storedInstances.read(generation: generation) }
    try applyAfterHead(
      commit, fields: fields, timers: timers.map(StoredInstanceCache.StoredTimers.init) ?? storedTimers,
      replacedTimers: commit.timers == nil ? nil : timersBefore, db)
    return true
  }

  /// Writes one commit inside a transaction: compare-and-swap, index, history, outbox. The
  /// instance written is remembered in `storedInstances` for the next read. `headRead`: the
  /// head was read in this transaction (`SQLiteSnapshotQueries.instance`).
  func apply(
    _ commit: InstanceCommit, _ db: Database, replacing timersRead: [ScheduledTimer]? = nil, headRead: Bool = false
  ) throws {
    let id = commit.instance.id
    let fields = StoredFields(commit.instance.fields)
    // The timers replaced, unless the caller read them in this transaction: read before the
    // head's update writes the new list over them.
    let replacedTimers = try commit.timers.map { _ in try timersRead ?? SQLiteTimers.of(id, db, hotStatements) }
    let timers = commit.timers.map { SQLiteTimers.encode($0) }
    guard
      try SQLiteJournal.updateHead(commit, fields: fields, timers: timers, db, hotStatements)
        .runCountingChanges() == 1
    else {
      let actual = try Int.fetchOne(db.cachedStatement(sql: StoreWrites.revisionOf), arguments: [id])
      throw StoreError.revisionMismatch(instance: id, expected: commit.expectedRevision, actual: actual)
    }
    // The head's timers now: those written, else those read with it in this transaction, if it was.
    let known =
      timers.map(StoredInstanceCache.StoredTimers.init) ?? (headRead ? storedInstances.remembered(id)?.timers : nil)
    try applyAfterHead(commit, fields: fields, timers: known, replacedTimers: replacedTimers, db)
  }

  /// The writes of a commit after its head's update: index, task lease, timers, history,
  /// outbox. The instance is remembered with its head's timers as `timers` (nil: not known).
  private func applyAfterHead(
    _ commit: InstanceCommit, fields: StoredFields, timers: StoredInstanceCache.StoredTimers?,
    replacedTimers: [ScheduledTimer]?, _ db: Database
  ) throws {
    let id = commit.instance.id
    storedInstances.remember(commit.instance, fields: fields, timers: timers)
    if let entries = commit.index {
      try SQLStatement(StoreSQL.deleteIndex, [.text(id)]).execute(db)
      try Self.index(id, entries, db)
    }
    try StoreWrites.taskLease(commit.taskLease, of: id)?.execute(db)
    if let timers = commit.timers, let replacedTimers {
      try SQLiteTimers.replaceRows(replacedTimers, with: timers, db, hotStatements)
    }
    try append(commit.history, commit.outbox, db)
  }

  func append(_ history: HistoryEntry, _ outbox: [OutboxEntry], _ db: Database) throws {
    try SQLiteJournal.insertHistory(history, db, hotStatements).run()
    for entry in outbox { try StoreWrites.insertOutbox(entry).execute(db) }
  }

  /// Records an instance's indexed field values.
  static func index(_ id: String, _ entries: [InstanceIndex.Entry], _ db: Database) throws {
    for entry in entries {
      try SQLStatement(StoreSQL.insertIndex, [.text(entry.field), .text(entry.value), .text(id)]).execute(db)
    }
  }

  public func claimTask(_ id: String, revision: Int, until: Date, now: Date, force: Bool) async throws(StoreError)
    -> TaskClaim
  {
    try await write { db -> TaskClaim in
      let current = try Int.fetchOne(db.cachedStatement(sql: StoreWrites.revisionOf), arguments: [id])
      guard current == revision else { return .moved }
      if let held = try Int64.fetchOne(db, sql: StoreSQL.taskLease, arguments: [id]),
        held > Timestamp.milliseconds(now), !force
      {
        return .held(until: Timestamp.date(milliseconds: held))
      }
      try StoreWrites.taskLease(.claim(until: until), of: id)?.execute(db)
      return .claimed
    }
  }

  public func instance(_ id: String) async throws(StoreError) -> Instance? {
    let row = try await read { db in
      try Row.fetchOne(
        db.cachedStatement(sql: "SELECT \(Self.instanceColumns) FROM instances WHERE id = ?"), arguments: [id])
    }
    return try row.map { row throws(StoreError) in try Self.instance(row) }
  }

  public func instances(matching query: InstanceQuery) async throws(StoreError) -> [Instance] {
    let (fields, rest) = query.indexedConditions
    let select = InstanceQuerySQL(
      columns: Self.instanceColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: ", "),
      workflow: query.workflow, states: query.states, fields: fields, limit: rest ? nil : query.limit)
    let arguments: [any DatabaseValueConvertible] = select.arguments.map { argument in
      switch argument {
      case .text(let text): return text
      case .integer(let number): return number
      }
    }
    let rows = try await read { db in
      try Row.fetchAll(db, sql: StoreSQL.sqlite(select.sql), arguments: StatementArguments(arguments))
    }
    return query.select(try rows.map { row throws(StoreError) in try Self.instance(row) })
  }

  /// The columns `instance(_:)` reads, by position: a lookup by name compares every column's
  /// name for every value, and the instance is read on every transition.
  static let instanceColumns = StoreRows.instanceColumns

  static func instance(_ row: Row) throws(StoreError) -> Instance { try StoreRows.instance(row) }

  public func history(of id: String, last: Int?) async throws(StoreError) -> [HistoryEntry] {
    let select = StoreSQL.history(of: id, last: last)
    let rows = try await read { db in try select.rows(db) }
    return try rows.map { row throws(StoreError) in try Self.historyEntry(row) }
  }

  /// A history row, by column position (`StoreRows.historyColumns`).
  static func historyEntry(_ row: Row) throws(StoreError) -> HistoryEntry { try StoreRows.history(row) }
}

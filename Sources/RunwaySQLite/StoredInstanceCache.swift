import Foundation
import RunwayEngine
import RunwayModel
import RunwaySQL
import Synchronization

/// The instances a store last read or wrote, by id, beside the stored text of their fields.
/// A transition reads the row its previous one wrote; when every column read equals the
/// remembered instance (the fields compared as stored bytes), the remembered instance is that
/// row's meaning, so nothing is decoded or allocated again (docs/benchmarks.md, W4). The
/// comparison is the whole test: another process's write changes the row, which is then read
/// as before.
///
/// What a transaction remembers is stamped, once it commits, with the file's data version
/// (`SQLiteDataVersion`): while the file is still at that version nothing has written it
/// since, so the remembered head is the row without comparing a column (docs/deployment.md,
/// "What a command reads").
final class StoredInstanceCache: Sendable {
  /// An instance as this store last wrote or read it, with its fields' stored text and, when
  /// known, its head's list of timers. An object: an entry is handed out and taken back on
  /// every transition, and a copy of its parts cost a retain each (docs/benchmarks.md, W4).
  final class Entry: @unchecked Sendable {
    let instance: Instance
    /// The fields' stored text, as bytes.
    let fieldsBytes: [UInt8]
    /// The fields' text with where each field lies, when this store wrote it (nil: read).
    let fieldsObject: JSONObjectText?
    /// Nil when not known (a commit written without reading the row).
    let timers: StoredTimers?
    /// The cache's epoch in which this was noted: it is the row while the cache is still in
    /// that epoch and the file at its version (nil: not known). Changed and read only under
    /// the cache's lock.
    fileprivate var epoch: Int?

    init(instance: Instance, fieldsBytes: [UInt8], fieldsObject: JSONObjectText? = nil, timers: StoredTimers?) {
      self.instance = instance
      self.fieldsBytes = fieldsBytes
      self.fieldsObject = fieldsObject
      self.timers = timers
    }
  }

  /// A head's list of timers as stored (`SQLiteTimers.encode`: nil when there are none).
  struct StoredTimers {
    var text: String?
  }

  /// The entries, the ids remembered by the open transaction (stamped or forgotten when it
  /// ends) and the directory generation last read with an instance, with their epochs.
  private struct State {
    var entries: [String: Entry] = [:]
    var pending: [String] = []
    /// The ids the open transaction wrote: a rollback undoes those.
    var written: [String] = []
    var generation: Int?
    var generationEpoch: Int?
    /// The open transaction read the generation.
    var generationPending = false
    /// What is stamped with `epoch` is what is stored while the file is at `epochVersion`.
    var epoch = 0
    var epochVersion: UInt32?
    /// The file's data version when the open transaction began.
    var begun: UInt32?

    /// Clears what the open transaction noted.
    mutating func end() {
      pending.removeAll(keepingCapacity: true)
      written.removeAll(keepingCapacity: true)
      generationPending = false
      begun = nil
    }
  }

  private let state = Mutex(State())
  /// Past this many instances the cache starts again, so a long-lived server stays small.
  private static let capacity = 4_096

  /// The instance `id` in `row`: `StoreRows.instanceColumns` by position, then the generation
  /// and the head's timers (`SQLiteSnapshotQueries.instance`).
  func instance(_ id: String, in row: StatementRow) throws(StoreError) -> Instance {
    let remembered = state.withLock { state in state.entries[id] }
    if let remembered, try Self.row(row, holds: remembered) {
      if let known = remembered.timers, try Self.same(row, timers: known) {
        store(remembered)
        return remembered.instance
      }
      store(
        Entry(
          instance: remembered.instance, fieldsBytes: remembered.fieldsBytes, fieldsObject: remembered.fieldsObject,
          timers: StoredTimers(text: try row.optionalText(Self.timersColumn))))
      return remembered.instance
    }
    let instance = try StoreRows.instance(row)
    store(
      Entry(
        instance: instance, fieldsBytes: Array(try row.textBytes(5)),
        timers: StoredTimers(text: try row.optionalText(Self.timersColumn))))
    return instance
  }

  /// Where the head's timers are in a row `instance(_:in:)` reads.
  static let timersColumn = 10

  /// The remembered instance `id`, if any, as this store last wrote or read it: a guess at
  /// what is stored, which a write must check (`SQLiteJournal.updateRememberedHead`).
  func remembered(_ id: String) -> Entry? { state.withLock { $0.entries[id] } }

  /// The directory generation last read, if any (also a guess, checked by the same write).
  var generation: Int? { state.withLock { $0.generation } }

  /// Notes the directory generation read in the open transaction.
  func read(generation: Int) {
    state.withLock { state in
      state.generation = generation
      state.generationEpoch = state.epoch
      state.generationPending = true
    }
  }

  /// Whether the file is still at the version where `entry` and the generation are known to
  /// be what is stored: then nothing has written it since.
  func isQuiet(_ entry: Entry, at version: UInt32?) -> Bool {
    guard let version else { return false }
    return state.withLock { state in
      guard let epoch = entry.epoch else { return false }
      return state.epoch == epoch && state.epochVersion == version && state.generationEpoch == epoch
    }
  }

  /// Notes the file's data version as a write transaction begins.
  func begin(at version: UInt32?) { state.withLock { $0.begun = version } }

  /// Ends the open write transaction, committed, the file now at `version`. A transition
  /// writes only the instances it remembers, so when nothing else wrote the file before it
  /// began, all that was known stays known; otherwise the epoch moves on and only what this
  /// transaction read or wrote is known. Any other write (`transition` false) may change
  /// anything, so nothing is known after it.
  func settle(at version: UInt32?, transition: Bool) {
    state.withLock { state in
      let continues = transition && state.begun != nil && state.begun == state.epochVersion
      state.epochVersion = version
      // What the transaction noted carries the epoch already (`store`, `read(generation:)`).
      if continues {
        state.end()
        return
      }
      state.epoch += 1
      if transition {
        for id in state.pending { state.entries[id].map { $0.epoch = state.epoch } }
        if state.generationPending { state.generationEpoch = state.epoch }
      }
      state.end()
    }
  }

  /// Ends a read transaction. What it read keeps the epoch it was read in: any write by another
  /// connection since the epoch's version, before the read or after, ends that epoch.
  func settleRead() { state.withLock { $0.end() } }

  /// Ends the open transaction, rolled back: what it wrote is forgotten (never stored), what
  /// it read stays unstamped.
  func forgetPending() {
    state.withLock { state in
      for id in state.written { state.entries[id] = nil }
      state.end()
    }
  }

  /// Forgets instance `id` (a piece of a batch rolled back to its savepoint).
  func forget(_ id: String) { state.withLock { $0.entries[id] = nil } }

  /// Notes that `instance` is stored with its fields written as `fields` and its head's
  /// timers as `timers` (nil: not known).
  func remember(_ instance: Instance, fields: StoredFields, timers: StoredTimers?) {
    store(
      Entry(instance: instance, fieldsBytes: fields.bytes, fieldsObject: fields.object, timers: timers), written: true)
  }

  private func store(_ entry: Entry, written: Bool = false) {
    state.withLock { state in
      if state.entries.count >= Self.capacity, state.entries[entry.instance.id] == nil {
        state.entries.removeAll(keepingCapacity: true)
      }
      entry.epoch = state.epoch
      state.entries[entry.instance.id] = entry
      state.pending.append(entry.instance.id)
      if written { state.written.append(entry.instance.id) }
    }
  }

  /// Whether the row's timers are the remembered ones.
  private static func same(_ row: StatementRow, timers: StoredTimers) throws(StoreError) -> Bool {
    let stored = try row.optionalTextBytes(timersColumn)
    guard let text = timers.text else { return stored == nil }
    return stored.map { same($0, text) } ?? false
  }

  /// Whether each column of `row` equals the remembered instance's.
  private static func row(_ row: StatementRow, holds entry: Entry) throws(StoreError) -> Bool {
    let instance = entry.instance
    guard try row.integer(4) == Int64(instance.revision),
      try row.integer(8) == Timestamp.milliseconds(instance.updatedAt),
      try row.integer(7) == Timestamp.milliseconds(instance.createdAt)
    else { return false }
    // Each compared in place: an array of the pairs would allocate on every read.
    guard same(try row.textBytes(5), entry.fieldsBytes), same(try row.textBytes(3), instance.state),
      same(try row.textBytes(2), instance.definitionDigest), same(try row.textBytes(1), instance.workflow)
    else { return false }
    return same(try row.textBytes(6), instance.initiator)
  }

  private static func same(_ stored: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { bytes in
      guard bytes.count == stored.count else { return false }
      guard let remembered = bytes.baseAddress, let read = stored.baseAddress else { return bytes.isEmpty }
      return memcmp(remembered, read, bytes.count) == 0
    }
  }

  private static func same(_ stored: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
    var text = text
    return text.withUTF8 { text in
      guard text.count == stored.count else { return false }
      guard let remembered = text.baseAddress, let read = stored.baseAddress else { return text.isEmpty }
      return memcmp(remembered, read, text.count) == 0
    }
  }
}

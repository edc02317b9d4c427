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
final class StoredInstanceCache: Sendable {
  /// An instance as this store last wrote or read it, with its fields' stored text and, when
  /// known, its head's list of timers.
  struct Entry {
    var instance: Instance
    var fieldsText: String
    /// Nil when not known (a commit written without reading the row).
    var timers: StoredTimers?
  }

  /// A head's list of timers as stored (`SQLiteTimers.encode`: nil when there are none).
  struct StoredTimers {
    var text: String?
  }

  private let entries = Mutex<[String: Entry]>([:])
  /// The directory generation this store last read with an instance.
  private let lastGeneration = Mutex<Int?>(nil)
  /// Past this many instances the cache starts again, so a long-lived server stays small.
  private static let capacity = 4_096

  /// The instance `id` in `row`: `StoreRows.instanceColumns` by position, then the generation
  /// and the head's timers (`SQLiteSnapshotQueries.instance`).
  func instance(_ id: String, in row: StatementRow) throws(StoreError) -> Instance {
    let remembered = entries.withLock { entries in entries[id] }
    if var remembered, try Self.row(row, holds: remembered) {
      if let known = remembered.timers, try Self.same(row, timers: known) { return remembered.instance }
      remembered.timers = StoredTimers(text: try row.optionalText(Self.timersColumn))
      store(remembered)
      return remembered.instance
    }
    let instance = try StoreRows.instance(row)
    store(
      Entry(
        instance: instance, fieldsText: try row.text(5),
        timers: StoredTimers(text: try row.optionalText(Self.timersColumn))))
    return instance
  }

  /// Where the head's timers are in a row `instance(_:in:)` reads.
  static let timersColumn = 10

  /// The remembered instance `id`, if any, as this store last wrote or read it: a guess at
  /// what is stored, which a write must check (`SQLiteJournal.updateRememberedHead`).
  func remembered(_ id: String) -> Entry? { entries.withLock { $0[id] } }

  /// The directory generation last read, if any (also a guess, checked by the same write).
  var generation: Int? {
    get { lastGeneration.withLock { $0 } }
    set { lastGeneration.withLock { $0 = newValue } }
  }

  /// Notes that `instance` is stored with its fields written as `fieldsText` and its head's
  /// timers as `timers` (nil: not known).
  func remember(_ instance: Instance, fieldsText: String, timers: StoredTimers?) {
    store(Entry(instance: instance, fieldsText: fieldsText, timers: timers))
  }

  private func store(_ entry: Entry) {
    entries.withLock { entries in
      if entries.count >= Self.capacity, entries[entry.instance.id] == nil { entries.removeAll(keepingCapacity: true) }
      entries[entry.instance.id] = entry
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
    guard same(try row.textBytes(5), entry.fieldsText), same(try row.textBytes(3), instance.state),
      same(try row.textBytes(2), instance.definitionDigest), same(try row.textBytes(1), instance.workflow)
    else { return false }
    return same(try row.textBytes(6), instance.initiator)
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

import CSQLiteOptions
import Foundation
import RunwayEngine
import RunwaySQL

/// Binds a hot statement's values in placeholder order straight from where they are kept,
/// texts copied into the statement's buffer: a transition's statements build no array of
/// `SQLValue`s, which cost an allocation, a retain of every text and their release
/// (docs/benchmarks.md, W4). `BoundStatement` checks that every placeholder got a value.
struct StatementBinder {
  private let handle: OpaquePointer
  private var next: UnsafeMutableRawPointer?
  private let end: UnsafeMutableRawPointer?
  /// The placeholders bound so far.
  private(set) var count: Int32 = 0
  /// SQLite's first failure, or a text that did not fit the bytes announced.
  private(set) var failure: Int32 = SQLITE_OK

  init(handle: OpaquePointer, buffer: UnsafeMutableRawPointer?, bytes: Int) {
    self.handle = handle
    next = buffer
    end = buffer.map { $0 + bytes }
  }

  mutating func integer(_ number: Int64) {
    count += 1
    note(sqlite3_bind_int64(handle, count, number))
  }

  mutating func integer(_ number: Int) { integer(Int64(number)) }

  mutating func milliseconds(_ date: Date) { integer(Timestamp.milliseconds(date)) }

  mutating func text(_ text: String?) {
    guard var text else {
      count += 1
      note(sqlite3_bind_null(handle, count))
      return
    }
    text.withUTF8 { bytes(of: $0) }
  }

  mutating func utf8(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { self.bytes(of: $0) }
  }

  /// Binds `bytes` as text, copied to the buffer and read there by SQLite (SQLITE_STATIC).
  private mutating func bytes(of bytes: UnsafeBufferPointer<UInt8>) {
    count += 1
    guard let source = bytes.baseAddress, !bytes.isEmpty else {
      // An empty text: no address, which SQLite would bind as NULL.
      note(sqlite3_bind_text(handle, count, "", 0, nil))
      return
    }
    // More than was announced: refused, never written past the buffer.
    guard let target = next, let end, target + bytes.count <= end else {
      note(SQLITE_RANGE)
      return
    }
    target.copyMemory(from: source, byteCount: bytes.count)
    next = target + bytes.count
    note(sqlite3_bind_text(handle, count, target.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil))
  }

  private mutating func note(_ code: Int32) {
    if failure == SQLITE_OK, code != SQLITE_OK { failure = code }
  }
}

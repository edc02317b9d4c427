import CSQLiteOptions
import GRDB
import RunwayEngine
import RunwaySQL

/// A cached statement driven through SQLite's C API: values bound in place and rows read by
/// position. GRDB's arguments and rows box every value (`DatabaseValue`, `StatementArguments`,
/// `Row`), which cost about as much as SQLite's own work on each transition
/// (docs/benchmarks.md, W4); GRDB still prepares and caches the statement and runs the
/// transaction around it.
struct BoundStatement {
  /// Keeps the prepared statement alive while it is used.
  private let statement: Statement
  private let handle: OpaquePointer
  private let db: Database

  /// The statement cached for `sql`, with `values` bound to its placeholders in order.
  init(_ db: Database, sql: String, values: [SQLValue]) throws {
    let bytes = BoundTexts.byteCount(values)
    try self.init(
      db, statement: try db.cachedStatement(sql: sql), values: values, textBytes: bytes,
      texts: BoundTexts.holding(bytes), keptBuffer: false)
  }

  /// The connection's prepared `hot` statement, with `values` bound to its placeholders in
  /// order; its texts' bytes are copied into the buffer the connection keeps for it.
  init(_ db: Database, _ hot: HotStatement, in statements: HotStatements, values: [SQLValue]) throws {
    let bytes = BoundTexts.byteCount(values)
    let (statement, texts) = try statements.statement(hot, db, textBytes: bytes)
    try self.init(db, statement: statement, values: values, textBytes: bytes, texts: texts, keptBuffer: true)
  }

  /// The connection's prepared `hot` statement, its values bound by `bind` in placeholder
  /// order (texts of `textBytes` bytes in all at most), with no list of values made.
  init(
    _ db: Database, _ hot: HotStatement, in statements: HotStatements, textBytes: Int,
    binding bind: (inout StatementBinder) -> Void
  ) throws {
    let (statement, texts) = try statements.statement(hot, db, textBytes: textBytes)
    self.statement = statement
    handle = statement.sqliteStatement
    self.db = db
    self.texts = texts
    keptBuffer = true
    sqlite3_reset(handle)
    var binder = StatementBinder(handle: handle, buffer: texts?.base, bytes: textBytes)
    bind(&binder)
    guard binder.failure == SQLITE_OK else { throw failure(binder.failure) }
    guard binder.count == sqlite3_bind_parameter_count(handle) else {
      throw StoreError.corrupt(
        "a statement takes \(sqlite3_bind_parameter_count(handle)) values, given \(binder.count)")
    }
  }

  private init(
    _ db: Database, statement: Statement, values: [SQLValue], textBytes: Int, texts: BoundTexts?, keptBuffer: Bool
  ) throws {
    self.statement = statement
    handle = statement.sqliteStatement
    self.db = db
    sqlite3_reset(handle)
    guard Int(sqlite3_bind_parameter_count(handle)) == values.count else {
      throw StoreError.corrupt(
        "a statement takes \(sqlite3_bind_parameter_count(handle)) values, given \(values.count)")
    }
    self.texts = texts
    self.keptBuffer = keptBuffer
    var binder = StatementBinder(handle: handle, buffer: texts?.base, bytes: textBytes)
    for value in values {
      switch value {
      case .integer(let number): binder.integer(number)
      case .text(let text): binder.text(text)
      case .utf8(let bytes): binder.utf8(bytes)
      }
    }
    guard binder.failure == SQLITE_OK else { throw failure(binder.failure) }
  }

  /// The bound texts' bytes, kept until the statement is done with them (nil: no text).
  private let texts: BoundTexts?
  /// `texts` is the buffer the connection keeps with the statement: it outlives the bindings.
  private let keptBuffer: Bool

  /// Resets the statement and drops its bindings when they point into a buffer of their own,
  /// freed with this value. A kept buffer lives as long as the statement, and the next use
  /// binds every value again before it steps.
  private func finish() {
    sqlite3_reset(handle)
    guard let texts, !keptBuffer else { return }
    sqlite3_clear_bindings(handle)
    withExtendedLifetime(texts) {}
  }

  /// Runs a statement that returns no rows.
  func run() throws {
    defer { finish() }
    let code = sqlite3_step(handle)
    guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
  }

  /// Runs a statement that returns no rows and tells how many rows it changed (read from
  /// SQLite directly: GRDB's `changesCount` checks its dispatch queue on every call).
  func runCountingChanges() throws -> Int {
    try run()
    return Int(sqlite3_changes(sqlite3_db_handle(handle)))
  }

  /// The first row read by `read`, or nil when there is none.
  func first<T>(_ read: (StatementRow) throws -> T) throws -> T? {
    defer { finish() }
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return try read(StatementRow(handle: handle))
    case SQLITE_DONE: return nil
    case let code: throw failure(code)
    }
  }

  /// Every row, each read by `read`.
  func all<T>(_ read: (StatementRow) throws -> T) throws -> [T] {
    defer { finish() }
    var rows: [T] = []
    while true {
      switch sqlite3_step(handle) {
      case SQLITE_ROW: rows.append(try read(StatementRow(handle: handle)))
      case SQLITE_DONE: return rows
      case let code: throw failure(code)
      }
    }
  }

  /// SQLite's failure as GRDB reports it, so that `SQLiteInstanceStore.storeError` words it.
  private func failure(_ code: Int32) -> DatabaseError {
    DatabaseError(
      resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
      sql: statement.sql)
  }
}

/// One buffer holding the UTF-8 bytes of a statement's text values: the bytes lie in the
/// object itself, one allocation for both. A hot statement keeps one with it (`HotStatements`),
/// so a transition's statements allocate none.
final class BoundTexts: ManagedBuffer<Void, UInt8> {
  /// Where the bytes start; they stay in place while the object lives.
  var base: UnsafeMutableRawPointer { withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) } }

  /// The bytes it has room for.
  var room: Int { capacity }

  /// The bytes of the texts among `values`.
  static func byteCount(_ values: [SQLValue]) -> Int {
    var count = 0
    for value in values {
      switch value {
      case .text(let text?): count += text.utf8.count
      case .utf8(let bytes): count += bytes.count
      case .text(nil), .integer: continue
      }
    }
    return count
  }

  /// A buffer for `count` bytes, nil when there are none to copy.
  static func holding(_ count: Int) -> BoundTexts? {
    guard count > 0 else { return nil }
    return unsafeDowncast(create(minimumCapacity: count) { _ in }, to: BoundTexts.self)
  }
}

/// The current row of a stepped statement, read by column position as `StoreRows` reads rows.
/// A column of the wrong type is a corrupt store, not a value converted in silence.
struct StatementRow: SQLRow {
  let handle: OpaquePointer

  func text(_ index: Int) throws(StoreError) -> String {
    guard let text = try optionalText(index) else { throw .corrupt("column \(index) is empty where text is kept") }
    return text
  }

  func optionalText(_ index: Int) throws(StoreError) -> String? {
    let column = Int32(index)
    switch sqlite3_column_type(handle, column) {
    case SQLITE_NULL: return nil
    case SQLITE_TEXT:
      // The text first, then its length (SQLite's documented order).
      guard let bytes = sqlite3_column_text(handle, column) else { return "" }
      let count = Int(sqlite3_column_bytes(handle, column))
      return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    default: throw .corrupt("column \(index) holds no text where text is kept")
    }
  }

  /// The bytes of a text column, nil when it is NULL, read in place (valid until the
  /// statement steps or resets).
  func optionalTextBytes(_ index: Int) throws(StoreError) -> UnsafeBufferPointer<UInt8>? {
    sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL ? nil : try textBytes(index)
  }

  /// The bytes of a text column, read in place (valid until the statement steps or resets).
  func textBytes(_ index: Int) throws(StoreError) -> UnsafeBufferPointer<UInt8> {
    let column = Int32(index)
    guard sqlite3_column_type(handle, column) == SQLITE_TEXT else {
      throw .corrupt("column \(index) holds no text where text is kept")
    }
    guard let bytes = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
  }

  func integer(_ index: Int) throws(StoreError) -> Int64 {
    guard let number = try optionalInteger(index) else {
      throw .corrupt("column \(index) is empty where a number is kept")
    }
    return number
  }

  func optionalInteger(_ index: Int) throws(StoreError) -> Int64? {
    switch sqlite3_column_type(handle, Int32(index)) {
    case SQLITE_NULL: return nil
    case SQLITE_INTEGER: return sqlite3_column_int64(handle, Int32(index))
    default: throw .corrupt("column \(index) holds no number where a number is kept")
    }
  }
}

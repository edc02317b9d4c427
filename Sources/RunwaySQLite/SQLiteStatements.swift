import GRDB
import RunwayEngine
import RunwaySQL

/// GRDB's row read by position, as the shared mapping (`StoreRows`) reads rows.
extension Row: SQLRow {
  public func text(_ index: Int) throws(StoreError) -> String {
    guard let text: String = self[index] else { throw .corrupt("column \(index) is empty where text is kept") }
    return text
  }
  public func optionalText(_ index: Int) throws(StoreError) -> String? { self[index] }
  public func integer(_ index: Int) throws(StoreError) -> Int64 {
    guard let number: Int64 = self[index] else { throw .corrupt("column \(index) is empty where a number is kept") }
    return number
  }
}

extension SQLStatement {
  /// The values as GRDB arguments.
  var arguments: StatementArguments {
    StatementArguments(
      values.map { value -> (any DatabaseValueConvertible)? in
        switch value {
        case .text(let text): return text
        case .integer(let number): return number
        case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
      })
  }

  /// Runs the statement on a cached (prepared once per connection) statement, its values
  /// bound through SQLite's C API (`BoundStatement`).
  func execute(_ db: Database) throws {
    try BoundStatement(db, sql: StoreSQL.sqlite(sql), values: values).run()
  }

  /// The rows it returns.
  func rows(_ db: Database) throws -> [Row] {
    try Row.fetchAll(db.cachedStatement(sql: StoreSQL.sqlite(sql)), arguments: arguments)
  }
}

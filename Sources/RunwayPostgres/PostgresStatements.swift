import Logging
import PostgresNIO
import RunwayEngine
import RunwaySQL

/// A PostgreSQL row read by position, as the shared mapping (`StoreRows`) reads rows.
struct PostgresPositions: SQLRow {
  let row: PostgresRandomAccessRow
  init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

  func text(_ index: Int) throws(StoreError) -> String {
    do { return try row[index].decode(String.self) } catch { throw .corrupt("column \(index) cannot be read back") }
  }
  func optionalText(_ index: Int) throws(StoreError) -> String? {
    do { return try row[index].decode(String?.self) } catch { throw .corrupt("column \(index) cannot be read back") }
  }
  func integer(_ index: Int) throws(StoreError) -> Int64 {
    // INTEGER columns (revision, attempts) arrive as int4, BIGINT ones as int8.
    if let wide = try? row[index].decode(Int64.self) { return wide }
    do { return Int64(try row[index].decode(Int32.self)) } catch {
      throw .corrupt("column \(index) cannot be read back")
    }
  }
}

extension SQLStatement {
  /// The statement with numbered placeholders and its values bound.
  var postgres: PostgresQuery {
    var binds = PostgresBindings()
    for value in values {
      switch value {
      case .text(let text?): binds.append(text)
      case .text(nil): binds.appendNull()
      case .integer(let number): binds.append(number)
      case .utf8(let bytes): binds.append(String(decoding: bytes, as: UTF8.self))
      }
    }
    return PostgresQuery(unsafeSQL: StoreSQL.postgres(sql), binds: binds)
  }

  /// Runs it on a connection inside a transaction; the rows it returns.
  @discardableResult
  func run(_ connection: PostgresConnection, _ logger: Logger) async throws -> [PostgresRow] {
    try await PostgresInstanceStore.all(connection.query(postgres, logger: logger))
  }
}

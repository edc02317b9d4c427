import Testing

@testable import RunwaySQL

/// The shared SQL's list marker, written for each dialect (docs/deployment.md).
@Suite struct StoreSQLTests {
  @Test(arguments: [
    ("SELECT 1", "SELECT 1"),
    ("WHERE a IN_LIST(?)", "WHERE a IN (SELECT value FROM json_each(?))"),
    (
      "WHERE a IN_LIST(?) AND b IN_LIST(?) LIMIT 1",
      "WHERE a IN (SELECT value FROM json_each(?)) AND b IN (SELECT value FROM json_each(?)) LIMIT 1"
    ),
    ("WHERE IN_LIST(x) OR IN_LIST(?", "WHERE IN_LIST(x) OR IN_LIST(?"),
    ("SELECT 'é' WHERE a IN_LIST(?)", "SELECT 'é' WHERE a IN (SELECT value FROM json_each(?))"),
  ])
  func sqliteWritesEachListAsJSONEach(statement: String, expected: String) {
    #expect(StoreSQL.sqlite(statement) == expected)
  }

  @Test func postgresNumbersPlaceholdersAfterWritingLists() {
    #expect(
      StoreSQL.postgres("UPDATE t SET a = ? WHERE b IN_LIST(?) AND c = ?")
        == "UPDATE t SET a = $1 WHERE b IN (SELECT jsonb_array_elements_text($2::jsonb)) AND c = $3")
  }
}

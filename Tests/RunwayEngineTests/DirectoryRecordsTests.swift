import Foundation
import RunwayEngine
import RunwayModel
import Testing

/// The directory's rows as database stores keep them, including bodies written before the
/// domain was configuration.
@Suite("Directory records")
struct DirectoryRecordsTests {
  @Test func rowsReadBackAsTheSameDirectory() throws {
    let directory = Directory(
      records: [
        "miniPrograms": [
          "shop": [
            "name": .string("Shop"), "merchant": .string("acme"), "versions": .set(["1.0.0", "2.0.0"]),
            "configuration": .map(["tags": .list([.string("a")]), "n": .int(1)]),
          ]
        ],
        "teams": ["t": ["size": .int(3), "live": .bool(true)]],
      ],
      actors: ["alice": Actor(name: "Alice", memberships: [Membership(workspace: "acme", role: "dev")])])
    let rows = DirectoryRecords.rows(directory)
    #expect(Set(rows.map(\.kind)) == ["miniPrograms", "teams", "actors"])
    #expect(try DirectoryRecords.directory(rows, store: "test") == directory)
  }

  @Test func aBodyWrittenByTheTypedDirectoryReadsBackFlat() throws {
    let old =
      #"{"configuration":{"entry":"pages/index"},"extra":{"icon":"i.png"},"merchant":"acme","name":"Acme Shop","versions":["1.0.0","1.1.0"]}"#
    let oldApp = #"{"extra":{},"name":"SuperPay"}"#
    let directory = try DirectoryRecords.directory(
      [("miniPrograms", "shop", old), ("apps", "superpay", oldApp)], store: "test")
    #expect(
      directory.record("miniPrograms", "shop") == [
        "name": .string("Acme Shop"), "merchant": .string("acme"), "versions": .set(["1.0.0", "1.1.0"]),
        "configuration": .map(["entry": .string("pages/index")]), "icon": .string("i.png"),
      ])
    #expect(directory.record("apps", "superpay") == ["name": .string("SuperPay")])
    #expect(directory.referencedIDs.isSuperset(of: ["acme"]))
  }

  @Test func anUnreadableBodyIsACorruptStoreNamingTheRecord() {
    #expect {
      try DirectoryRecords.directory([("apps", "x", "not json")], store: "test.db")
    } throws: { error in
      (error as? StoreError).map { "\($0)".contains("apps/x") } == true
    }
  }

  @Test func aRefTypeEncodesAsBeforeSoDigestsStay() throws {
    // `ValueType.ref` once held an enum with raw values; definitions stored with that form
    // and their digests must read and compute the same.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(ValueType.ref("miniPrograms")), as: UTF8.self)
    #expect(json == #"{"ref":{"_0":"miniPrograms"}}"#)
    #expect(try JSONDecoder().decode(ValueType.self, from: Data(json.utf8)) == .ref("miniPrograms"))
  }
}

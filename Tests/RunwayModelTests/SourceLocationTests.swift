import Foundation
import RunwayModel
import Testing

/// Locations keep their file as a number (docs/benchmarks.md, "W3, loading"): they must
/// still read, compare, sort and encode as a path, a line and a column.
@Suite("Source locations")
struct SourceLocationTests {
  @Test func aLocationReadsBackWhatItWasGiven() {
    let location = RunwayModel.SourceLocation(file: "workflows/release.yaml", line: 12, column: 7)
    #expect(location.file == "workflows/release.yaml")
    #expect(location.line == 12)
    #expect(location.column == 7)
    #expect(location.description == "workflows/release.yaml:12:7")
    #expect(MemoryLayout<RunwayModel.SourceLocation>.size <= 12)
  }

  @Test func locationsAreEqualByPathLineAndColumn() {
    let file = SourceFile("a.yaml")
    #expect(
      RunwayModel.SourceLocation(file, line: 1, column: 2)
        == RunwayModel.SourceLocation(file: "a.yaml", line: 1, column: 2))
    #expect(
      RunwayModel.SourceLocation(file: "a.yaml", line: 1, column: 2)
        != RunwayModel.SourceLocation(file: "b.yaml", line: 1, column: 2))
    #expect(
      RunwayModel.SourceLocation(file: "a.yaml", line: 1, column: 2)
        != RunwayModel.SourceLocation(file: "a.yaml", line: 1, column: 3))
    #expect(SourceFile("a.yaml") == file)
    #expect(file.path == "a.yaml")
    #expect(Set([file, SourceFile("a.yaml"), SourceFile("b.yaml")]).count == 2)
  }

  @Test func changingPartsKeepsTheOthers() {
    var location = RunwayModel.SourceLocation(file: "a.yaml", line: 3, column: 4)
    location.line += 1
    location.column = 9
    #expect(location == RunwayModel.SourceLocation(file: "a.yaml", line: 4, column: 9))
    location.file = "b.yaml"
    #expect(location == RunwayModel.SourceLocation(file: "b.yaml", line: 4, column: 9))
    #expect(location.advanced(by: 2) == RunwayModel.SourceLocation(file: "b.yaml", line: 4, column: 11))
  }

  @Test func outOfRangeNumbersAreClampedNotTrapped() {
    #expect(RunwayModel.SourceLocation(file: "a.yaml", line: -1, column: 0).line == 0)
    #expect(RunwayModel.SourceLocation(file: "a.yaml", line: Int.max, column: 1).line == Int(UInt32.max))
  }

  @Test("sorted by path, then line, then column")
  func order() {
    let sorted = [
      RunwayModel.SourceLocation(file: "b.yaml", line: 1, column: 1),
      RunwayModel.SourceLocation(file: "a.yaml", line: 2, column: 1),
      RunwayModel.SourceLocation(file: "a.yaml", line: 1, column: 5),
      RunwayModel.SourceLocation(file: "a.yaml", line: 1, column: 2),
    ].sorted { $0.precedes($1) }
    #expect(sorted.map(\.description) == ["a.yaml:1:2", "a.yaml:1:5", "a.yaml:2:1", "b.yaml:1:1"])
    #expect(!sorted[0].precedes(sorted[0]))
  }

  @Test func encodingKeepsThePathAndCanonicalFormLeavesItOut() throws {
    let location = RunwayModel.SourceLocation(file: "a.yaml", line: 3, column: 4)
    let data = try JSONEncoder().encode(location)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect(object?["file"] as? String == "a.yaml")
    #expect(object?["line"] as? Int == 3)
    #expect(object?["column"] as? Int == 4)
    #expect(try JSONDecoder().decode(RunwayModel.SourceLocation.self, from: data) == location)
    let canonical = JSONEncoder()
    canonical.userInfo[.canonicalForm] = true
    #expect(String(decoding: try canonical.encode(location), as: UTF8.self) == "null")
  }
}

import RunwayEngine
import RunwayModel
import Testing

@Suite("Tester lists from CSV and TXT")
struct TesterListTests {
  @Test func oneIDALineSkippingBlankLinesAndDuplicates() throws {
    let ids = try TesterList.parse("u-1\n\nu-2\r\nu-1\n  u-3  \n", file: "t.txt")
    #expect(ids == ["u-1", "u-2", "u-3"])
  }

  @Test func aCSVWithAUserIDColumn() throws {
    let ids = try TesterList.parse("name,userId\nLee,u-1\nKim,\"u-2\"\n", file: "t.csv")
    #expect(ids == ["u-1", "u-2"])
  }

  /// A quoted cell is one cell: its comma neither splits it nor drops the rest (issue 17).
  @Test func quotedCellsAreReadAsCSV() throws {
    #expect(
      try TesterList.parse("name,userId\n\"Kim, Jr.\",u-2\n\"Lee \"\"L\"\"\",\"u-1\"\n", file: "t.csv") == [
        "u-2", "u-1",
      ])
  }

  @Test func aTesterFileOverTheLimitIsRefused() throws {
    let text = (1...InputLimits.setElements + 1).map { "u-\($0)" }.joined(separator: "\n")
    #expect {
      try TesterList.parse(text, file: "t.txt")
    } throws: { error in
      (error as? EngineError)?.message
        == "t.txt:\(InputLimits.setElements + 1): the file holds more than 10000 user ids, the most a set holds"
    }
  }

  @Test func aHeaderAloneIsSkipped() throws {
    #expect(try TesterList.parse("\u{FEFF}userId\nu-1\n", file: "t.csv") == ["u-1"])
  }

  @Test(arguments: [
    ("u-1\nu 2\n", "t.txt:2:"),
    ("u-1\n\nbad\"quote\n", "t.txt:3:"),
    ("a,b\nu-1,u-2\n", "t.txt:1:"),
    ("userId,name\nu-1,Lee\n,Kim\n", "t.txt:3:"),
    ("userId,name\n\"u-1,u-2\",Lee\n", "t.txt:2: the userId is not a user id"),
    ("userId\nu-1\n\"u-2\n", "t.txt: a quoted cell is not closed"),
    ("u-1\n\u{1B}[2J\n", "t.txt:2: the userId is not a user id"),
  ])
  func aBadLineIsRefusedWithItsNumber(_ text: String, _ location: String) {
    #expect {
      try TesterList.parse(text, file: "t.txt")
    } throws: { error in
      guard let error = error as? EngineError else { return false }
      return error.code == .invalidInput && error.message.hasPrefix(location)
    }
  }
}

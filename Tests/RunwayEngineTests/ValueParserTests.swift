import RunwayEngine
import RunwayModel
import Testing

@Suite("Command-line values by declared type")
struct ValueParserTests {
  @Test func scalarsSetsAndMaps() throws {
    #expect(try ValueParser.parse("42", as: .int, name: "n") == .int(42))
    #expect(try ValueParser.parse("-3", as: .int, name: "n") == .int(-3))
    #expect(try ValueParser.parse("0", as: .int, name: "n") == .int(0))
    #expect(try ValueParser.parse("yes", as: .bool, name: "b") == .bool(true))
    #expect(try ValueParser.parse("u-1, u-2,,u-1", as: .set, name: "s") == .set(["u-1", "u-2"]))
    #expect(
      try ValueParser.parse(#"{"a": 1, "b": ["x"]}"#, as: .map, name: "m")
        == .map(["a": .int(1), "b": .list([.string("x")])]))
    #expect(try ValueParser.parse("prod", as: .enumeration(["prod"]), name: "e") == .string("prod"))
  }

  @Test(arguments: [
    ("ten", ValueType.int, "n must be a whole number in digits"),
    (
      " 10", ValueType.int,
      "n must be a whole number in digits, such as 10 or -3 (no +, spaces or leading zeros), not \" 10\""
    ),
    ("+10", ValueType.int, "n must be a whole number in digits"),
    ("010", ValueType.int, "n must be a whole number in digits"),
    ("-", ValueType.int, "n must be a whole number in digits"),
    ("99999999999999999999", ValueType.int, "n must be a whole number in digits"),
    ("maybe", ValueType.bool, "n must be true or false, not \"maybe\""),
    ("[1]", ValueType.map, "n must be a JSON object"),
  ])
  func badTextIsInvalidInput(_ text: String, _ type: ValueType, _ message: String) {
    #expect {
      try ValueParser.parse(text, as: type, name: "n")
    } throws: { error in
      (error as? EngineError).map { $0.code == .invalidInput && $0.message.hasPrefix(message) } ?? false
    }
  }

  @Test func listsFromFilesBecomeSets() throws {
    #expect(
      try ValueParser.coerce(.list([.string("a"), .string("b")]), to: .set, name: "s")
        == .set(["a", "b"]))
    #expect(throws: EngineError.self) {
      try ValueParser.coerce(.list([.int(1)]), to: .set, name: "s")
    }
  }
}

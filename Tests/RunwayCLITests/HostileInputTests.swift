import Foundation
import Testing

/// Params, files and directory records built to leak, overflow or forge output, given to the
/// real binary (issue 17, items 5 to 8). Each refusal is one sentence and changes nothing.
@Suite("hostile params and files")
struct HostileInputTests {
  /// A release of shop waiting for review.
  static func underReview() throws -> (RunwayProcess, String) {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    try runway.ok("fire", id, "release", "--as", "alice")
    try runway.ok("fire", id, "apply", "--as", "alice")
    return (runway, id)
  }

  /// A release in pilot testing, with no testers yet.
  static func inPilotTesting() throws -> (RunwayProcess, String) {
    let (runway, id) = try underReview()
    try runway.ok("settings", "set", "pilotTestingRequired=true", "--scope", "superpay")
    try runway.ok("fire", id, "approve", "--as", "walt")
    return (runway, id)
  }

  static func revision(_ runway: RunwayProcess, _ id: String) throws -> Int {
    try #require(try runway.show(id)["revision"] as? Int)
  }

  static func testers(_ runway: RunwayProcess, _ id: String) throws -> [String] {
    let fields = try #require(try runway.show(id)["fields"] as? [String: Any])
    return fields["testers"] as? [String] ?? []
  }

  static let secret = "root:x:0:0:SECRET-LINE-7f3a"

  // MARK: item 5: @FILE only for sets and maps, never echoed

  @Test func aStringParamNeverReadsAFile() throws {
    let (runway, id) = try Self.underReview()
    let file = try runway.write("shadow", Self.secret + "\n")
    let before = try Self.revision(runway, id)
    let result = try runway.run("fire", id, "reject", "--as", "wendy", "--param", "reason=@\(file)")
    #expect(result.status == 3)
    #expect(result.stderr.contains("only a set or a map reads @FILE; write @@"), "\(result.stderr)")
    #expect(!result.stderr.contains("SECRET"))
    #expect(try Self.revision(runway, id) == before)
  }

  @Test func twoAtSignsStartAStringWithOne() throws {
    let (runway, id) = try Self.underReview()
    try runway.ok("fire", id, "reject", "--as", "wendy", "--param", "reason=@@home is blurry")
    let fields = try #require(try runway.show(id, as: "alice")["fields"] as? [String: Any])
    #expect(fields["rejectionReason"] as? String == "@home is blurry")
  }

  @Test(arguments: [("testers", "shadow.txt"), ("testers", "shadow.csv"), ("testers", "shadow.yaml")])
  func aRefusedSetFileIsNotEchoed(_ param: String, _ name: String) throws {
    let (runway, id) = try Self.inPilotTesting()
    let file = try runway.write(name, Self.secret + "\nmore: text\n")
    let result = try runway.run("fire", id, "add-testers", "--as", "alice", "--param", "\(param)=@\(file)")
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stderr.hasPrefix("error: \(file)"), "\(result.stderr)")
    #expect(!result.stderr.contains("SECRET") && !result.stderr.contains("root:x"), "\(result.stderr)")
    #expect(try Self.testers(runway, id).isEmpty)
  }

  @Test func aRefusedMapFileIsNotEchoed() throws {
    let (runway, id) = try Self.underReview()
    try runway.ok("fire", id, "reject", "--as", "wendy", "--param", "reason=blurry")
    let file = try runway.write("shadow", Self.secret + "\n")
    let before = try Self.revision(runway, id)
    let result = try runway.run("fire", id, "update", "--as", "alice", "--param", "basicInfo=@\(file)")
    #expect(result.status == 3)
    #expect(result.stderr.contains("holds text, but basicInfo is a map"), "\(result.stderr)")
    #expect(!result.stderr.contains("SECRET"))
    #expect(try Self.revision(runway, id) == before)
  }

  // MARK: item 6: documented limits

  @Test func aTesterFileOverTheSetLimitIsRefused() throws {
    let (runway, id) = try Self.inPilotTesting()
    let ids = (1...10_001).map { "u-\($0)" }.joined(separator: "\n")
    let file = try runway.write("many.txt", ids)
    let result = try runway.run("fire", id, "add-testers", "--as", "alice", "--param", "testers=@\(file)")
    #expect(result.status == 3)
    #expect(result.stderr.contains("more than 10000 user ids, the most a set holds"), "\(result.stderr)")
    #expect(try Self.testers(runway, id).isEmpty)
  }

  @Test func aFileOverTheSizeLimitIsRefusedUnread() throws {
    let (runway, id) = try Self.inPilotTesting()
    let file = try runway.write("big.txt", String(repeating: "u-1\n", count: (2 << 20) / 4 + 1))
    let result = try runway.run("fire", id, "add-testers", "--as", "alice", "--param", "testers=@\(file)")
    #expect(result.status == 3)
    #expect(result.stderr.contains("may have at most 2097152"), "\(result.stderr)")
    #expect(try Self.testers(runway, id).isEmpty)
  }

  struct Over: Sendable, CustomStringConvertible {
    var description: String
    var event: String
    var param: String
    var message: String
  }

  static let overLimits: [Over] = [
    Over(
      description: "10,001 testers inline", event: "add-testers",
      param: "testers=" + (1...10_001).map { "u-\($0)" }.joined(separator: ","),
      message: "must have at most 10000 elements, not 10001"),
    Over(
      description: "a map nested 9 deep", event: "update",
      param: "basicInfo=" + String(repeating: "{\"a\":", count: 9) + "1" + String(repeating: "}", count: 9),
      message: "must not nest maps and lists more than 8 levels deep"),
    Over(
      description: "a map of 1,001 entries", event: "update",
      param: "basicInfo={" + (1...1_001).map { "\"k\($0)\":1" }.joined(separator: ",") + "}",
      message: "must not hold more than 1000 entries in all"),
    Over(
      description: "a reason of 10,001 characters", event: "reject",
      param: "reason=" + String(repeating: "x", count: 10_001),
      message: "must have at most 10000 characters, not 10001"),
  ]

  @Test(arguments: overLimits)
  func aValueOverALimitIsRefused(_ over: Over) throws {
    let (runway, id) = over.event == "add-testers" ? try Self.inPilotTesting() : try Self.underReview()
    if over.event == "update" { try runway.ok("fire", id, "reject", "--as", "wendy", "--param", "reason=blurry") }
    let actor = over.event == "reject" ? "wendy" : "alice"
    let before = try Self.revision(runway, id)
    let result = try runway.run("fire", id, over.event, "--as", actor, "--param", over.param)
    #expect(result.status == 3 || result.status == 6, "\(result.stderr)")
    #expect(result.stderr.contains(over.message), "\(result.stderr.prefix(300))")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(try Self.revision(runway, id) == before)
  }

  // MARK: item 7: strict parsing

  @Test func aQuotedCellIsOneCell() throws {
    let (runway, id) = try Self.inPilotTesting()
    let lossy = try runway.write("lossy.csv", "userId,name\n\"u-1,u-2\",Lee\n")
    let refused = try runway.run("fire", id, "add-testers", "--as", "alice", "--param", "testers=@\(lossy)")
    #expect(refused.status == 3)
    #expect(refused.stderr.contains("lossy.csv:2: the userId is not a user id"), "\(refused.stderr)")
    #expect(try Self.testers(runway, id).isEmpty)
    let quoted = try runway.write("quoted.csv", "name,userId\n\"Kim, Jr.\",u-2\n\"Lee\",\"u-1\"\n")
    try runway.ok("fire", id, "add-testers", "--as", "alice", "--param", "testers=@\(quoted)")
    #expect(try Self.testers(runway, id) == ["u-1", "u-2"])
  }

  @Test(arguments: [" 10", "+10", "010", "10 ", "1e1"])
  func anIntWrittenLooselyIsRefused(_ text: String) throws {
    let (runway, id) = try Self.underReview()
    try runway.ok("fire", id, "approve", "--as", "walt")
    let before = try Self.revision(runway, id)
    let result = try runway.run("fire", id, "grayscale", "--as", "alice", "--param", "percent=\(text)")
    #expect(result.status == 3)
    #expect(result.stderr.contains("percent must be a whole number in digits"), "\(result.stderr)")
    #expect(try Self.revision(runway, id) == before)
    try runway.ok("fire", id, "grayscale", "--as", "alice", "--param", "percent=10")
  }

  @Test(arguments: [
    (#"{"a":1e309,"d":NaN}"#, "x.json:1:6: only whole numbers are values"),
    ("{\n  \"d\": NaN\n}", "x.json:2:8: unexpected character"),
  ])
  func aJSONFileWithFloatsIsRefusedAtItsPlace(_ text: String, _ message: String) throws {
    let (runway, id) = try Self.underReview()
    try runway.ok("fire", id, "reject", "--as", "wendy", "--param", "reason=blurry")
    let file = try runway.write("x.json", text)
    let before = try Self.revision(runway, id)
    let result = try runway.run("fire", id, "update", "--as", "alice", "--param", "basicInfo=@\(file)")
    #expect(result.status == 3)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(try Self.revision(runway, id) == before)
  }

  // MARK: item 8: nothing raw reaches the terminal; no line breaks in directory records

  @Test func controlBytesInValuesAreEscapedOnTheTerminal() throws {
    let (runway, id) = try Self.inPilotTesting()
    try runway.ok("fire", id, "add-testers", "--as", "alice", "--param", "testers=u-1,\u{1B}]0;owned\u{07}")
    let text = try runway.run("show", id, "--as", "alice")
    #expect(text.status == 0)
    #expect(!text.stdout.contains("\u{1B}") && !text.stdout.contains("\u{07}"))
    #expect(text.stdout.contains("\\u{1B}]0;owned\\u{7}"), "\(text.stdout)")
    let history = try runway.run("history", id)
    #expect(!history.stdout.contains("\u{1B}"))
    // A tester file with one is refused, and the error does not print it either.
    let file = try runway.write("esc.txt", "u-2\n\u{1B}[2J\n")
    let refused = try runway.run("fire", id, "add-testers", "--as", "alice", "--param", "testers=@\(file)")
    #expect(refused.status == 3)
    #expect(refused.stderr.contains("esc.txt:2:"))
    #expect(!refused.stderr.contains("\u{1B}"))
  }

  @Test func aMapValueWithAnEscapeIsEscapedOnTheTerminal() throws {
    let (runway, id) = try Self.underReview()
    try runway.ok("fire", id, "reject", "--as", "wendy", "--param", "reason=blurry")
    try runway.ok(
      "fire", id, "update", "--as", "alice", "--param", #"configuration={"theme":"\u001b[31mred"}"#)
    let text = try runway.run("show", id, "--as", "alice")
    #expect(!text.stdout.contains("\u{1B}"))
    #expect(text.stdout.contains("\\u{1B}[31mred"), "\(text.stdout)")
  }

  @Test(arguments: [
    (
      "versions: [\"1.0.0\\r\\nforged: line\"]",
      "an element of \"versions\" must be one line of text, but it holds a carriage return"
    ),
    (
      "versions: [\"1.0.0\"]\n    name: \"Shop\\nforged\"",
      "\"name\" must be one line of text, but it holds a line break"
    ),
    (
      "versions: [\"1.0.0\\u001b[2J\"]",
      "an element of \"versions\" must be one line of text, but it holds a control character"
    ),
  ])
  func theDirectoryRefusesLineBreaksInRecords(_ fields: String, _ message: String) throws {
    let runway = try RunwayProcess()
    try runway.importExampleDirectory()
    let file = try runway.write(
      "dir.yaml",
      "miniPrograms:\n  forged:\n    merchant: acme\n    " + (fields.contains("name:") ? "" : "name: Forged\n    ")
        + fields + "\n")
    let result = try runway.run("directory", "import", file)
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stderr.contains("dir.yaml:"), "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    let export = try runway.ok("directory", "export", "--json")
    #expect(!export.contains("forged"))
  }
}

import Foundation
import RunwayEngine
import RunwayModel
import Testing

@Suite("Stored text: timestamps and JSON")
struct StoredTextTests {
  /// The hand-written formatter writes the stored millisecond exactly (Foundation's style
  /// truncates x.123 to .122), and Foundation's ISO 8601 parser reads it back to the same
  /// instant: leap days, the epoch, times before it and the end of a century included.
  @Test(
    arguments: [
      0, 1_780_000_000_123, -1, -86_400_001, 951_782_400_000, 951_868_799_999, 4_107_542_399_999,
      1_709_164_800_500, -2_208_988_800_000, 253_402_300_799_999,
    ] as [Int64])
  func timestampsReadBackExactly(_ milliseconds: Int64) throws {
    let text = Timestamp.string(Timestamp.date(milliseconds: milliseconds))
    #expect(text.count >= 24 && text.hasSuffix("Z"))
    #expect(text.dropLast().suffix(3) == Substring(String(format: "%03d", (milliseconds % 1000 + 1000) % 1000)))
    let parsed = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    #expect(Timestamp.milliseconds(parsed) == milliseconds)
  }

  @Test func aKnownInstant() {
    #expect(Timestamp.string(Timestamp.date(milliseconds: 1_780_000_000_123)) == "2026-05-28T20:26:40.123Z")
    #expect(Timestamp.string(Timestamp.date(milliseconds: -1)) == "1969-12-31T23:59:59.999Z")
  }

  static let awkward: [String: Value] = [
    "quote": .string("say \"hi\"\\ now"), "lines": .string("a\nb\tc\r\u{1}\u{8}\u{c}"),
    "unicode": .string("grüße 🚀 /path"), "empty": .string(""), "n": .int(-42), "flag": .bool(false),
    "testers": .set(["u-2", "u-1"]), "list": .list([.int(1), .null, .set(["x"])]),
    "configuration": .map(["$weird": .string("kept"), "entry": .map(["deep": .list([])])]),
  ]

  /// An object of one member and a set of one element (most params) are written by a shorter
  /// path: the same text as the general one, escapes included, and read back as they went in.
  @Test(arguments: [
    (["testers": Value.set(["u-\"1\n"])], #"{"testers":{"$set":["u-\"1\n"]}}"#, #"{"testers":["u-\"1\n"]}"#),
    (["note": .string("é")], #"{"note":"é"}"#, #"{"note":"é"}"#),
    (["tags": .set(["b", "a"])], #"{"tags":{"$set":["a","b"]}}"#, #"{"tags":["a","b"]}"#),
    ([:], "{}", "{}"),
  ])
  func smallObjectsAndSets(values: [String: Value], tagged: String, plain: String) throws {
    #expect(JSONText.encode(.map(values), style: .tagged) == tagged)
    #expect(JSONText.encode(.map(values), style: .plain) == plain)
    #expect(try StoredValueCoding.decode(tagged) == values)
  }

  /// Stored values read back as the same cases, however awkward the strings.
  @Test func storedValuesRoundTrip() throws {
    let text = StoredValueCoding.encode(Self.awkward)
    #expect(try StoredValueCoding.decode(text) == Self.awkward)
  }

  /// The plain form is JSON that Foundation reads, with the same strings and sets as sorted arrays.
  @Test func plainJSONIsReadableJSON() throws {
    let text = JSONText.encode(.map(Self.awkward))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["quote"] as? String == "say \"hi\"\\ now")
    #expect(object["lines"] as? String == "a\nb\tc\r\u{1}\u{8}\u{c}")
    #expect(object["unicode"] as? String == "grüße 🚀 /path")
    #expect(object["testers"] as? [String] == ["u-1", "u-2"])
    #expect(object["n"] as? Int == -42)
    #expect(text.hasPrefix("{\"configuration\":{\"$weird\":\"kept\","))
  }

  /// Every character JSON escapes, at each offset of the eight-byte words the writer skips
  /// whole, beside clean ASCII and UTF-8: Foundation reads back the same string.
  @Test(arguments: ["\"", "\\", "\n", "\u{0}", "\u{1f}", "é", "🚀", "\u{7f}"])
  func escapesAtEveryOffset(_ special: String) throws {
    for length in 0..<20 {
      for offset in 0...length {
        var text = String(repeating: "a", count: length)
        text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: offset))
        let json = JSONText.encode(.list([.string(text)]))
        let read = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
        #expect(read == [text], "\(json)")
      }
    }
  }

  /// Whole numbers are written digit by digit, the extremes included.
  @Test(arguments: [0, 7, -7, 10, -10, 1_234_567_890, Int.max, Int.min])
  func integersAsDecimal(_ number: Int) {
    #expect(JSONText.encode(.int(number)) == String(number))
  }

  /// Maps whose only key is a tag word are wrapped when written, and come back as maps.
  @Test(arguments: ["$map", "$set"])
  func aMapKeyedByATagWordRoundTrips(_ key: String) throws {
    let values: [String: Value] = [
      "only": .map([key: .map(["a": .int(1)])]), "nested": .map([key: .map([key: .list([.string("x")])])]),
      "set": .map([key: .set(["y"])]),
    ]
    #expect(try StoredValueCoding.decode(StoredValueCoding.encode(values)) == values)
  }

  /// JSON as other writers spell it (spacing, escapes, surrogate pairs) reads as the same value.
  @Test(
    arguments: [
      (" { \"a\" : [ 1 , -2 , true , null ] }\n", Value.map(["a": .list([.int(1), .int(-2), .bool(true), .null])])),
      (#""\u00fc\ud83d\ude80\/\b\f""#, .string("ü🚀/\u{8}\u{c}")),
      ("9223372036854775807", .int(Int.max)),
      ("-9223372036854775808", .int(Int.min)),
      (#"{"$set": ["b", "a"]}"#, .map(["$set": .list([.string("b"), .string("a")])])),
      ("[]", .list([])),
      ("{}", .map([:])),
    ])
  func foreignJSONReads(_ text: String, _ expected: Value) throws {
    #expect(try JSONValueReader.read(text) == expected)
  }

  /// Text that is not one whole-number JSON value is refused at the byte where it goes wrong.
  @Test(
    arguments: [
      ("", 0), ("{", 1), (#"{"a" 1}"#, 5), ("[1,]", 3), ("1.5", 0), ("2e3", 0), ("9223372036854775808", 0),
      ("\"tab\u{9}in\"", 4), (#""\x""#, 1), (#""\ud800""#, 7), ("nul", 0), ("[1] 2", 4), (#"{"$set":[1]}"#, 0),
    ])
  func badJSONIsRefusedWhereItGoesWrong(_ text: String, _ offset: Int) {
    let style: JSONText.Style = text.contains("$set") ? .tagged : .plain
    #expect(throws: JSONValueReader.Failure.self) { try JSONValueReader.read(text, style: style) }
    do {
      _ = try JSONValueReader.read(text, style: style)
    } catch {
      #expect(error.offset == offset, "\(text): \(error)")
    }
  }
}

import RunwayEngine
import RunwayModel
import Testing

/// An object written member by member, and then with a few members written again, is the same
/// text, byte for byte, as the whole object written at once (what stores compare and read).
@Suite("JSON object text")
struct JSONObjectTextTests {
  static let fields: [String: Value] = [
    "miniProgram": .string("p0"), "version": .string("1.0.0"), "targetApp": .string("superpay"),
    "testers": .set(["u-2", "u-1"]), "grayscalePercent": .int(0), "note": .string("say \"hi\"\n"),
    "configuration": .map(["$weird": .string("kept"), "entry": .map(["deep": .list([.int(1), .null])])]),
    "Zebra": .bool(true), "ünïcode": .string("grüße 🚀"),
  ]

  @Test(arguments: [JSONText.Style.plain, .tagged])
  func writtenWholeIsWhatJSONTextWrites(style: JSONText.Style) throws {
    let object = try #require(JSONObjectText(Self.fields, style: style))
    #expect(object.text == JSONText.encode(.map(Self.fields), style: style))
    #expect(JSONObjectText([:], style: style)?.text == "{}")
  }

  /// Each change: the names it changes and the values after it (a missing name is removed).
  static let changes: [([String], [String: Value?])] = [
    (["testers"], ["testers": .set(["u-9"])]),
    (["grayscalePercent", "testers"], ["grayscalePercent": .int(50), "testers": .set([])]),
    (["note"], ["note": nil]),
    (["Zebra", "ünïcode", "miniProgram"], ["Zebra": .bool(false), "ünïcode": nil, "miniProgram": .string("p\"1\\")]),
    (["configuration"], ["configuration": .map(["$set": .int(1)])]),
    ([], [:]),
    (["absent"], [:]),
    // One name at either end of the sorted keys, and one removed from the front.
    (["Zebra"], ["Zebra": .bool(false)]),
    (["ünïcode"], ["ünïcode": .string("ok")]),
    (["Zebra"], ["Zebra": nil]),
  ]

  @Test(arguments: changes)
  func replacingMembersIsWritingTheWholeAgain(changed: [String], values: [String: Value?]) throws {
    var after = Self.fields
    for (name, value) in values { after[name] = value }
    for style in [JSONText.Style.plain, .tagged] {
      let before = try #require(JSONObjectText(Self.fields, style: style))
      let replaced = try #require(before.replacing(changed, in: after, style: style))
      #expect(replaced.text == JSONText.encode(.map(after), style: style))
      // And again from the replaced one: the members' places were kept right.
      var further = after
      further["testers"] = .set(["u-3", "u-4"])
      let again = try #require(replaced.replacing(["testers"], in: further, style: style))
      #expect(again.text == JSONText.encode(.map(further), style: style))
    }
  }

  /// A name that is not a member yet has no place: the caller writes the object whole.
  @Test func aNewMemberIsNotSpliced() throws {
    let before = try #require(JSONObjectText(Self.fields, style: .tagged))
    var after = Self.fields
    after["aNewField"] = .int(1)
    #expect(before.replacing(["aNewField"], in: after, style: .tagged) == nil)
  }

  /// A tagged map with a key starting with `$` is wrapped (`{"$map": …}`): not an object of members.
  @Test func aWrappedMapIsNotAnObjectOfMembers() {
    #expect(JSONObjectText(["$odd": .int(1)], style: .tagged) == nil)
    #expect(JSONObjectText(["$odd": .int(1)], style: .plain)?.text == #"{"$odd":1}"#)
  }
}

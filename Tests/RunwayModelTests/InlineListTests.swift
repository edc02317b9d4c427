import Foundation
import RunwayModel
import Testing

/// A transition's lists keep one element in place (docs/benchmarks.md, "W3, loading"); they
/// must still read, compare, hash and encode as the arrays they replaced, whichever way a
/// list of the same elements was built.
@Suite("Inline list")
struct InlineListTests {
  static func references(_ count: Int) -> [Reference] {
    (0..<count).map { Reference("r\($0)", at: SourceLocation(file: "w.yaml", line: $0 + 1, column: 3)) }
  }

  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  @Test(arguments: [0, 1, 2, 3])
  func readsAsItsArray(count: Int) {
    let array = Self.references(count)
    let list = InlineList(array)
    #expect(list.count == count && list.isEmpty == (count == 0))
    #expect(Array(list) == array && list.array == array)
    #expect(list.map(\.name) == array.map(\.name))
    for index in array.indices { #expect(list[index] == array[index]) }
    #expect(list.description == array.description)
  }

  @Test(arguments: [0, 1, 2, 3])
  func encodesAsItsArrayAndDecodesBack(count: Int) throws {
    let array = Self.references(count)
    let list = InlineList(array)
    #expect(try Self.json(list) == Self.json(array))
    let decoded = try JSONDecoder().decode(InlineList<Reference>.self, from: Data(try Self.json(array).utf8))
    #expect(decoded == list && Array(decoded) == array)
  }

  /// A stored definition and its digest are the JSON of the declared transition: it must not
  /// change with the lists' storage.
  @Test func aTransitionEncodesAsWithArrays() throws {
    let place = SourceLocation(file: "w.yaml", line: 7, column: 5)
    let transition = Transition(
      event: "go", from: .states([Reference("a", at: place)]),
      to: [Choice(state: Reference("b", at: place), location: place)], allow: [Reference("admin", at: place)],
      set: [Assignment(field: Reference("count", at: place), value: ExpressionSource("count + 1", at: place))],
      location: place)
    let at = #""location":{"column":5,"file":"w.yaml","line":7}"#
    let reference = { (name: String) in #"{"# + at + #","name":"\#(name)"}"# }
    let expected =
      #"{"allow":["# + reference("admin") + #"],"event":"go","from":{"states":{"_0":["# + reference("a")
      + #"]}},"# + at + #","notify":[],"params":[],"set":[{"field":"# + reference("count")
      + #","value":{"# + at + #","text":"count + 1"}}],"to":[{"# + at + #","state":"# + reference("b") + "}]}"
    #expect(try Self.json(transition) == expected)
    #expect(try JSONDecoder().decode(Transition.self, from: Data(expected.utf8)) == transition)
  }

  @Test func listsOfTheSameElementsAreEqualHoweverBuilt() {
    let two = Self.references(2)
    var grown: InlineList<Reference> = []
    grown.append(two[0])
    #expect(grown == InlineList([two[0]]) && grown.hashValue == InlineList([two[0]]).hashValue)
    grown.append(two[1])
    #expect(grown == InlineList(two) && grown.hashValue == InlineList(two).hashValue)
    grown.removeLast()
    #expect(grown == InlineList([two[0]]) && grown.hashValue == InlineList([two[0]]).hashValue)
    #expect(grown != InlineList(two) && grown != [])
  }

  @Test func aCopyChangesApartFromItsOriginal() {
    let original = InlineList(Self.references(2))
    var copy = original
    copy[1] = Reference("changed", at: original[1].location)
    #expect(original[1].name == "r1" && copy[1].name == "changed")
    var single = InlineList(Self.references(1))
    let kept = single
    single[0].name = "changed"
    single.append(Reference("more", at: kept[0].location))
    #expect(kept.map(\.name) == ["r0"] && single.map(\.name) == ["changed", "more"])
  }
}

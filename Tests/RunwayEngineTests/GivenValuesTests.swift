import RunwayModel
import Testing

@testable import RunwayEngine

/// Params given as values (`fire(params:)`) are checked as given as inputs of `.value`
/// (`InputValue.typed`): the same values, or the same refusal, for every pair of a value and a
/// declared type; and the dictionary passed in comes back when nothing was coerced.
@Suite("Params given as values")
struct GivenValuesTests {
  static let values: [Value] = [
    .null, .bool(true), .int(7), .string("u-1"), .set(["u-1", "u-2"]), .list([.string("a"), .string("b")]),
    .list([.int(1)]), .map(["k": .string("v")]),
  ]
  static let types: [ValueType] = [
    .string, .int, .bool, .set, .map, .duration, .enumeration(["u-1", "7"]), .ref("miniPrograms"),
  ]

  static func outcome(_ check: () throws(EngineError) -> [String: Value]) -> Result<[String: Value], EngineError> {
    do { return .success(try check()) } catch { return .failure(error) }
  }

  @Test(arguments: types)
  func asValuesIsAsInputs(type: ValueType) {
    for value in Self.values {
      let given = ["p": value, "free": .string("x")]
      let declared: (String) -> ValueType? = { $0 == "p" ? type : nil }
      let asValues = Self.outcome { () throws(EngineError) in try InputValue.coerced(given, declared: declared) }
      let asInputs = Self.outcome { () throws(EngineError) in
        try InputValue.typed(given.mapValues(InputValue.value), declared: declared)
      }
      switch (asValues, asInputs) {
      case (.success(let one), .success(let other)): #expect(one == other, "\(value) as \(type)")
      case (.failure(let one), .failure(let other)): #expect(one.message == other.message, "\(value) as \(type)")
      default: Issue.record("\(value) as \(type): \(asValues) but \(asInputs)")
      }
    }
  }

  /// Two refused at once: the first by name, as inputs are.
  @Test func theFirstRefusalIsByName() {
    let given: [String: Value] = ["b": .bool(true), "a": .string("x")]
    let declared: (String) -> ValueType? = { _ in .int }
    let asValues = Self.outcome { () throws(EngineError) in try InputValue.coerced(given, declared: declared) }
    guard case .failure(let error) = asValues else {
      Issue.record("not refused")
      return
    }
    #expect(error.message.hasPrefix("a "))
  }
}

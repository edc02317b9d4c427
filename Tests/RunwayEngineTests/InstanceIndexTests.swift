import RunwayEngine
import RunwayModel
import Testing

/// The field index a store keeps for `list --where` and rollout: short strings only, and
/// rewritten only when one of them changes.
@Suite struct InstanceIndexTests {
  static let fields: [String: Value] = [
    "miniProgram": .string("shop"), "environment": .string("production"), "testers": .set(["u-1"]),
    "grayscalePercent": .int(0), "notes": .string(String(repeating: "x", count: InstanceIndex.maximumLength + 1)),
  ]

  @Test func onlyShortStringsAreIndexedInNameOrder() {
    #expect(
      InstanceIndex.entries(Self.fields) == [
        .init(field: "environment", value: "production"), .init(field: "miniProgram", value: "shop"),
      ])
  }

  @Test func aChangeOfNoIndexedValueRewritesNothing() {
    var next = Self.fields
    next["testers"] = .set(["u-1", "u-2"])
    next["grayscalePercent"] = .int(10)
    #expect(InstanceIndex.changed(from: Self.fields, to: next) == nil)
    next["notes"] = .string(String(repeating: "y", count: InstanceIndex.maximumLength + 1))
    #expect(InstanceIndex.changed(from: Self.fields, to: next) == nil)
  }

  @Test(arguments: ["set", "remove", "add"])
  func aChangedStringRewritesTheEntries(_ change: String) {
    var next = Self.fields
    switch change {
    case "set": next["environment"] = .string("sandbox")
    case "remove": next["environment"] = nil
    default: next["rejectionReason"] = .string("blurry")
    }
    #expect(InstanceIndex.changed(from: Self.fields, to: next) == InstanceIndex.entries(next))
  }

  /// What a fire notes as it sets each field (`Engine.decide`): a move of an indexed value.
  @Test(arguments: [
    (Value?.some(.string("shop")), Value?.some(.string("cafe")), true),
    (.some(.string("shop")), nil, true),
    (.some(.string("shop")), .some(.null), true),
    (nil, .some(.string("shop")), true),
    (.some(.string("shop")), .some(.string("shop")), false),
    (.some(.set(["u-1"])), .some(.set(["u-2"])), false),
    (.some(.int(0)), .some(.int(10)), false),
    (nil, .some(.null), false),
    (
      .some(.string(String(repeating: "x", count: InstanceIndex.maximumLength + 1))),
      .some(.string(String(repeating: "y", count: InstanceIndex.maximumLength + 1))), false
    ),
    (.some(.string(String(repeating: "x", count: InstanceIndex.maximumLength + 1))), .some(.string("short")), true),
  ])
  func aFieldMovesTheIndexOnlyThroughAnIndexedValue(_ old: Value?, _ new: Value?, _ moves: Bool) {
    #expect(InstanceIndex.moves(from: old, to: new) == moves)
  }
}

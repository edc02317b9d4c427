import RunwayModel

/// Fixed names and values an expression may use under fuzzing: one field, param and setting
/// of every type, and a small directory.
struct FuzzContext: EvaluationContext {
  static let fields: [String: ValueType] = [
    "program": .ref("miniPrograms"), "label": .string, "share": .int, "people": .set,
    "tier": .enumeration(["gold", "silver"]), "config": .map, "paused": .bool,
  ]
  static let params: [String: ValueType] = ["percent": .int, "testers": .set, "reason": .string]
  static let settings: [String: ValueType] = ["reviewRequired": .bool, "limit": .int]

  let directory = Directory(
    records: [
      "apps": ["superpay": ["name": .string("SuperPay")]], "merchants": ["acme": ["name": .string("Acme")]],
      "miniPrograms": [
        "shop": [
          "name": .string("Shop"), "merchant": .string("acme"), "versions": .set(["1.0.0"]),
          "configuration": .map(["a": .int(1)]),
        ]
      ],
    ],
    actors: ["alice": Actor(name: "Alice", email: "alice@acme.example")])

  func fieldValue(_ name: String) -> Value {
    switch name {
    case "program": return .string("shop")
    case "label": return .string("label")
    case "share": return .int(Int.max)
    case "people": return .set(["u-1", "u-2"])
    case "tier": return .string("gold")
    case "config": return .map(["theme": .string("dark")])
    case "paused": return .bool(false)
    default: return .null
    }
  }

  func paramValue(_ name: String) -> Value {
    switch name {
    case "percent": return .int(Int.min)
    case "testers": return .set(["u-3"])
    case "reason": return .string("")
    default: return .null
    }
  }

  func settingValue(_ name: String) -> Value { name == "limit" ? .int(3) : .bool(true) }
  var actorID: String { "alice" }
  var stateName: String { "open" }
  func attribute(_ name: String, of kind: String, id: String) -> Value? {
    directory.attribute(name, of: kind, id)
  }
}

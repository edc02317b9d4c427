import RunwayModel

/// A field or param value as a page shows it: a map as its entries, anything else as the
/// CLI prints it. Secrets arrive masked already (docs/secrets.md).
struct DisplayedValue: Sendable {
  struct Entry: Sendable {
    var key: String
    var value: String
  }

  var name: String
  var label: String
  var text: String
  var entries: [Entry]
  /// Stored, not computed: Mustache reads values by reflection.
  var isMap: Bool

  init(name: String, label: String? = nil, _ value: Value) {
    self.name = name
    self.label = label ?? name
    if case .map(let members) = value, !members.isEmpty {
      entries = members.keys.sorted().map { Entry(key: $0, value: members[$0]?.display ?? "") }
      text = ""
      isMap = true
    } else {
      isMap = false
      entries = []
      text = value.display
    }
  }
}

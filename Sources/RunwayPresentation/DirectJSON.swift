import RunwayModel

/// A JSON shape that writes the text `JSONPresentation.data(self, pretty: false)` would
/// produce (keys sorted, absent optionals left out) straight into a `JSONText`, without
/// `JSONEncoder`: what requests answer with on the hot paths (docs/benchmarks.md, W7).
public protocol DirectJSON: Encodable {
  /// Appends this value's compact JSON.
  func write(to json: inout JSONText)
}

extension DirectJSON {
  /// This value's compact JSON text.
  public var text: String {
    var json = JSONText()
    write(to: &json)
    return json.text
  }

  /// The compact JSON text of a list of these.
  public static func text(_ items: [Self]) -> String {
    var json = JSONText()
    json.array(items) { json, item in item.write(to: &json) }
    return json.text
  }
}

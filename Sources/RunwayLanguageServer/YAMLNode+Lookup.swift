import RunwayModel
import RunwayYAML

extension YAMLNode {
  /// The value of `key` when this is a mapping that has it.
  subscript(key: String) -> YAMLNode? { pair(key)?.value }

  /// The pair of `key` with where the key is written.
  func pair(_ key: String) -> (key: String, keyLocation: SourceLocation, value: YAMLNode)? {
    guard case .mapping(let pairs, _) = self else { return nil }
    return pairs.first { $0.key == key }
  }

  /// The pairs of a mapping, none for anything else.
  var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] {
    if case .mapping(let pairs, _) = self { return pairs }
    return []
  }

  /// A scalar's text and where its content starts.
  var scalar: (text: String, location: SourceLocation)? {
    if case .scalar(let text, _, _, let content) = self { return (text, content) }
    return nil
  }
}

import RunwayModel

/// The field values a store indexes so that `list --where` and rollout find instances in SQL:
/// every top-level field holding a short string (strings, enums and refs), by name and value.
public enum InstanceIndex {
  /// One indexed value.
  public struct Entry: Sendable, Hashable {
    public var field: String
    public var value: String
    public init(field: String, value: String) {
      self.field = field
      self.value = value
    }
  }

  /// Longer strings are not indexed: they are free text, never a filter.
  public static let maximumLength = 200

  /// The indexed entries of `fields`, sorted by field name.
  public static func entries(_ fields: [String: Value]) -> [Entry] {
    fields.compactMap { name, value -> Entry? in
      guard case .string(let text) = value, text.utf8.count <= maximumLength else { return nil }
      return Entry(field: name, value: text)
    }.sorted { $0.field < $1.field }
  }

  /// The entries after a change from `old` to `new`, or nil when no indexed value changed.
  /// (A fire notes this as it sets each field, `moves(from:to:)`.)
  public static func changed(from old: [String: Value], to new: [String: Value]) -> [Entry]? {
    // The index changes exactly when a field's indexed value does: no need to build the old
    // entries to compare.
    let moved = Set(old.keys).union(new.keys).contains { moves(from: old[$0], to: new[$0]) }
    return moved ? entries(new) : nil
  }

  /// Whether a field going from `old` to `new` (nil or null: absent) changes the index.
  public static func moves(from old: Value?, to new: Value?) -> Bool {
    indexed(old) != indexed(new)
  }

  /// The text a field's value is indexed as, nil when it is not indexed.
  private static func indexed(_ value: Value?) -> String? {
    guard case .string(let text) = value, text.utf8.count <= maximumLength else { return nil }
    return text
  }

  /// Whether a query value can be answered by the index.
  public static func indexes(_ value: Value) -> Bool {
    guard case .string(let text) = value else { return false }
    return text.utf8.count <= maximumLength
  }
}

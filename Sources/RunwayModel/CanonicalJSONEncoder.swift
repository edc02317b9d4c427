/// Encodes a definition to the canonical JSON its digest is taken over: keys sorted, no
/// whitespace, source locations left out. The output is the same text Foundation's
/// `JSONEncoder` gives with `.sortedKeys` and `.withoutEscapingSlashes` (a test holds it to
/// that), in a fraction of the time: every command that loads a workflow computes a digest.
public enum CanonicalJSONEncoder {
  /// The canonical JSON text of `value`.
  public static func encode(_ value: some Encodable) throws -> String {
    let root = Slot()
    try value.encode(to: TreeEncoder(slot: root))
    var writer = JSONText()
    root.write(to: &writer)
    return writer.text
  }

  /// One JSON value under construction; containers hand out slots for their members and
  /// items and fill them in place (a class, so nothing is copied while the tree grows).
  final class Slot {
    enum Kind { case null, literal, string, array, object }
    var kind = Kind.null
    /// The text of a literal (number, `true`, `false`) or a string.
    var text = ""
    var items: [Slot] = []
    var members: [String: Slot] = [:]

    func write(to writer: inout JSONText) {
      switch kind {
      case .null: writer.raw("null")
      case .literal: writer.raw(text)
      case .string: writer.string(text)
      case .array: writer.array(items) { $1.write(to: &$0) }
      case .object: writer.object(members) { $1.write(to: &$0) }
      }
    }
  }

  struct TreeEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [.canonicalForm: true] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      slot.kind = .object
      return KeyedEncodingContainer(Keyed<Key>(slot: slot))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      slot.kind = .array
      return Unkeyed(slot: slot)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot) }
  }

  /// Stores a primitive or encodes a nested value into `slot`.
  static func store(_ value: some Encodable, in slot: Slot) throws {
    switch value {
    case let text as String:
      slot.kind = .string
      slot.text = text
    case let flag as Bool:
      slot.kind = .literal
      slot.text = flag ? "true" : "false"
    case let number as any BinaryInteger:
      slot.kind = .literal
      slot.text = String(describing: number)
    default: try value.encode(to: TreeEncoder(slot: slot))
    }
  }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [any CodingKey] { [] }

    func member(_ key: Key) -> Slot {
      let member = Slot()
      slot.members[key.stringValue] = member
      return member
    }

    mutating func encodeNil(forKey key: Key) throws { _ = member(key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try store(value, in: member(key)) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
      -> KeyedEncodingContainer<NestedKey>
    {
      TreeEncoder(slot: member(key)).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      TreeEncoder(slot: member(key)).unkeyedContainer()
    }
    // Not used by Runway's types; a super encoder's output is dropped.
    mutating func superEncoder() -> any Encoder { TreeEncoder(slot: Slot()) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(slot: member(key)) }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey] { [] }
    var count: Int { slot.items.count }

    func item() -> Slot {
      let item = Slot()
      slot.items.append(item)
      return item
    }

    mutating func encodeNil() throws { _ = item() }
    mutating func encode<T: Encodable>(_ value: T) throws { try store(value, in: item()) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
      -> KeyedEncodingContainer<NestedKey>
    {
      TreeEncoder(slot: item()).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      TreeEncoder(slot: item()).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(slot: item()) }
  }

  struct Single: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil() throws { slot.kind = .null }
    mutating func encode<T: Encodable>(_ value: T) throws { try store(value, in: slot) }
  }
}

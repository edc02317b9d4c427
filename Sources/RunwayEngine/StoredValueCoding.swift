import RunwayModel

/// A lossless JSON form of values for stores: plain JSON, except that a set is written
/// `{"$set": [...]}` and a map with a key starting with `$` is wrapped as `{"$map": {...}}`,
/// so sets, lists and maps all come back as they went in.
public enum StoredValueCoding {
  public static func encode(_ values: [String: Value]) -> String {
    JSONText.encode(.map(values), style: .tagged)
  }

  /// `encode`'s text as UTF-8 bytes, for a store that binds bytes (no `String` made).
  public static func encodedBytes(_ values: [String: Value]) -> [UInt8] {
    var writer = JSONText()
    writer.value(.map(values), style: .tagged)
    return writer.bytes
  }

  public static func decode(_ text: String) throws(StoreError) -> [String: Value] {
    guard case .map(let map) = try? JSONValueReader.read(text, style: .tagged) else {
      throw .corrupt("stored values cannot be read back: \(text.prefix(80))")
    }
    return map
  }
}

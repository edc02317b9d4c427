import Foundation
import RunwayModel

/// A lossless JSON form of values for stores: plain JSON, except that a set is written
/// `{"$set": [...]}` and a map with a key starting with `$` is wrapped as `{"$map": {...}}`,
/// so sets, lists and maps all come back as they went in.
public enum StoredValueCoding {
  public static func encode(_ values: [String: Value]) -> String {
    JSONText.encode(.map(values), style: .tagged)
  }

  public static func decode(_ text: String) throws(StoreError) -> [String: Value] {
    guard let tagged = try? JSONDecoder().decode(Tagged.self, from: Data(text.utf8)),
      case .map(let map) = tagged.value
    else { throw .corrupt("stored values cannot be read back: \(text.prefix(80))") }
    return map
  }

  /// Reads the tagged form back (`JSONText` writes it).
  struct Tagged: Decodable {
    var value: Value

    private struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(_ string: String) { stringValue = string }
      init?(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
      if let keyed = try? decoder.container(keyedBy: Key.self) {
        let keys = keyed.allKeys.map(\.stringValue)
        if keys == ["$set"] {
          value = .set(Set(try keyed.decode([String].self, forKey: Key("$set"))))
        } else if keys == ["$map"] {
          value = .map(try keyed.decode([String: Tagged].self, forKey: Key("$map")).mapValues(\.value))
        } else {
          var map: [String: Value] = [:]
          for key in keyed.allKeys { map[key.stringValue] = try keyed.decode(Tagged.self, forKey: key).value }
          value = .map(map)
        }
      } else if var unkeyed = try? decoder.unkeyedContainer() {
        var list: [Value] = []
        while !unkeyed.isAtEnd { list.append(try unkeyed.decode(Tagged.self).value) }
        value = .list(list)
      } else {
        value = try Value(from: decoder)
      }
    }
  }
}

import Foundation
import RunwayModel

/// The directory as rows of (kind, id, JSON body), the way database stores keep it: a
/// record's body is the map of its attributes, an actor's its name, email and memberships.
public enum DirectoryRecords {
  /// One row per record.
  public static func rows(_ directory: Directory) -> [(kind: String, id: String, body: String)] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var rows: [(kind: String, id: String, body: String)] = []
    func add<T: Encodable>(_ kind: String, _ items: [String: T]) {
      for (id, item) in items {
        rows.append((kind, id, String(decoding: (try? encoder.encode(item)) ?? Data("{}".utf8), as: UTF8.self)))
      }
    }
    for (kind, records) in directory.records { add(kind, records) }
    add(EntityKind.actors.name, directory.actors)
    return rows
  }

  /// The directory read back from rows; `store` names the store in the error.
  public static func directory(_ rows: [(kind: String, id: String, body: String)], store: String) throws(StoreError)
    -> Directory
  {
    // Read with the engine's JSON reader, not Foundation's decoder: every command reads the
    // records around its instance, and `Codable` was a few percent of a `runway fire` (W2).
    var directory = Directory()
    for row in rows {
      let corrupt = StoreError.corrupt("the directory record \(row.kind)/\(row.id) in \(store) cannot be read back")
      guard case .map(let body)? = try? JSONValueReader.read(row.body) else { throw corrupt }
      if row.kind == EntityKind.actors.name {
        guard let actor = Actor(storedBody: body) else { throw corrupt }
        directory.actors[row.id] = actor
      } else {
        directory.insert(row.kind, row.id, record(body))
      }
    }
    return directory
  }

  /// A stored body as a record. JSON has no sets: a list of strings at the top of a record is
  /// one (the domain has no list type). Bodies written before the domain was configuration
  /// kept undeclared attributes under `extra`; they are attributes like the others.
  static func record(_ body: [String: Value]) -> Directory.Record {
    var record: Directory.Record = [:]
    var flattened = body
    if case .map(let extra) = body["extra"] ?? .null {
      flattened["extra"] = nil
      flattened.merge(extra) { own, _ in own }
    }
    for (name, value) in flattened {
      if case .list(let items) = value, items.allSatisfy({ $0.stringValue != nil }) {
        record[name] = .set(Set(items.compactMap(\.stringValue)))
      } else {
        record[name] = value
      }
    }
    return record
  }
}

extension InstanceQuery {
  /// The instances that match, in the given order, at most `limit` of them.
  public func select(_ instances: some Sequence<Instance>) -> [Instance] {
    var found: [Instance] = []
    for instance in instances where matches(instance) {
      found.append(instance)
      if let limit, found.count >= limit { break }
    }
    return found
  }
}

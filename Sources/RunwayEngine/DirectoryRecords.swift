import Foundation
import RunwayModel

/// The directory as rows of (kind, id, JSON body), the way database stores keep it.
public enum DirectoryRecords {
  /// One row per record.
  public static func rows(_ directory: Directory) -> [(kind: String, id: String, body: String)] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var rows: [(kind: String, id: String, body: String)] = []
    func add<T: Encodable>(_ kind: EntityKind, _ items: [String: T]) {
      for (id, item) in items {
        rows.append(
          (kind.rawValue, id, String(decoding: (try? encoder.encode(item)) ?? Data("{}".utf8), as: UTF8.self)))
      }
    }
    add(.apps, directory.apps)
    add(.merchants, directory.merchants)
    add(.miniPrograms, directory.miniPrograms)
    add(.actors, directory.actors)
    return rows
  }

  /// The directory read back from rows; `store` names the store in the error.
  public static func directory(_ rows: [(kind: String, id: String, body: String)], store: String) throws(StoreError)
    -> Directory
  {
    var directory = Directory()
    let decoder = JSONDecoder()
    for row in rows {
      let body = Data(row.body.utf8)
      do {
        switch EntityKind(rawValue: row.kind) {
        case .apps: directory.apps[row.id] = try decoder.decode(App.self, from: body)
        case .merchants: directory.merchants[row.id] = try decoder.decode(Merchant.self, from: body)
        case .miniPrograms: directory.miniPrograms[row.id] = try decoder.decode(MiniProgram.self, from: body)
        case .actors: directory.actors[row.id] = try decoder.decode(Actor.self, from: body)
        case nil: throw StoreError.corrupt("unknown directory kind \(row.kind)")
        }
      } catch {
        throw .corrupt("the directory record \(row.kind)/\(row.id) in \(store) cannot be read back")
      }
    }
    return directory
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

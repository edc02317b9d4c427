import Foundation
import RunwayModel
import Yams

/// Writes a directory in the shape `DirectoryLoader` reads: the domain's kinds in their
/// declared order, each record's attributes in declared order, sorted by id.
public enum DirectoryExporter {
  public static func yaml(_ directory: Directory, domain: Domain = .standard) -> String {
    var root: [(String, Node)] = []
    func section(_ name: String, _ records: [(String, [(String, Node)])]) {
      let pairs = records.sorted { $0.0 < $1.0 }.map { (Node($0.0), mapping($0.1)) }
      root.append((name, Node(pairs)))
    }
    let undeclared = Set(directory.records.keys).subtracting(domain.kinds.map(\.name)).sorted()
    for name in domain.kinds.map(\.name) + undeclared {
      let order = domain.kind(name)?.attributes.map(\.name) ?? []
      section(
        name,
        directory.records(of: name).map { id, record in
          let declared = order.filter { record[$0] != nil }
          let others = record.keys.filter { !order.contains($0) }.sorted()
          return (id, (declared + others).map { ($0, attribute(record[$0] ?? .null)) })
        })
    }
    section(
      "actors",
      directory.actors.map { id, actor in
        var fields: [(String, Node)] = []
        if let name = actor.name { fields.append(("name", Node(name))) }
        if let email = actor.email { fields.append(("email", Node(email))) }
        let memberships = actor.memberships.map { membership -> Node in
          var pairs: [(String, Node)] = [("workspace", Node(membership.workspace)), ("role", Node(membership.role))]
          if !membership.assigned.isEmpty { pairs.append(("assigned", Node(membership.assigned.map { Node($0) }))) }
          return mapping(pairs)
        }
        fields.append(("memberships", Node(memberships)))
        return (id, fields + extra(actor.extra))
      })
    return (try? Yams.serialize(node: mapping(root), sortKeys: false)) ?? ""
  }

  private static func mapping(_ pairs: [(String, Node)]) -> Node {
    Node(pairs.map { (Node($0.0), $0.1) })
  }

  private static func extra(_ values: [String: Value]) -> [(String, Node)] {
    values.keys.sorted().map { ($0, node(values[$0] ?? .null)) }
  }

  /// A record's attribute: text plain as people write it (`name: Acme Shop`), unless it would
  /// read back as another type; other values as `node` writes them.
  private static func attribute(_ value: Value) -> Node {
    guard case .string(let s) = value, Int(s) == nil, Double(s) == nil,
      !["true", "false", "null", "~", ""].contains(s.lowercased())
    else { return node(value) }
    return Node(s)
  }

  /// A value as a YAML node; strings that would read back as another type are quoted.
  static func node(_ value: Value) -> Node {
    switch value {
    case .null: return Node("null")
    case .bool(let b): return Node(b ? "true" : "false")
    case .int(let i): return Node(String(i))
    case .string(let s): return Node(s, Tag(.str), .doubleQuoted)
    case .set(let s): return Node(s.sorted().map { Node($0, Tag(.str), .doubleQuoted) })
    case .list(let l): return Node(l.map(node))
    case .map(let m): return mapping(m.keys.sorted().map { ($0, node(m[$0] ?? .null)) })
    }
  }
}

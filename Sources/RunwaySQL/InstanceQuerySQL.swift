/// The SELECT of a filtered instance list, written once for both database stores.
///
/// Field conditions go through the `instance_fields` index: the first (the most selective,
/// as the caller orders them) drives the query, joined to `instances`; each other is a
/// point lookup of the same index. `CROSS JOIN` keeps SQLite's planner from scanning
/// `instances` in position order instead (docs/deployment.md, "What a command reads").
public struct InstanceQuerySQL: Sendable {
  /// A positional argument.
  public enum Argument: Sendable, Hashable {
    case text(String)
    case integer(Int)
  }

  public var sql: String
  public var arguments: [Argument]

  /// The query for `columns` (qualified by `i.`), with `?` placeholders and `IN_LIST(?)`.
  public init(
    columns: String, workflow: String?, states: Set<String>?, fields: [(name: String, value: String)], limit: Int?
  ) {
    var conditions: [String] = []
    var arguments: [Argument] = []
    var from = "instances i"
    if let first = fields.first {
      from = "instance_fields f CROSS JOIN instances i"
      conditions.append("f.name = ? AND f.value = ? AND i.id = f.instance_id")
      arguments += [.text(first.name), .text(first.value)]
      for field in fields.dropFirst() {
        conditions.append(
          "EXISTS (SELECT 1 FROM instance_fields g WHERE g.name = ? AND g.value = ? AND g.instance_id = i.id)")
        arguments += [.text(field.name), .text(field.value)]
      }
    }
    if let workflow {
      conditions.append("i.workflow = ?")
      arguments.append(.text(workflow))
    }
    if let states {
      conditions.append("i.state \(StoreSQL.listMarker)")
      arguments.append(.text(StoreSQL.jsonList(states)))
    }
    var sql = "SELECT \(columns) FROM \(from)"
    if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
    sql += " ORDER BY i.position"
    if let limit {
      sql += " LIMIT ?"
      arguments.append(.integer(max(0, limit)))
    }
    self.sql = sql
    self.arguments = arguments
  }
}

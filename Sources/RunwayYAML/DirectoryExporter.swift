import Foundation
import RunwayModel

/// Writes a directory in the shape `DirectoryLoader` reads: the domain's kinds in their
/// declared order, each record's attributes in declared order, sorted by id. Block mappings
/// for the structure; every value a plain scalar when it reads back as the same text, else in
/// JSON's flow syntax, which YAML reads as it is.
public enum DirectoryExporter {
  public static func yaml(_ directory: Directory, domain: Domain = .standard) -> String {
    var lines: [String] = []
    let undeclared = Set(directory.records.keys).subtracting(domain.kinds.map(\.name)).sorted()
    for name in domain.kinds.map(\.name) + undeclared {
      let order = domain.kind(name)?.attributes.map(\.name) ?? []
      let records = directory.records(of: name).sorted { $0.key < $1.key }
      lines.append(key(name) + ":" + (records.isEmpty ? " {}" : ""))
      for (id, record) in records {
        let declared = order.filter { record[$0] != nil }
        let others = record.keys.filter { !order.contains($0) }.sorted()
        lines.append("  " + key(id) + ":" + (record.isEmpty ? " {}" : ""))
        for attribute in declared + others {
          lines.append("    " + key(attribute) + ": " + scalar(record[attribute] ?? .null))
        }
      }
    }
    let actors = directory.actors.sorted { $0.key < $1.key }
    lines.append("actors:" + (actors.isEmpty ? " {}" : ""))
    for (id, actor) in actors {
      lines.append("  " + key(id) + ":")
      if let name = actor.name { lines.append("    name: " + scalar(.string(name))) }
      if let email = actor.email { lines.append("    email: " + scalar(.string(email))) }
      lines.append("    memberships:" + (actor.memberships.isEmpty ? " []" : ""))
      for membership in actor.memberships {
        lines.append("      - workspace: " + scalar(.string(membership.workspace)))
        lines.append("        role: " + scalar(.string(membership.role)))
        if !membership.assigned.isEmpty {
          lines.append("        assigned: " + JSONText.encode(.list(membership.assigned.map(Value.string))))
        }
      }
      for name in actor.extra.keys.sorted() {
        lines.append("    " + key(name) + ": " + scalar(actor.extra[name] ?? .null))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A mapping key: plain when it is a simple name, else quoted.
  static func key(_ text: String) -> String { isPlain(text) ? text : JSONText.encode(.string(text)) }

  /// A value: text plain as people write it (`name: Acme Shop`) when it reads back as the same
  /// text; everything else in JSON's syntax (quoted strings, `[…]`, `{…}`), which YAML reads.
  static func scalar(_ value: Value) -> String {
    if case .string(let text) = value, isPlain(text) { return text }
    if case .set(let elements) = value { return JSONText.encode(.list(elements.sorted().map(Value.string))) }
    return JSONText.encode(value)
  }

  /// Whether `text` reads back from a plain YAML scalar as this very string: letters, digits
  /// and a few inner punctuation marks, not a number, boolean or null in any spelling.
  static func isPlain(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
      CharacterSet.letters.contains(first), last != " "
    else { return false }
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " ./_-()@+"))
    guard text.unicodeScalars.allSatisfy(allowed.contains), !text.contains(" #"), !text.contains(": ") else {
      return false
    }
    let lower = text.lowercased()
    return !["true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan", "inf"].contains(lower)
  }
}

import Foundation
import RunwayModel

/// Reads a directory file: a section per kind the domain declares (apps, merchants, mini
/// programs: docs/domain.md) and the actors. Each record is checked against its kind's
/// attributes; a file with any problem is refused whole, every problem with its place.
public enum DirectoryLoader {
  /// Reads and checks a file; `existing` is the directory already stored, which records in
  /// the file may refer to.
  public static func load(
    path: String, domain: Domain = .standard, existing: Directory = Directory(), limits: LoaderLimits = .standard
  ) throws(DiagnosticError) -> Directory {
    try parse(try FileText.read(path, limits: limits), file: path, domain: domain, existing: existing, limits: limits)
  }

  public static func parse(
    _ text: String, file: String, domain: Domain = .standard, existing: Directory = Directory(),
    limits: LoaderLimits = .standard
  ) throws(DiagnosticError) -> Directory {
    guard let root = try YAMLNode.parse(text, file: file, limits: limits) else { return Directory() }
    return try decode(root, domain: domain, existing: existing)
  }

  /// A directory from a located node (a file's root, or a scenario's inline `directory`).
  static func decode(_ root: YAMLNode, domain: Domain = .standard, existing: Directory = Directory())
    throws(DiagnosticError) -> Directory
  {
    var reader = YAMLReader()
    guard let pairs = reader.mapping(root, "a directory file") else { throw DiagnosticError(reader.diagnostics) }
    reader.checkKeys(pairs, allowed: domain.kindNames, in: "the directory", at: root.location)
    var sections: [String: YAMLReader.Pairs] = [:]
    for name in domain.kindNames {
      guard let node = reader.value(pairs, name) else { continue }
      if case .scalar("", false, _, _) = node { continue }
      sections[name] = reader.mapping(node, "\"\(name)\"") ?? []
    }
    // Records may refer to records further down the file, or already stored.
    var known: [String: Set<String>] = [:]
    for name in domain.kindNames {
      known[name] = Set((sections[name] ?? []).map(\.key)).union(existing.ids(of: name))
    }
    var directory = Directory()
    for kind in domain.kinds {
      for record in sections[kind.name] ?? [] {
        if let decoded = Self.record(record, of: kind, in: domain, known: known, &reader) {
          directory.insert(kind.name, record.key, decoded)
        }
      }
    }
    let actors = ActorReader(domain: domain, known: known)
    for record in sections[EntityKind.actors.name] ?? [] {
      if let actor = actors.actor(record, &reader) { directory.actors[record.key] = actor }
    }
    guard reader.diagnostics.isEmpty else { throw DiagnosticError(reader.diagnostics) }
    return directory
  }

  /// One record's attributes, each checked against its declaration.
  private static func record(
    _ record: (key: String, keyLocation: SourceLocation, value: YAMLNode), of kind: EntityKind, in domain: Domain,
    known: [String: Set<String>], _ reader: inout YAMLReader
  ) -> Directory.Record? {
    let what = "\(kind.noun) \"\(record.key)\""
    refuseControls(record.key, "an id in \"\(kind.name)\"", at: record.keyLocation, &reader)
    guard let fields = reader.mapping(record.value, what) else { return nil }
    var attributes: Directory.Record = [:]
    var written = Set<String>()
    for pair in fields {
      guard let attribute = kind.attribute(pair.key) else {
        let declared = kind.attributes.map(\.name)
        let list = declared.isEmpty ? "it declares none" : "it declares \(declared.joined(separator: ", "))"
        reader.error(
          "a \(kind.noun) has no attribute \"\(pair.key)\"" + Suggestion.hint(for: pair.key, among: declared)
            + "; \(list) (the domain, docs/domain.md)", at: pair.keyLocation)
        continue
      }
      if case .null = reader.value(pair.value) { continue }
      written.insert(pair.key)
      if let value = Self.value(pair.value, as: attribute, of: what, in: domain, known: known, &reader) {
        attributes[pair.key] = value
      }
    }
    for attribute in kind.attributes where attribute.required && !written.contains(attribute.name) {
      reader.error("\(what) needs a \(attribute.name)", at: record.keyLocation)
    }
    return attributes
  }

  /// A value of the attribute's type, or nil after reporting why it is not one.
  private static func value(
    _ node: YAMLNode, as attribute: EntityKind.Attribute, of what: String, in domain: Domain,
    known: [String: Set<String>], _ reader: inout YAMLReader
  ) -> Value? {
    let name = attribute.name
    switch attribute.type {
    case .string:
      guard let text = reader.string(node, name) else { return nil }
      refuseControls(text, "\"\(name)\"", at: node.location, &reader)
      return .string(text)
    case .int: return reader.int(node, name).map(Value.int)
    case .bool: return reader.bool(node, name).map(Value.bool)
    case .duration:
      guard let text = reader.string(node, name) else { return nil }
      guard let period = Period(text) else {
        reader.error("\"\(name)\" must be a duration: " + Period.problem(text), at: node.location)
        return nil
      }
      return .string(period.description)
    case .set:
      guard case .sequence(let items, _) = node else {
        reader.error("\"\(name)\" must be a list, not \(node.kindDescription)", at: node.location)
        return nil
      }
      var elements = Set<String>()
      for item in items {
        guard let text = reader.string(item, "an element of \(name)") else { continue }
        refuseControls(text, "an element of \"\(name)\"", at: item.location, &reader)
        elements.insert(text)
      }
      return .set(elements)
    case .map:
      guard case .map(let map) = reader.value(node) else {
        reader.error("\"\(name)\" must be a mapping, not \(node.kindDescription)", at: node.location)
        return nil
      }
      return .map(map)
    case .enumeration(let values):
      guard let text = reader.string(node, name) else { return nil }
      guard values.contains(text) else {
        reader.error(
          "\"\(name)\" must be one of \(values.joined(separator: ", ")), not \"\(text)\""
            + Suggestion.hint(for: text, among: values), at: node.location)
        return nil
      }
      return .string(text)
    case .ref(let kind):
      guard let id = reader.string(node, name) else { return nil }
      let ids = known[kind] ?? []
      guard ids.contains(id) else {
        reader.error(
          "\(what) refers to \(domain.noun(of: kind)) \"\(id)\" in \"\(name)\", which is neither in this file nor stored"
            + Suggestion.hint(for: id, among: ids), at: node.location)
        return nil
      }
      return .string(id)
    case .null: return nil
    }
  }

  /// Ids, names and versions are printed on one line each (docs/cli.md): a line break or an
  /// escape byte in one would forge output, so the file is refused at its place.
  static func refuseControls(_ text: String, _ what: String, at location: SourceLocation, _ reader: inout YAMLReader) {
    guard let bad = text.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    else { return }
    let name = bad == "\r" ? "a carriage return" : bad == "\n" ? "a line break" : "a control character"
    reader.error("\(what) must be one line of text, but it holds \(name)", at: location)
  }
}

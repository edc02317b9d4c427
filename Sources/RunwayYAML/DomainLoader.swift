import Foundation
import RunwayModel

/// Reads domain.yaml, the file platform teams edit to declare the directory's entity kinds
/// (docs/domain.md). A folder without one gets `Domain.standard`.
public enum DomainLoader {
  /// The names the domain file may have in a workflow folder; the folder's loader skips them.
  public static let fileNames: Set<String> = ["domain.yaml", "domain.yml"]

  static let kindKeys = ["noun", "plural", "workspace", "description", "attributes"]
  static let attributeKeys = ["type", "values", "entity", "required", "description"]

  /// The domain of a workflow folder: its domain.yaml, or the standard one when there is
  /// none. When the file has problems, they are returned with the standard domain.
  public static func load(folder: String, limits: LoaderLimits = .standard) -> (
    domain: Domain, diagnostics: [Diagnostic]
  ) {
    guard let path = path(in: folder) else { return (.standard, []) }
    do { return (try load(path: path, limits: limits), []) } catch { return (.standard, error.diagnostics) }
  }

  /// The domain file of a folder, if it has one.
  public static func path(in folder: String) -> String? {
    fileNames.sorted().map { FilePath.resolved($0, in: folder) }.first {
      FileManager.default.fileExists(atPath: $0)
    }
  }

  /// Reads and checks one domain file.
  public static func load(path: String, limits: LoaderLimits = .standard) throws(DiagnosticError) -> Domain {
    try parse(try FileText.read(path, limits: limits), file: path, limits: limits)
  }

  /// Reads domain text; `file` names it in diagnostics. Any problem refuses the whole file.
  public static func parse(_ text: String, file: String, limits: LoaderLimits = .standard)
    throws(DiagnosticError) -> Domain
  {
    guard let root = try YAMLNode.parse(text, file: file, limits: limits) else {
      throw DiagnosticError([.error("the file is empty", at: SourceLocation(file: file, line: 1, column: 1))])
    }
    var reader = YAMLReader()
    guard let pairs = reader.mapping(root, "a domain file") else { throw DiagnosticError(reader.diagnostics) }
    reader.checkKeys(pairs, allowed: ["kinds"], required: ["kinds"], in: "the domain", at: root.location)
    var kinds: [EntityKind] = []
    var entities: [(kind: String, location: SourceLocation)] = []  // every `entity:` to check
    if let node = reader.value(pairs, "kinds"), let kindPairs = reader.mapping(node, "\"kinds\"") {
      for pair in kindPairs {
        if let kind = Self.kind(pair, &reader, &entities) { kinds.append(kind) }
      }
    }
    let names = kinds.map(\.name) + [EntityKind.actors.name]
    for entity in entities where !names.contains(entity.kind) {
      reader.error(
        "entity must be one of \(names.joined(separator: ", ")), not \"\(entity.kind)\""
          + Suggestion.hint(for: entity.kind, among: names), at: entity.location)
    }
    guard reader.diagnostics.isEmpty else { throw DiagnosticError(reader.diagnostics) }
    return Domain(kinds: kinds)
  }

  private static func kind(
    _ pair: (key: String, keyLocation: SourceLocation, value: YAMLNode), _ reader: inout YAMLReader,
    _ entities: inout [(kind: String, location: SourceLocation)]
  ) -> EntityKind? {
    let name = pair.key
    let what = "kind \"\(name)\""
    reader.checkName(name, kebab: false, "kind", at: pair.keyLocation)
    if name == EntityKind.actors.name {
      reader.error("actors are built in (memberships are the engine's); declare only other kinds", at: pair.keyLocation)
      return nil
    }
    guard let fields = reader.mapping(pair.value, what) else { return nil }
    reader.checkKeys(fields, allowed: kindKeys, required: ["noun"], in: what, at: pair.keyLocation)
    var kind = EntityKind(
      name: name, noun: reader.string(reader.value(fields, "noun"), "noun") ?? name,
      plural: reader.string(reader.value(fields, "plural"), "plural"),
      isWorkspace: reader.bool(reader.value(fields, "workspace"), "workspace") ?? false, location: pair.keyLocation)
    guard let node = reader.value(fields, "attributes") else { return kind }
    if case .scalar("", false, _, _) = node { return kind }
    for attribute in reader.mapping(node, "the attributes of \(what)") ?? [] {
      let owner = "attribute \"\(attribute.key)\" of \(what)"
      reader.checkName(attribute.key, kebab: false, "attribute", at: attribute.keyLocation)
      if attribute.key == "id" {
        reader.error("\"id\" is every record's key and is not declared as an attribute", at: attribute.keyLocation)
        continue
      }
      guard let attributePairs = reader.mapping(attribute.value, owner) else { continue }
      reader.checkKeys(attributePairs, allowed: attributeKeys, required: ["type"], in: owner, at: attribute.keyLocation)
      guard let type = reader.valueType(attributePairs, owner, at: attribute.keyLocation, kinds: nil) else { continue }
      if case .ref(let target) = type, let entity = reader.value(attributePairs, "entity") {
        entities.append((target, entity.location))
      }
      kind.attributes.append(
        EntityKind.Attribute(
          attribute.key, type, required: reader.bool(reader.value(attributePairs, "required"), "required") ?? false,
          location: attribute.keyLocation))
    }
    return kind
  }
}

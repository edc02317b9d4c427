import Foundation
import RunwayModel

/// Reads a directory file (apps, merchants, mini programs, actors). A file with any problem
/// is refused whole, every problem with its line and column.
public enum DirectoryLoader {
  static let sections = ["apps", "merchants", "miniPrograms", "actors"]

  /// Reads and checks a file; `existing` is the directory already stored, which records in
  /// the file may refer to.
  public static func load(path: String, existing: Directory = Directory(), limits: LoaderLimits = .standard)
    throws(DiagnosticError) -> Directory
  {
    try parse(try FileText.read(path, limits: limits), file: path, existing: existing, limits: limits)
  }

  public static func parse(
    _ text: String, file: String, existing: Directory = Directory(), limits: LoaderLimits = .standard
  ) throws(DiagnosticError) -> Directory {
    guard let root = try YAMLNode.parse(text, file: file, limits: limits) else { return Directory() }
    return try decode(root, existing: existing)
  }

  /// A directory from a located node (a file's root, or a scenario's inline `directory`).
  static func decode(_ root: YAMLNode, existing: Directory = Directory()) throws(DiagnosticError) -> Directory {
    var reader = YAMLReader()
    var directory = Directory()
    guard let pairs = reader.mapping(root, "a directory file") else { throw DiagnosticError(reader.diagnostics) }
    reader.checkKeys(pairs, allowed: sections, in: "the directory", at: root.location)
    func records(_ section: String) -> YAMLReader.Pairs {
      guard let node = reader.value(pairs, section) else { return [] }
      if case .scalar("", false, _, _) = node { return [] }
      return reader.mapping(node, "\"\(section)\"") ?? []
    }
    // Ids, names and versions are printed on one line each (docs/cli.md): a line break or
    // an escape byte in one would forge output, so the file is refused at its place.
    for section in sections {
      guard case .mapping(let sectionRecords, _) = reader.value(pairs, section) else { continue }
      for record in sectionRecords {
        refuseControls(record.key, "an id in \"\(section)\"", at: record.keyLocation, &reader)
        guard case .mapping(let fields, _) = record.value else { continue }
        for field in fields where ["name", "merchant", "email"].contains(field.key) {
          if case .scalar(let text, _, _, _) = field.value {
            refuseControls(text, "\"\(field.key)\"", at: field.value.location, &reader)
          }
        }
        if let versions = fields.first(where: { $0.key == "versions" })?.value, case .sequence(let items, _) = versions
        {
          for item in items {
            if case .scalar(let text, _, _, _) = item { refuseControls(text, "a version", at: item.location, &reader) }
          }
        }
      }
    }
    var locations: [String: SourceLocation] = [:]  // "kind/id" → where it is declared
    for record in records("apps") {
      guard let fields = reader.mapping(record.value, "app \"\(record.key)\"") else { continue }
      let name = reader.string(reader.value(fields, "name"), "name")
      if name == nil { reader.error("app \"\(record.key)\" needs a name", at: record.keyLocation) }
      directory.apps[record.key] = App(name: name ?? record.key, extra: extra(fields, ["name"], reader))
    }
    for record in records("merchants") {
      guard let fields = reader.mapping(record.value, "merchant \"\(record.key)\"") else { continue }
      let name = reader.string(reader.value(fields, "name"), "name")
      if name == nil { reader.error("merchant \"\(record.key)\" needs a name", at: record.keyLocation) }
      directory.merchants[record.key] = Merchant(name: name ?? record.key, extra: extra(fields, ["name"], reader))
    }
    let merchants = Set(directory.merchants.keys).union(existing.merchants.keys)
    for record in records("miniPrograms") {
      let what = "mini program \"\(record.key)\""
      guard let fields = reader.mapping(record.value, what) else { continue }
      let name = reader.string(reader.value(fields, "name"), "name")
      if name == nil { reader.error("\(what) needs a name", at: record.keyLocation) }
      var merchant = ""
      if let node = reader.value(fields, "merchant") {
        merchant = reader.string(node, "merchant") ?? ""
        if !merchant.isEmpty && !merchants.contains(merchant) {
          reader.error(
            "\(what) belongs to merchant \"\(merchant)\", which is neither in this file nor stored"
              + Suggestion.hint(for: merchant, among: merchants), at: node.location)
        }
      } else {
        reader.error("\(what) needs a merchant", at: record.keyLocation)
      }
      var versions: [String] = []
      if let node = reader.value(fields, "versions") {
        if case .sequence(let items, _) = node {
          versions = items.compactMap { reader.string($0, "a version") }
        } else {
          reader.error("\"versions\" must be a list, not \(node.kindDescription)", at: node.location)
        }
      }
      var configuration: [String: Value] = [:]
      if let node = reader.value(fields, "configuration") {
        if case .map(let map) = reader.value(node) {
          configuration = map
        } else {
          reader.error("\"configuration\" must be a mapping, not \(node.kindDescription)", at: node.location)
        }
      }
      locations["miniPrograms/\(record.key)"] = record.keyLocation
      directory.miniPrograms[record.key] = MiniProgram(
        name: name ?? record.key, merchant: merchant, versions: versions, configuration: configuration,
        extra: extra(fields, ["name", "merchant", "versions", "configuration"], reader))
    }
    let workspaces = Set(directory.apps.keys).union(existing.apps.keys).union(merchants)
    let programs = Set(directory.miniPrograms.keys).union(existing.miniPrograms.keys)
    for record in records("actors") {
      let what = "actor \"\(record.key)\""
      guard let fields = reader.mapping(record.value, what) else { continue }
      var actor = Actor(
        name: reader.string(reader.value(fields, "name"), "name"),
        extra: extra(fields, ["name", "email", "memberships"], reader))
      if let node = reader.value(fields, "email"), let email = reader.string(node, "email") {
        if !email.contains("@") || email.contains(where: { $0 == "\r" || $0 == "\n" || $0 == " " }) {
          reader.error("\(what) has an email address that is not one: \"\(email)\"", at: node.location)
        }
        actor.email = email
      }
      if let node = reader.value(fields, "memberships") {
        guard case .sequence(let items, _) = node else {
          reader.error("\"memberships\" must be a list, not \(node.kindDescription)", at: node.location)
          continue
        }
        for item in items {
          guard let membership = reader.mapping(item, "a membership") else { continue }
          reader.checkKeys(
            membership, allowed: ["workspace", "role", "assigned"], required: ["workspace", "role"],
            in: "a membership of \(what)", at: item.location)
          let workspaceNode = reader.value(membership, "workspace")
          let workspace = reader.string(workspaceNode, "workspace") ?? ""
          if let workspaceNode, !workspace.isEmpty, !workspaces.contains(workspace) {
            reader.error(
              "workspace \"\(workspace)\" is neither an app nor a merchant"
                + Suggestion.hint(for: workspace, among: workspaces), at: workspaceNode.location)
          }
          let role = reader.string(reader.value(membership, "role"), "role") ?? ""
          var assigned: [String] = []
          if let assignedNode = reader.value(membership, "assigned") {
            for reference in reader.references(assignedNode, "a mini program") {
              if programs.contains(reference.name) {
                assigned.append(reference.name)
              } else {
                reader.error(
                  "\"\(reference.name)\" is not a mini program" + Suggestion.hint(for: reference.name, among: programs),
                  at: reference.location)
              }
            }
          }
          actor.memberships.append(Membership(workspace: workspace, role: role, assigned: assigned))
        }
      }
      directory.actors[record.key] = actor
    }
    guard reader.diagnostics.isEmpty else { throw DiagnosticError(reader.diagnostics) }
    return directory
  }

  private static func refuseControls(
    _ text: String, _ what: String, at location: SourceLocation, _ reader: inout YAMLReader
  ) {
    guard let bad = text.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    else { return }
    let name = bad == "\r" ? "a carriage return" : bad == "\n" ? "a line break" : "a control character"
    reader.error("\(what) must be one line of text, but it holds \(name)", at: location)
  }

  private static func extra(_ pairs: YAMLReader.Pairs, _ known: [String], _ reader: YAMLReader) -> [String: Value] {
    var extra: [String: Value] = [:]
    for pair in pairs where !known.contains(pair.key) { extra[pair.key] = reader.value(pair.value) }
    return extra
  }
}

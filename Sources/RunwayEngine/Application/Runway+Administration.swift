import Foundation
import RunwayModel

/// A declared setting with its default and stored values (what `settings show` prints).
public struct SettingSummary: Sendable, Hashable, Encodable {
  public var key: String
  public var type: String
  public var defaultValue: Value
  public var scope: String?
  public var values: [SettingValue]
}

extension Runway {
  /// Refuses a caller who may not administer the platform.
  func requireAdministration(_ caller: Caller, _ operation: String) throws(EngineError) {
    guard caller.administers else {
      throw .forbidden("\(caller.actor ?? "this caller") may not \(operation): it needs the admin scope")
    }
  }

  /// Sets a declared setting from text, globally or for one scope (a record id), recording
  /// who set it and when.
  public func setSetting(_ key: String, text: String, scope: String?, caller: Caller) async throws(EngineError)
    -> SettingValue
  {
    try requireAdministration(caller, "change settings")
    let declarations = catalog.names.compactMap { catalog.current($0)?.workflow.definition.setting(key) }
    guard let setting = declarations.first else {
      let known = catalog.names.flatMap { catalog.current($0)?.workflow.definition.settings.map(\.name) ?? [] }
      throw .notFound("no workflow declares a setting \"\(key)\"" + Suggestion.hint(for: key, among: known))
    }
    let value = try ValueParser.parse(text, as: setting.type, name: key)
    if let scope {
      guard let scopeName = setting.scope else { throw .invalidInput("\(key) is not scoped; set it without --scope") }
      let scopeField = catalog.names.lazy.compactMap { catalog.current($0)?.workflow.field(scopeName) }.first
      if case .ref(let kind) = scopeField?.field.type {
        let snapshot = try await stored { () async throws(StoreError) in
          try await store.snapshot(SnapshotRequest(instanceID: nil, ids: [scope]))
        }
        if !(snapshot.directory ?? Directory()).contains(kind, scope) {
          throw .notFound("no \(catalog.domain.noun(of: kind)) \"\(scope)\" in the directory")
        }
      }
    }
    let stored = SettingValue(key: key, scope: scope, value: value)
    let audit = AuditEntry(
      operation: AuditEntry.settingsSet, actor: caller.auditActor, at: Timestamp.rounded(engine.clock.now()),
      summary: stored.summary)
    try await self.stored { () async throws(StoreError) in try await store.setSetting(stored, audit: audit) }
    return stored
  }

  /// Every declared setting with its default and stored values.
  public func settings() async throws(EngineError) -> [SettingSummary] {
    let stored = try await self.stored { () async throws(StoreError) in try await store.settings() }
    var rows: [SettingSummary] = []
    for name in catalog.names {
      for setting in catalog.current(name)?.workflow.definition.settings ?? []
      where !rows.contains(where: { $0.key == setting.name }) {
        rows.append(
          SettingSummary(
            key: setting.name, type: setting.type.description, defaultValue: setting.defaultValue,
            scope: setting.scope, values: stored.filter { $0.key == setting.name }))
      }
    }
    return rows
  }

  /// The whole directory (export; an import checks a file against it), with every kind the
  /// domain declares, empty or not.
  public func directory() async throws(EngineError) -> Directory {
    var directory = try await stored { () async throws(StoreError) in try await store.directory() }
    for kind in catalog.domain.kinds where directory.records[kind.name] == nil { directory.records[kind.name] = [:] }
    return directory
  }

  /// "2 apps, 2 merchants, 3 mini programs, 8 actors": what an import holds, kind by kind.
  public func importSummary(_ directory: Directory) -> String {
    let kinds = catalog.domain.kinds + [EntityKind.actors]
    let extra = Set(directory.records.keys).subtracting(kinds.map(\.name)).sorted()
    return
      (kinds.map { "\(directory.count(of: $0.name)) \($0.plural)" }
      + extra.map { "\(directory.count(of: $0)) \($0)" }).joined(separator: ", ")
  }

  /// Counts by kind name (`apps`, `miniPrograms`, `actors`), every declared kind included.
  public func importCounts(_ directory: Directory) -> [String: Int] {
    var counts: [String: Int] = [EntityKind.actors.name: directory.actors.count]
    for kind in catalog.domain.kinds { counts[kind.name] = directory.count(of: kind.name) }
    for (kind, records) in directory.records { counts[kind] = records.count }
    return counts
  }

  /// Adds or replaces the records of `directory`, recording who imported them and when.
  public func importDirectory(_ directory: Directory, from source: String, caller: Caller) async throws(EngineError) {
    try requireAdministration(caller, "change the directory")
    let audit = AuditEntry(
      operation: AuditEntry.directoryImport, actor: caller.auditActor, at: Timestamp.rounded(engine.clock.now()),
      summary:
        "imported \(importSummary(directory)) from \(source)"
    )
    try await stored { () async throws(StoreError) in try await store.importDirectory(directory, audit: audit) }
  }

  /// The audit history of settings and directory changes, oldest first.
  public func audit(caller: Caller) async throws(EngineError) -> [AuditEntry] {
    try requireAdministration(caller, "read the audit history")
    return try await stored { () async throws(StoreError) in try await store.auditEntries() }
  }
}

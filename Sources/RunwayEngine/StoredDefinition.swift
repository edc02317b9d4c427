import Foundation
import RunwayModel

/// A workflow definition version kept by the store, so instances can stay pinned to it.
public struct StoredDefinition: Hashable, Sendable, Codable {
  public var digest: String
  public var workflow: String
  /// The definition as JSON (`Workflow`'s Codable form, with locations).
  public var definitionJSON: String
  /// The file it was loaded from and the file's text, for people reading old versions.
  public var sourcePath: String
  public var sourceText: String
  public var storedAt: Date

  public init(
    digest: String, workflow: String, definitionJSON: String, sourcePath: String,
    sourceText: String, storedAt: Date
  ) {
    self.digest = digest
    self.workflow = workflow
    self.definitionJSON = definitionJSON
    self.sourcePath = sourcePath
    self.sourceText = sourceText
    self.storedAt = storedAt
  }
}

/// A setting's value as stored: global when `scope` is nil, else for that scope (an app id).
public struct SettingValue: Hashable, Sendable, Codable {
  public var key: String
  public var scope: String?
  public var value: Value
  public init(key: String, scope: String?, value: Value) {
    self.key = key
    self.scope = scope
    self.value = value
  }
}

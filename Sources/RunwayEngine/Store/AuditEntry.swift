import Foundation
import RunwayModel

/// A settings or directory change, recorded with who made it and when (append-only).
public struct AuditEntry: Sendable, Hashable, Codable {
  /// `settings.set` or `directory.import`.
  public var operation: String
  public var actor: String
  public var at: Date
  /// What changed, for people: `pilotTestingRequired = true for superpay`.
  public var summary: String

  /// The operation names.
  public static let settingsSet = "settings.set"
  public static let directoryImport = "directory.import"
  /// Who a change is recorded as when the store's own operator makes it without `--as`.
  public static let storeOperator = "operator"

  public init(operation: String, actor: String, at: Date, summary: String) {
    self.operation = operation
    self.actor = actor
    self.at = at
    self.summary = summary
  }
}

extension SettingValue {
  /// `pilotTestingRequired = true for superpay`, or `… (global)`.
  public var summary: String {
    "\(key) = \(value.display)" + (scope.map { " for \($0)" } ?? " (global)")
  }
}

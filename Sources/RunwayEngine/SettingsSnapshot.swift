import RunwayModel

/// The stored setting values, resolved per instance: the value scoped to the instance's scope
/// field (such as its target app), else the global value, else the workflow's default.
public struct SettingsSnapshot: Sendable, Hashable {
  private var values: [String: [String: Value]]  // key → scope ("" = global) → value

  public init(_ stored: [SettingValue] = []) {
    values = [:]
    for setting in stored { values[setting.key, default: [:]][setting.scope ?? ""] = setting.value }
  }

  /// The effective value of `setting` for an instance with these fields.
  public func value(of setting: Setting, fields: [String: Value]) -> Value {
    guard let byScope = values[setting.name] else { return setting.defaultValue }
    if let scopeField = setting.scope, let scope = fields[scopeField]?.stringValue,
      let scoped = byScope[scope]
    {
      return scoped
    }
    return byScope[""] ?? setting.defaultValue
  }
}

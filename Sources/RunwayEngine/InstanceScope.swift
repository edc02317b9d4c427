import RunwayModel

/// What an expression sees while the engine works on one instance: its fields (as they are
/// while a transition is applied), the transition's params, the settings, the actor, the
/// state and the directory.
struct InstanceScope: EvaluationContext {
  var workflow: CompiledWorkflow
  var fields: [String: Value]
  var params: [String: Value]
  var settings: SettingsSnapshot
  var directory: Directory
  var actorID: String
  var stateName: String

  func fieldValue(_ name: String) -> Value { fields[name] ?? .null }
  func paramValue(_ name: String) -> Value { params[name] ?? .null }

  func settingValue(_ name: String) -> Value {
    guard let setting = workflow.definition.setting(name) else { return .null }
    return settings.value(of: setting, fields: fields)
  }

  func attribute(_ name: String, of kind: String, id: String) -> Value? {
    directory.attribute(name, of: kind, id, in: workflow.domain)
  }
}

import RunwayEngine
import RunwayModel

/// The instance as a command task reads it on standard input: one JSON object with its `id`,
/// `workflow`, `definition` (digest), `state`, `revision` and `fields` as stored (overlays not
/// applied), the secret keys of map fields masked as `runway show` masks them
/// (docs/workflow-format.md, "`task` and `on`").
enum CommandInput {
  static func json(_ instance: Instance, _ workflow: CompiledWorkflow) -> [UInt8] {
    var fields = instance.fields
    for compiled in workflow.fields where !compiled.field.secretKeys.isEmpty {
      guard case .map(var map) = fields[compiled.field.name] ?? .null else { continue }
      for key in compiled.field.secretKeys where map[key] != nil { map[key] = .string(InstanceView.mask) }
      fields[compiled.field.name] = .map(map)
    }
    let value = Value.map([
      "id": .string(instance.id), "workflow": .string(instance.workflow),
      "definition": .string(instance.definitionDigest), "state": .string(instance.state),
      "revision": .int(instance.revision), "fields": .map(fields),
    ])
    return Array((JSONText.encode(value) + "\n").utf8)
  }
}

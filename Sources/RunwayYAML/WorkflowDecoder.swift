import RunwayModel

/// Turns a located YAML tree into a `Workflow`, checking the structure of the format: keys,
/// kinds of values, names, required keys. Meaning (references, types of expressions) is the
/// validator's job.
struct WorkflowDecoder {
  var reader = YAMLReader()
  let file: String
  /// The kinds an `entity:` may name: the domain's, then actors (docs/domain.md).
  var kinds: [String] = Domain.standard.kindNames
  /// The entries of `states` and `transitions` decoded while the composer streamed them
  /// (see `read(_:file:limits:)`); nil when the section came as a tree.
  var streamedStates: StreamedSection<State>?
  var streamedTransitions: StreamedSection<Transition>?

  static let topKeys = [
    "workflow", "title", "description", "fields", "unique", "settings", "roles", "start",
    "initial", "states", "transitions", "notifications", "rollout",
  ]
  static let fieldKeys = [
    "type", "values", "entity", "title", "description", "required", "immutable", "default",
    "min", "max", "check", "message", "overlay", "secret",
  ]
  static let paramKeys = [
    "type", "values", "entity", "title", "description", "required", "default", "min", "max",
    "check", "message",
  ]

  mutating func decode(_ root: YAMLNode) -> Workflow? {
    guard let pairs = reader.mapping(root, "a workflow file") else { return nil }
    let context = "the workflow"
    reader.checkKeys(
      pairs, allowed: Self.topKeys, required: ["workflow", "initial", "states"], in: context,
      at: root.location)
    let nameNode = reader.value(pairs, "workflow")
    let name = reader.string(nameNode, "workflow") ?? ""
    if let nameNode, !name.isEmpty { reader.checkName(name, kebab: true, "workflow", at: nameNode.location) }
    let location = pairs.first { $0.key == "workflow" }?.keyLocation ?? root.location
    var workflow = Workflow(
      name: name, initial: Reference("", at: location), location: location)
    workflow.title = reader.string(reader.value(pairs, "title"), "title")
    workflow.description = reader.string(reader.value(pairs, "description"), "description")
    workflow.fields = entries(reader.value(pairs, "fields"), "fields", kebab: false) { $0.field($1, $2, $3) }
    workflow.unique = unique(reader.value(pairs, "unique"))
    workflow.settings = entries(reader.value(pairs, "settings"), "settings", kebab: false) { $0.setting($1, $2, $3) }
    workflow.roles = entries(reader.value(pairs, "roles"), "roles", kebab: true) { $0.role($1, $2, $3) }
    if let start = reader.value(pairs, "start"), let startPairs = reader.mapping(start, "start") {
      reader.checkKeys(startPairs, allowed: ["allow"], required: ["allow"], in: "start", at: start.location)
      workflow.start = reader.references(reader.value(startPairs, "allow"), "a role")
    }
    if let initial = reader.reference(reader.value(pairs, "initial"), "initial") {
      workflow.initial = initial
    }
    if let streamed = streamedStates {
      workflow.states = streamed.items
      reader.diagnostics += streamed.diagnostics
      streamedStates = nil
    } else {
      workflow.states = entries(reader.value(pairs, "states"), "states", kebab: true) { $0.state($1, $2, $3) }
      if let statesNode = reader.value(pairs, "states"), workflow.states.isEmpty,
        case .mapping(let statePairs, _) = statesNode, statePairs.isEmpty
      {
        reader.error("\"states\" must declare at least one state", at: statesNode.location)
      }
    }
    if let streamed = streamedTransitions {
      workflow.transitions = streamed.items
      reader.diagnostics += streamed.diagnostics
      streamedTransitions = nil
    } else {
      workflow.transitions = transitions(reader.value(pairs, "transitions"))
    }
    workflow.notifications = entries(
      reader.value(pairs, "notifications"), "notifications", kebab: true
    ) { $0.notification($1, $2, $3) }
    if let node = reader.value(pairs, "rollout") { workflow.rollout = rollout(node) }
    return workflow
  }

  /// `rollout: { app: F, environment: F, program: F, version: F }`, each a field name.
  private mutating func rollout(_ node: YAMLNode) -> RolloutDeclaration? {
    guard let pairs = reader.mapping(node, "rollout") else { return nil }
    let keys = ["app", "environment", "program", "version"]
    reader.checkKeys(pairs, allowed: keys, required: keys, in: "rollout", at: node.location)
    var references: [Reference] = []
    for key in keys {
      guard let reference = reader.reference(reader.value(pairs, key), "rollout.\(key)") else { return nil }
      references.append(reference)
    }
    return RolloutDeclaration(
      app: references[0], environment: references[1], program: references[2], version: references[3],
      location: node.location)
  }

  /// Decodes each entry of a `name: {…}` mapping, checking the names.
  private mutating func entries<T>(
    _ node: YAMLNode?, _ section: String, kebab: Bool,
    _ decode: (inout Self, String, SourceLocation, YAMLNode) -> T?
  ) -> [T] {
    guard let node, let pairs = reader.mapping(node, "\"\(section)\"") else { return [] }
    var decoded: [T] = []
    decoded.reserveCapacity(pairs.count)
    for pair in pairs {
      reader.checkName(pair.key, kebab: kebab, String(section.dropLast()), at: pair.keyLocation)
      if let value = decode(&self, pair.key, pair.keyLocation, pair.value) { decoded.append(value) }
    }
    return decoded
  }

  /// The type of a field, param or setting from `type`, `values` and `entity`.
  private mutating func valueType(_ pairs: YAMLReader.Pairs, _ owner: String, at location: SourceLocation)
    -> ValueType?
  {
    reader.valueType(pairs, owner, at: location, kinds: kinds)
  }

  private mutating func field(_ name: String, _ location: SourceLocation, _ node: YAMLNode) -> Field? {
    guard let pairs = reader.mapping(node, "field \"\(name)\"") else { return nil }
    reader.checkKeys(pairs, allowed: Self.fieldKeys, in: "field \"\(name)\"", at: location)
    let type = valueType(pairs, "field \"\(name)\"", at: location)
    let secret = reader.value(pairs, "secret").map { reader.references($0, "a secret key").map(\.name) } ?? []
    let field = Field(
      name: name, type: type ?? .string, title: reader.string(reader.value(pairs, "title"), "title"),
      required: reader.bool(reader.value(pairs, "required"), "required") ?? false,
      immutable: reader.bool(reader.value(pairs, "immutable"), "immutable") ?? false,
      defaultValue: reader.expression(reader.value(pairs, "default"), "default"),
      min: reader.int(reader.value(pairs, "min"), "min"), max: reader.int(reader.value(pairs, "max"), "max"),
      check: reader.expression(reader.value(pairs, "check"), "check"),
      message: reader.template(reader.value(pairs, "message"), "message"),
      overlay: reader.expression(reader.value(pairs, "overlay"), "overlay"), secretKeys: secret,
      location: location)
    _ = reader.string(reader.value(pairs, "description"), "description")
    return type == nil ? nil : field
  }

  mutating func param(_ name: String, _ location: SourceLocation, _ node: YAMLNode) -> Param? {
    guard let pairs = reader.mapping(node, "param \"\(name)\"") else { return nil }
    reader.checkKeys(pairs, allowed: Self.paramKeys, in: "param \"\(name)\"", at: location)
    let type = valueType(pairs, "param \"\(name)\"", at: location)
    let param = Param(
      name: name, type: type ?? .string, title: reader.string(reader.value(pairs, "title"), "title"),
      required: reader.bool(reader.value(pairs, "required"), "required") ?? false,
      defaultValue: reader.expression(reader.value(pairs, "default"), "default"),
      min: reader.int(reader.value(pairs, "min"), "min"), max: reader.int(reader.value(pairs, "max"), "max"),
      check: reader.expression(reader.value(pairs, "check"), "check"),
      message: reader.template(reader.value(pairs, "message"), "message"), location: location)
    _ = reader.string(reader.value(pairs, "description"), "description")
    return type == nil ? nil : param
  }

  private mutating func unique(_ node: YAMLNode?) -> [[Reference]] {
    guard let node else { return [] }
    guard case .sequence(let items, _) = node else {
      reader.error("\"unique\" must be a list of field lists, not \(node.kindDescription)", at: node.location)
      return []
    }
    if items.allSatisfy({ if case .scalar = $0 { return true } else { return false } }) {
      return items.isEmpty ? [] : [reader.references(node, "a field")]
    }
    return items.map { reader.references($0, "a field") }
  }

  private mutating func setting(_ name: String, _ location: SourceLocation, _ node: YAMLNode) -> Setting? {
    guard let pairs = reader.mapping(node, "setting \"\(name)\"") else { return nil }
    reader.checkKeys(
      pairs, allowed: ["type", "values", "default", "scope", "description"], required: ["default"],
      in: "setting \"\(name)\"", at: location)
    guard let type = valueType(pairs, "setting \"\(name)\"", at: location) else { return nil }
    if [ValueType.set, .map].contains(type) {
      reader.error("a setting is a string, int, bool or enum, not \(type)", at: location)
    }
    let defaultValue = reader.value(pairs, "default").map { reader.value($0) } ?? .null
    return Setting(
      name: name, type: type, defaultValue: defaultValue,
      scope: reader.string(reader.value(pairs, "scope"), "scope"),
      description: reader.string(reader.value(pairs, "description"), "description"), location: location)
  }

  private mutating func role(_ name: String, _ location: SourceLocation, _ node: YAMLNode) -> Role? {
    guard let pairs = reader.mapping(node, "role \"\(name)\"") else { return nil }
    reader.checkKeys(
      pairs, allowed: ["workspace", "assigned", "description"], required: ["workspace"],
      in: "role \"\(name)\"", at: location)
    guard let workspace = reader.expression(reader.value(pairs, "workspace"), "workspace") else { return nil }
    return Role(
      name: name, workspace: workspace, assigned: reader.string(reader.value(pairs, "assigned"), "assigned"),
      description: reader.string(reader.value(pairs, "description"), "description"), location: location)
  }
}

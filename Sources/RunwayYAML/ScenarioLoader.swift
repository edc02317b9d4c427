import Foundation
import RunwayModel

/// Reads scenario files (docs/scenario-tests.md): YAML → `ScenarioFile`, every problem with
/// its location.
public enum ScenarioLoader {
  public static func load(path: String, limits: LoaderLimits = .standard) throws(DiagnosticError) -> ScenarioFile {
    try parse(try FileText.read(path, limits: limits), file: path, limits: limits)
  }

  public static func parse(_ text: String, file: String, limits: LoaderLimits = .standard) throws(DiagnosticError)
    -> ScenarioFile
  {
    guard let root = try YAMLNode.parse(text, file: file, limits: limits) else {
      throw DiagnosticError([.error("the file is empty", at: SourceLocation(file: file, line: 1, column: 1))])
    }
    var reader = YAMLReader()
    guard let pairs = reader.mapping(root, "a scenario file") else { throw DiagnosticError(reader.diagnostics) }
    reader.checkKeys(
      pairs, allowed: ["workflow", "directory", "settings", "scenarios"], required: ["workflow", "scenarios"],
      in: "the scenario file", at: root.location)
    let folder = FilePath.folder(of: file)
    func resolved(_ path: String) -> String { FilePath.resolved(path, in: folder) }
    let workflow = reader.string(reader.value(pairs, "workflow"), "workflow").map(resolved) ?? ""
    // The directory is checked against the domain of the workflow's folder (docs/domain.md).
    let (domain, domainProblems) = DomainLoader.load(
      folder: FilePath.folder(of: workflow), limits: limits)
    reader.diagnostics += domainProblems
    var directory = Directory()
    if let node = reader.value(pairs, "directory") {
      switch node {
      case .scalar(let path, _, _, _):
        do { directory = try DirectoryLoader.load(path: resolved(path), domain: domain, limits: limits) } catch {
          reader.diagnostics += error.diagnostics
        }
      default:
        // An inline directory: the same shape as a directory file.
        do { directory = try DirectoryLoader.decode(node, domain: domain) } catch {
          reader.diagnostics += error.diagnostics
        }
      }
    }
    let settings = Self.settings(reader.value(pairs, "settings"), &reader)
    var scenarios: [Scenario] = []
    if let node = reader.value(pairs, "scenarios") {
      if case .sequence(let items, _) = node {
        for item in items {
          if let scenario = Self.scenario(item, directory, domain, &reader) { scenarios.append(scenario) }
        }
      } else {
        reader.error("\"scenarios\" must be a list, not \(node.kindDescription)", at: node.location)
      }
    }
    guard reader.diagnostics.isEmpty else { throw DiagnosticError(reader.diagnostics) }
    var scenarioFile = ScenarioFile(
      path: file, workflowPath: workflow, directory: directory, settings: settings, scenarios: scenarios)
    scenarioFile.domain = domain
    return scenarioFile
  }

  static func settings(_ node: YAMLNode?, _ reader: inout YAMLReader) -> [ScenarioSetting] {
    guard let node else { return [] }
    guard case .sequence(let items, _) = node else {
      reader.error("\"settings\" must be a list of {key, value, scope}", at: node.location)
      return []
    }
    return items.compactMap { item in
      guard let pairs = reader.mapping(item, "a setting") else { return nil }
      reader.checkKeys(
        pairs, allowed: ["key", "value", "scope"], required: ["key", "value"], in: "a setting", at: item.location)
      guard let key = reader.string(reader.value(pairs, "key"), "key"), let value = reader.value(pairs, "value") else {
        return nil
      }
      return ScenarioSetting(
        key: key, scope: reader.string(reader.value(pairs, "scope"), "scope"), value: reader.value(value))
    }
  }

  static func scenario(_ node: YAMLNode, _ directory: Directory, _ domain: Domain, _ reader: inout YAMLReader)
    -> Scenario?
  {
    guard let pairs = reader.mapping(node, "a scenario") else { return nil }
    reader.checkKeys(
      pairs, allowed: ["name", "settings", "tasks", "steps"], required: ["name", "steps"], in: "a scenario",
      at: node.location)
    let name = reader.string(reader.value(pairs, "name"), "name") ?? "?"
    var steps: [ScenarioStep] = []
    if let stepsNode = reader.value(pairs, "steps") {
      if case .sequence(let items, _) = stepsNode {
        for item in items { if let step = Self.step(item, directory, domain, &reader) { steps.append(step) } }
      } else {
        reader.error("\"steps\" must be a list, not \(stepsNode.kindDescription)", at: stepsNode.location)
      }
    }
    var scenario = Scenario(
      name: name, settings: Self.settings(reader.value(pairs, "settings"), &reader), steps: steps,
      location: node.location)
    scenario.tasks = Self.tasks(reader.value(pairs, "tasks"), &reader)
    return scenario
  }

  static let stepKeys = [
    "start", "fire", "resolve", "directory", "advance", "as", "fields", "params", "instance", "expect",
  ]

  static func step(_ node: YAMLNode, _ directory: Directory, _ domain: Domain, _ reader: inout YAMLReader)
    -> ScenarioStep?
  {
    guard let pairs = reader.mapping(node, "a step") else { return nil }
    reader.checkKeys(pairs, allowed: stepKeys, in: "a step", at: node.location)
    let actions = pairs.filter { ["start", "fire", "resolve", "directory", "advance"].contains($0.key) }
    guard actions.count == 1, let action = actions.first else {
      reader.error("a step needs exactly one of start, fire, resolve, directory or advance", at: node.location)
      return nil
    }
    let actor = reader.string(reader.value(pairs, "as"), "as") ?? ""
    let map = { (key: String, reader: inout YAMLReader) -> [String: Value] in
      guard let value = reader.value(pairs, key) else { return [:] }
      guard case .map(let map) = reader.value(value) else {
        reader.error("\"\(key)\" must be a mapping", at: value.location)
        return [:]
      }
      return map
    }
    let kind: ScenarioStep.Action
    switch action.key {
    case "start":
      let label = reader.string(action.value, "start").flatMap { $0.isEmpty || $0 == "null" ? nil : $0 } ?? "main"
      kind = .start(label: label, fields: map("fields", &reader))
    case "fire":
      guard let event = reader.string(action.value, "fire") else { return nil }
      kind = .fire(
        event: event, instance: reader.string(reader.value(pairs, "instance"), "instance"),
        params: map("params", &reader))
    case "advance":
      guard let text = reader.string(action.value, "advance") else { return nil }
      guard let period = Period(text) else {
        reader.error("\"advance\" must be a duration: " + Period.problem(text), at: action.value.location)
        return nil
      }
      kind = .advance(period, instance: reader.string(reader.value(pairs, "instance"), "instance"))
    case "directory":
      do { kind = .directory(try DirectoryLoader.decode(action.value, domain: domain, existing: directory)) } catch {
        reader.diagnostics += error.diagnostics
        return nil
      }
    default:
      guard let target = reader.mapping(action.value, "resolve") else { return nil }
      reader.checkKeys(
        target, allowed: ["app", "env", "miniProgram"], required: ["app", "env", "miniProgram"], in: "resolve",
        at: action.value.location)
      kind = .resolve(
        app: reader.string(reader.value(target, "app"), "app") ?? "",
        environment: reader.string(reader.value(target, "env"), "env") ?? "",
        miniProgram: reader.string(reader.value(target, "miniProgram"), "miniProgram") ?? "")
    }
    if case .resolve = kind {
    } else if case .directory = kind {
    } else if case .advance = kind {
    } else if actor.isEmpty {
      reader.error("a \(action.key) step needs \"as\": the actor", at: node.location)
    }
    return ScenarioStep(
      action: kind, actor: actor, expectation: Self.expectation(reader.value(pairs, "expect"), &reader),
      location: node.location)
  }

  static func expectation(_ node: YAMLNode?, _ reader: inout YAMLReader) -> ScenarioExpectation {
    var expectation = ScenarioExpectation()
    guard let node, let pairs = reader.mapping(node, "expect") else { return expectation }
    reader.checkKeys(
      pairs, allowed: ["state", "fields", "events", "error", "message", "notifications", "users"], in: "expect",
      at: node.location)
    expectation.state = reader.string(reader.value(pairs, "state"), "state")
    if let fields = reader.value(pairs, "fields"), case .map(let map) = reader.value(fields) {
      expectation.fields = map
    }
    if let events = reader.value(pairs, "events"), let byActor = reader.mapping(events, "events") {
      for entry in byActor {
        expectation.events[entry.key] = reader.references(entry.value, "an event").map(\.name)
      }
    }
    expectation.error = reader.string(reader.value(pairs, "error"), "error")
    if let error = expectation.error,
      !["forbidden", "rejected", "invalid_input", "not_found", "conflict"].contains(error)
    {
      reader.error(
        "error must be forbidden, rejected, invalid_input, not_found or conflict, not \"\(error)\"", at: node.location)
    }
    expectation.message = reader.string(reader.value(pairs, "message"), "message")
    if let notifications = reader.value(pairs, "notifications") {
      expectation.notifications = reader.references(notifications, "a notification").map(\.name)
    }
    if let users = reader.value(pairs, "users"), let byUser = reader.mapping(users, "users") {
      for entry in byUser {
        guard let answer = reader.mapping(entry.value, "the answer for \(entry.key)") else { continue }
        reader.checkKeys(
          answer, allowed: ["version", "reason"], in: "the answer for \(entry.key)", at: entry.keyLocation)
        let version = reader.value(answer, "version").flatMap { reader.value($0).stringValue }
        expectation.resolutions[entry.key] = (version, reader.string(reader.value(answer, "reason"), "reason"))
      }
    }
    return expectation
  }
}

extension ScenarioLoader {
  /// `tasks: {build-package: [timeout, run]}`: how the runs of a task go in a scenario, in
  /// order (docs/scenario-tests.md, "Tasks").
  static func tasks(_ node: YAMLNode?, _ reader: inout YAMLReader) -> [String: [ScenarioTaskRun]] {
    guard let node, let pairs = reader.mapping(node, "\"tasks\"") else { return [:] }
    var tasks: [String: [ScenarioTaskRun]] = [:]
    for (name, _, value) in pairs {
      let items: [YAMLNode]
      if case .sequence(let list, _) = value { items = list } else { items = [value] }
      var runs: [ScenarioTaskRun] = []
      for item in items {
        guard let text = reader.string(item, "a run of \(name)") else { continue }
        guard let run = ScenarioTaskRun(rawValue: text) else {
          reader.error(
            "a run of \(name) is run, fail or timeout, not \"\(text)\""
              + Suggestion.hint(for: text, among: ScenarioTaskRun.allCases.map(\.rawValue)), at: item.location)
          continue
        }
        runs.append(run)
      }
      tasks[name] = runs
    }
    return tasks
  }
}

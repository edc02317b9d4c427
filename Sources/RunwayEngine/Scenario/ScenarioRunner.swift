import Foundation
import RunwayModel

/// Runs scenario files against a fresh in-memory store per scenario.
public struct ScenarioRunner: Sendable {
  public let workflow: WorkflowCatalog.Entry

  public init(workflow: WorkflowCatalog.Entry) { self.workflow = workflow }

  /// Runs every scenario of `file`; the coverage adds up what they all exercised.
  public func run(_ file: ScenarioFile) async -> (results: [ScenarioResult], coverage: ScenarioCoverage) {
    var coverage = ScenarioCoverage(workflow.workflow)
    var results: [ScenarioResult] = []
    for scenario in file.scenarios {
      let start = ContinuousClock.now
      var scenarioCoverage = ScenarioCoverage(workflow.workflow)
      let failure = await run(scenario, file, &scenarioCoverage)
      coverage.merge(scenarioCoverage)
      let elapsed = ContinuousClock.now - start
      results.append(
        ScenarioResult(
          name: scenario.name, file: file.path, location: scenario.location, failure: failure,
          seconds: Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)))
    }
    return (results, coverage)
  }

  private func run(_ scenario: Scenario, _ file: ScenarioFile, _ coverage: inout ScenarioCoverage) async
    -> ScenarioResult.Failure?
  {
    let store = MemoryInstanceStore()
    let clock = FixedClock(Date(timeIntervalSince1970: 1_780_000_000))
    var engine: Engine
    do {
      try await store.importDirectory(file.directory)
      for setting in file.settings + scenario.settings {
        try await store.setSetting(SettingValue(key: setting.key, scope: setting.scope, value: setting.value))
      }
      if let problem = ScenarioTaskRunner.problem(scenario.tasks, workflow.workflow) {
        return ScenarioResult.Failure(
          step: 0, summary: "setup", location: scenario.location, expected: "tasks the workflow runs",
          actual: problem)
      }
      engine = try await Engine.open(
        catalog: WorkflowCatalog([workflow], domain: workflow.workflow.domain), store: store, clock: clock,
        taskRunner: ScenarioTaskRunner(scenario.tasks))
      let counter = Counter()
      engine.makeInstanceID = { "r-\(counter.next())" }
    } catch {
      return ScenarioResult.Failure(
        step: 0, summary: "setup", location: scenario.location, expected: "a store to start from", actual: "\(error)")
    }
    coverage.reached.insert("state \(workflow.workflow.definition.initial.name)")
    var labels: [String: String] = [:]
    var last: String?
    for (index, step) in scenario.steps.enumerated() {
      clock.advance(by: 1)
      func failure(_ expected: String, _ actual: String) -> ScenarioResult.Failure {
        ScenarioResult.Failure(
          step: index + 1, summary: step.summary, location: step.location, expected: expected, actual: actual)
      }
      let expectation = step.expectation
      var outcome: FireOutcome?
      do throws(EngineError) {
        switch step.action {
        case .start(let label, let fields):
          let typed = try typedFields(fields)
          outcome = try await engine.start(workflow.workflow.definition.name, as: step.actor, fields: typed)
          labels[label] = outcome?.instance.id
          last = outcome?.instance.id
        case .fire(let event, let label, let params):
          guard let id = label.map({ labels[$0] }) ?? last else {
            return failure(
              "an instance to fire on", label.map { "no instance started as \($0)" } ?? "no instance started yet")
          }
          let typed = try typedParams(event, params)
          outcome = try await engine.fire(id, event, as: step.actor, params: typed)
        case .advance(let period, let label):
          guard let id = label.map({ labels[$0] }) ?? last else {
            return failure(
              "an instance to watch", label.map { "no instance started as \($0)" } ?? "no instance started yet")
          }
          clock.advance(by: TimeInterval(period.seconds))
          outcome = try await fireDueTimers(engine, store, clock, watching: id)
        case .directory(let records):
          do { try await store.importDirectory(records) } catch { throw EngineError.store(error) }
          try await engine.refresh()
          continue
        case .resolve(let app, let environment, let program):
          let resolver = try await engine.rollout(app: app, environment: environment, miniProgram: program)
          for user in expectation.resolutions.keys.sorted() {
            guard let wanted = expectation.resolutions[user] else { continue }
            let decision = resolver.resolve(userID: user)
            if decision.version != wanted.version || (wanted.reason.map { $0 != decision.reason.rawValue } ?? false) {
              return failure(
                "\(user) to get \(wanted.version ?? "none")\(wanted.reason.map { " (\($0))" } ?? "")",
                "\(decision.version ?? "none") (\(decision.reason.rawValue))")
            }
          }
          continue
        }
      } catch {
        if let expected = expectation.error {
          if error.code.rawValue != expected {
            return failure("refusal \(expected)", "\(error.code.rawValue): \(error.message)")
          }
          if let fragment = expectation.message, !error.message.contains(fragment) {
            return failure("a message containing \"\(fragment)\"", "\"\(error.message)\"")
          }
          continue
        }
        return failure("success", "\(error.code.rawValue): \(error.message)")
      }
      guard let outcome else { continue }
      for entry in outcome.entries { coverage.record(entry, in: workflow.workflow) }
      if let expected = expectation.error {
        return failure("refusal \(expected)", "success (now in \(outcome.instance.state))")
      }
      if let problem = await check(expectation, outcome, engine) { return failure(problem.0, problem.1) }
    }
    return nil
  }

  /// Fires every timer due on the virtual clock and runs again the tasks whose retry is due,
  /// as a worker would, until nothing is due; the outcome gathers what happened to instance `id`.
  private func fireDueTimers(_ engine: Engine, _ store: MemoryInstanceStore, _ clock: FixedClock, watching id: String)
    async throws(EngineError) -> FireOutcome
  {
    var outcome = FireOutcome(instance: try await engine.instance(id), entries: [], notifications: [])
    while true {
      let due: [ScheduledTimer]
      let retries: [String]
      do {
        due = try await store.claimTimers(now: clock.now(), lease: 0, limit: 100)
        retries = try await store.expiredTaskRuns(now: clock.now(), limit: 100)
      } catch { throw .store(error) }
      if due.isEmpty && retries.isEmpty { break }
      for instance in retries {
        let resumed = try await engine.resumeTask(instance)
        guard instance == id else { continue }
        outcome.entries += resumed.entries
        outcome.notifications += resumed.notifications
      }
      for timer in due {
        guard case .fired(let fired) = try await engine.fireTimer(timer), timer.instanceID == id else { continue }
        outcome.entries += fired.entries
        outcome.notifications += fired.notifications
      }
    }
    outcome.instance = try await engine.instance(id)
    return outcome
  }

  /// The first expectation `outcome` does not meet, as (expected, actual).
  private func check(_ expectation: ScenarioExpectation, _ outcome: FireOutcome, _ engine: Engine) async -> (
    String, String
  )? {
    let instance = outcome.instance
    if let state = expectation.state, state != instance.state { return ("state \(state)", instance.state) }
    for name in expectation.fields.keys.sorted() {
      let wanted = expectation.fields[name] ?? .null
      let actual = instance.fields[name] ?? .null
      if !Self.matches(wanted, actual) { return ("\(name) = \(wanted.display)", actual.display) }
    }
    for actor in expectation.events.keys.sorted() {
      let wanted = Set(expectation.events[actor] ?? [])
      let actual = Set((try? await engine.availableEvents(instance, for: actor)) ?? [])
      if wanted != actual {
        return ("\(actor) may fire \(Self.list(wanted))", Self.list(actual))
      }
    }
    if let wanted = expectation.notifications {
      let actual = outcome.notifications.map(\.notification)
      if wanted != actual { return ("notifications \(Self.list(wanted))", Self.list(actual)) }
    }
    return nil
  }

  static func list(_ names: some Collection<String>) -> String {
    names.isEmpty ? "none" : "[" + names.sorted().joined(separator: ", ") + "]"
  }

  /// Scenario values are YAML: a list stands for a set, and so on.
  static func matches(_ wanted: Value, _ actual: Value) -> Bool {
    switch (wanted, actual) {
    case (.list(let items), .set(let set)):
      return Set(items.compactMap(\.stringValue)) == set && items.count == set.count
    case (.int(let i), .string(let s)), (.string(let s), .int(let i)): return String(i) == s
    case (.map(let a), .map(let b)):
      return a.count == b.count && a.allSatisfy { key, value in b[key].map { matches(value, $0) } ?? false }
    default: return wanted == actual
    }
  }

  private func typedFields(_ fields: [String: Value]) throws(EngineError) -> [String: Value] {
    var typed: [String: Value] = [:]
    for (name, value) in fields {
      let type = workflow.workflow.field(name)?.field.type ?? .string
      typed[name] = try ValueParser.coerce(value, to: type, name: name)
    }
    return typed
  }

  private func typedParams(_ event: String, _ params: [String: Value]) throws(EngineError) -> [String: Value] {
    let declared = workflow.workflow.definition.transitions(for: event).flatMap(\.params)
    var typed: [String: Value] = [:]
    for (name, value) in params {
      let type = declared.first { $0.name == name }?.type ?? .string
      typed[name] = try ValueParser.coerce(value, to: type, name: name)
    }
    return typed
  }
}

/// A thread-safe counter for scenario instance ids: r-1, r-2, …
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func next() -> Int {
    lock.withLock {
      value += 1
      return value
    }
  }
}

import Foundation

/// A definition that passed validation, with every expression and template compiled and the
/// transitions indexed by state and event: what the engine runs. A class: every fire hands it
/// around, and copying a struct of a dozen references retained each of them (a tenth of W1,
/// docs/benchmarks.md).
public final class CompiledWorkflow: Sendable {
  public let definition: Workflow
  /// The domain the definition was checked against: the kinds its `ref` fields name.
  public let domain: Domain
  /// `definition.digest`, computed on first use: validating a file does not need it, and
  /// it costs as much as parsing the file.
  public var digest: String { digestCache.value { definition.digest } }
  private let digestCache = OnceCache<String>()
  /// Declaration order.
  public let fields: [CompiledField]
  public let startRoles: [String]
  /// Every template of the definition (messages, subjects, bodies), parsed, by its text.
  public let templates: [String: CompiledTemplate]
  let fieldIndex: [String: Int]
  let roles: [String: CompiledRole]
  /// State name → its number in `definition.states` and in `transitionIndex`.
  let stateIDs: [String: Int]
  /// Per state: the transitions leaving it, and the first one per event.
  let transitionIndex: TransitionIndex
  /// The secret keys any field of the workflow declares (masked wherever values leave it).
  public let secretKeys: Set<String>
  /// event → the events whose last actor its notifications name (`to: { actorOf: … }`).
  let actorEventsByEvent: [String: Set<String>]
  /// Whether any state declares timers.
  public let hasTimers: Bool
  /// The events with a transition whose timers may change: it leaves or enters a state with
  /// timers, or ends the instance (which drops paused ones). Only these read an instance's
  /// timers (docs/workflow-format.md, "Timers").
  public let timedEvents: Set<String>
  /// The states that declare timers, and the terminal ones: looked up by `changesTimers`
  /// on every fire instead of copying two states (docs/benchmarks.md, W1).
  private let statesWithTimers: Set<String>
  private let terminalStates: Set<String>
  /// Each notification with its templates, by name: looked up on every notifying fire, where
  /// the definition's list was searched and each template found by hashing its whole text
  /// (docs/benchmarks.md, W1).
  private let compiledNotifications: [String: CompiledNotification]
  /// Each state's task by state id: read twice on every fire, where reaching it through the
  /// state copied the whole state first (docs/benchmarks.md, W4).
  private let stateTasks: [TaskBinding?]
  /// Whether each transition, by index, leaves or may enter a state with a task: the others
  /// need no look at either state's task (docs/benchmarks.md, W4).
  private let transitionsTouchingTasks: [Bool]
  /// Whether each transition, by index, leaves or may enter a state with timers or one that
  /// ends the instance: the others leave the timers as they are.
  private let transitionsTouchingTimers: [Bool]

  init(
    definition: Workflow, domain: Domain, fields: [CompiledField], roles: [CompiledRole],
    states: StateIndex, transitions: TransitionIndex, templates: [String: CompiledTemplate]
  ) {
    self.templates = templates
    self.definition = definition
    self.domain = domain
    self.fields = fields
    secretKeys = Set(fields.flatMap(\.field.secretKeys))
    startRoles = definition.start.map(\.name)
    fieldIndex = Dictionary(
      fields.enumerated().map { ($1.field.name, $0) }, uniquingKeysWith: { first, _ in first })
    self.roles = Dictionary(roles.map { ($0.role.name, $0) }, uniquingKeysWith: { first, _ in first })
    stateIDs = states.ids
    transitionIndex = transitions
    var actorEvents: [String: Set<String>] = [:]
    // By index: iterating the transitions would copy each one (all its lists) to read one.
    for index in definition.transitions.indices where !definition.transitions[index].notify.isEmpty {
      for name in definition.transitions[index].notify {
        if case .actorOf(let event) = definition.notification(name.name)?.to {
          actorEvents[definition.transitions[index].event, default: []].insert(event.name)
        }
      }
    }
    actorEventsByEvent = actorEvents
    hasTimers = definition.states.contains { !$0.timers.isEmpty }
    statesWithTimers = Set(definition.states.filter { !$0.timers.isEmpty }.map(\.name))
    terminalStates = Set(definition.states.filter(\.terminal).map(\.name))
    stateTasks = definition.states.indices.map { definition.states[$0].task }
    let timedStates = Set(definition.states.filter { !$0.timers.isEmpty || $0.terminal }.map(\.name))
    let taskStates = Set(
      definition.states.indices.filter { definition.states[$0].task != nil }.map { definition.states[$0].name })
    transitionsTouchingTasks = Self.transitions(transitions, of: definition, touching: taskStates)
    transitionsTouchingTimers = Self.transitions(transitions, of: definition, touching: timedStates)
    var notifications: [String: CompiledNotification] = [:]
    for notification in definition.notifications where notifications[notification.name] == nil {
      notifications[notification.name] = CompiledNotification(
        definition: notification, subject: templates[notification.subject.text],
        body: templates[notification.body.text])
    }
    compiledNotifications = notifications
    timedEvents =
      hasTimers
      ? Set(
        transitions.leaving.joined().filter { transition in
          transition.sources.contains(where: timedStates.contains)
            || transition.choices.contains { timedStates.contains($0.state) }
        }.map(\.event)) : []
  }

  /// Whether a transition from `from` to `to` may change the instance's timers.
  public func changesTimers(from: String, to: String) -> Bool {
    guard hasTimers else { return false }
    // An unknown target counts, as a state that ends the instance does.
    return statesWithTimers.contains(from) || statesWithTimers.contains(to) || terminalStates.contains(to)
      || stateIDs[to] == nil
  }

  /// The events whose last actor the notifications of `event` name (read with the instance).
  public func actorEvents(of event: String) -> Set<String> { actorEventsByEvent[event] ?? [] }

  public func field(_ name: String) -> CompiledField? { fieldIndex[name].map { fields[$0] } }

  /// The declared fields among `names`, in declaration order (undeclared names are skipped).
  public func fields(named names: [String]) -> ArraySlice<CompiledField> {
    // Most transitions set one field: one lookup, no sort, and a slice of the declared fields
    // (no list allocated for it).
    if names.count == 1, let name = names.first {
      return fieldIndex[name].map { fields[$0...$0] } ?? fields[0..<0]
    }
    var positions = names.compactMap { fieldIndex[$0] }
    positions.sort()
    var found: [CompiledField] = []
    found.reserveCapacity(positions.count)
    for position in positions { found.append(fields[position]) }
    return found[...]
  }
  /// The notification `name` with its compiled templates, if the workflow declares it.
  public func notification(_ name: String) -> CompiledNotification? { compiledNotifications[name] }

  /// The task of state `name`, if it has one (without copying the state).
  public func task(of name: String) -> TaskBinding? { stateIDs[name].flatMap { stateTasks[$0] } }

  /// By transition index: whether it leaves or may enter one of `states`.
  private static func transitions(_ index: TransitionIndex, of definition: Workflow, touching states: Set<String>)
    -> [Bool]
  {
    var touching = Array(repeating: false, count: definition.transitions.count)
    for transition in index.leaving.joined() where touching.indices.contains(transition.index) {
      if transition.sources.contains(where: states.contains)
        || transition.choices.contains(where: { states.contains($0.state) })
      {
        touching[transition.index] = true
      }
    }
    return touching
  }

  /// Whether `transition` may change an instance's timers: it leaves or may enter a state
  /// with timers or one that ends the instance (an unknown transition may).
  public func touchesTimers(_ transition: CompiledTransition) -> Bool {
    hasTimers && Self.touches(transitionsTouchingTimers, transition)
  }

  /// Whether `transition` leaves or may enter a state with a task (an unknown one may).
  public func touchesTasks(_ transition: CompiledTransition) -> Bool {
    Self.touches(transitionsTouchingTasks, transition)
  }

  /// `transition`'s entry in a table of `transitions(_:of:touching:)`; true for one not in it
  /// (a task outcome).
  private static func touches(_ table: [Bool], _ transition: CompiledTransition) -> Bool {
    table.indices.contains(transition.index) ? table[transition.index] : true
  }
  public func state(_ name: String) -> State? { stateIDs[name].map { definition.states[$0] } }
  public func role(_ name: String) -> CompiledRole? { roles[name] }

  /// The transition `event` takes from `state`, if any.
  public func transition(from state: String, event: String) -> CompiledTransition? {
    guard let id = stateIDs[state] else { return nil }
    return transitionIndex.first(leaving: id, on: event)
  }

  /// Every transition that leaves `state`, task outcomes included.
  public func transitions(from state: String) -> [CompiledTransition] {
    stateIDs[state].map { transitionIndex.leaving[$0] } ?? []
  }
}

/// A notification with its subject and body compiled (nil: a template outside the subset
/// validation lets through, rendered as written).
public final class CompiledNotification: Sendable {
  public let definition: NotificationDefinition
  public let subject: CompiledTemplate?
  public let body: CompiledTemplate?

  init(definition: NotificationDefinition, subject: CompiledTemplate?, body: CompiledTemplate?) {
    self.definition = definition
    self.subject = subject
    self.body = body
  }
}

/// A field with its default, check and overlay compiled. A class: the invariants walk the
/// fields on every fire, and a struct was copied (each of its references retained) per step.
public final class CompiledField: Sendable {
  public let field: Field
  public let defaultValue: CompiledExpression?
  public let check: CompiledExpression?
  public let overlay: CompiledExpression?

  init(field: Field, defaultValue: CompiledExpression?, check: CompiledExpression?, overlay: CompiledExpression?) {
    self.field = field
    self.defaultValue = defaultValue
    self.check = check
    self.overlay = overlay
  }
}

/// A param with its default and check compiled.
public final class CompiledParam: Sendable {
  public let param: Param
  public let defaultValue: CompiledExpression?
  public let check: CompiledExpression?

  // A class, as `CompiledField` is: a fire goes through its transition's params, and copying
  // the struct retained every string of the declaration (docs/benchmarks.md, W1).
  init(param: Param, defaultValue: CompiledExpression?, check: CompiledExpression?) {
    self.param = param
    self.defaultValue = defaultValue
    self.check = check
  }
}

/// A role with its workspace expression compiled.
public final class CompiledRole: Sendable {
  public let role: Role
  public let workspace: CompiledExpression

  /// A class for the same reason as `CompiledParam`: every role check hands it around.
  init(role: Role, workspace: CompiledExpression) {
    self.role = role
    self.workspace = workspace
  }
}

/// One target of a transition.
public struct CompiledChoice: Sendable {
  public let state: String
  public let when: CompiledExpression?
}

/// `field = value` in a transition's `set`.
public struct CompiledAssignment: Sendable {
  public let field: String
  public let value: CompiledExpression
}

/// A transition ready to fire: a declared one, or the outcome of a state's task. A class, so
/// handing one around (indexes, lookups on every fire) retains it instead of copying the
/// declared transition and its lists (copies were 10 % of loading a large workflow, W3).
public final class CompiledTransition: Sendable {
  public let event: String
  /// Where it was declared (for a task outcome, where the task was). Not the declared
  /// transition itself: a copy of it in each of a large workflow's compiled transitions was
  /// a tenth of the compiled workflow's memory (docs/benchmarks.md, "W3, loading").
  public let location: SourceLocation
  /// `success`/`failure` of a state's task, fired only by the system actor. Declared next to
  /// `location`, it fills the location's padding: the object is a size class smaller.
  public let isTaskOutcome: Bool
  /// Position in `definition.transitions`; -1 for task outcomes.
  public let index: Int
  /// The declared states it leaves, each once (see `StateIndex.sources(of:)`).
  public let sources: [String]
  public let allow: [String]
  /// The declared roles among `allow`, in its order (`system` and unknown names left out),
  /// resolved when the workflow compiles: every fire checks them, and looking each name up
  /// hashed it (docs/benchmarks.md, W4).
  public let allowedRoles: [CompiledRole]
  public let params: [CompiledParam]
  public let choices: [CompiledChoice]
  /// Kept in place when there is one (`InlineList`): an array of one per transition was a
  /// heap block each in a large workflow (W3, docs/benchmarks.md).
  public let assignments: InlineList<CompiledAssignment>
  public let notify: [String]

  init(
    event: String, location: SourceLocation, index: Int, sources: [String], isTaskOutcome: Bool, allow: [String],
    allowedRoles: [CompiledRole], params: [CompiledParam], choices: [CompiledChoice],
    assignments: InlineList<CompiledAssignment>, notify: [String]
  ) {
    self.event = event
    self.location = location
    self.index = index
    self.sources = sources
    self.isTaskOutcome = isTaskOutcome
    self.allow = allow
    self.allowedRoles = allowedRoles
    self.params = params
    self.choices = choices
    self.assignments = assignments
    self.notify = notify
  }
}

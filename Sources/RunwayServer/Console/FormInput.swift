import RunwayEngine
import RunwayModel

/// One input of a console form, made from a param or field declaration of the workflow: its
/// control follows the declared type, its label the title, its hint and HTML limits the
/// declared bounds (docs/console.md, "Forms"). Nothing here is written for one workflow.
struct FormInput: Sendable {
  struct Option: Sendable {
    var value: String
    var label: String
    var selected: Bool
  }

  var name: String
  var id: String
  var label: String
  var required: Bool
  var hint: String?
  var value: String
  /// Exactly one control is set.
  var text = false
  var number = false
  var textarea = false
  var choice = false
  var options: [Option] = []
  /// Numbers: the HTML bounds; text: its length bounds.
  var min: String?
  var max: String?
  var minLength: String?
  var maxLength: String?
  /// Sets and maps may also be uploaded, as the field `NAME@file`.
  var file = false
  var fileName: String
  var fileID: String
  var accept: String?
  /// The text input may carry `required` (it has no file alternative). Stored, as every
  /// value here: Mustache reads them by reflection.
  var requiredAttribute = false

  /// An input for a value of type `type` (as the workflow names it: `int`, `set`, `ref(apps)`…).
  /// `choices` are the values of a ref the caller may pick from, when known.
  init(
    form: String, name: String, type: String, title: String?, required: Bool, min: Int?, max: Int?,
    values: [String]?, choices: [Option]? = nil, value: String = ""
  ) {
    self.name = name
    id = "\(form)-\(name)"
    fileName = name + ConsoleForm.fileSuffix
    fileID = id + "-file"
    label = title ?? name
    self.required = required
    self.value = value
    var hints: [String] = []
    switch type {
    case "int":
      number = true
      self.min = min.map(String.init)
      self.max = max.map(String.init)
      hints.append("a whole number" + Self.bounds(min, max, unit: nil))
    case "bool":
      choice = true
      options = ["true", "false"].map { Option(value: $0, label: $0 == "true" ? "yes" : "no", selected: $0 == value) }
    case "enum":
      choice = true
      options = (values ?? []).map { Option(value: $0, label: $0, selected: $0 == value) }
    case "set":
      text = true
      file = true
      accept = ".csv,.txt,.json,.yaml,.yml"
      hints.append(
        "ids separated by commas, or a CSV/TXT file (one a line, or a userId column)"
          + Self.bounds(min, max, unit: "ids"))
    case "map":
      textarea = true
      file = true
      accept = ".json,.yaml,.yml"
      hints.append("a JSON object such as {\"key\": \"value\"}, or a JSON/YAML file")
    default:
      if type.hasPrefix("ref("), let choices, !choices.isEmpty {
        choice = true
        options = choices.map { Option(value: $0.value, label: $0.label, selected: $0.value == value) }
      } else {
        text = true
        minLength = min.map(String.init)
        maxLength = max.map(String.init)
        if min != nil || max != nil { hints.append("text" + Self.bounds(min, max, unit: "characters")) }
        if type.hasPrefix("ref(") { hints.append("the id of a record of \(type.dropFirst(4).dropLast())") }
      }
    }
    if choice, !options.contains(where: \.selected), !required || value.isEmpty {
      options.insert(Option(value: "", label: "—", selected: true), at: 0)
    }
    hint = hints.isEmpty ? nil : hints.joined(separator: "; ")
    requiredAttribute = required && !file
  }

  /// An input for a param of an event, as `Runway.events` describes it.
  init(form: String, param: EventAvailability.ParamSummary, value: String = "") {
    self.init(
      form: form, name: param.name, type: param.type, title: param.title, required: param.required, min: param.min,
      max: param.max, values: param.values, value: value)
  }

  /// An input for a field of a workflow, for a start.
  init(form: String, field: Field, choices: [Option]?, value: String = "") {
    var values: [String]?
    if case .enumeration(let declared) = field.type { values = declared }
    self.init(
      form: form, name: field.name, type: field.type.description, title: field.title, required: field.required,
      min: field.min, max: field.max, values: values, choices: choices, value: value)
  }

  /// " from 1 to 100", " at least 1", " at most 5", or "".
  static func bounds(_ min: Int?, _ max: Int?, unit: String?) -> String {
    // "1 character", "5 characters": the unit follows the last number.
    func suffix(_ count: Int) -> String {
      guard let unit else { return "" }
      return " " + (count == 1 ? String(unit.dropLast()) : unit)
    }
    switch (min, max) {
    case (let low?, let high?): return " from \(low) to \(high)\(suffix(high))"
    case (let low?, nil): return ", at least \(low)\(suffix(low))"
    case (nil, let high?): return ", at most \(high)\(suffix(high))"
    case (nil, nil): return ""
    }
  }
}

/// A message template (subject, body, check message) parsed once into tokens and rendered
/// over a `TemplateScope` with no `[String: Any]`, no reflection and no Foundation: what the
/// engine renders on every notifying transition (docs/notifications.md).
///
/// The grammar is the Mustache subset validation lets through (variables, `{{{…}}}`, `{{&…}}`,
/// sections, inverted sections, comments), read the way swift-mustache reads it with Runway's
/// `{{% CONTENT_TYPE: TEXT}}` in front: nothing is HTML-escaped, and a section, inverted
/// section or comment alone on its line takes the line with it. A test renders generated
/// templates both ways and compares (CompiledTemplateTests).
public struct CompiledTemplate: Sendable {
  let tokens: [TemplateToken]
  /// The bytes of the text between the top-level tags, plus room for what the tags write:
  /// the rendered text is reserved at once, not grown append by append.
  let expectedLength: Int

  /// Parses `text`; nil when it is not in the subset (validation refuses those first).
  public init?(_ text: String) {
    var reader = TemplateReader(Array(text))
    // The content-type tag validation puts in front is standalone when the text starts with
    // an empty line, and then takes that line.
    let newLine = reader.hasLineFinished()
    guard let tokens = reader.parse(section: nil, newLine: newLine) else { return nil }
    self.tokens = tokens
    var length = 0
    for case .text(let text) in tokens { length += text.utf8.count }
    expectedLength = length + 64
  }

  /// The text with every tag replaced by what `scope` holds for it.
  public func render(_ scope: some TemplateScope) -> String {
    // Bytes, made a `String` once: appending to a `String` piece by piece took a third of a
    // render (docs/benchmarks.md, W1).
    var output: [UInt8] = []
    output.reserveCapacity(expectedLength)
    // The root alone in place: a template without sections allocates no stack.
    var stack = InlineList<TemplateValue>()
    stack.append(.root)
    Self.render(tokens, scope, &stack, into: &output)
    return String(decoding: output, as: UTF8.self)
  }

  private static func render(
    _ tokens: [TemplateToken], _ scope: some TemplateScope, _ stack: inout InlineList<TemplateValue>,
    into output: inout [UInt8]
  ) {
    for token in tokens {
      switch token {
      case .text(let text): append(text, to: &output)
      case .variable(let name):
        if case .text(let text) = lookup(name, scope, stack) { append(text, to: &output) }
      case .section(let name, let children, let inverted):
        let value = lookup(name, scope, stack)
        if inverted {
          if value == nil { render(children, scope, &stack, into: &output) }
        } else if let value {
          stack.append(value)
          render(children, scope, &stack, into: &output)
          stack.removeLast()
        }
      }
    }
  }

  /// Appends the UTF-8 of `text`, in one copy when the string holds it in one piece.
  private static func append(_ text: String, to output: inout [UInt8]) {
    if text.utf8.withContiguousStorageIfAvailable({ output.append(contentsOf: $0) }) == nil {
      output.append(contentsOf: text.utf8)
    }
  }

  /// Mustache's lookup: `.` is the innermost value; `a.b` finds `a` in the innermost value
  /// that has it, then `b` in that; `.a` looks in the innermost value only.
  private static func lookup(_ name: TemplateName, _ scope: some TemplateScope, _ stack: InlineList<TemplateValue>)
    -> TemplateValue?
  {
    guard let first = name.path.first else { return stack.last }
    var found: TemplateValue?
    if name.innermostOnly {
      found = stack.last.flatMap { child(first, of: $0, scope) }
    } else {
      for value in stack.reversed() {
        if let child = child(first, of: value, scope) {
          found = child
          break
        }
      }
    }
    for member in name.path.dropFirst() {
      guard let value = found else { return nil }
      found = child(member, of: value, scope)
    }
    return found
  }

  private static func child(_ name: String, of value: TemplateValue, _ scope: some TemplateScope) -> TemplateValue? {
    switch value {
    case .root: return scope.value(of: name)
    case .object(let object): return scope.member(name, of: object)
    case .text: return nil
    }
  }
}

/// What a template's tags read: the top-level names, and the members of objects such as
/// `state`, `actor` and `params`.
public protocol TemplateScope {
  /// The value of a top-level name, nil when there is none.
  func value(of name: String) -> TemplateValue?
  /// The member `name` of the object `object` (a top-level name), nil when there is none.
  func member(_ name: String, of object: String) -> TemplateValue?
}

/// A value a tag reads: text, or an object whose members the scope answers. An object (or
/// the whole scope) written as a variable renders nothing.
public enum TemplateValue: Sendable, Equatable {
  case text(String)
  case object(String)
  case root
}

/// A tag's name, split at its dots when the template is parsed.
struct TemplateName: Sendable {
  var path: [String]
  var innermostOnly: Bool

  init(_ text: String) {
    innermostOnly = text.first == "." && text != "."
    path = text == "." ? [] : text.split(separator: ".").map(String.init)
  }
}

indirect enum TemplateToken: Sendable {
  case text(String)
  case variable(TemplateName)
  case section(TemplateName, [TemplateToken], inverted: Bool)
}

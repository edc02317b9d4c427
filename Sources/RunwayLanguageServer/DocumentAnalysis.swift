import RunwayModel
import RunwayYAML

/// What the server knows of one version of a document: the validator's findings and as much
/// of the workflow as could be read, even while the file does not parse (docs/editors.md).
public struct DocumentAnalysis: Sendable {
  public let document: TextDocument
  /// The YAML tree and the declarations that decoded; what the features serve.
  public let draft: WorkflowDraft?
  /// What `runway validate` would report for this text.
  public let diagnostics: [Diagnostic]
  /// Lines left out to read the rest when the YAML is malformed (1-based).
  public let setAsideLines: [Int]
  /// The domain of the document's folder: the kinds its `ref` fields name (docs/domain.md).
  public let domain: Domain

  /// Attempts at leaving out a malformed line before giving up on the features.
  static let recoveryAttempts = 12

  public init(_ document: TextDocument, domain: Domain = .standard) {
    self.document = document
    self.domain = domain
    let file = document.uri
    if DomainLoader.fileNames.contains(where: { file.hasSuffix("/" + $0) }) {
      // The domain file itself: its own checks, no workflow features.
      do {
        _ = try DomainLoader.parse(document.text, file: file)
        diagnostics = []
      } catch {
        diagnostics = error.diagnostics
      }
      draft = nil
      setAsideLines = []
      return
    }
    do {
      let draft = try WorkflowLoader.draft(document.text, file: file, domain: domain)
      self.draft = draft
      setAsideLines = []
      // Meaning is checked only on a well-formed file, as `runway validate` does: on a
      // partial one, every declaration that failed to decode would be reported again.
      if let workflow = draft.workflow, draft.diagnostics.isEmpty {
        diagnostics = WorkflowCompiler.compile(workflow, domain: domain).diagnostics
      } else {
        diagnostics = draft.diagnostics
      }
    } catch {
      diagnostics = error.diagnostics
      (draft, setAsideLines) = Self.recover(document, from: error, domain: domain)
    }
  }

  /// Reads the file again without the lines libyaml stops at, one at a time, so the
  /// declarations before and after a half-typed line still serve completion and navigation.
  static func recover(_ document: TextDocument, from error: DiagnosticError, domain: Domain) -> (WorkflowDraft?, [Int])
  {
    var lines = (0..<document.lineCount).map { String(document.line($0)) }
    var setAside: [Int] = []
    var failure = error
    for _ in 0..<recoveryAttempts {
      guard let problem = failure.diagnostics.first, let reported = problem.location?.line else {
        return (nil, setAside)
      }
      var line = min(max(reported, 1), lines.count)
      // libyaml finds an unclosed bracket or quote where the text stops making sense, often
      // lines later: the line to leave out is the nearest one above that opens and does not close.
      if problem.message.contains("flow") || problem.message.contains("quoted")
        || problem.message.contains("end of stream"),
        let opener = stride(from: line, through: max(1, line - 200), by: -1).first(where: {
          !setAside.contains($0) && Self.leavesOpen(lines[$0 - 1])
        })
      {
        line = opener
      }
      // An error at a line already left out (or blank) comes from an earlier one.
      while line > 1, setAside.contains(line) || lines[line - 1].allSatisfy(\.isWhitespace) { line -= 1 }
      if setAside.contains(line) { return (nil, setAside) }
      setAside.append(line)
      lines[line - 1] = ""
      do {
        return (
          try WorkflowLoader.draft(lines.joined(separator: "\n"), file: document.uri, domain: domain), setAside.sorted()
        )
      } catch {
        failure = error
      }
    }
    return (nil, setAside.sorted())
  }

  public var workflow: Workflow? { draft?.workflow }

  /// Whether a line opens a `[`, `{` or quote it does not close (outside comments).
  static func leavesOpen(_ line: String) -> Bool {
    var depth = 0
    var quote: Character?
    var previous: Character = " "
    for character in line {
      if let open = quote {
        if character == open, previous != "\\" || open == "'" { quote = nil }
      } else {
        switch character {
        case "\"",
          "'" where previous == " " || previous == "[" || previous == "{" || previous == ",":
          quote = character
        case "[", "{": depth += 1
        case "]", "}": depth -= 1
        case "#" where previous == " ": return depth > 0
        default: break
        }
      }
      previous = character
    }
    return depth > 0 || quote != nil
  }
}

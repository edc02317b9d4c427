import RunwayModel

/// What can be read of a workflow file being edited: the located tree and as much of the
/// workflow as is well formed, with every structural problem (see docs/editors.md).
public struct WorkflowDraft: Sendable {
  /// The declarations that decoded; nil when the file is not a mapping.
  public var workflow: Workflow?
  /// The structural problems, as `WorkflowLoader.parse` reports them.
  public var diagnostics: [Diagnostic]
  let text: String
  let file: String
  let limits: LoaderLimits
  /// Whether the file holds a document.
  let hasRoot: Bool
  private let tree = OnceCache<YAMLNode?>()

  /// The file's YAML tree; nil when the file is empty. Built on first use: decoding streams
  /// the large sections without keeping their tree (see `WorkflowDecoder.read`), and only
  /// some of an editor's requests (symbols, hover, completion) read it.
  public var root: YAMLNode? {
    guard hasRoot else { return nil }
    return tree.value {
      // The same text within the same limits composed once already, so this succeeds.
      (try? YAMLNode.parse(text, file: file, limits: limits)) ?? nil
    }
  }

  init(workflow: Workflow?, diagnostics: [Diagnostic], text: String, file: String, limits: LoaderLimits, hasRoot: Bool)
  {
    self.workflow = workflow
    self.diagnostics = diagnostics
    self.text = text
    self.file = file
    self.limits = limits
    self.hasRoot = hasRoot
  }
}

extension WorkflowLoader {
  /// Decodes `text` keeping what is well formed, where `parse` refuses the whole file.
  /// Throws only when the text is not YAML at all (the error names its place).
  public static func draft(
    _ text: String, file: String, domain: Domain = .standard, limits: LoaderLimits = .standard
  ) throws(DiagnosticError) -> WorkflowDraft {
    var decoder = WorkflowDecoder(file: file, kinds: domain.kindNames)
    let (root, workflow) = try decoder.read(text, file: file, limits: limits)
    guard root != nil else {
      return WorkflowDraft(
        workflow: nil, diagnostics: [.error("the file is empty", at: SourceLocation(file: file, line: 1, column: 1))],
        text: text, file: file, limits: limits, hasRoot: false)
    }
    return WorkflowDraft(
      workflow: workflow, diagnostics: decoder.reader.diagnostics, text: text, file: file, limits: limits,
      hasRoot: true)
  }
}

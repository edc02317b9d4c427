import RunwayModel

/// What can be read of a workflow file being edited: the located tree and as much of the
/// workflow as is well formed, with every structural problem (see docs/editors.md).
public struct WorkflowDraft: Sendable {
  /// The file's YAML tree; nil when the file is empty.
  public var root: YAMLNode?
  /// The declarations that decoded; nil when the file is not a mapping.
  public var workflow: Workflow?
  /// The structural problems, as `WorkflowLoader.parse` reports them.
  public var diagnostics: [Diagnostic]
}

extension WorkflowLoader {
  /// Decodes `text` keeping what is well formed, where `parse` refuses the whole file.
  /// Throws only when the text is not YAML at all (the error names its place).
  public static func draft(
    _ text: String, file: String, domain: Domain = .standard, limits: LoaderLimits = .standard
  ) throws(DiagnosticError) -> WorkflowDraft {
    guard let root = try YAMLNode.parse(text, file: file, limits: limits) else {
      return WorkflowDraft(
        root: nil, workflow: nil,
        diagnostics: [.error("the file is empty", at: SourceLocation(file: file, line: 1, column: 1))])
    }
    var decoder = WorkflowDecoder(file: file, kinds: domain.kindNames)
    let workflow = decoder.decode(root)
    return WorkflowDraft(root: root, workflow: workflow, diagnostics: decoder.reader.diagnostics)
  }
}

import RunwayModel

/// The entries of a section decoded while the composer streamed it, with their diagnostics
/// kept apart until `WorkflowDecoder.decode` reaches the section.
struct StreamedSection<Item> {
  var items: [Item] = []
  var diagnostics: [Diagnostic] = []
}

/// Decoding `states` and `transitions` entry by entry while libyaml's events come in: the
/// tree of a large workflow was most of its memory and did not fit the cache, so loading
/// grew faster than the file (docs/benchmarks.md, "W3, loading"). The diagnostics keep the
/// order decoding a whole tree gives: a streamed section's wait until `decode` reaches it.
extension WorkflowDecoder {
  /// The root sections `read` streams.
  static let streamedSections = ["states", "transitions"]

  /// Reads and decodes workflow text; the root is nil when the file holds no document, and
  /// holds an empty mapping in place of each section that was streamed.
  mutating func read(_ text: String, file: String, limits: LoaderLimits) throws(DiagnosticError) -> (
    root: YAMLNode?, workflow: Workflow?
  ) {
    let root = try YAMLNode.parse(
      text, file: file, limits: limits, streaming: Self.streamedSections,
      sizing: { self.reserve($1, in: $0) }, entry: { self.decodeEntry(of: $0, $1) })
    guard let root else { return (nil, nil) }
    return (root, decode(root))
  }

  /// Room for a section's estimated entries before the first is decoded (each entry is at
  /// least one state or transition).
  private mutating func reserve(_ entries: Int, in section: String) {
    if section == "states" {
      var streamed = streamedStates ?? StreamedSection()
      streamedStates = nil
      streamed.items.reserveCapacity(entries)
      streamedStates = streamed
    } else {
      var streamed = streamedTransitions ?? StreamedSection()
      streamedTransitions = nil
      streamed.items.reserveCapacity(entries)
      streamedTransitions = streamed
    }
  }

  /// Decodes one streamed entry as `decode` decodes it from a whole tree.
  private mutating func decodeEntry(of section: String, _ pair: YAMLComposer.Pair) {
    if section == "states" {
      var streamed = streamedStates ?? StreamedSection()
      streamedStates = nil  // `streamed` alone holds the arrays: appending copies nothing
      swap(&reader.diagnostics, &streamed.diagnostics)
      reader.checkName(pair.key, kebab: true, "state", at: pair.keyLocation)
      if let state = state(pair.key, pair.keyLocation, pair.value) { streamed.items.append(state) }
      swap(&reader.diagnostics, &streamed.diagnostics)
      streamedStates = streamed
    } else {
      var streamed = streamedTransitions ?? StreamedSection()
      streamedTransitions = nil
      swap(&reader.diagnostics, &streamed.diagnostics)
      transitions(of: pair, into: &streamed.items)
      swap(&reader.diagnostics, &streamed.diagnostics)
      streamedTransitions = streamed
    }
  }
}

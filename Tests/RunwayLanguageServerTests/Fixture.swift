import RunwayLanguageServer

/// A small valid workflow every kind of name appears in, and where things are in it.
enum Fixture {
  static let text = """
    workflow: demo
    fields:
      miniProgram: { type: ref, entity: miniPrograms, title: Mini program }
      count:
        type: int
        title: Approvals
        description: How many times it was submitted.
      note: { type: string }
    settings:
      strict: { type: bool, default: false, description: Whether reviews are strict. }
    roles:
      admin:
        workspace: miniProgram.merchant
        description: Runs the release.
      reviewer: { workspace: "'acme'" }
    start: { allow: [admin] }
    initial: draft
    states:
      draft:
        title: Draft
        description: Being written.
      review: { title: Under review }
      done: { title: Done, terminal: true }
    transitions:
      submit:
        from: draft
        to: review
        allow: [admin]
        set: { count: "count + 1" }
        notify: [submitted]
      approve:
        from: review
        to:
          - state: done
            when: "params.ok && settings.strict"
          - state: draft
        allow: [reviewer]
        params:
          ok: { type: bool, required: true }
    notifications:
      submitted:
        to: { roles: [reviewer] }
        subject: "{{miniProgram}} submitted, count {{count}}"
        body: "Please review."

    """

  static let uri = "file:///work/demo.yaml"

  /// The position of the `occurrence`-th `needle` (1-based), `offset` characters into it.
  static func position(of needle: String, _ occurrence: Int = 1, offset: Int = 0, in text: String = text) -> Position {
    var found = 0
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var rest = line[...]
      while let range = rest.range(of: needle) {
        found += 1
        if found == occurrence {
          return Position(
            line: number, character: line.utf16.distance(from: line.startIndex, to: range.lowerBound) + offset)
        }
        rest = line[range.upperBound...]
      }
    }
    return Position(line: -1, character: -1)
  }

  /// Text with a `|` marking the cursor: the text without it, and where it was.
  static func cursor(_ marked: String) -> (text: String, position: Position) {
    let position = Self.position(of: "|", in: marked)
    return (marked.replacingOccurrences(of: "|", with: ""), position)
  }

  /// The fixture with `old` (which must occur once) replaced.
  static func replacing(_ old: String, with new: String) -> String {
    text.replacingOccurrences(of: old, with: new)
  }
}

import Foundation
import Testing

@testable import RunwayModel

/// Names, list items and template tags are trimmed as Foundation's `.whitespaces` trims it, without Foundation
/// (docs/benchmarks.md, W2): tab and Unicode's space separators, not line breaks.
@Suite struct SpaceTrimmingTests {
  @Test(arguments: [
    "name", " name ", "\tname\t", "  a b  ", "\u{3000}ideographic\u{3000}", "\u{00A0}nbsp\u{2003}",
    "\nline\n", " \u{301}mark ", "", "   ", "\u{200B}zero-width\u{200B}", " é ", "\u{1680}ogham\u{202F}",
  ])
  func trimsLikeFoundation(tag: String) {
    #expect(tag.trimmingSpaces() == tag.trimmingCharacters(in: .whitespaces))
    #expect(tag[...].trimmingSpaces() == tag[...].trimmingCharacters(in: .whitespaces))
  }

  @Test func theTrimmedNameIsWhatAScanReports() {
    let uses = TemplateVariables.uses(in: "Hello {{ \u{3000}actor.name\t }} and {{#\tlist }}x{{/list}}")
    #expect(uses.map(\.name) == ["actor.name", "list"])
  }
}

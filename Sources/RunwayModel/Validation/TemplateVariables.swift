import Foundation

/// The variables a Mustache template uses (`{{name}}`, `{{{name}}}`, `{{& name}}`,
/// `{{#name}}`, `{{^name}}`), with where each one is written, and what Runway refuses in a
/// template before Mustache's own parser sees it: more than `InputLimits.templateLength`
/// characters, sections nested past `InputLimits.templateSectionDepth` (that parser recurses
/// once per level), partials and delimiter changes (a message has no partials to include, and
/// other delimiters would hide its variables from this check). One pass over the text, so a
/// template of many sections costs time in proportion to its length (docs/workflow-format.md).
enum TemplateVariables {
  struct Use: Hashable {
    var name: String
    var offset: Int
  }

  /// The uses in order of offset, or the first thing refused and where.
  struct Scan {
    var uses: [Use] = []
    var problem: (message: String, offset: Int)?
  }

  static func scan(_ text: String) -> Scan {
    var scan = Scan()
    let length = text.count
    guard length <= InputLimits.templateLength else {
      scan.problem = (
        "this template is \(length) characters long; the limit is \(InputLimits.templateLength)", 0
      )
      return scan
    }
    let chars = Array(text)
    var depth = 0
    var i = 0
    while i + 1 < chars.count {
      guard chars[i] == "{", chars[i + 1] == "{" else {
        i += 1
        continue
      }
      // Mustache reads `{{` followed by a line break as text that ends the line, and starts
      // afresh after it (swift-mustache's parser checks for the break before the tag's kind).
      if i + 2 < chars.count, chars[i + 2].isNewline {
        i += 3
        continue
      }
      let tagStart = i
      var start = i + 2
      var closingWidth = 2
      if start < chars.count, chars[start] == "{" {
        start += 1
        closingWidth = 3
      }
      guard let end = closing(width: closingWidth, in: chars, from: start) else { break }
      // Character by character: `String(_:)` of a slice is a generic call the runtime resolves
      // by a conformance scan on first use (docs/benchmarks.md, W2).
      var tag = ""
      for character in chars[start..<end] { tag.append(character) }
      let sigil = tag.first
      i = end + closingWidth
      switch sigil {
      case ">", "<", "$":
        scan.problem = (
          "a template cannot include partials or blocks ({{\(tag.prefix(1))…}}); write the text in place", tagStart
        )
        return scan
      case "=":
        scan.problem = ("a template cannot change its delimiters ({{=…=}}); only {{ }} tags are read", tagStart)
        return scan
      case "#", "^":
        depth += 1
        if depth > InputLimits.templateSectionDepth {
          scan.problem = (
            "sections nest more than \(InputLimits.templateSectionDepth) levels deep in this template", tagStart
          )
          return scan
        }
      case "/":
        depth = max(0, depth - 1)
        continue
      case "%":
        scan.problem = ("a template cannot set Mustache pragmas ({{%…}}); templates render plain text", tagStart)
        return scan
      case "!":
        continue
      default: break
      }
      if let sigil, "#^&".contains(sigil) { tag.removeFirst() }
      let leading = tag.prefix { $0 == " " }.count
      let name = tag.trimmingSpaces()
      if name.unicodeScalars.contains("(") {
        scan.problem = ("a template cannot call Mustache transforms ({{name(…)}}); write the name alone", tagStart)
        return scan
      }
      guard !name.isEmpty, name != "." else { continue }
      let sigilWidth = (sigil.map { "#^&".contains($0) } ?? false) ? 1 : 0
      scan.uses.append(Use(name: name, offset: start + sigilWidth + leading))
    }
    return scan
  }

  /// The variables `text` uses; empty when the template is refused.
  static func uses(in text: String) -> [Use] { scan(text).uses }

  /// The offset of the first run of `width` closing braces at or after `start`.
  private static func closing(width: Int, in chars: [Character], from start: Int) -> Int? {
    var i = start
    while i + width <= chars.count {
      var matched = 0
      while matched < width, chars[i + matched] == "}" { matched += 1 }
      if matched == width { return i }
      i += max(1, matched)
    }
    return nil
  }
}

import Foundation

/// The variables a Mustache template uses (`{{name}}`, `{{{name}}}`, `{{& name}}`,
/// `{{#name}}`, `{{^name}}`), with where each one is written.
enum TemplateVariables {
  struct Use: Hashable {
    var name: String
    var offset: Int
  }

  static func uses(in text: String) -> [Use] {
    let chars = Array(text)
    var uses: [Use] = []
    var i = 0
    while i + 1 < chars.count {
      guard chars[i] == "{", chars[i + 1] == "{" else {
        i += 1
        continue
      }
      var start = i + 2
      var closing = "}}"
      if start < chars.count, chars[start] == "{" {
        start += 1
        closing = "}}}"
      }
      guard let end = find(closing, in: chars, from: start) else { break }
      var tag = String(chars[start..<end])
      let sigil = tag.first
      i = end + closing.count
      if let sigil, "!%>/=<".contains(sigil) { continue }
      if let sigil, "#^&".contains(sigil) { tag.removeFirst() }
      let leading = tag.prefix { $0 == " " }.count
      let name = tag.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty, name != "." else { continue }
      let sigilWidth = (sigil.map { "#^&".contains($0) } ?? false) ? 1 : 0
      uses.append(Use(name: name, offset: start + sigilWidth + leading))
    }
    return uses
  }

  private static func find(_ needle: String, in chars: [Character], from start: Int) -> Int? {
    let pattern = Array(needle)
    var i = start
    while i + pattern.count <= chars.count {
      if Array(chars[i..<(i + pattern.count)]) == pattern { return i }
      i += 1
    }
    return nil
  }
}

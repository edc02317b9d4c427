/// The variables a Mustache template uses (`{{a.b}}`, `{{#a}}`, `{{{a}}}`), each segment with
/// its character offset; the rules are the validator's (docs/notifications.md).
struct TemplateNames {
  var uses: [[(name: String, offset: Int)]] = []

  init(_ text: String) {
    let chars = Array(text)
    var i = 0
    while i + 1 < chars.count {
      guard chars[i] == "{", chars[i + 1] == "{" else {
        i += 1
        continue
      }
      var start = i + 2
      if start < chars.count, chars[start] == "{" { start += 1 }
      var end = start
      while end + 1 < chars.count, !(chars[end] == "}" && chars[end + 1] == "}") { end += 1 }
      guard end + 1 < chars.count else { break }
      i = end + 2
      var cursor = start
      if cursor < end, "!%>/=<".contains(chars[cursor]) { continue }
      if cursor < end, "#^&".contains(chars[cursor]) { cursor += 1 }
      while cursor < end, chars[cursor] == " " { cursor += 1 }
      var segments: [(String, Int)] = []
      var segmentStart = cursor
      while cursor <= end {
        if cursor == end || chars[cursor] == "." || chars[cursor] == " " {
          if cursor > segmentStart { segments.append((String(chars[segmentStart..<cursor]), segmentStart)) }
          if cursor == end || chars[cursor] == " " { break }
          segmentStart = cursor + 1
        }
        cursor += 1
      }
      if !segments.isEmpty { uses.append(segments) }
    }
  }
}

import Foundation

/// Where a cursor stands in a workflow file, read from the text around it so that it works
/// on a line still being typed: the key whose value it is in, the keys above it, and the
/// word typed so far (docs/editors.md, "Completion").
struct CompletionContext: Equatable {
  enum Place: Equatable {
    /// In the value of `key` (or an item of its list, or a `{…}` value), below `parents`.
    case value(key: String, parents: [String])
    /// Where a new key of the mapping under `parents` would be written.
    case key(parents: [String])
    /// Inside `{{ }}` of a template.
    case template
  }

  var place: Place
  /// The characters of the name being typed before the cursor (dots included, for paths).
  var typed: String

  /// The context at `column` (0-based, in characters) of line `line` of `lines`.
  init?(lines: [Substring], line: Int, column: Int) {
    guard line < lines.count else { return nil }
    let text = Array(lines[line])
    let prefix = Array(text.prefix(column))
    typed = String(prefix.reversed().prefix { $0.isLetter || $0.isNumber || "_-.".contains($0) }.reversed())
    if let open = Self.lastIndex(of: "{{", in: prefix), Self.lastIndex(of: "}}", in: prefix).map({ $0 < open }) ?? true
    {
      place = .template
      typed = String(typed.drop { $0 == "{" })
      return
    }
    let parents = Self.parents(of: line, in: lines)
    guard let place = Self.flowPlace(prefix, parents: parents) else { return nil }
    self.place = place
  }

  private static func lastIndex(of pair: String, in chars: [Character]) -> Int? {
    let pattern = Array(pair)
    var index = chars.count - pattern.count
    while index >= 0 {
      if Array(chars[index..<index + pattern.count]) == pattern { return index }
      index -= 1
    }
    return nil
  }

  /// The keys of the block mappings that contain `line`, outermost first, by indentation.
  static func parents(of line: Int, in lines: [Substring]) -> [String] {
    var keys: [String] = []
    var indent = Self.indent(of: lines[line], ownLine: true)
    var index = line - 1
    while index >= 0, indent > 0 {
      let candidate = lines[index]
      let trimmed = candidate.drop { $0 == " " }
      if trimmed.isEmpty || trimmed.hasPrefix("#") {
        index -= 1
        continue
      }
      let candidateIndent = Self.indent(of: candidate, ownLine: false)
      if candidateIndent < indent, let key = Self.key(of: candidate) {
        keys.insert(key, at: 0)
        indent = candidateIndent
      }
      index -= 1
    }
    return keys
  }

  /// Where a line's content starts: a list item `- ` counts as content for its own line and
  /// as indentation for the lines under it (`- state: x` then `  when: …`).
  private static func indent(of line: Substring, ownLine: Bool) -> Int {
    let spaces = line.prefix { $0 == " " }.count
    if ownLine { return spaces }
    var rest = line.dropFirst(spaces)
    var width = spaces
    while rest.hasPrefix("- ") {
      rest = rest.dropFirst(2)
      width += 2
      let more = rest.prefix { $0 == " " }.count
      rest = rest.dropFirst(more)
      width += more
    }
    return width == spaces ? spaces : width - 1
  }

  /// The first key of a line (`  name: …`, `- name: …`), nil when it has none.
  static func key(of line: Substring) -> String? {
    var rest = line.drop { $0 == " " || $0 == "-" }
    if let quote = rest.first, quote == "\"" || quote == "'" { rest = rest.dropFirst() }
    let name = rest.prefix { $0.isLetter || $0.isNumber || "_-".contains($0) }
    let after = rest.dropFirst(name.count).drop { $0 == "\"" || $0 == "'" }
    guard !name.isEmpty, after.first == ":", after.dropFirst().first.map({ $0 == " " }) ?? true else { return nil }
    return String(name)
  }

  /// Reads the line up to the cursor: block key, `- ` items, `{…}` and `[…]` nesting.
  private static func flowPlace(_ prefix: [Character], parents: [String]) -> Place? {
    // Each open `{` or `[` remembers the key it is the value of.
    var frames: [(isMapping: Bool, owner: String?)] = []
    var currentKey: String?
    var inValue = false
    var token = ""
    var i = 0
    while i < prefix.count {
      let c = prefix[i]
      switch c {
      case "\"", "'":
        if token.allSatisfy(\.isWhitespace), !inValue || frames.last?.isMapping == true || frames.isEmpty {
          // A quoted key or value: skip to its end; an unclosed one is where the cursor is.
          var j = i + 1
          while j < prefix.count, prefix[j] != c { j += 1 }
          if j >= prefix.count { return place(frames, currentKey, inValue, parents) }
          token = String(prefix[(i + 1)..<j])
          i = j
        } else {
          token.append(c)
        }
      case "#" where i == 0 || prefix[i - 1] == " ":
        return nil
      case "{", "[":
        frames.append((c == "{", inValue ? currentKey : nil))
        currentKey = nil
        inValue = c == "["
        token = ""
      case "}", "]":
        if !frames.isEmpty { frames.removeLast() }
        token = ""
      case ",":
        if frames.last?.isMapping == true {
          inValue = false
          currentKey = nil
        }
        token = ""
      case ":" where i + 1 >= prefix.count || prefix[i + 1] == " ":
        if !inValue || frames.last?.isMapping == false {
          currentKey = token.trimmingCharacters(in: .whitespaces)
          inValue = true
        }
        token = ""
      case "-" where token.isEmpty && (i + 1 >= prefix.count || prefix[i + 1] == " ") && frames.isEmpty:
        // A block list item: what follows is an item of the parent key's list.
        if !inValue { currentKey = nil }
      case " ":
        if !inValue { token = "" } else { token.append(c) }
      default:
        token.append(c)
      }
      i += 1
    }
    return place(frames, currentKey, inValue, parents)
  }

  private static func place(
    _ frames: [(isMapping: Bool, owner: String?)], _ key: String?, _ inValue: Bool, _ parents: [String]
  ) -> Place {
    // Owners of the open brackets extend the block parents: `set: { count: …` is under set.
    var chain = parents
    for frame in frames {
      if let owner = frame.owner { chain.append(owner) }
    }
    if inValue, let key, frames.last?.isMapping != false { return .value(key: key, parents: chain) }
    if let frame = frames.last, !frame.isMapping, let owner = frame.owner {
      return .value(key: owner, parents: Array(chain.dropLast()))
    }
    if frames.isEmpty, let last = parents.last, !inValue, key == nil {
      // A block line without a key yet: a key of the parent mapping, or an item of its list.
      return .key(parents: parents).withListItem(last)
    }
    return .key(parents: chain)
  }
}

extension CompletionContext.Place {
  /// Lines under `from:`/`allow:`… hold list items (values), not keys.
  fileprivate func withListItem(_ parent: String) -> Self {
    if case .key(let parents) = self, CompletionContext.listKeys.contains(parent) {
      return .value(key: parent, parents: Array(parents.dropLast()))
    }
    return self
  }
}

extension CompletionContext {
  /// Keys whose value may be a block list of names.
  static let listKeys: Set<String> = ["from", "allow", "notify", "roles", "unique"]
}

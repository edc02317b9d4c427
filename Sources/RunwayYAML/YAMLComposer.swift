import CLibYAML
import RunwayModel

/// Builds located nodes straight from libyaml's events. Yams' composer builds a tree of its
/// own, resolves every scalar's tag and hashes every key to look for duplicates, which cost
/// more than the parse; the loader needs none of it. Aliases are expanded within the
/// loader's node limit, duplicate keys are reported at their second occurrence.
///
/// The root mapping's large sections (a workflow's `states` and `transitions`) can be
/// streamed: each entry is handed over as soon as it is built and then dropped, so the tree
/// of a large file is never whole in memory (docs/benchmarks.md, "W3, loading").
struct YAMLComposer {
  /// A mapping's entry: its key, where the key is, and its value.
  typealias Pair = (key: String, keyLocation: SourceLocation, value: YAMLNode)

  let file: String
  /// `file`'s number, which every location of the file carries.
  let source: SourceFile
  /// The text's UTF-8, read in place (a copy of a large file was a fresh allocation each time).
  let bytes: UnsafeBufferPointer<UInt8>
  /// Where each line starts in `bytes`, found on the first block scalar (most files have few).
  private var lineStarts: [Int]?
  let limits: LoaderLimits
  private var parser = yaml_parser_t()
  private var anchors: [String: (node: YAMLNode, count: Int)] = [:]
  private var nodes = 0

  init(file: String, bytes: UnsafeBufferPointer<UInt8>, limits: LoaderLimits) {
    self.file = file
    self.source = SourceFile(file)
    self.bytes = bytes
    self.limits = limits
  }

  /// The single document of `text`, or nil when it holds none. When the root is a mapping,
  /// the entries of its `sections` that are mappings without an anchor go to `entry` in
  /// order, and the root holds an empty mapping in their place; before a section's first
  /// entry, `sizing` gets an estimate of how many entries it holds.
  static func compose(
    _ text: String, file: String, limits: LoaderLimits, streaming sections: [String] = [],
    sizing: (_ section: String, _ entries: Int) -> Void = { _, _ in },
    entry: (_ section: String, _ pair: Pair) -> Void = { _, _ in }
  ) throws(DiagnosticError) -> YAMLNode? {
    var text = text
    let result: Result<YAMLNode?, DiagnosticError> = text.withUTF8 { buffer in
      // An empty text holds no document (libyaml refuses a null input).
      guard buffer.baseAddress != nil else { return .success(nil) }
      var composer = YAMLComposer(file: file, bytes: buffer, limits: limits)
      yaml_parser_initialize(&composer.parser)
      defer { yaml_parser_delete(&composer.parser) }
      yaml_parser_set_encoding(&composer.parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&composer.parser, buffer.baseAddress, buffer.count)
      do throws(DiagnosticError) {
        return .success(try composer.stream(streaming: sections, sizing: sizing, entry: entry))
      } catch { return .failure(error) }
    }
    return try result.get()
  }

  private mutating func stream(
    streaming sections: [String], sizing: (String, Int) -> Void, entry: (String, Pair) -> Void
  ) throws(DiagnosticError) -> YAMLNode? {
    var event = try next()  // stream start
    yaml_event_delete(&event)
    event = try next()
    guard event.type == YAML_DOCUMENT_START_EVENT else {
      yaml_event_delete(&event)
      return nil
    }
    yaml_event_delete(&event)
    event = try next()
    let root: YAMLNode
    if event.type == YAML_MAPPING_START_EVENT, !sections.isEmpty {
      root = try rootMapping(from: &event, streaming: sections, sizing: sizing, entry: entry)
    } else {
      root = try node(from: &event, depth: 0)
    }
    event = try next()  // document end
    yaml_event_delete(&event)
    event = try next()
    defer { yaml_event_delete(&event) }
    if event.type == YAML_DOCUMENT_START_EVENT {
      throw DiagnosticError([
        .error(
          "the file holds more than one YAML document (a second \"---\"); keep one", at: location(event.start_mark))
      ])
    }
    return root
  }

  /// The next event; a parse error becomes a located diagnostic.
  private mutating func next() throws(DiagnosticError) -> yaml_event_t {
    var event = yaml_event_t()
    guard yaml_parser_parse(&parser, &event) == 1 else {
      let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
      let context = parser.context.map { " " + String(cString: $0) } ?? ""
      let at =
        parser.error == YAML_READER_ERROR
        ? SourceLocation(file: file, line: 1, column: 1) : location(parser.problem_mark)
      // libyaml's own nesting limit (1,000) reads as a hint to its C API; say it our way.
      if problem.hasPrefix("Maximum nesting level") {
        throw DiagnosticError([.error("the file nests deeper than \(limits.maximumDepth) levels", at: at)])
      }
      let prefix = parser.error == YAML_READER_ERROR ? "the file cannot be read" : "malformed YAML"
      throw DiagnosticError([.error("\(prefix): \(problem)\(context)", at: at)])
    }
    return event
  }

  /// The node that starts with `event` (consumed), with everything up to its end.
  private mutating func node(from event: inout yaml_event_t, depth: Int) throws(DiagnosticError) -> YAMLNode {
    defer { yaml_event_delete(&event) }
    let at = location(event.start_mark)
    if depth > limits.maximumDepth {
      throw DiagnosticError([.error("the file nests deeper than \(limits.maximumDepth) levels", at: at)])
    }
    let before = nodes
    try count(1, at: at)
    let built: YAMLNode
    let anchor: UnsafeMutablePointer<yaml_char_t>?
    switch event.type {
    case YAML_ALIAS_EVENT:
      let name = Self.string(event.data.alias.anchor)
      guard let anchored = anchors[name] else {
        throw DiagnosticError([.error("the alias *\(name) names no anchor defined before it", at: at)])
      }
      try count(anchored.count - 1, at: at)
      return anchored.node
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text = Self.string(scalar.value, length: scalar.length)
      let quoted = scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
      built = .scalar(text, quoted: quoted, location: at, contentLocation: blockContentLocation(scalar.style, at))
      anchor = scalar.anchor
    case YAML_SEQUENCE_START_EVENT:
      var items: [YAMLNode] = []
      items.reserveCapacity(4)
      while true {
        var item = try next()
        if item.type == YAML_SEQUENCE_END_EVENT {
          yaml_event_delete(&item)
          break
        }
        items.append(try node(from: &item, depth: depth + 1))
      }
      built = .sequence(items, location: at)
      anchor = event.data.sequence_start.anchor
    case YAML_MAPPING_START_EVENT:
      built = .mapping(try mappingPairs(depth: depth), location: at)
      anchor = event.data.mapping_start.anchor
    default:
      throw DiagnosticError([.error("malformed YAML: an unexpected event", at: at)])
    }
    if let anchor { anchors[Self.string(anchor)] = (built, nodes - before) }
    return built
  }

  /// The root mapping that starts with `event` (consumed), as `node(from:depth:)` builds it
  /// but for the values of `sections`, streamed to `entry`.
  private mutating func rootMapping(
    from event: inout yaml_event_t, streaming sections: [String], sizing: (String, Int) -> Void,
    entry: (String, Pair) -> Void
  ) throws(DiagnosticError) -> YAMLNode {
    defer { yaml_event_delete(&event) }
    let at = location(event.start_mark)
    try count(1, at: at)
    // The root's own anchor can name nothing: no alias comes after the document's end.
    var pairs: [Pair] = []
    pairs.reserveCapacity(16)
    var seen: [String: Int]?  // as in `mappingPairs`: a scan up to 16 keys, then a dictionary
    while true {
      var keyEvent = try next()
      if keyEvent.type == YAML_MAPPING_END_EVENT {
        yaml_event_delete(&keyEvent)
        return .mapping(pairs, location: at)
      }
      let (key, keyLocation) = try self.key(from: &keyEvent, depth: 1)
      if pairs.count == 16 {
        seen = Dictionary(pairs.map { ($0.key, $0.keyLocation.line) }, uniquingKeysWith: { first, _ in first })
      }
      if let first = seen.map({ $0[key] }) ?? pairs.first(where: { $0.key == key })?.keyLocation.line {
        throw Self.duplicate(key, at: keyLocation, first: first)
      }
      seen?[key] = keyLocation.line
      var valueEvent = try next()
      if sections.contains(key), valueEvent.type == YAML_MAPPING_START_EVENT,
        valueEvent.data.mapping_start.anchor == nil
      {
        let valueLocation = location(valueEvent.start_mark)
        yaml_event_delete(&valueEvent)
        if 1 > limits.maximumDepth {  // as `node(from:depth:)` checks the value at depth 1
          throw DiagnosticError([.error("the file nests deeper than \(limits.maximumDepth) levels", at: valueLocation)])
        }
        try count(1, at: valueLocation)
        try streamEntries(of: key, depth: 1, sizing: { sizing(key, $0) }) { entry(key, $0) }
        pairs.append((key, keyLocation, .mapping([], location: valueLocation)))
      } else {
        pairs.append((key, keyLocation, try node(from: &valueEvent, depth: 1)))
      }
    }
  }

  /// The pairs of a section's mapping up to its end, each handed to `entry` and not kept.
  private mutating func streamEntries(
    of section: String, depth: Int, sizing: (Int) -> Void, entry: (Pair) -> Void
  ) throws(DiagnosticError) {
    var seen: [String: Int] = [:]
    var sized = false
    while true {
      var keyEvent = try next()
      if keyEvent.type == YAML_MAPPING_END_EVENT {
        yaml_event_delete(&keyEvent)
        return
      }
      if !sized {
        sized = true
        // Sized before the first entry: a large section's table and its decoded entries
        // doubled a dozen times, each growth a copy into fresh pages (W3, docs/benchmarks.md).
        let entries = Self.estimatedEntries(in: bytes, from: keyEvent.start_mark.index)
        seen.reserveCapacity(entries)
        sizing(entries)
      }
      let (key, keyLocation) = try self.key(from: &keyEvent, depth: depth + 1)
      // One hash per key: the insertion answers whether the key was there (a large section's
      // table does not fit the cache, and a second lookup missed it again, W3).
      if let first = seen.updateValue(keyLocation.line, forKey: key) {
        throw Self.duplicate(key, at: keyLocation, first: first)
      }
      var valueEvent = try next()
      entry((key, keyLocation, try node(from: &valueEvent, depth: depth + 1)))
    }
  }

  private static func duplicate(_ key: String, at location: SourceLocation, first: Int) -> DiagnosticError {
    DiagnosticError([
      .error("duplicate key \"\(key)\"; a key may appear once in a mapping (first at line \(first))", at: location)
    ])
  }

  /// A mapping's pairs up to its end; keys are plain scalars, each once.
  private mutating func mappingPairs(depth: Int) throws(DiagnosticError) -> [Pair] {
    var pairs: [Pair] = []
    pairs.reserveCapacity(8)  // one allocation for a typical mapping instead of four growths
    // Most mappings have a handful of keys: a scan finds a duplicate sooner than hashing
    // every key (a dictionary per mapping was 9 % of loading); large ones get the dictionary.
    var seen: [String: Int]?
    while true {
      var keyEvent = try next()
      if keyEvent.type == YAML_MAPPING_END_EVENT {
        yaml_event_delete(&keyEvent)
        return pairs
      }
      let (key, keyLocation) = try self.key(from: &keyEvent, depth: depth + 1)
      if pairs.count == 16 {
        seen = Dictionary(pairs.map { ($0.key, $0.keyLocation.line) }, uniquingKeysWith: { first, _ in first })
      }
      let first = seen.map { $0[key] } ?? pairs.first { $0.key == key }?.keyLocation.line
      if let first { throw Self.duplicate(key, at: keyLocation, first: first) }
      seen?[key] = keyLocation.line
      var valueEvent = try next()
      pairs.append((key, keyLocation, try node(from: &valueEvent, depth: depth + 1)))
    }
  }

  /// A mapping's key: a scalar is read without building its node (a node per key was a
  /// heap box made and freed at once), with the same checks `node(from:depth:)` makes.
  private mutating func key(from event: inout yaml_event_t, depth: Int) throws(DiagnosticError)
    -> (String, SourceLocation)
  {
    guard event.type == YAML_SCALAR_EVENT, event.data.scalar.anchor == nil else {
      let keyNode = try node(from: &event, depth: depth)
      guard case .scalar(let key, _, let keyLocation, _) = keyNode else {
        throw DiagnosticError([
          .error("a key must be a plain name, not a mapping or a list", at: keyNode.location)
        ])
      }
      return (key, keyLocation)
    }
    defer { yaml_event_delete(&event) }
    let at = location(event.start_mark)
    if depth > limits.maximumDepth {
      throw DiagnosticError([.error("the file nests deeper than \(limits.maximumDepth) levels", at: at)])
    }
    try count(1, at: at)
    return (Self.string(event.data.scalar.value, length: event.data.scalar.length), at)
  }

  private mutating func count(_ added: Int, at: SourceLocation) throws(DiagnosticError) {
    nodes += added
    if nodes > limits.maximumNodes {
      throw DiagnosticError([
        .error("the file expands to more than \(limits.maximumNodes) values (through aliases?); it is refused", at: at)
      ])
    }
  }

  private func location(_ mark: yaml_mark_t) -> SourceLocation {
    SourceLocation(source, line: mark.line + 1, column: mark.column + 1)
  }

  /// Where a scalar's text starts: after the quote, or on the first line of a block.
  private mutating func blockContentLocation(_ style: yaml_scalar_style_t, _ at: SourceLocation) -> SourceLocation {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: return at.advanced(by: 1)
    case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE:
      let starts = lineStarts ?? Self.lineStarts(bytes)
      lineStarts = starts
      var line = at.line  // 1-based: starts[line] is where the next line begins
      while line < starts.count {
        var index = starts[line]
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        if index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") {
          return SourceLocation(source, line: line + 1, column: index - starts[line] + 1)
        }
        line += 1
      }
      return at
    default: return at
    }
  }

  private static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    var starts = [0]
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
    return starts
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String {
    guard let pointer else { return "" }
    guard let length else { return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)) }
    return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
  }
}

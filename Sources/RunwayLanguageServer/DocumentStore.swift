/// The documents the editor has open, by URI: the unsaved buffers the server works on.
struct DocumentStore: Sendable {
  private var documents: [String: TextDocument] = [:]

  subscript(uri: String) -> TextDocument? { documents[uri] }

  mutating func open(_ document: TextDocument) { documents[document.uri] = document }

  mutating func close(_ uri: String) { documents[uri] = nil }

  /// Applies the changes of one `didChange` in order; nil when the document is not open.
  mutating func change(_ uri: String, version: Int, changes: [(text: String, range: TextRange?)]) -> TextDocument? {
    guard var document = documents[uri] else { return nil }
    for change in changes { document.apply(change.text, in: change.range, version: version) }
    documents[uri] = document
    return document
  }
}

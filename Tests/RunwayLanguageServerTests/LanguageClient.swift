import Foundation
import RunwayLanguageServer
import RunwayTestSupport
import Testing

/// An editor's side of the conversation: runs the built `runway lsp` as a separate process
/// and speaks LSP to it over its standard input and output.
final class LanguageClient: @unchecked Sendable {
  static let packageRoot = BuiltRunway.packageRoot

  /// The `runway` binary built beside the test bundle (`swift build` builds it).
  static let binary = BuiltRunway.binary

  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let errors = Pipe()
  private let lock = NSLock()
  private var received: [JSONValue] = []
  private var pendingBytes: [UInt8] = []
  private var nextID = 1

  /// Starts `runway lsp ARGS…`.
  init(_ arguments: [String] = ["--debounce", "50"]) throws {
    let binary = try #require(Self.binary, "build the runway binary first: swift build")
    process.executableURL = binary
    process.arguments = ["lsp"] + arguments
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    output.fileHandleForReading.readabilityHandler = { [weak self] handle in
      self?.take(handle.availableData)
    }
    try process.run()
  }

  deinit {
    if process.isRunning { process.terminate() }
  }

  /// Reads frames with a header parser of its own, not the server's.
  private func take(_ data: Data) {
    lock.lock()
    defer { lock.unlock() }
    pendingBytes += data
    while let headerEnd = pendingBytes.indices.dropLast(3).first(where: {
      pendingBytes[$0] == 13 && pendingBytes[$0 + 1] == 10 && pendingBytes[$0 + 2] == 13 && pendingBytes[$0 + 3] == 10
    }) {
      let header = String(decoding: pendingBytes[..<headerEnd], as: UTF8.self)
      guard
        let lengthLine = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
        let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
        pendingBytes.count >= headerEnd + 4 + length
      else { return }
      let body = Data(pendingBytes[(headerEnd + 4)..<(headerEnd + 4 + length)])
      pendingBytes.removeFirst(headerEnd + 4 + length)
      received.append(JSONValue.parse(body) ?? ["unparsable": .string(String(decoding: body, as: UTF8.self))])
    }
  }

  /// Every message received so far.
  var messages: [JSONValue] {
    lock.lock()
    defer { lock.unlock() }
    return received
  }

  func writeRaw(_ bytes: Data) { input.fileHandleForWriting.write(bytes) }

  func send(_ message: JSONValue) {
    let body = message.serialized
    writeRaw(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
  }

  func notify(_ method: String, _ params: JSONValue = [:]) {
    send(["jsonrpc": "2.0", "method": .string(method), "params": params])
  }

  /// Sends a request and waits for its response (the whole message: result or error).
  @discardableResult
  func request(_ method: String, _ params: JSONValue = [:]) throws -> JSONValue {
    let id = nextID
    nextID += 1
    send(["jsonrpc": "2.0", "id": JSONValue(id), "method": .string(method), "params": params])
    return try wait("the response to \(method)") { $0["id"] == JSONValue(id) }
  }

  /// Waits for the first message that `matches`, up to 30 seconds.
  func wait(_ what: String, timeout: Double = 30, _ matches: (JSONValue) -> Bool) throws -> JSONValue {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let message = messages.first(where: matches) { return message }
      Thread.sleep(forTimeInterval: 0.01)
    }
    throw ClientError(description: "no \(what) within \(timeout) s; received \(messages)")
  }

  /// The diagnostics published for `version` of `uri`.
  func diagnostics(_ uri: String, version: Int) throws -> [JSONValue] {
    let message = try wait("diagnostics of \(uri) v\(version)") {
      $0["method"] == "textDocument/publishDiagnostics" && $0["params"]["uri"].string == uri
        && $0["params"]["version"].int == version
    }
    return message["params"]["diagnostics"].array ?? []
  }

  /// Every diagnostics publication for `uri`, in the order received.
  func publications(_ uri: String) -> [JSONValue] {
    messages.filter { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]["uri"].string == uri }
  }

  /// `initialize` then `initialized`; the result.
  @discardableResult
  func initialize() throws -> JSONValue {
    let response = try request("initialize", ["processId": .null, "rootUri": .null, "capabilities": [:]])
    notify("initialized")
    return response["result"]
  }

  func open(_ uri: String, _ text: String, version: Int = 1) {
    notify(
      "textDocument/didOpen",
      [
        "textDocument": [
          "uri": .string(uri), "languageId": "yaml", "version": JSONValue(version), "text": .string(text),
        ]
      ])
  }

  func change(_ uri: String, version: Int, _ text: String) {
    notify(
      "textDocument/didChange",
      [
        "textDocument": ["uri": .string(uri), "version": JSONValue(version)],
        "contentChanges": [["text": .string(text)]],
      ])
  }

  /// `{textDocument, position}` for a position request.
  static func at(_ uri: String, _ position: Position) -> JSONValue {
    [
      "textDocument": ["uri": .string(uri)],
      "position": ["line": JSONValue(position.line), "character": JSONValue(position.character)],
    ]
  }

  /// Shuts down and exits as an editor does; the exit status.
  func shutDown() throws -> Int32 {
    let response = try request("shutdown")
    #expect(response["result"] == .null && response["error"] == .null)
    notify("exit")
    return waitForExit()
  }

  func closeInput() { try? input.fileHandleForWriting.close() }

  func waitForExit() -> Int32 {
    process.waitUntilExit()
    return process.terminationStatus
  }

  var standardError: String {
    String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  }

  struct ClientError: Error, CustomStringConvertible {
    var description: String
  }
}

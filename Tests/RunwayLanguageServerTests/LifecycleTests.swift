import Foundation
import RunwayLanguageServer
import Testing

/// Starting, stopping and protocol errors of the real `runway lsp` over stdio.
@Suite struct LifecycleTests {
  @Test func initializeAnnouncesTheFeaturesAndShutdownExitsWithZero() throws {
    let client = try LanguageClient()
    let result = try client.initialize()
    let capabilities = result["capabilities"]
    #expect(capabilities["hoverProvider"] == true)
    #expect(capabilities["definitionProvider"] == true)
    #expect(capabilities["referencesProvider"] == true)
    #expect(capabilities["documentSymbolProvider"] == true)
    #expect(capabilities["renameProvider"]["prepareProvider"] == true)
    #expect(capabilities["completionProvider"]["triggerCharacters"].array?.contains(".") == true)
    #expect(capabilities["textDocumentSync"]["change"] == 2)
    #expect(result["serverInfo"]["name"] == "runway")
    #expect(try client.shutDown() == 0)
  }

  @Test func exitWithoutShutdownExitsWithOne() throws {
    let client = try LanguageClient()
    try client.initialize()
    client.notify("exit")
    #expect(client.waitForExit() == 1)
  }

  @Test func theEndOfInputAfterShutdownExitsWithZero() throws {
    let client = try LanguageClient()
    try client.initialize()
    try client.request("shutdown")
    client.closeInput()
    #expect(client.waitForExit() == 0)
  }

  @Test func requestsBeforeInitializeAreRefusedAndChangeNothing() throws {
    let client = try LanguageClient()
    let early = try client.request(
      "textDocument/hover", LanguageClient.at(Fixture.uri, Position(line: 0, character: 0)))
    #expect(early["error"]["code"] == -32002)
    #expect(early["error"]["message"].string?.contains("initialize") == true)
    // The refused request did not start the server: initialize still works once.
    try client.initialize()
    let again = try client.request("initialize", ["capabilities": [:]])
    #expect(again["error"]["code"] == -32600)
    #expect(try client.shutDown() == 0)
  }

  @Test func unknownMethodsAndMalformedMessagesGetErrorsAndTheServerGoesOn() throws {
    let client = try LanguageClient()
    try client.initialize()
    let unknown = try client.request("workspace/frobnicate")
    #expect(unknown["error"]["code"] == -32601)
    #expect(unknown["error"]["message"].string?.contains("workspace/frobnicate") == true)
    let body = Data("{not json".utf8)
    client.writeRaw(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    let parseError = try client.wait("a parse error") { $0["error"]["code"] == -32700 }
    #expect(parseError["id"] == .null)
    let notOpen = try client.request(
      "textDocument/hover", LanguageClient.at("file:///nowhere.yaml", Position(line: 0, character: 0)))
    #expect(notOpen["error"]["code"] == -32602)
    #expect(notOpen["error"]["message"].string?.contains("is not open") == true)
    // Still serving after each error.
    client.open(Fixture.uri, Fixture.text)
    #expect(try client.diagnostics(Fixture.uri, version: 1).isEmpty)
    #expect(try client.shutDown() == 0)
  }

  @Test func inputThatIsNotLSPFramingEndsTheServerWithOneSentence() throws {
    let client = try LanguageClient()
    client.writeRaw(Data("Content-Type: text/plain\r\n\r\n{}".utf8))
    #expect(client.waitForExit() == 1)
    let stderr = client.standardError
    #expect(stderr.contains("runway lsp: the message at byte 0 has no Content-Length header"))
    #expect(client.messages.isEmpty)
  }

  @Test func helpTeachesTheSetupAndBadOptionsAreRefused() throws {
    let binary = try #require(LanguageClient.binary)
    func run(_ arguments: [String]) throws -> (Int32, String) {
      let process = Process()
      process.executableURL = binary
      process.arguments = arguments
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = pipe
      try process.run()
      let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (process.terminationStatus, text)
    }
    let (status, help) = try run(["lsp", "--help"])
    #expect(status == 0)
    #expect(help.contains("docs/editors.md"))
    #expect(help.contains("vim.lsp.start"))
    #expect(help.contains("--debounce"))
    let (refused, message) = try run(["lsp", "--debounce", "20000"])
    #expect(refused == 2)
    #expect(message.contains("--debounce must be between 0 and 10000 milliseconds"))
  }
}

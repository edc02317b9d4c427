import Foundation
import Testing

@testable import RunwayLanguageServer

/// The pure parts of the protocol: framing, JSON, positions.
@Suite struct ProtocolUnitTests {
  @Test(arguments: [1, 3, 7, 1000])
  func framingReassemblesMessagesFromChunksOfAnySize(chunk: Int) throws {
    let bodies = ["{\"a\":1}", "{\"b\":\"é😀\"}", "[]"].map { Data($0.utf8) }
    let stream = bodies.map(MessageFraming.frame).reduce(Data(), +)
    var framing = MessageFraming()
    var out: [Data] = []
    var offset = 0
    while offset < stream.count {
      framing.append(stream[offset..<min(offset + chunk, stream.count)])
      offset += chunk
      while let body = try framing.next() { out.append(body) }
    }
    #expect(out == bodies)
  }

  @Test func framingRefusesAHeaderWithoutLengthOrWithABadOne() {
    var missing = MessageFraming()
    missing.append(Data("Content-Type: x\r\n\r\n{}".utf8))
    #expect(throws: MessageFraming.Error(description: "the message at byte 0 has no Content-Length header")) {
      try missing.next()
    }
    var bad = MessageFraming()
    bad.append(Data("Content-Length: -3\r\n\r\n".utf8))
    #expect(throws: MessageFraming.Error(description: "Content-Length \"-3\" at byte 0 is not a size up to 64 MiB")) {
      try bad.next()
    }
  }

  @Test func jsonTellsBooleansFromNumbersAndRoundTrips() throws {
    let text = #"{"t":true,"one":1,"s":"line\nquote\" \u00e9 \ud83d\ude00","n":null,"a":[1.5,false]}"#
    let value = try #require(JSONValue.parse(Data(text.utf8)))
    #expect(value["t"] == .bool(true))
    #expect(value["one"] == .number(1))
    #expect(value["s"] == "line\nquote\" é 😀")
    #expect(value["n"] == .null)
    #expect(value["a"] == [.number(1.5), false])
    #expect(JSONValue.parse(value.serialized) == value)
  }

  @Test(arguments: ["{", "{\"a\":}", "[1,]", "tru", "\"open", "{\"a\":1} x", ""])
  func jsonRefusesWhatIsNotJSON(_ text: String) {
    #expect(JSONValue.parse(Data(text.utf8)) == nil)
  }

  @Test func jsonRPCTellsRequestsNotificationsAndBadMessagesApart() {
    #expect(
      JSONRPC.read(["jsonrpc": "2.0", "id": 4, "method": "m", "params": [1]])
        == .success(.request(id: 4, method: "m", params: [1])))
    #expect(JSONRPC.read(["jsonrpc": "2.0", "method": "n"]) == .success(.notification(method: "n", params: .null)))
    guard case .failure(let wrongVersion) = JSONRPC.read(["jsonrpc": "1.0", "id": 2, "method": "m"]) else {
      Issue.record("a 1.0 message was accepted")
      return
    }
    #expect(wrongVersion.id == 2)
    #expect(wrongVersion.error.code == -32600)
  }

  @Test func positionsCountUTF16AndEditsApplyInPlace() {
    var document = TextDocument(uri: "u", version: 1, text: "a: 😀x\r\nb: y\n")
    // 😀 is two UTF-16 units and one character: `x` is at UTF-16 5, column 5.
    #expect(document.position(of: .init(file: "u", line: 1, column: 5)) == Position(line: 0, character: 5))
    #expect(document.column(of: Position(line: 0, character: 5)) == 5)
    #expect(document.line(0) == "a: 😀x")
    document.apply(
      "z", in: TextRange(start: Position(line: 0, character: 5), end: Position(line: 0, character: 6)), version: 2)
    document.apply(
      "c", in: TextRange(start: Position(line: 1, character: 0), end: Position(line: 1, character: 1)), version: 3)
    #expect(document.text == "a: 😀z\r\nc: y\n")
    #expect(document.version == 3)
    document.apply("whole", in: nil, version: 4)
    #expect(document.text == "whole")
    #expect(document.lineCount == 1)
  }
}

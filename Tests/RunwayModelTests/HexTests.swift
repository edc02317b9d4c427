import Foundation
import RunwayModel
import Testing

/// `Hex` against Foundation's `%02x` formatting, for every byte value and the three entry points.
@Suite struct HexTests {
  static let everyByte = (0...255).map(UInt8.init)

  @Test func everyByteIsTwoLowerCaseDigitsAsPrintfWritesThem() {
    let expected = Self.everyByte.map { String(format: "%02x", $0) }.joined()
    #expect(Hex.string(Self.everyByte) == expected)
    #expect(Hex.string(contiguous: Self.everyByte) == expected)
    #expect(Self.everyByte.withUnsafeBytes { Hex.string($0) } == expected)
  }

  @Test(arguments: [[], [0x00], [0xAB, 0x01], [0xFF, 0x10, 0x0F]] as [[UInt8]])
  func shortInputs(_ bytes: [UInt8]) {
    let expected = bytes.map { String(format: "%02x", $0) }.joined()
    #expect(Hex.string(contiguous: bytes) == expected)
    #expect(Hex.string(bytes.lazy.map { $0 }) == expected)
  }
}

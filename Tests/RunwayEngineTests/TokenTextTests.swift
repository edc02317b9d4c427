import Testing

@testable import RunwayEngine

/// A bearer token's text: its id read by shape alone, its secret checked against the stored
/// hash, every byte compared.
@Suite struct TokenTextTests {
  @Test(arguments: [
    ("rw_t2b3c4d5e6_abcdefghijkmnpqrstuvwxyz23456789", "t2b3c4d5e6"),
    ("rw_x_y", "x"),
  ])
  func theIdOfAWellShapedToken(text: String, id: String) {
    #expect(TokenText.id(of: text) == id)
  }

  @Test(arguments: [
    "", "rw_", "rw__secret", "rw_id_", "rw_id", "rw_id_se_cret", "xx_id_secret", "RW_id_secret",
    "rw_" + String(repeating: "a", count: 60) + "_" + String(repeating: "b", count: 66),
  ])
  func noIdInATextOfAnotherShape(text: String) {
    #expect(TokenText.id(of: text) == nil)
  }

  @Test func aTokenMatchesItsOwnHashAndNoOther() {
    let made = TokenText.make()
    let hash = TokenText.hash(made.text)
    #expect(hash.utf8.count == 64)
    #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
    #expect(TokenText.matches(made.text, storedHash: hash))
    #expect(!TokenText.matches(made.text + "x", storedHash: hash))
    #expect(!TokenText.matches(TokenText.make().text, storedHash: hash))
    // A stored hash differing in any one digit, cut short, made longer or in capitals.
    let digits = Array(hash)
    for position in digits.indices {
      var changed = digits
      changed[position] = digits[position] == "0" ? "1" : "0"
      #expect(!TokenText.matches(made.text, storedHash: String(changed)), "digit \(position)")
    }
    #expect(!TokenText.matches(made.text, storedHash: String(hash.dropLast())))
    #expect(!TokenText.matches(made.text, storedHash: hash + "0"))
    #expect(!TokenText.matches(made.text, storedHash: ""))
    if hash.contains(where: \.isLetter) { #expect(!TokenText.matches(made.text, storedHash: hash.uppercased())) }
  }

  @Test func aHashIsTheSHA256OfTheText() {
    // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
    #expect(TokenText.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}

/// A pilot test group, asked "is this user in it?" once per user per pilot release. Nearly
/// every user is not, and `Set<String>` answers that by SipHashing the whole id; here a table
/// of the testers' Murmur3 hashes (open addressing, linear probing) answers "no" after one
/// cheaper hash, and only a matching hash is confirmed in the set.
struct TesterLookup: Sendable {
  private let testers: Set<String>
  /// Hashes of the testers' ids, 0 marking an empty slot (a hash of 0 is stored as 1).
  private let slots: [UInt32]
  private let mask: Int
  private static let seed: UInt32 = 0x9747_b28c

  init(_ testers: Set<String>) {
    self.testers = testers
    var size = 8
    while size < testers.count * 2 { size *= 2 }
    var slots = [UInt32](repeating: 0, count: size)
    for tester in testers {
      let hash = Self.hash(tester)
      var index = Int(hash) & (size - 1)
      while slots[index] != 0 && slots[index] != hash { index = (index + 1) & (size - 1) }
      slots[index] = hash
    }
    self.slots = slots
    mask = size - 1
  }

  @inline(__always)
  private static func hash(_ id: String) -> UInt32 {
    var state = Murmur3.State(seed: seed)
    var id = id
    id.withUTF8 { state.update($0) }
    let hash = state.finalize()
    return hash == 0 ? 1 : hash
  }

  /// Whether `userID` is one of the testers.
  @inline(__always)
  func contains(_ userID: String) -> Bool {
    if testers.isEmpty { return false }
    let hash = Self.hash(userID)
    var index = Int(hash) & mask
    while slots[index] != 0 {
      if slots[index] == hash { return testers.contains(userID) }
      index = (index + 1) & mask
    }
    return false
  }
}

/// The pilot test groups of a rollout, asked "is this user in one?" for every user. Nearly
/// every user is in none, and `Set<String>` answers that by SipHashing the whole id once per
/// group; here the id is hashed once (a multiply-and-shift hash over 8-byte words) and looked
/// up in each group's table of its testers' hashes (open addressing, linear probing, all
/// tables in one array); only a matching hash is confirmed in the group's set.
struct PilotGroups: Sendable {
  private let testers: [Set<String>]
  /// Every group's table back to back; 0 marks an empty slot (a hash of 0 is stored as 1).
  private let slots: [UInt32]
  /// Where each group's table starts in `slots`, and its size − 1 (a power of two − 1).
  private let starts: [Int]
  private let masks: [Int]

  init(_ groups: [Set<String>]) {
    var slots: [UInt32] = []
    var starts: [Int] = []
    var masks: [Int] = []
    for group in groups {
      var size = 8
      while size < group.count * 2 { size *= 2 }
      let start = slots.count
      slots += repeatElement(0, count: size)
      for tester in group {
        let hash = Self.hash(tester)
        var index = Int(hash) & (size - 1)
        while slots[start + index] != 0 && slots[start + index] != hash { index = (index + 1) & (size - 1) }
        slots[start + index] = hash
      }
      starts.append(start)
      masks.append(size - 1)
    }
    testers = groups
    self.slots = slots
    self.starts = starts
    self.masks = masks
  }

  /// The first group (in the order given) that holds `userID`, whose UTF-8 is `utf8` (read
  /// once by the caller for every hash it makes).
  @inline(__always)
  func group(of userID: String, utf8: UnsafeBufferPointer<UInt8>) -> Int? {
    if testers.isEmpty { return nil }
    let hash = Self.hash(utf8)
    for group in starts.indices {
      let start = starts[group]
      let mask = masks[group]
      var index = Int(hash) & mask
      while slots[start + index] != 0 {
        if slots[start + index] == hash, testers[group].contains(userID) { return group }
        index = (index + 1) & mask
      }
    }
    return nil
  }

  @inline(__always)
  static func hash(_ id: String) -> UInt32 {
    var id = id
    return id.withUTF8 { hash($0) }
  }

  /// A multiply-and-shift hash of the bytes, 8 at a time; never 0 (the empty slot).
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let raw = UnsafeRawBufferPointer(bytes)
    var h = UInt64(truncatingIfNeeded: raw.count) &* 0x9E37_79B9_7F4A_7C15
    var offset = 0
    while offset + 8 <= raw.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      offset += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while offset < raw.count {
      tail |= UInt64(raw[offset]) &<< shift
      shift &+= 8
      offset &+= 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 29
    let hash = UInt32(truncatingIfNeeded: h ^ (h >> 32))
    return hash == 0 ? 1 : hash
  }
}

/// MurmurHash3 x86_32 (Austin Appleby's public-domain hash), as Unleash and many clients use
/// for sticky bucketing. `Murmur3.State` hashes a prefix once and continues from it, so a
/// release's `"releaseId:"` is hashed once for a million users.
public enum Murmur3 {
  static let c1: UInt32 = 0xcc9e_2d51
  static let c2: UInt32 = 0x1b87_3593

  /// The hash of `bytes` with `seed`.
  public static func hash32(_ bytes: some Sequence<UInt8>, seed: UInt32 = 0) -> UInt32 {
    var state = State(seed: seed)
    state.update(bytes)
    return state.finalize()
  }

  /// The hash of a string's UTF-8 bytes.
  public static func hash32(_ text: String, seed: UInt32 = 0) -> UInt32 {
    hash32(text.utf8, seed: seed)
  }

  /// A hash in progress: whole 4-byte blocks are mixed in, up to 3 bytes wait in `tail`.
  public struct State: Sendable {
    var h: UInt32
    var tail: UInt32 = 0
    var tailCount: UInt32 = 0
    var length: UInt32 = 0

    public init(seed: UInt32 = 0) { h = seed }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
      // A masking shift and wrapping counts (`tailCount` is 0…3): Swift's checks on `<<` and
      // `+=` cost a twentieth of a user's resolution (docs/benchmarks.md, W5).
      tail |= UInt32(byte) &<< (tailCount &* 8)
      tailCount &+= 1
      length &+= 1
      if tailCount == 4 {
        h ^= Murmur3.mix(tail)
        h = (h << 13) | (h >> 19)
        h = h &* 5 &+ 0xe654_6b64
        tail = 0
        tailCount = 0
      }
    }

    /// Adds bytes to the hash.
    @inline(__always)
    public mutating func update(_ bytes: some Sequence<UInt8>) {
      for byte in bytes { add(byte) }
    }

    /// Adds contiguous bytes, four at a time once a partial block left by what came before
    /// is complete: a release id whose `"id:"` is not a multiple of four bytes long (the
    /// shipped ids are thirteen) leaves one, and every user's id was then hashed byte by byte.
    @inline(__always)
    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
      var offset = 0
      while tailCount != 0 && offset < bytes.count {
        add(bytes[offset])
        offset += 1
      }
      let raw = UnsafeRawBufferPointer(bytes)
      let blocksStart = offset
      while offset + 4 <= bytes.count {
        let block = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        h ^= Murmur3.mix(block)
        h = (h << 13) | (h >> 19)
        h = h &* 5 &+ 0xe654_6b64
        offset += 4
      }
      length &+= UInt32(truncatingIfNeeded: offset - blocksStart)
      while offset < bytes.count {
        add(bytes[offset])
        offset += 1
      }
    }

    /// The final hash; the state itself is left as it was, so it can be continued or reused.
    @inline(__always)
    public func finalize() -> UInt32 {
      var h = self.h
      if tailCount > 0 { h ^= Murmur3.mix(tail) }
      h ^= length
      h ^= h >> 16
      h = h &* 0x85eb_ca6b
      h ^= h >> 13
      h = h &* 0xc2b2_ae35
      h ^= h >> 16
      return h
    }
  }

  @inline(__always)
  static func mix(_ k: UInt32) -> UInt32 {
    var k = k &* c1
    k = (k << 15) | (k >> 17)
    return k &* c2
  }
}

/// Sticky, monotonic bucketing of users into a grayscale slice:
/// `bucket = murmur3_x86_32(releaseId + ":" + userId, seed 0) mod 10000`, and a user is in a
/// slice of `percent` when `bucket < percent × 100`. Raising the percentage only adds users.
public struct RolloutBucket: Sendable {
  /// The hash state after `releaseId:`, reused for every user.
  private let prefix: Murmur3.State

  public init(releaseID: String) {
    var state = Murmur3.State(seed: 0)
    state.update(releaseID.utf8)
    state.update(CollectionOfOne(UInt8(ascii: ":")))
    prefix = state
  }

  /// The user's bucket, 0…9999.
  @inline(__always)
  public func bucket(userID: String) -> Int {
    var id = userID
    // Native strings expose their UTF-8 contiguously: no copy, no allocation.
    return id.withUTF8 { bucket(utf8: $0) }
  }

  /// The bucket of a user whose id's UTF-8 is `utf8`.
  @inline(__always)
  func bucket(utf8: UnsafeBufferPointer<UInt8>) -> Int {
    var state = prefix
    state.update(utf8)
    return Int(state.finalize() % 10_000)
  }

  /// Whether the user is inside a slice of `percent` (0…100).
  @inline(__always)
  public func contains(userID: String, percent: Int) -> Bool {
    bucket(userID: userID) < percent * 100
  }

  /// Whether the user whose id's UTF-8 is `utf8` is inside a slice of `percent` (0…100).
  @inline(__always)
  func contains(utf8: UnsafeBufferPointer<UInt8>, percent: Int) -> Bool {
    bucket(utf8: utf8) < percent * 100
  }

  /// The bucket without a prepared prefix.
  public static func bucket(releaseID: String, userID: String) -> Int {
    RolloutBucket(releaseID: releaseID).bucket(userID: userID)
  }
}

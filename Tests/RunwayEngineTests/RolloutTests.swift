import Foundation
import RunwayEngine
import Testing

@Suite("Rollout")
struct RolloutTests {
  /// Published MurmurHash3 x86_32 vectors, with tails of 1, 2 and 3 bytes.
  @Test(
    arguments: [
      ("", UInt32(0), UInt32(0)),
      ("", 1, 0x514E_28B7),
      ("a", 0, 0x3C25_69B2),
      ("ab", 0, 0x9BBF_D75F),
      ("abc", 0, 0xB3DD_93FA),
      ("abcd", 0, 0x43ED_676A),
      ("hello", 0, 0x248B_FA47),
      ("Hello, world!", 1234, 0xFAF6_CDB3),
      ("The quick brown fox jumps over the lazy dog", 0, 0x2E4F_F723),
    ] as [(String, UInt32, UInt32)])
  func murmurVectors(_ text: String, _ seed: UInt32, _ expected: UInt32) {
    #expect(Murmur3.hash32(text, seed: seed) == expected)
  }

  @Test func incrementalHashingEqualsOneShotForEverySplit() {
    let text = Array("r-7k2m9q4xcd:u-1001 and a longer tail é".utf8)
    let whole = Murmur3.hash32(text)
    for split in 0...text.count {
      var state = Murmur3.State()
      state.update(text[..<split])
      state.update(text[split...])
      #expect(state.finalize() == whole, "split at \(split)")
    }
  }

  /// The contiguous path (blocks read four bytes at a time once a partial block left by the
  /// first part is complete) against the whole text hashed at once, for every split.
  @Test func contiguousHashingEqualsOneShotForEverySplit() {
    let text = Array("r-7k2m9q4xcd:u-1001 and a longer tail é".utf8)
    let whole = Murmur3.hash32(text)
    text.withUnsafeBufferPointer { bytes in
      for split in 0...bytes.count {
        var state = Murmur3.State()
        state.update(UnsafeBufferPointer(rebasing: bytes[..<split]))
        state.update(UnsafeBufferPointer(rebasing: bytes[split...]))
        #expect(state.finalize() == whole, "split at \(split)")
      }
    }
  }

  /// The table of docs/rollout.md.
  @Test(arguments: [
    ("r-7k2m9q4xcd", "u-0", 92), ("r-7k2m9q4xcd", "u-11", 174), ("r-7k2m9q4xcd", "u-1", 3637),
    ("r-7k2m9q4xcd", "u-1001", 5454), ("r-abcdefghij", "alice", 2280), ("r-abcdefghij", "用户-42", 8144),
    ("release-1", "user-1", 3345),
  ])
  func documentedBuckets(_ release: String, _ user: String, _ bucket: Int) {
    #expect(RolloutBucket.bucket(releaseID: release, userID: user) == bucket)
    #expect(RolloutBucket(releaseID: release).contains(userID: user, percent: 50) == (bucket < 5000))
  }

  @Test func stickyAndMonotonic() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let release = "r-\(generator.next() % 1_000_000)"
      let bucket = RolloutBucket(releaseID: release)
      var percent = 0
      while percent < 100 {
        percent = min(100, percent + 1 + Int(generator.next() % 20))
        let user = "u-\(generator.next() % 1_000_000)"
        let first = bucket.contains(userID: user, percent: percent)
        #expect(first == RolloutBucket(releaseID: release).contains(userID: user, percent: percent))
        // Everyone in at p stays in at every higher percentage.
        for higher in percent...100 where first {
          #expect(bucket.contains(userID: user, percent: higher))
        }
      }
      #expect(bucket.contains(userID: "anyone", percent: 100))
      #expect(!bucket.contains(userID: "anyone", percent: 0))
    }
  }

  /// The prepared prefix and the four-bytes-at-a-time path agree with hashing the whole key
  /// byte by byte, for every alignment of the prefix and every tail length of the user id.
  @Test(arguments: ["", "r", "r-", "r-1", "r-12", "r-123", "r-1234", "r-7k2m9q4xcd", "r-grayscale"])
  func preparedBucketsMatchTheWholeHash(_ release: String) {
    for user in ["", "u", "us", "use", "user", "user-", "user-12345", "ü-ñ", "a-much-longer-user-identifier"] {
      let whole = Int(Murmur3.hash32(Array((release + ":" + user).utf8)) % 10_000)
      #expect(RolloutBucket(releaseID: release).bucket(userID: user) == whole, "\(release):\(user)")
    }
  }

  @Test(arguments: [1, 10, 50, 99])
  func theShareInTheSliceMatchesThePercentage(_ percent: Int) {
    let bucket = RolloutBucket(releaseID: "r-7k2m9q4xcd")
    let users = 100_000
    let inside = (0..<users).reduce(0) { count, index in
      count + (bucket.contains(userID: "user-\(index)", percent: percent) ? 1 : 0)
    }
    let share = Double(inside) * 100 / Double(users)
    #expect(abs(share - Double(percent)) <= 1, "\(share)% in a slice of \(percent)%")
  }

  static let day = Date(timeIntervalSince1970: 1_780_000_000)

  @Test func precedenceIsPilotThenGrayscaleThenReleasedThenNone() {
    let resolver = RolloutResolver(releases: [
      RolloutRelease(instanceID: "r-old", version: "1.0.0", audience: .all, since: Self.day),
      RolloutRelease(instanceID: "r-new", version: "1.1.0", audience: .all, since: Self.day + 60),
      RolloutRelease(instanceID: "r-gray", version: "1.2.0", audience: .percent(50), since: Self.day + 120),
      RolloutRelease(instanceID: "r-pilot", version: "1.3.0", audience: .testers(["tess"]), since: Self.day + 180),
      RolloutRelease(instanceID: "r-gone", version: "0.9.0", audience: .none, since: Self.day + 240),
    ])
    #expect(resolver.resolve(userID: "tess") == RolloutDecision(version: "1.3.0", reason: .pilot, release: "r-pilot"))
    let bucket = RolloutBucket(releaseID: "r-gray")
    let users = (0..<200).map { "u-\($0)" }
    let inside = users.first { bucket.contains(userID: $0, percent: 50) && $0 != "tess" }
    let outside = users.first { !bucket.contains(userID: $0, percent: 50) }
    #expect(
      resolver.resolve(userID: inside ?? "") == RolloutDecision(version: "1.2.0", reason: .grayscale, release: "r-gray")
    )
    // The latest full release, not the first.
    #expect(
      resolver.resolve(userID: outside ?? "") == RolloutDecision(version: "1.1.0", reason: .released, release: "r-new"))
    #expect(RolloutResolver(releases: []).resolve(userID: "anyone") == .none)
    let onlyPilot = RolloutResolver(releases: [
      RolloutRelease(instanceID: "r-p", version: "2.0.0", audience: .testers(["tess"]), since: Self.day)
    ])
    #expect(onlyPilot.resolve(userID: "other") == .none)
    #expect(onlyPilot.resolve(userID: "tess").version == "2.0.0")
  }

  @Test func testersAlwaysGetThePilotVersion() {
    let testers = Set((0..<500).map { "t-\($0)" })
    let resolver = RolloutResolver(releases: [
      RolloutRelease(instanceID: "r-p", version: "2.0.0", audience: .testers(testers), since: Self.day),
      RolloutRelease(instanceID: "r-g", version: "1.5.0", audience: .percent(100), since: Self.day + 10),
      RolloutRelease(instanceID: "r-r", version: "1.0.0", audience: .all, since: Self.day + 20),
    ])
    for tester in testers { #expect(resolver.resolve(userID: tester).reason == .pilot) }
    #expect(resolver.resolve(userID: "someone").reason == .grayscale)
  }

  /// The pilot groups answer exactly as the set would: every tester (awkward ids, the empty
  /// id, non-ASCII) is found, and of 100,000 other ids, many sharing prefixes, none is.
  @Test(arguments: [0, 1, 7, 1000])
  func pilotGroupsAgreeWithTheSet(_ count: Int) {
    var testers = Set((0..<count).map { "t-\($0)" })
    if count > 0 { testers.formUnion(["", "ü-tester", "a longer tester id with spaces 🚀"]) }
    let resolver = RolloutResolver(releases: [
      RolloutRelease(instanceID: "r-p", version: "2.0.0", audience: .testers(testers), since: Self.day)
    ])
    for tester in testers { #expect(resolver.resolve(userID: tester).reason == .pilot) }
    var wrong = 0
    for index in 0..<100_000 where resolver.resolve(userID: "t-\(index + count)").reason == .pilot { wrong += 1 }
    for index in 0..<1000 where resolver.resolve(userID: "T-\(index)").reason == .pilot { wrong += 1 }
    #expect(wrong == 0)
  }

  /// Two pilot groups in one table: each group's testers get its version, a tester of both
  /// gets the newer pilot, and nobody else is taken for a tester.
  @Test func twoPilotGroupsShareOneTable() {
    let older = Set((0..<300).map { "a-\($0)" } + ["both"])
    let newer = Set((0..<5).map { "b-\($0)" } + ["both"])
    let resolver = RolloutResolver(releases: [
      RolloutRelease(instanceID: "r-old", version: "2.0.0", audience: .testers(older), since: Self.day),
      RolloutRelease(instanceID: "r-new", version: "3.0.0", audience: .testers(newer), since: Self.day + 10),
    ])
    for tester in older.subtracting(["both"]) { #expect(resolver.resolve(userID: tester).version == "2.0.0") }
    for tester in newer { #expect(resolver.resolve(userID: tester).version == "3.0.0") }
    #expect(resolver.resolve(userID: "both").release == "r-new")
    #expect((0..<10_000).allSatisfy { resolver.resolve(userID: "c-\($0)") == .none })
  }
}

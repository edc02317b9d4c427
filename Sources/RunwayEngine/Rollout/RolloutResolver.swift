import Foundation

/// Who sees a release in its current state.
public enum RolloutAudience: Sendable, Hashable {
  case none
  /// Pilot testers by user id.
  case testers(Set<String>)
  /// Users whose bucket is inside the percentage.
  case percent(Int)
  /// Everyone.
  case all
}

/// One release of a mini program to one app and environment, as rollout sees it.
public struct RolloutRelease: Sendable, Hashable {
  /// The release (instance) id, part of the bucket hash.
  public var instanceID: String
  public var version: String
  public var audience: RolloutAudience
  /// When it entered its current state; the newest pilot, grayscale or full release wins.
  public var since: Date

  public init(instanceID: String, version: String, audience: RolloutAudience, since: Date) {
    self.instanceID = instanceID
    self.version = version
    self.audience = audience
    self.since = since
  }
}

/// Why a user gets the version they get.
public enum RolloutReason: String, Sendable, Hashable, Codable {
  case pilot, grayscale, released, none
}

/// The answer for one user.
public struct RolloutDecision: Sendable, Hashable {
  /// The version and release in one shared box: an answer is returned for every user, and
  /// copying one reference costs a third of copying two strings (W5).
  private final class Served: Sendable {
    let version: String?
    let release: String?
    init(version: String?, release: String?) {
      self.version = version
      self.release = release
    }
  }

  private let served: Served
  public let reason: RolloutReason
  /// nil when there is nothing to serve.
  public var version: String? { served.version }
  /// The release that decided it.
  public var release: String? { served.release }

  public init(version: String?, reason: RolloutReason, release: String?) {
    served = Served(version: version, release: release)
    self.reason = reason
  }

  public static func == (left: RolloutDecision, right: RolloutDecision) -> Bool {
    left.reason == right.reason && left.version == right.version && left.release == right.release
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(reason)
    hasher.combine(version)
    hasher.combine(release)
  }

  public static let none = RolloutDecision(version: nil, reason: .none, release: nil)
}

/// Answers which version each user gets: a pilot tester gets the pilot version; else a user
/// inside a grayscale slice gets that version; else everyone gets the latest full release.
/// Everything is prepared once, so each answer is a few hashes and comparisons; the lists
/// are kept apart (tester sets, buckets, thresholds, answers) so the loop copies no release.
public struct RolloutResolver: Sendable {
  private let pilotGroups: PilotGroups
  private let pilotDecisions: [RolloutDecision]
  private let sliceBuckets: [RolloutBucket]
  private let slicePercents: [Int]
  private let sliceDecisions: [RolloutDecision]
  private let released: RolloutDecision

  public init(releases: [RolloutRelease]) {
    let newestFirst = Self.newestFirst(releases)
    var pilotTesters: [Set<String>] = []
    var pilotDecisions: [RolloutDecision] = []
    var sliceBuckets: [RolloutBucket] = []
    var slicePercents: [Int] = []
    var sliceDecisions: [RolloutDecision] = []
    var latest: RolloutRelease?
    for release in newestFirst {
      switch release.audience {
      case .none: break
      case .testers(let testers):
        pilotTesters.append(testers)
        pilotDecisions.append(RolloutDecision(version: release.version, reason: .pilot, release: release.instanceID))
      case .percent(let percent):
        sliceBuckets.append(RolloutBucket(releaseID: release.instanceID))
        slicePercents.append(percent)
        sliceDecisions.append(
          RolloutDecision(version: release.version, reason: .grayscale, release: release.instanceID))
      case .all: if latest == nil { latest = release }
      }
    }
    pilotGroups = PilotGroups(pilotTesters)
    self.pilotDecisions = pilotDecisions
    self.sliceBuckets = sliceBuckets
    self.slicePercents = slicePercents
    self.sliceDecisions = sliceDecisions
    released =
      latest.map { RolloutDecision(version: $0.version, reason: .released, release: $0.instanceID) } ?? .none
  }

  /// The order in which releases are tried: the newest (by when it entered its state) first.
  static func newestFirst(_ releases: [RolloutRelease]) -> [RolloutRelease] {
    releases.sorted { ($0.since, $0.instanceID) > ($1.since, $1.instanceID) }
  }

  /// The version `userID` gets and why.
  public func resolve(userID: String) -> RolloutDecision {
    // The id's bytes are read once, for the pilot groups' hash and every slice's bucket.
    var id = userID
    return id.withUTF8 { utf8 in
      if let pilot = pilotGroups.group(of: userID, utf8: utf8) { return pilotDecisions[pilot] }
      for index in sliceBuckets.indices where sliceBuckets[index].contains(utf8: utf8, percent: slicePercents[index]) {
        return sliceDecisions[index]
      }
      return released
    }
  }
}

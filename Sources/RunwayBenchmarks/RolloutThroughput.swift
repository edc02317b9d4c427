import Foundation
import RunwayEngine

/// W5: rollout resolution in process, and the batch CLI over a million users.
enum RolloutThroughput {
  static func resolver() -> RolloutResolver {
    let since = Date(timeIntervalSince1970: 1_780_000_000)
    // Ids as `Engine.newInstanceID` makes them (`r-` and ten letters): a slice hashes
    // `"r-…:"`, 13 bytes, before each user's id.
    return RolloutResolver(releases: [
      RolloutRelease(instanceID: "r-7k2m9q4xcd", version: "1.0.0", audience: .all, since: since),
      RolloutRelease(instanceID: "r-4hq8wz3npe", version: "1.1.0", audience: .percent(30), since: since + 60),
      RolloutRelease(
        instanceID: "r-b6tdm2kx9s", version: "1.2.0", audience: .testers(Set((0..<1000).map { "t-\($0)" })),
        since: since + 120),
    ])
  }

  static func inProcess(users: Int) -> BenchmarkRow {
    let ids = (0..<users).map { "user-\($0)" }
    let resolver = resolver()
    // Five passes each, medians: one pass is half a second, and a shared host's noise moved
    // single passes by ±30 %.
    var grayscale = 0
    var passes: [Double] = []
    var floors: [Double] = []
    var total = 0
    for _ in 0..<5 {
      grayscale = 0
      passes.append(
        seconds { for id in ids where resolver.resolve(userID: id).reason == .grayscale { grayscale += 1 } })
      total = 0
      floors.append(seconds { for id in ids { total &+= id.utf8.count } })
    }
    let elapsed = median(passes)
    let floor = median(floors)
    let value = Double(users) / elapsed
    let floorRate = Double(users) / floor
    return BenchmarkRow(
      name: "W5 rollout resolution, in process", value: value, unit: "users/s", floor: floorRate,
      ratio: value / floorRate, target: "≥ 10,000,000 users/s", meets: value >= 10_000_000,
      note:
        "\(users) users × 5 passes (median), 3 releases; \(grayscale) in the 30% slice; floor: reading each id's bytes (\(total))"
    )
  }

  static func batchCLI(workflows: String, users: Int, folder: URL) throws -> BenchmarkRow {
    let store = try CLIStore("w5", versions: ["1.0.0", "1.1.0"], workflows: workflows, folder: folder)
    for (version, percent) in [("1.0.0", "100"), ("1.1.0", "30")] {
      let id = try store.approvedRelease(version)
      try store.run(["fire", id, "grayscale", "--as", "alice", "--param", "percent=\(percent)"])
    }
    let file = folder.appendingPathComponent("users.txt")
    var text = ""
    text.reserveCapacity(users * 12)
    for index in 0..<users { text += "user-\(index)\n" }
    try text.write(to: file, atomically: true, encoding: .utf8)
    let ours = try seconds {
      try store.run([
        "resolve", "--app", "superpay", "--env", "production", "--mini-program", "shop", "--users-file", file.path,
      ])
    }
    let cat = try Runner.which("cat")
    let floor = try seconds { try Runner.run(cat, [file.path], environment: store.environment) }
    return BenchmarkRow(
      name: "W5 runway resolve, batch of \(users)", value: ours, unit: "s", floor: floor, ratio: ours / floor,
      target: "about 1 s for 1,000,000 users", meets: ours <= 1.5 * Double(users) / 1_000_000,
      note: "whole process, streaming userId,version,reason lines; floor: cat of the same file")
  }
}

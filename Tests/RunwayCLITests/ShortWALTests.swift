import Foundation
import Testing

/// Commands keep a SQLite file's WAL short (docs/deployment.md): the next process reads every
/// frame of it as it opens the file, so a commit checkpoints once the WAL holds 100 pages
/// rather than SQLite's 1,000.
@Suite("A command's WAL stays short")
struct ShortWALTests {
  @Test func manyFiresLeaveAWALOfAboutAHundredPages() throws {
    let runway = try RunwayProcess()
    let id = try runway.releaseInPilotTesting()
    // Each fire writes a couple of pages: 150 of them are far past 100 pages, well short of 1,000.
    for index in 0..<150 {
      try runway.ok("fire", id, "update-testers", "--as", "alice", "--param", "testers=u-\(index)")
    }
    // How many frames the WAL holds (not its file size, which keeps the set-up's largest
    // transaction), as SQLite reports them; 150 fires with SQLite's default would hold 300 and more.
    let database = runway.folder.appendingPathComponent("runway.db").path
    let report = try SecretMaskingTests.sqlite(database, "PRAGMA wal_checkpoint(PASSIVE);")
    let frames = try #require(Int(report.split(separator: "|").dropFirst().first ?? ""), "\(report)")
    #expect(frames > 0)
    #expect(frames <= 130, "the WAL holds \(frames) frames")
    #expect(try runway.show(id)["revision"] as? Int == 5 + 150)
  }
}

import Foundation
import Testing

/// Workflow files built to exhaust the expression parser or the template checker are refused
/// with a location by the real binary, never with a crash (issue 17, item 1).
@Suite("hostile workflow files")
struct HostileWorkflowTests {
  /// A small valid workflow whose `count` default and notification body are given.
  static func workflow(default expression: String = "0", body: String = "done") -> String {
    """
    workflow: hostile
    fields:
      count: { type: int, default: "\(expression)" }
    roles:
      admin: { workspace: "'acme'" }
    start: { allow: [admin] }
    initial: open
    states:
      open: { title: Open }
      done: { title: Done, terminal: true }
    transitions:
      finish: { from: open, to: done, allow: [admin], notify: [done-mail] }
    notifications:
      done-mail:
        to: { initiator: true }
        subject: "Finished"
        body: "\(body)"

    """
  }

  struct Case: Sendable, CustomStringConvertible {
    var description: String
    var text: String
    /// `line:column` and a fragment of the one error expected.
    var location: String
    var message: String
  }

  static let cases: [Case] = [
    Case(
      description: "10,000 terms of 1+1+…",
      text: workflow(default: Array(repeating: "1", count: 10_000).joined(separator: "+")),
      location: "3:33", message: "this expression is 19999 characters long; the limit is 4096"),
    Case(
      description: "20,000 nested parentheses",
      text: workflow(default: String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)),
      location: "3:33", message: "the limit is 4096"),
    Case(
      description: "1,000 nested parentheses within the length limit",
      text: workflow(default: String(repeating: "(", count: 1_000) + "1" + String(repeating: ")", count: 1_000)),
      location: "3:97", message: "this expression nests more than 64 levels deep"),
    Case(
      description: "1,500 terms within the length limit",
      text: workflow(default: Array(repeating: "1", count: 1_500).joined(separator: "+")),
      location: "3:160", message: "this expression nests more than 64 levels deep"),
    Case(
      description: "4,000 nested sections",
      text: workflow(
        body: String(repeating: "{{#count}}", count: 4_000) + String(repeating: "{{/count}}", count: 4_000)),
      location: "17:12", message: "this template is 80000 characters long; the limit is 16384"),
    Case(
      description: "500 nested sections within the length limit",
      text: workflow(
        body: String(repeating: "{{#count}}", count: 500) + String(repeating: "{{/count}}", count: 500)),
      location: "17:172", message: "sections nest more than 16 levels deep in this template"),
  ]

  @Test(arguments: cases)
  func validateRefusesItWithALocation(_ hostile: Case) throws {
    let runway = try RunwayProcess()
    let file = try runway.write("hostile.yaml", hostile.text)
    let result = try runway.run("validate", file)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.hasPrefix("\(file):\(hostile.location): error: ") == true, "\(errors)")
    #expect(errors.first?.contains(hostile.message) == true, "\(errors)")
  }

  /// Every command loads the whole folder: one hostile file is skipped with a warning, and
  /// the other workflows keep working.
  @Test(arguments: cases)
  func otherCommandsSkipItAndCarryOn(_ hostile: Case) throws {
    var runway = try RunwayProcess()
    let folder = runway.folder.appendingPathComponent("Workflows")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["mini-program-release.yaml", "super-app-release.yaml"] {
      try FileManager.default.copyItem(
        atPath: runway.path("Workflows/" + name), toPath: folder.appendingPathComponent(name).path)
    }
    try hostile.text.write(to: folder.appendingPathComponent("hostile.yaml"), atomically: true, encoding: .utf8)
    runway.environment["RUNWAY_WORKFLOWS"] = folder.path
    try runway.importExampleDirectory()
    let id = try runway.startShop()
    let list = try runway.run("list")
    #expect(list.status == 0, "\(list.status) \(list.stderr)")
    #expect(list.stdout.contains(id))
    #expect(list.stderr.contains("hostile.yaml is invalid and was skipped"), "\(list.stderr)")
  }

  /// 500 sections one after another (16,000 characters) are within every limit: valid.
  @Test func manySectionsSideBySideAreValid() throws {
    let runway = try RunwayProcess()
    let body = String(repeating: "{{#count}}n={{count}} {{/count}}", count: 500)
    let file = try runway.write("sections.yaml", Self.workflow(body: body))
    let result = try runway.run("validate", file)
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("1 file checked: valid, 0 errors"))
  }
}

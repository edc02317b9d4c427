import Foundation
import RunwayEngine
import RunwayModel
import RunwayNotifiers
import RunwayYAML

/// Where notifications go and how often a delivery is tried, as `--notify` and
/// `--max-attempts` gave them (docs/notifications.md): `--notify URL` (repeatable), else
/// `RUNWAY_NOTIFY` (URLs separated by commas), else the `notify:` list of `runway.yaml` in
/// the current folder.
struct NotifySettings {
  var urls: [String] = []
  var maxAttempts = 5

  /// The configured URLs, by precedence.
  func configuredURLs() throws(CommandFailure) -> [String] {
    if !urls.isEmpty { return urls }
    if let list = EnvironmentVariable.value("RUNWAY_NOTIFY"), !list.isEmpty {
      return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    guard FileManager.default.fileExists(atPath: "runway.yaml") else { return [] }
    let value: Value
    do {
      value = try ValueLoader.parse(
        String(contentsOfFile: "runway.yaml", encoding: .utf8), file: "runway.yaml")
    } catch let error as DiagnosticError {
      throw CommandFailure(.invalidInput, error.description)
    } catch {
      throw CommandFailure(.invalidInput, "cannot read runway.yaml: \(error.localizedDescription)")
    }
    guard case .map(let settings) = value else { return [] }
    switch settings["notify"] {
    case .list(let items): return items.compactMap(\.stringValue)
    case .string(let one): return [one]
    default: return []
    }
  }

  func notifiers() throws(CommandFailure) -> [any Notifier] {
    var notifiers: [any Notifier] = []
    for url in try configuredURLs() {
      do { notifiers.append(try NotifierURL.notifier(url, environment: ProcessInfo.processInfo.environment)) } catch {
        throw CommandFailure(.usage, error.description)
      }
    }
    return notifiers
  }

  /// The configured notifiers, refusing an unusable `--max-attempts`.
  func checkedNotifiers() throws(CommandFailure) -> [any Notifier] {
    guard maxAttempts >= 1 else { throw CommandFailure(.usage, "--max-attempts must be at least 1") }
    return try notifiers()
  }

  /// After a command committed: deliver what is due within about `seconds`, reporting
  /// problems on standard error but never failing the command (the outbox keeps them).
  func deliverAfterCommit(_ runway: Runway, seconds: Int = 3) async {
    guard let notifiers = try? checkedNotifiers(), !notifiers.isEmpty else { return }
    guard
      let report = try? await runway.deliver(
        through: notifiers, limit: 20, maxAttempts: maxAttempts, within: .seconds(seconds))
    else { return }
    let waiting = report.retrying.count + report.dead.count + report.deferred.count
    if waiting > 0 {
      Console.err("notice: \(waiting) notification(s) not delivered yet; see `runway notify list`")
    }
  }
}

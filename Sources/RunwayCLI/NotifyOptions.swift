import ArgumentParser
import Foundation
import RunwayEngine
import RunwayModel
import RunwayNotifiers
import RunwayYAML

/// Where notifications go: `--notify URL` (repeatable), else `RUNWAY_NOTIFY` (URLs separated
/// by commas), else the `notify:` list of `runway.yaml` in the current folder.
struct NotifyOptions: ParsableArguments {
  @Option(
    name: .customLong("notify"),
    help: ArgumentHelp(
      "A notifier: smtp[s]://host:port, smtp+starttls://host:port, https://…, log:PATH or log:- (repeatable). Env: RUNWAY_NOTIFY.",
      valueName: "url"))
  var urls: [String] = []

  @Option(name: .customLong("max-attempts"), help: "Attempts before a notification is dead (default 5).")
  var maxAttempts: Int = 5

  /// The same choices as plain values.
  var settings: NotifySettings { NotifySettings(urls: urls, maxAttempts: maxAttempts) }

  func notifiers() throws(CommandFailure) -> [any Notifier] { try settings.notifiers() }

  /// The configured notifiers, refusing an unusable `--max-attempts`.
  func checkedNotifiers() throws(CommandFailure) -> [any Notifier] { try settings.checkedNotifiers() }

  /// See `NotifySettings.deliverAfterCommit`.
  func deliverAfterCommit(_ runway: Runway, seconds: Int = 3) async {
    await settings.deliverAfterCommit(runway, seconds: seconds)
  }
}

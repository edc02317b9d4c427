import ArgumentParser
import Foundation
import RunwayEngine
import RunwayPresentation

/// `runway notify deliver | list [--failed] | retry ID`: the outbox.
struct NotifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notify",
    abstract: "Deliver, list and retry notifications from the outbox.",
    discussion: """
      Notifications are written in the same transaction as the transition that caused them and \
      delivered after it commits; what could not be delivered stays pending and is retried with \
      back-off by `runway notify deliver`, until it is dead after --max-attempts.
      Notifiers: --notify URL (repeatable), RUNWAY_NOTIFY=url,url, or `notify: [url, …]` in \
      runway.yaml. smtp://, smtp+starttls:// or smtps://host:port[?ca=PATH] (AUTH PLAIN from \
      RUNWAY_SMTP_USER/RUNWAY_SMTP_PASSWORD, only inside TLS or to localhost, \
      sender RUNWAY_SMTP_FROM), https://… webhooks (signed with RUNWAY_WEBHOOK_SECRET), \
      log:PATH or log:- (JSON lines).
      """,
    subcommands: [Deliver.self, List.self, Retry.self])

  struct Deliver: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "deliver", abstract: "Deliver the notifications that are due.")
    @Flag(help: "Also deliver pending notifications whose back-off has not run out.")
    var force = false
    @OptionGroup var notify: NotifyOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let runway = try await CommandEnvironment.open(storeOptions).runway
        let notifiers = try notify.checkedNotifiers()
        guard !notifiers.isEmpty else {
          throw CommandFailure(
            .usage,
            "no notifiers are configured: give --notify URL, set RUNWAY_NOTIFY, or list them under notify: in runway.yaml"
          )
        }
        var total = NotificationDelivery.Report()
        while true {
          let report = try await runway.deliver(
            through: notifiers, limit: 100, ignoringBackoff: force, maxAttempts: notify.maxAttempts)
          total.delivered += report.delivered
          total.retrying += report.retrying
          total.dead += report.dead
          if report.attempted < 100 || force { break }
        }
        struct Summary: Encodable {
          var delivered: [String]
          var retrying: [String]
          var dead: [String]
        }
        Console(json: output.json).print(
          json: Summary(delivered: total.delivered, retrying: total.retrying, dead: total.dead)
        ) {
          "\(total.delivered.count) delivered, \(total.retrying.count) to retry, \(total.dead.count) dead"
        }
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List notifications with their status, attempts and recipients.")
    @Flag(help: "Only dead notifications, with their last error.")
    var failed = false
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let entries = try await CommandEnvironment.open(storeOptions).runway.notifications(failedOnly: failed)
        let items = entries.map(NotificationJSON.init)
        Console(json: output.json).print(json: items) {
          items.isEmpty
            ? (failed ? "no dead notifications" : "no notifications")
            : items.map {
              "\($0.deliveryId)  \($0.status)  \($0.attempts) attempt\($0.attempts == 1 ? "" : "s")  → \($0.recipients.joined(separator: ", "))  \($0.subject)"
                + ($0.lastError.map { "\n    last error: \($0)" } ?? "")
            }.joined(separator: "\n")
        }
      }
    }
  }

  struct Retry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "retry",
      abstract: "Make a dead notification pending again, with fresh attempts.")
    @Argument(help: "The delivery id (see runway notify list).")
    var deliveryID: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        try await CommandEnvironment.open(storeOptions).runway.retryNotification(
          deliveryID, caller: .storeOperator(as: nil))
        Console(json: output.json).print(json: ["revived": deliveryID]) {
          "\(deliveryID) is pending again; runway notify deliver sends it"
        }
      }
    }
  }
}

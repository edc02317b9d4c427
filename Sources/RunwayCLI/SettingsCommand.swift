import ArgumentParser
import Foundation
import RunwayEngine
import RunwayModel

/// `runway settings set KEY=VALUE [--scope ID] | show`: platform settings the workflows read.
struct SettingsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "settings",
    abstract: "Set or show platform settings (such as pilotTestingRequired).",
    subcommands: [Set.self, Show.self])

  struct Set: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract: "Set a setting globally or for one scope (an app id).",
      discussion: """
        runway settings set pilotTestingRequired=true --scope superpay
        A scoped value wins over the global one for instances whose scope field (targetApp \
        for pilotTestingRequired) has that value.
        """)

    @Argument(help: "KEY=VALUE")
    var assignment: String
    @Option(help: "The scope (for pilotTestingRequired: an app id). Omit for the global value.")
    var scope: String?
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let environment = try await CommandEnvironment.open(storeOptions)
        guard let equals = assignment.firstIndex(of: "=") else {
          throw CommandFailure(.usage, "write the setting as KEY=VALUE, not \"\(assignment)\"")
        }
        let key = String(assignment[..<equals])
        let text = String(assignment[assignment.index(after: equals)...])
        let declarations = environment.catalog.names.compactMap {
          environment.catalog.current($0)?.workflow.definition.setting(key)
        }
        guard let setting = declarations.first else {
          let known = environment.catalog.names.flatMap {
            environment.catalog.current($0)?.workflow.definition.settings.map(\.name) ?? []
          }
          throw CommandFailure(
            .notFound, "no workflow declares a setting \"\(key)\"" + Suggestion.hint(for: key, among: known))
        }
        let value = try ValueParser.parse(text, as: setting.type, name: key)
        if let scope {
          guard setting.scope != nil else {
            throw CommandFailure(.invalidInput, "\(key) is not scoped; set it without --scope")
          }
          let scopeField = environment.catalog.names.lazy.compactMap {
            environment.catalog.current($0)?.workflow.field(setting.scope ?? "")
          }.first
          if case .ref(let kind) = scopeField?.field.type, !environment.engine.directory.contains(kind, scope) {
            throw CommandFailure(.notFound, "no \(kind.noun) \"\(scope)\" in the directory")
          }
        }
        let stored = SettingValue(key: key, scope: scope, value: value)
        try await environment.store.setSetting(stored)
        Console(json: output.json).print(json: stored) {
          "\(key) = \(value.display)" + (scope.map { " for \($0)" } ?? " (global)")
        }
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show every declared setting with its default and stored values.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      try await perform(json: output.json) {
        let environment = try await CommandEnvironment.open(storeOptions)
        let stored = try await environment.store.settings()
        struct Row: Encodable {
          var key: String
          var type: String
          var defaultValue: Value
          var scope: String?
          var values: [SettingValue]
        }
        var rows: [Row] = []
        for name in environment.catalog.names {
          for setting in environment.catalog.current(name)?.workflow.definition.settings ?? []
          where !rows.contains(where: { $0.key == setting.name }) {
            rows.append(
              Row(
                key: setting.name, type: setting.type.description, defaultValue: setting.defaultValue,
                scope: setting.scope, values: stored.filter { $0.key == setting.name }))
          }
        }
        Console(json: output.json).print(json: rows) {
          rows.map { row in
            var lines = ["\(row.key) (\(row.type)), default \(row.defaultValue.display)"]
            for value in row.values {
              lines.append("  \(value.scope.map { "for \($0)" } ?? "global"): \(value.value.display)")
            }
            return lines.joined(separator: "\n")
          }.joined(separator: "\n")
        }
      }
    }
  }
}

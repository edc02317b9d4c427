import RunwayEngine
import RunwayModel
import Testing

@Suite("Settings resolution")
struct SettingsSnapshotTests {
  let setting = Setting(
    name: "pilotTestingRequired", type: .bool, defaultValue: .bool(false), scope: "targetApp",
    location: SourceLocation(file: "w.yaml", line: 1, column: 1))

  @Test func scopedWinsOverGlobalWhichWinsOverTheDefault() {
    let fields: [String: Value] = ["targetApp": .string("superpay")]
    #expect(SettingsSnapshot().value(of: setting, fields: fields) == .bool(false))
    let global = SettingsSnapshot([SettingValue(key: setting.name, scope: nil, value: .bool(true))])
    #expect(global.value(of: setting, fields: fields) == .bool(true))
    let scoped = SettingsSnapshot([
      SettingValue(key: setting.name, scope: nil, value: .bool(true)),
      SettingValue(key: setting.name, scope: "superpay", value: .bool(false)),
    ])
    #expect(scoped.value(of: setting, fields: fields) == .bool(false))
    #expect(scoped.value(of: setting, fields: ["targetApp": .string("walletgo")]) == .bool(true))
  }
}

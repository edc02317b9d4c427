import Foundation
import RunwayEngine
import RunwayModel

/// The outcome of `runway test`: a line per scenario, coverage, JUnit XML.
struct ScenarioReport {
  var results: [ScenarioResult]
  /// Files that could not be loaded (each makes the run fail).
  var problems: [Diagnostic]
  var coverages: [ScenarioCoverage]

  var failed: Int { results.filter { !$0.passed }.count }
  var passed: Bool { failed == 0 && problems.isEmpty && !results.isEmpty }

  func text(coverage: Bool) -> String {
    var lines = problems.map(\.description)
    for result in results {
      if let failure = result.failure {
        lines.append("FAIL \(result.name)\n     \(failure.description)")
      } else {
        lines.append("ok   \(result.name)")
      }
    }
    if coverage {
      for item in coverages {
        lines.append(
          String(
            format: "coverage of %@: %.0f%% (%d of %d)", item.workflow, item.percent,
            item.items.count - item.missed.count, item.items.count))
        for missed in item.missed { lines.append("  never reached: \(missed)") }
      }
    }
    lines.append(
      "\(results.count - failed) passed, \(failed) failed"
        + (problems.isEmpty ? "" : ", \(problems.count) file problems"))
    return lines.joined(separator: "\n")
  }

  func json(coverage: Bool) -> String {
    struct Item: Encodable {
      var name: String
      var file: String
      var line: Int
      var passed: Bool
      var failure: String?
    }
    struct Coverage: Encodable {
      var workflow: String
      var percent: Double
      var missed: [String]
    }
    struct Body: Encodable {
      var passed: Int
      var failed: Int
      var scenarios: [Item]
      var problems: [String]
      var coverage: [Coverage]?
    }
    return Console.jsonText(
      Body(
        passed: results.count - failed, failed: failed,
        scenarios: results.map {
          Item(
            name: $0.name, file: $0.file, line: $0.location.line, passed: $0.passed, failure: $0.failure?.description)
        }, problems: problems.map(\.description),
        coverage: coverage
          ? coverages.map { Coverage(workflow: $0.workflow, percent: $0.percent, missed: $0.missed) } : nil))
  }

  /// JUnit XML: a test suite per scenario file, a test case per scenario.
  func writeJUnit(to path: String) throws(CommandFailure) {
    var xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"\(results.count)\" failures=\"\(failed)\">\n"
    let files = Dictionary(grouping: results, by: \.file)
    for file in files.keys.sorted() {
      let cases = files[file] ?? []
      let failures = cases.filter { !$0.passed }.count
      xml += "  <testsuite name=\"\(Self.escape(file))\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
      for result in cases {
        xml +=
          "    <testcase name=\"\(Self.escape(result.name))\" classname=\"\(Self.escape(file))\" time=\"\(String(format: "%.3f", result.seconds))\""
        if let failure = result.failure {
          xml +=
            ">\n      <failure message=\"\(Self.escape(failure.description))\">\(Self.escape(failure.description))</failure>\n    </testcase>\n"
        } else {
          xml += "/>\n"
        }
      }
      xml += "  </testsuite>\n"
    }
    for problem in problems {
      xml +=
        "  <testsuite name=\"load\" tests=\"1\" failures=\"1\">\n    <testcase name=\"\(Self.escape(problem.location?.file ?? "file"))\">\n      <failure message=\"\(Self.escape(problem.description))\"/>\n    </testcase>\n  </testsuite>\n"
    }
    xml += "</testsuites>\n"
    do { try xml.write(toFile: path, atomically: true, encoding: .utf8) } catch {
      throw CommandFailure(.invalidInput, "cannot write \(path): \(error.localizedDescription)")
    }
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}

/// Every bound on what a user may hand Runway, in one place; docs/workflow-format.md
/// ("Limits") lists the same numbers. Each keeps a hostile or broken input from exhausting
/// the stack, memory or time, and is refused with one sentence when crossed.
public enum InputLimits {
  /// The longest expression, in characters.
  public static let expressionLength = 4_096
  /// The deepest expression: parentheses, operators and calls nested in one another.
  public static let expressionDepth = 64
  /// The longest template (a message, a notification's subject or body), in characters.
  /// Mustache's parser measures the rest of the text at every tag, so its cost grows with
  /// length times tags; this bound keeps a template's check well under a millisecond a tag.
  public static let templateLength = 16_384
  /// The deepest nesting of `{{#section}}` and `{{^section}}` blocks in a template.
  public static let templateSectionDepth = 16

  /// The most elements a set value holds (the testers of a release).
  public static let setElements = 10_000
  /// The largest file `@FILE` reads, in bytes.
  public static let valueFileSize = 2 << 20
  /// The deepest nesting of maps and lists in a map value.
  public static let mapDepth = 8
  /// The most entries a map value holds, counting every nested map and list element.
  public static let mapEntries = 1_000
  /// The longest string value (a field, a param, a set element, a map's key or text), in characters.
  public static let stringLength = 10_000
}

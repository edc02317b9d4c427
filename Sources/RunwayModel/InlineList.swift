/// A list that keeps a single element in place and only a longer one in an array. Most of a
/// transition's lists (`from`, `to`, `allow`, `set`) hold one element, and an array of one
/// was a heap block of 64–112 bytes each: four per transition, most of a large workflow's
/// model (W3, docs/benchmarks.md). Compares, hashes and encodes as an array of its elements.
public struct InlineList<Element> {
  @usableFromInline
  enum Storage {
    case one(Element)
    /// No element, or two and more: one element is always `.one`.
    case many([Element])
  }

  @usableFromInline
  var storage: Storage

  /// The elements of `array`, the single one kept in place.
  @inlinable
  public init(_ array: [Element]) {
    storage = array.count == 1 ? .one(array[0]) : .many(array)
  }

  /// The elements as an array (a copy for a single element).
  @inlinable
  public var array: [Element] {
    switch storage {
    case .one(let element): return [element]
    case .many(let elements): return elements
    }
  }
}

extension InlineList: RandomAccessCollection, MutableCollection {
  @inlinable public var startIndex: Int { 0 }

  @inlinable
  public var endIndex: Int {
    switch storage {
    case .one: return 1
    case .many(let elements): return elements.count
    }
  }

  @inlinable
  public subscript(position: Int) -> Element {
    get {
      switch storage {
      case .one(let element):
        precondition(position == 0, "InlineList index out of range")
        return element
      case .many(let elements): return elements[position]
      }
    }
    set {
      switch storage {
      case .one:
        precondition(position == 0, "InlineList index out of range")
        storage = .one(newValue)
      case .many(var elements):
        storage = .many([])  // `elements` alone holds the array: the write copies nothing
        elements[position] = newValue
        storage = .many(elements)
      }
    }
  }
}

extension InlineList: RangeReplaceableCollection {
  @inlinable
  public init() { storage = .many([]) }

  @inlinable
  public mutating func append(_ newElement: Element) {
    switch storage {
    case .one(let first): storage = .many([first, newElement])
    case .many(var elements):
      if elements.isEmpty {
        storage = .one(newElement)
      } else {
        storage = .many([])
        elements.append(newElement)
        storage = .many(elements)
      }
    }
  }

  @inlinable
  public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C)
  where C.Element == Element {
    var elements = array
    storage = .many([])
    elements.replaceSubrange(subrange, with: newElements)
    self = InlineList(elements)
  }
}

extension InlineList: ExpressibleByArrayLiteral {
  @inlinable
  public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension InlineList: Equatable where Element: Equatable {
  @inlinable
  public static func == (left: InlineList, right: InlineList) -> Bool { left.elementsEqual(right) }
}

extension InlineList: Hashable where Element: Hashable {
  /// As `Array` hashes: the count, then each element.
  @inlinable
  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    for element in self { hasher.combine(element) }
  }
}

extension InlineList: Sendable where Element: Sendable {}
extension InlineList.Storage: Sendable where Element: Sendable {}

/// Encoded as an array is, so a stored definition and its digest do not change.
extension InlineList: Encodable where Element: Encodable {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    for element in self { try container.encode(element) }
  }
}

extension InlineList: Decodable where Element: Decodable {
  public init(from decoder: any Decoder) throws {
    self.init(try [Element](from: decoder))
  }
}

extension InlineList: CustomStringConvertible {
  public var description: String { array.description }
}

/// Encodes a typed artifact straight into a `JSONValue` tree, with the same rules as the JSON
/// text xrayctl writes (absent optionals are left out; keys are the artifact's own), so another
/// document can hold it — a CloudFormation template — without printing and re-reading text.
package enum JSONTreeEncoder {
    package static func encode<T: Encodable>(_ value: T) -> JSONValue {
        let root = Slot()
        do {
            try value.encode(to: TreeEncoder(slot: root))
        } catch {
            // Artifact types hold only strings, numbers, booleans, lists and maps, which always encode.
            preconditionFailure("generated artifact failed to encode: \(error)")
        }
        return root.value
    }
}

/// A place a value is being built: a scalar, or a list or map whose members are slots themselves,
/// so nested containers can keep filling them after the call that made them returns.
private final class Slot {
    enum Content {
        case empty
        case value(JSONValue)
        case list([Slot])
        case map([String: Slot])
    }

    var content = Content.empty

    var value: JSONValue {
        switch content {
        case .empty: return .null
        case .value(let value): return value
        case .list(let slots): return .array(slots.map(\.value))
        case .map(let slots): return .object(slots.mapValues(\.value))
        }
    }

    func member(_ key: String) -> Slot {
        var slots: [String: Slot] = [:]
        if case .map(let existing) = content { slots = existing }
        // Emptied first, so the dictionary has one owner and grows in place instead of being copied.
        content = .empty
        let slot = slots[key] ?? Slot()
        slots[key] = slot
        content = .map(slots)
        return slot
    }

    func appended() -> Slot {
        var slots: [Slot] = []
        if case .list(let existing) = content { slots = existing }
        content = .empty
        let slot = Slot()
        slots.append(slot)
        content = .list(slots)
        return slot
    }

    func set(_ value: JSONValue) { content = .value(value) }

    static func scalar<T: Encodable>(_ value: T) -> JSONValue? {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(number)
        case let number as Double: return .double(number)
        default: return nil
        }
    }

    /// Any encodable value into this slot: scalars directly, everything else through its own `encode(to:)`.
    func encode<T: Encodable>(_ value: T, path: [CodingKey]) throws {
        if let scalar = Self.scalar(value) {
            set(scalar)
        } else {
            try value.encode(to: TreeEncoder(slot: self, codingPath: path))
        }
    }
}

private struct TreeEncoder: Encoder {
    let slot: Slot
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = slot.content { slot.content = .map([:]) }
        return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .empty = slot.content { slot.content = .list([]) }
        return Unkeyed(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.member(key.stringValue).set(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try slot.member(key.stringValue).encode(value, path: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        TreeEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(slot: slot.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder { TreeEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]) }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [CodingKey]
    var count: Int {
        if case .list(let slots) = slot.content { return slots.count }
        return 0
    }

    mutating func encodeNil() throws { slot.appended().set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.appended().encode(value, path: codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: slot.appended(), codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        TreeEncoder(slot: slot.appended(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(slot: slot.appended(), codingPath: codingPath) }
}

private struct Single: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [CodingKey]

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.encode(value, path: codingPath) }
}

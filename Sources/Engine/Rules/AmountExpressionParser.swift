/// A hand-written recursive-descent parser for amount expressions:
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := "-" unary | primary
///     primary    := NUMBER | "(" expression ")" | FUNCTION "(" expression ("," expression)* ")" | FACT
///
/// A fact reference is a run of letters, digits, `_` and `.`: a `-` is always subtraction, so a
/// fact whose name contains a hyphen cannot be used inside an expression.
public struct AmountExpressionParser {
    public static let textBytesMax = 512
    /// Nesting of parentheses, calls and unary minus.
    public static let depthMax = 32
    public static let argumentsMax = 16

    private let bytes: [UInt8]
    private var offset = 0

    private init(_ text: String) { bytes = Array(text.utf8) }

    public static func parse(_ text: String) throws(AmountParseError) -> AmountExpression {
        guard text.utf8.count <= textBytesMax else {
            throw AmountParseError("an expression must be at most \(textBytesMax) characters")
        }
        var parser = AmountExpressionParser(text)
        let expression = try parser.expression(depth: 0)
        parser.skipSpaces()
        guard parser.offset == parser.bytes.count else { throw parser.failure("unexpected \(parser.peekText)") }
        return expression
    }

    private mutating func expression(depth: Int) throws(AmountParseError) -> AmountExpression {
        var left = try term(depth: depth)
        while let op = consumeOperator([.add, .subtract]) {
            left = .binary(op, left, try term(depth: depth))
        }
        return left
    }

    private mutating func term(depth: Int) throws(AmountParseError) -> AmountExpression {
        var left = try unary(depth: depth)
        while let op = consumeOperator([.multiply, .divide]) {
            left = .binary(op, left, try unary(depth: depth))
        }
        return left
    }

    private mutating func unary(depth: Int) throws(AmountParseError) -> AmountExpression {
        guard depth < Self.depthMax else { throw failure("the expression nests deeper than \(Self.depthMax)") }
        if consumeOperator([.subtract]) != nil { return .negate(try unary(depth: depth + 1)) }
        return try primary(depth: depth)
    }

    private mutating func primary(depth: Int) throws(AmountParseError) -> AmountExpression {
        skipSpaces()
        guard let byte = peek else { throw failure("expected a number, a fact or \"(\"") }
        if consume("(") {
            let inner = try expression(depth: depth + 1)
            guard consume(")") else { throw failure("expected \")\"") }
            return inner
        }
        if Self.isDigit(byte) { return try number() }
        guard Self.isNameByte(byte) else { throw failure("unexpected \(peekText)") }
        let start = offset
        let name = scan(Self.isNameByte)
        if consume("(") {
            guard let function = AmountFunction(rawValue: name) else {
                throw failure("unknown function \"\(name)\" (use min, max, floor or round)", at: start)
            }
            return try call(function, depth: depth)
        }
        do {
            return .fact(try FactPath.parse(name))
        } catch {
            throw failure(error.message, at: start)
        }
    }

    private mutating func call(_ function: AmountFunction, depth: Int) throws(AmountParseError) -> AmountExpression {
        var arguments = [try expression(depth: depth + 1)]
        while consume(",") {
            guard arguments.count < Self.argumentsMax else { throw failure("too many arguments") }
            arguments.append(try expression(depth: depth + 1))
        }
        guard consume(")") else { throw failure("expected \",\" or \")\"") }
        guard function.arity.contains(arguments.count) else {
            throw failure("\(function.rawValue) takes \(function.arity.lowerBound == function.arity.upperBound ? "one argument" : "one or more arguments")")
        }
        return .call(function, arguments)
    }

    private mutating func number() throws(AmountParseError) -> AmountExpression {
        let start = offset
        let text = scan { Self.isDigit($0) || $0 == UInt8(ascii: ".") }
        guard !text.hasSuffix("."), let number = ExactNumber(decimal: text) else {
            throw failure("\"\(text)\" is not a number (at most \(ExactNumber.literalDigitsMax) digits)", at: start)
        }
        return .number(number)
    }

    // MARK: Scanning

    private var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private var peekText: String {
        peek.map { "\"\(String(decoding: [$0], as: UTF8.self))\"" } ?? "end of expression"
    }

    private mutating func skipSpaces() {
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { offset += 1 }
    }

    private mutating func consume(_ character: Unicode.Scalar) -> Bool {
        skipSpaces()
        guard peek == UInt8(ascii: character) else { return false }
        offset += 1
        return true
    }

    private mutating func consumeOperator(_ candidates: [AmountOperator]) -> AmountOperator? {
        skipSpaces()
        guard let byte = peek, let op = candidates.first(where: { UInt8(ascii: $0.rawValue.unicodeScalars.first!) == byte })
        else { return nil }
        offset += 1
        return op
    }

    private mutating func scan(_ accept: (UInt8) -> Bool) -> String {
        let start = offset
        while let byte = peek, accept(byte) { offset += 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private func failure(_ message: String, at position: Int? = nil) -> AmountParseError {
        AmountParseError("\(message) at character \((position ?? offset) + 1)")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (TextRule.isWordByte(byte) && byte != UInt8(ascii: "-")) || byte == UInt8(ascii: ".")
    }
}

public struct AmountParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

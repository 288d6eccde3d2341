/// An exact rational number: a reduced `Int64` fraction with a positive denominator. Amount
/// expressions compute with it so that `1000 * 0.02` is exactly 20, never 19.999…; every operation
/// checks for overflow and reports it instead of trapping.
public struct ExactNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64

    /// Literals may carry at most this many digits, so that parsing never overflows silently.
    public static let literalDigitsMax = 18

    public init(_ integer: Int64) {
        numerator = integer
        denominator = 1
    }

    /// Reduces `numerator / denominator`; throws on a zero denominator or when the sign cannot be
    /// normalised without overflow.
    public init(numerator: Int64, denominator: Int64) throws(AmountError) {
        guard denominator != 0 else { throw AmountError("division by zero") }
        let divisor = Int64(truncatingIfNeeded: Self.gcd(numerator.magnitude, denominator.magnitude))
        var top = numerator / divisor
        var bottom = denominator / divisor
        if bottom < 0 {
            top = try Self.checked(Int64(0).subtractingReportingOverflow(top))
            bottom = try Self.checked(Int64(0).subtractingReportingOverflow(bottom))
        }
        self.numerator = top
        self.denominator = bottom
    }

    /// A decimal literal `[-]digits[.digits][e[+|-]digits]`, read exactly; nil when malformed or too large.
    public init?(decimal text: String) {
        var bytes = Substring(text).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var exponent = 0
        while let byte = bytes.first {
            if byte >= 48 && byte <= 57 {
                digits += 1
                guard digits <= Self.literalDigitsMax else { return nil }
                mantissa = mantissa * 10 + Int64(byte - 48)
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let parsed = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)),
                    abs(parsed) <= Self.literalDigitsMax
                else { return nil }
                exponent = parsed
                bytes = bytes.dropFirst(bytes.count)
                break
            } else {
                return nil
            }
            bytes = bytes.dropFirst()
        }
        guard digits > 0 else { return nil }
        let scale = exponent - fractionDigits
        guard abs(scale) <= Self.literalDigitsMax, let power = Self.powerOfTen(abs(scale)) else { return nil }
        let signed = negative ? -mantissa : mantissa
        do {
            if scale >= 0 {
                self = ExactNumber(try Self.checked(signed.multipliedReportingOverflow(by: power)))
            } else {
                self = try ExactNumber(numerator: signed, denominator: power)
            }
        } catch {
            return nil
        }
    }

    public var isInteger: Bool { denominator == 1 }

    public var description: String { isInteger ? "\(numerator)" : "\(numerator)/\(denominator)" }

    // MARK: Arithmetic

    public func adding(_ other: ExactNumber) throws(AmountError) -> ExactNumber {
        // Scale by the lcm of the denominators, not their product, to stay small.
        let common = Int64(truncatingIfNeeded: Self.gcd(denominator.magnitude, other.denominator.magnitude))
        let left = try Self.checked(numerator.multipliedReportingOverflow(by: other.denominator / common))
        let right = try Self.checked(other.numerator.multipliedReportingOverflow(by: denominator / common))
        let top = try Self.checked(left.addingReportingOverflow(right))
        let bottom = try Self.checked((denominator / common).multipliedReportingOverflow(by: other.denominator))
        return try ExactNumber(numerator: top, denominator: bottom)
    }

    public func negated() throws(AmountError) -> ExactNumber {
        try ExactNumber(numerator: Self.checked(Int64(0).subtractingReportingOverflow(numerator)), denominator: denominator)
    }

    public func subtracting(_ other: ExactNumber) throws(AmountError) -> ExactNumber {
        try adding(other.negated())
    }

    public func multiplied(by other: ExactNumber) throws(AmountError) -> ExactNumber {
        // Cross-reduce first so that 1000 * 1/50 never builds 1000/50.
        let a = Int64(truncatingIfNeeded: Self.gcd(numerator.magnitude, other.denominator.magnitude))
        let b = Int64(truncatingIfNeeded: Self.gcd(other.numerator.magnitude, denominator.magnitude))
        let top = try Self.checked((numerator / a).multipliedReportingOverflow(by: other.numerator / b))
        let bottom = try Self.checked((denominator / b).multipliedReportingOverflow(by: other.denominator / a))
        return try ExactNumber(numerator: top, denominator: bottom)
    }

    public func divided(by other: ExactNumber) throws(AmountError) -> ExactNumber {
        guard other.numerator != 0 else { throw AmountError("division by zero") }
        return try multiplied(by: ExactNumber(numerator: other.denominator, denominator: other.numerator))
    }

    /// The greatest integer not above this number.
    public func floor() -> ExactNumber {
        let quotient = numerator / denominator
        let adjust: Int64 = (numerator % denominator != 0 && numerator < 0) ? 1 : 0
        return ExactNumber(quotient - adjust)
    }

    /// The nearest integer, halves rounded away from zero (2.5 → 3, -2.5 → -3).
    public func rounded() -> ExactNumber {
        let quotient = numerator / denominator
        let remainder = (numerator % denominator).magnitude
        // remainder ≥ denominator / 2, written without doubling (which could overflow).
        guard remainder >= denominator.magnitude - remainder else { return ExactNumber(quotient) }
        return ExactNumber(numerator < 0 ? quotient - 1 : quotient + 1)
    }

    public static func < (lhs: ExactNumber, rhs: ExactNumber) -> Bool {
        // Full-width products: comparison never overflows.
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }

    // MARK: Helpers

    static func checked(_ result: (partialValue: Int64, overflow: Bool)) throws(AmountError) -> Int64 {
        guard !result.overflow else { throw AmountError("arithmetic overflow") }
        return result.partialValue
    }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return max(x, 1)
    }

    static func powerOfTen(_ exponent: Int) -> Int64? {
        var value: Int64 = 1
        for _ in 0..<exponent {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }
}

extension ExactNumber {
    /// The exact number a JSON number stands for: integers as they are, and fractions by their
    /// shortest decimal spelling (`0.02` is 2/100, not the binary double nearest to it).
    public init?(json value: JSONValue) {
        switch value {
        case .int(let integer): self = ExactNumber(integer)
        case .double(let double) where double.isFinite: self.init(decimal: "\(double)")
        default: return nil
        }
    }
}

/// Why an amount could not be computed; a value for explain, never a crash.
public struct AmountError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

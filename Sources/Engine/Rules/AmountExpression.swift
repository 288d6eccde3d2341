/// A parsed amount expression such as `floor(event.amount * 0.02)`: a tree evaluated with exact
/// rationals over fact values. Built only by `AmountExpressionParser`; never executed as code.
public indirect enum AmountExpression: Sendable, Equatable {
    case number(ExactNumber)
    case fact(FactPath)
    case negate(AmountExpression)
    case binary(AmountOperator, AmountExpression, AmountExpression)
    case call(AmountFunction, [AmountExpression])

    /// Evaluates exactly; a missing or non-numeric fact, division by zero or overflow is an error value.
    public func evaluate(_ facts: (FactPath) -> FactValue?) -> Result<ExactNumber, AmountError> {
        Result { () throws(AmountError) in try value(facts) }
    }

    func value(_ facts: (FactPath) -> FactValue?) throws(AmountError) -> ExactNumber {
        switch self {
        case .number(let number):
            return number
        case .fact(let path):
            guard let found = facts(path), found != .null else { throw AmountError("\(path) is missing") }
            guard let number = ExactNumber(json: found) else {
                if case .double = found {
                    throw AmountError("\(path) is \(JSONWriter.string(found)), too large or too precise to compute exactly")
                }
                throw AmountError("\(path) is \(found.typeName), not a number")
            }
            return number
        case .negate(let operand):
            return try operand.value(facts).negated()
        case .binary(let op, let left, let right):
            let (a, b) = (try left.value(facts), try right.value(facts))
            switch op {
            case .add: return try a.adding(b)
            case .subtract: return try a.subtracting(b)
            case .multiply: return try a.multiplied(by: b)
            case .divide: return try a.divided(by: b)
            }
        case .call(let function, let arguments):
            var values: [ExactNumber] = []
            for argument in arguments { values.append(try argument.value(facts)) }
            switch function {
            case .min: return values.min()!
            case .max: return values.max()!
            case .floor: return values[0].floor()
            case .round: return values[0].rounded()
            }
        }
    }
}

public enum AmountOperator: Character, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public enum AmountFunction: String, Sendable, Equatable, CaseIterable {
    case min, max, floor, round

    /// How many arguments the function takes.
    var arity: ClosedRange<Int> {
        switch self {
        case .min, .max: 1...AmountExpressionParser.argumentsMax
        case .floor, .round: 1...1
        }
    }
}

/// An award's amount: a fixed integer or an expression, with the text it was written as.
public enum AmountSpec: Sendable, Equatable {
    case fixed(Int64)
    case expression(AmountExpression, source: String)

    /// Awards are integers within ±10^12 (DESIGN.md, "Limits").
    public static let magnitudeMax: Int64 = 1_000_000_000_000

    /// The integer amount: the expression's exact value rounded down, within ±10^12.
    public func evaluate(_ facts: (FactPath) -> FactValue?) -> Result<Int64, AmountError> {
        switch self {
        case .fixed(let amount):
            return .success(amount)
        case .expression(let expression, _):
            return expression.evaluate(facts).flatMap { exact in
                let amount = exact.floor().numerator
                guard amount.magnitude <= Self.magnitudeMax.magnitude else {
                    return .failure(AmountError("the amount \(amount) is beyond ±\(Self.magnitudeMax)"))
                }
                return .success(amount)
            }
        }
    }
}

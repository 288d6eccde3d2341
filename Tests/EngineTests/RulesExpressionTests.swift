import Testing
import Engine
import TestRandom
import TestSupport

struct RuleExpressionTests {
    func amount(_ text: String, _ facts: [FactPath: FactValue] = [:]) throws -> Result<Int64, AmountError> {
        let spec = AmountSpec.expression(try AmountExpressionParser.parse(text), source: text)
        return spec.evaluate { facts[$0] }
    }

    func value(_ text: String) throws -> Int64? {
        try amount(text).get()
    }

    @Test func twoPercentOfAThousandIsExactlyTwenty() throws {
        #expect(try amount("floor(1000 * 0.02)").get() == 20)
        #expect(try amount("floor(999 * 0.02)").get() == 19)
        #expect(try amount("floor(event.amount * 0.02)", [.eventProperty("amount"): 1000]).get() == 20)
        // A JSON decimal fact counts by its decimal spelling, not its binary approximation.
        #expect(try amount("event.rate * 1000", [.eventProperty("rate"): .double(0.07)]).get() == 70)
    }

    @Test func multiplicationBindsTighterThanAdditionAndParenthesesOverride() throws {
        #expect(try value("2 + 3 * 4") == 14)
        #expect(try value("(2 + 3) * 4") == 20)
        #expect(try value("10 - 4 - 3") == 3)
        #expect(try value("100 / 10 / 5") == 2)
        #expect(try value("7 / 2 * 2") == 7)
    }

    @Test func unaryMinusNegatesAndNests() throws {
        #expect(try value("-5 + 2") == -3)
        #expect(try value("--5") == 5)
        #expect(try value("2 * -3") == -6)
        #expect(try value("-(1 + 2) * 2") == -6)
    }

    @Test func theResultIsRoundedDown() throws {
        #expect(try value("7 / 2") == 3)
        #expect(try value("-7 / 2") == -4)
        #expect(try value("0.999") == 0)
    }

    @Test func roundTakesHalvesAwayFromZero() throws {
        #expect(try value("round(2.5)") == 3)
        #expect(try value("round(-2.5)") == -3)
        #expect(try value("round(2.49)") == 2)
        #expect(try value("round(-2.51)") == -3)
        #expect(try value("round(7 / 3)") == 2)
        #expect(try value("floor(-0.5)") == -1)
    }

    @Test func minAndMaxTakeAnyNumberOfArguments() throws {
        #expect(try value("min(5, 3, 9)") == 3)
        #expect(try value("max(5, 3, 9)") == 9)
        #expect(try value("min(500, floor(8000 * 0.1))") == 500)
        #expect(try value("max(4)") == 4)
    }

    @Test func divisionByZeroIsAnErrorValue() throws {
        #expect(try amount("10 / 0") == .failure(AmountError("division by zero")))
        #expect(try amount("10 / (3 - 3)") == .failure(AmountError("division by zero")))
    }

    @Test func overflowIsAnErrorValueNotACrash() throws {
        #expect(try amount("999999999999999999 * 10") == .failure(AmountError("arithmetic overflow")))
        #expect(try amount("100000000000000000 * 100") == .failure(AmountError("arithmetic overflow")))
        #expect(try amount("-(0 - 100000000000000000 * 90 - 223372036854775808)") == .failure(AmountError("arithmetic overflow")))
    }

    @Test func missingAndNonNumericFactsAreErrorValues() throws {
        #expect(try amount("event.amount * 2") == .failure(AmountError("event.amount is missing")))
        #expect(try amount("event.amount * 2", [.eventProperty("amount"): "lots"])
            == .failure(AmountError("event.amount is string, not a number")))
        #expect(try amount("event.amount", [.eventProperty("amount"): .double(1e300)])
            == .failure(AmountError("event.amount is 1e+300, too large or too precise to compute exactly")))
        #expect(try amount("member.attributes.bonus", [.attribute(.member, "bonus"): .null])
            == .failure(AmountError("member.attributes.bonus is missing")))
    }

    @Test func amountsMustStayWithinTenToTheTwelfth() throws {
        #expect(try value("1000000000000") == 1_000_000_000_000)
        #expect(try value("-1000000000000") == -1_000_000_000_000)
        #expect(throws: AmountError.self) { try self.amount("1000000000001").get() }
        #expect(throws: AmountError.self) { try self.amount("-1000000000001").get() }
    }

    @Test func malformedExpressionsAreRefusedWithAPosition() {
        for text in ["", "1 +", "(1", "1)", "2 ** 3", "pow(2, 3)", "floor(1, 2)", "min()", "1.", "1.2.3",
                     "event.amount; rm", "foo.bar", "1 2", "1234567890123456789"] {
            #expect(throws: AmountParseError.self, "\(text)") { try AmountExpressionParser.parse(text) }
        }
    }

    @Test func expressionsLongerThanTheLimitAreRefused() throws {
        let atLimit = String(repeating: "1+", count: 255) + "10"
        #expect(atLimit.utf8.count == 512)
        #expect(try value(atLimit) == 265)
        #expect(throws: AmountParseError.self) { try AmountExpressionParser.parse(atLimit + "0") }
    }

    @Test func expressionsNestedDeeperThanTheLimitAreRefused() throws {
        let depth = AmountExpressionParser.depthMax
        let atLimit = String(repeating: "(", count: depth - 1) + "1" + String(repeating: ")", count: depth - 1)
        #expect(try value(atLimit) == 1)
        let beyond = "(" + atLimit + ")"
        #expect(throws: AmountParseError.self) { try AmountExpressionParser.parse(beyond) }
        #expect(throws: AmountParseError.self) {
            try AmountExpressionParser.parse(String(repeating: "-", count: depth) + "1")
        }
    }

    @Test func exactNumbersReduceAndCompareWithoutOverflow() throws {
        let half = try ExactNumber(numerator: 2, denominator: -4)
        #expect(half.numerator == -1 && half.denominator == 2)
        #expect(ExactNumber(decimal: "0.02") == (try ExactNumber(numerator: 1, denominator: 50)))
        #expect(ExactNumber(decimal: "1e3") == ExactNumber(1000))
        #expect(try ExactNumber(numerator: Int64.max, denominator: 3) > ExactNumber(numerator: Int64.max - 1, denominator: 3))
        #expect(ExactNumber(json: .double(0.1)) == (try ExactNumber(numerator: 1, denominator: 10)))
    }
}

/// A random expression over small integers, evaluated in test code with exact Int arithmetic.
private indirect enum Tree {
    case literal(Int)
    case add(Tree, Tree), subtract(Tree, Tree), multiply(Tree, Tree)
    case min(Tree, Tree), max(Tree, Tree), negate(Tree)

    var text: String {
        switch self {
        case .literal(let n): n < 0 ? "-\(-n)" : "\(n)"
        case .add(let a, let b): "(\(a.text) + \(b.text))"
        case .subtract(let a, let b): "(\(a.text) - \(b.text))"
        case .multiply(let a, let b): "(\(a.text)*\(b.text))"
        case .min(let a, let b): "min(\(a.text), \(b.text))"
        case .max(let a, let b): "max(\(a.text),\(b.text))"
        case .negate(let a): "-\(a.text)"  // every operand is a literal, a call or parenthesised
        }
    }

    var value: Int {
        switch self {
        case .literal(let n): n
        case .add(let a, let b): a.value + b.value
        case .subtract(let a, let b): a.value - b.value
        case .multiply(let a, let b): a.value * b.value
        case .min(let a, let b): Swift.min(a.value, b.value)
        case .max(let a, let b): Swift.max(a.value, b.value)
        case .negate(let a): -a.value
        }
    }

    static func random(depth: Int, using rng: inout some RandomNumberGenerator) -> Tree {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 { return .literal(Int.random(in: -9...9, using: &rng)) }
        let a = random(depth: depth - 1, using: &rng)
        let b = random(depth: depth - 1, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .add(a, b)
        case 1: return .subtract(a, b)
        case 2: return .multiply(a, b)
        case 3: return .min(a, b)
        case 4: return .max(a, b)
        default: return .negate(a)
        }
    }
}

struct RuleExpressionRandomTests {
    @Test func randomTextEitherParsesAndEvaluatesOrIsRefusedNeverCrashes() {
        let alphabet = Array("0123456789.+-*/() ,minaxflorudevt_".utf8)
        var rng = SplitMix64(state: 7)
        var parsed = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 0...40, using: &rng)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &rng)! }, as: UTF8.self)
            guard let expression = try? AmountExpressionParser.parse(text) else { continue }
            parsed += 1
            _ = AmountSpec.expression(expression, source: text).evaluate { _ in .int(Int64.max) }
        }
        #expect(parsed > 0)
    }

    @Test func randomExpressionsEqualAReferenceEvaluation() throws {
        var rng = SplitMix64(state: 2026)
        for _ in 0..<500 {
            // Depth 4 keeps the reference within Int: at most 16 leaves of magnitude 9.
            let tree = Tree.random(depth: 4, using: &rng)
            let parsed = try AmountExpressionParser.parse(tree.text)
            let exact = try parsed.evaluate { _ in nil }.get()
            #expect(exact == ExactNumber(Int64(tree.value)), "\(tree.text)")
        }
    }
}

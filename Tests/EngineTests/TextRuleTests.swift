import Testing
import Engine

struct TextRuleTests {
    @Test func identifierAcceptsUpTo128Bytes() {
        #expect(TextRule.identifier.problem(with: String(repeating: "a", count: 128)) == nil)
        #expect(TextRule.identifier.problem(with: String(repeating: "a", count: 129)) != nil)
        #expect(TextRule.identifier.problem(with: "") != nil)
        #expect(TextRule.identifier.problem(with: "a") == nil)
    }

    @Test func identifierAcceptsItsPunctuation() {
        #expect(TextRule.identifier.problem(with: "user@example.com:42_a-b") == nil)
        #expect(TextRule.identifier.problem(with: "a.b") == nil)
    }

    @Test(arguments: [".hidden", "a b", "a/b", "a?b", "a#b", "a%20", "é", "a\u{0}", "a\"b", "a+b", "a\nb"])
    func identifierRefusesOtherCharacters(_ value: String) {
        #expect(TextRule.identifier.problem(with: value) != nil)
    }

    @Test func wordAcceptsUpTo64Bytes() {
        #expect(TextRule.word.problem(with: String(repeating: "w", count: 64)) == nil)
        #expect(TextRule.word.problem(with: String(repeating: "w", count: 65)) != nil)
        #expect(TextRule.word.problem(with: "") != nil)
        #expect(TextRule.word.problem(with: "Decision_maker-2") == nil)
    }

    @Test(arguments: ["a.b", "a:b", "a@b", "a b", "é", "a/b"])
    func wordRefusesIdentifierPunctuationAndSpaces(_ value: String) {
        #expect(TextRule.word.problem(with: value) != nil)
    }

    @Test func textCountsCharactersNotBytes() {
        let rule = TextRule.text(max: 200)
        #expect(rule.problem(with: String(repeating: "x", count: 200)) == nil)
        #expect(rule.problem(with: String(repeating: "x", count: 201)) != nil)
        #expect(rule.problem(with: String(repeating: "é", count: 200)) == nil)
        #expect(rule.problem(with: String(repeating: "👍🏽", count: 200)) == nil)
        #expect(rule.problem(with: "") != nil)
        #expect(rule.problem(with: "Zürich Sales, Inc. (EMEA) / 東京") == nil)
    }

    @Test(arguments: ["a\u{0}", "a\nb", "tab\t", "del\u{7F}", "c1\u{85}", "bell\u{7}"])
    func textRefusesControlCharacters(_ value: String) {
        #expect(TextRule.text(max: 200).problem(with: value) != nil)
    }
}

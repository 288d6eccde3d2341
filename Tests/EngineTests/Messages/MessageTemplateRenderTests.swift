import Testing
@testable import Engine

struct MessageTemplateRenderTests {
    @Test func placeholdersAreFilledAndTheRestIsKeptAsWritten() {
        let values = ["amount": "50", "member_name": "Ann"]
        #expect(MessageTemplate.render("Hi {{member_name}}, +{{ amount }}!", values) == "Hi Ann, +50!")
        #expect(MessageTemplate.render("{{missing}}x", values) == "x", "a value the occasion lacks is empty")
        #expect(MessageTemplate.render("{{amount", values) == "{{amount", "an unclosed brace is text")
        #expect(MessageTemplate.render("}}{{amount}}{{", values) == "}}50{{")
        #expect(MessageTemplate.render("", values) == "")
        #expect(MessageTemplate.placeholders(in: "{{a}} and {{ b }} and {{c") == ["a", "b"])
    }
}

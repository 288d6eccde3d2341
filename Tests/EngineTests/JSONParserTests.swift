import Testing
import Engine

private func failure(_ text: String, limits: JSONParser.Limits = .init()) -> JSONParser.Failure? {
    do {
        _ = try JSONParser.parse(text, limits: limits)
        return nil
    } catch {
        return error
    }
}

private func nested(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
}

struct JSONParserNumberTests {
    @Test func integersStayExactInt64() throws {
        #expect(try JSONParser.parse("0") == .int(0))
        #expect(try JSONParser.parse("-0") == .int(0))
        #expect(try JSONParser.parse("42") == .int(42))
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int64.min))
    }

    @Test func fractionsExponentsAndOverflowBecomeDoubles() throws {
        #expect(try JSONParser.parse("1e3") == .double(1000))
        #expect(try JSONParser.parse("1.5") == .double(1.5))
        #expect(try JSONParser.parse("-2.5E-1") == .double(-0.25))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
    }

    @Test(arguments: ["01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "1e400", "NaN", "Infinity"])
    func malformedNumbersAreRefused(_ text: String) {
        #expect(failure(text)?.reason == .syntax)
    }
}

struct JSONParserStringTests {
    @Test func escapesAndSurrogatePairsDecode() throws {
        let text = #""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00 \u20AC""#
        #expect(try JSONParser.parse(text) == .string("a\"b\\c/d\u{8}\u{C}\n\r\té😀 €"))
    }

    @Test func rawUTF8PassesThrough() throws {
        #expect(try JSONParser.parse("\"Zürich 東京 🎉\"") == .string("Zürich 東京 🎉"))
    }

    @Test(arguments: [#""\ud800""#, #""\ud800x""#, #""\ud800\u0041""#, #""\udc00""#, #""a\udfff b""#])
    func unpairedSurrogatesAreRefused(_ text: String) {
        #expect(failure(text) != nil)
    }

    @Test(arguments: ["\"a\u{1}b\"", "\"line\nbreak\"", "\"tab\there\"", "\"esc\\n then raw\u{1F}\""])
    func rawControlCharactersAreRefused(_ text: String) {
        #expect(failure(text)?.reason == .syntax)
    }

    @Test(arguments: [#""\x""#, #""\u12""#, #""\u12G4""#, #""unterminated"#, #""\"#])
    func badEscapesAndUnterminatedStringsAreRefused(_ text: String) {
        #expect(failure(text) != nil)
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }
}

struct JSONParserStructureTests {
    @Test func objectsKeepKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": [true, false, null], "m": {}}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value.objectValue?["a"] == [true, false, nil])
    }

    @Test(arguments: [
        "{} x", "[1] [2]", "1 2", "", "   ", "[1,]", "[,1]", #"{"a":1,}"#, #"{"a" 1}"#, "{a:1}", "tru", "nul", "[1",
        #"{"a":1"#, "'a'",
    ])
    func malformedDocumentsAreRefused(_ text: String) {
        #expect(failure(text)?.reason == .syntax)
    }

    @Test func duplicateKeysAreRefused() {
        let error = failure(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(error?.reason == .syntax)
        #expect(error?.message.contains("duplicate") == true)
    }

    @Test func trailingDataIsRefusedAtItsOffset() {
        #expect(failure("{}  x")?.offset == 4)
    }
}

struct JSONParserLimitTests {
    @Test func depthAtTheLimitIsAccepted() throws {
        _ = try JSONParser.parse(nested(32))
        _ = try JSONParser.parse(String(repeating: #"{"a":"#, count: 31) + "[1]" + String(repeating: "}", count: 31))
    }

    @Test func depthOnePastTheLimitIsRefused() {
        #expect(failure(nested(33))?.reason == .tooDeep)
        #expect(failure(String(repeating: #"{"a":"#, count: 33) + "1" + String(repeating: "}", count: 33))?.reason == .tooDeep)
    }

    @Test func depthLimitIsConfigurable() throws {
        var limits = JSONParser.Limits()
        limits.depthMax = 2
        _ = try JSONParser.parse("[[1]]", limits: limits)
        #expect(failure("[[[1]]]", limits: limits)?.reason == .tooDeep)
    }

    @Test func stringAtTheLimitIsAccepted() throws {
        let plain = String(repeating: "a", count: 4096)
        #expect(try JSONParser.parse("\"\(plain)\"") == .string(plain))
        // Escaped: 4095 bytes then \n decodes to 4096 bytes.
        let escaped = String(repeating: "a", count: 4095) + "\\n"
        #expect(try JSONParser.parse("\"\(escaped)\"") == .string(String(repeating: "a", count: 4095) + "\n"))
        // Multi-byte characters count by their UTF-8 bytes: 2048 × "é" is 4096 bytes.
        let accented = String(repeating: "é", count: 2048)
        #expect(try JSONParser.parse("\"\(accented)\"") == .string(accented))
    }

    @Test func stringOnePastTheLimitIsRefused() {
        #expect(failure("\"" + String(repeating: "a", count: 4097) + "\"")?.reason == .stringTooLong)
        #expect(failure("\"" + String(repeating: "a", count: 4096) + "\\n\"")?.reason == .stringTooLong)
        #expect(failure("\"\\n" + String(repeating: "a", count: 4096) + "\"")?.reason == .stringTooLong)
        #expect(failure("\"" + String(repeating: "é", count: 2048) + "a\"")?.reason == .stringTooLong)
    }

    @Test func objectKeysObeyTheStringLimit() {
        #expect(failure("{\"" + String(repeating: "k", count: 4097) + "\": 1}")?.reason == .stringTooLong)
    }
}

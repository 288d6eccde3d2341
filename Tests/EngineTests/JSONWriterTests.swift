import Testing
import Engine

struct JSONWriterTests {
    @Test(arguments: [
        "null", "true", "false", "0", "-17", "9223372036854775807", "-9223372036854775808", "1.5", "-0.25", #""""#,
        #""plain""#, "[]", "{}", #"[1,"two",[3],{"four":4}]"#, #"{"z":1,"a":{"b":[null,true]},"m":"é😀"}"#,
        #""quote\" backslash\\ newline\n tab\t cr\r bell\u0007""#,
    ])
    func compactDocumentsRoundTripExactly(_ text: String) throws {
        #expect(JSONWriter.string(try JSONParser.parse(text)) == text)
    }

    @Test(arguments: ["1e3", "1.0", "123456789.0", "0.1", "1e-7", "1.7976931348623157e308", "-2.5e20"])
    func doublesStayDoublesThroughARoundTrip(_ text: String) throws {
        let parsed = try JSONParser.parse(text)
        #expect(try JSONParser.parse(JSONWriter.string(parsed)) == parsed)
    }

    @Test func controlCharactersAreEscaped() {
        let written = JSONWriter.string(.string("a\u{0}b\u{1F}c\n\r\t\u{8}\u{C}\"\\"))
        #expect(written == #""a\u0000b\u001fc\n\r\t\u0008\u000c\"\\""#)
        #expect(!written.utf8.contains { $0 < 0x20 })
    }

    @Test func keysAreEscapedLikeValues() {
        #expect(JSONWriter.string(["a\"b": 1]) == #"{"a\"b":1}"#)
    }

    @Test func integralDoublesKeepAPointZeroAndLargeOnesTheirExponent() {
        #expect(JSONWriter.string([.double(-42), .double(0), .double(999_999_999_999_999), .double(1e16), .double(86.9)])
                == "[-42.0,0.0,999999999999999.0,1e+16,86.9]")
    }

    @Test func nonFiniteDoublesBecomeNull() {
        #expect(JSONWriter.string(.double(.nan)) == "null")
        #expect(JSONWriter.string(.double(.infinity)) == "null")
    }

    @Test func slashAndNonASCIIAreWrittenVerbatim() {
        #expect(JSONWriter.string("a/b é") == #""a/b é""#)
    }
}

@Suite struct JSONObjectEqualityTests {
    @Test func objectsAreEqualWhateverTheOrderOfTheirKeys() throws {
        let left = try JSONParser.parse(#"{"a":1,"b":{"x":[1,2],"y":null}}"#)
        let right = try JSONParser.parse(#"{"b":{"y":null,"x":[1,2]},"a":1}"#)
        #expect(left == right)
    }

    @Test func arraysKeepTheirOrderAndValuesStillMatter() throws {
        #expect(try JSONParser.parse("[1,2]") != JSONParser.parse("[2,1]"))
        #expect(try JSONParser.parse(#"{"a":1,"b":2}"#) != JSONParser.parse(#"{"a":1,"b":3}"#))
        #expect(try JSONParser.parse(#"{"a":1}"#) != JSONParser.parse(#"{"a":1,"b":2}"#))
    }
}

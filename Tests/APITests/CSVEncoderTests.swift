import Testing
@testable import API

struct CSVEncoderTests {
    @Test func plainFieldsAreWrittenAsTheyAreWithCRLFLines() {
        var csv = CSVEncoder(header: ["id", "amount", "reason"])
        csv.append(["1", "-250", "welcome bonus"])
        csv.append(["2", "0", ""])
        #expect(csv.text == "id,amount,reason\r\n1,-250,welcome bonus\r\n2,0,\r\n")
    }

    @Test func commasQuotesAndLineBreaksAreQuotedAndQuotesDoubled() {
        #expect(CSVEncoder.field("a,b") == "\"a,b\"")
        #expect(CSVEncoder.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVEncoder.field("\"") == "\"\"\"\"")
        #expect(CSVEncoder.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVEncoder.field("cr\rhere") == "\"cr\rhere\"")
        #expect(CSVEncoder.field("crlf\r\nhere") == "\"crlf\r\nhere\"")
        #expect(CSVEncoder.field("ünïcødé ✓; tab\there") == "ünïcødé ✓; tab\there")
        var csv = CSVEncoder(header: ["a", "b"])
        csv.append(["x,y", "q\""])
        #expect(csv.text == "a,b\r\n\"x,y\",\"q\"\"\"\r\n")
    }
}

extension EventDraft {
    /// `properties`: an object of at most `propertiesCountMax` keys whose values are strings,
    /// booleans, null, numbers, or arrays of those. Integers are bounded by `integerMagnitudeMax`;
    /// numbers with a fraction are allowed (they are not amounts).
    static func properties(_ reader: FieldReader) -> JSONObject {
        guard let properties = reader.object("properties", required: false) else { return JSONObject() }
        let path = reader.pathOf("properties")
        if properties.count > propertiesCountMax {
            reader.report.add(path, "must have at most \(propertiesCountMax) keys")
        }
        for (key, value) in properties {
            let valuePath = "\(path).\(key)"
            if case .array(let elements) = value {
                for (index, element) in elements.enumerated() {
                    checkScalar(element, path: "\(valuePath)[\(index)]", report: reader.report)
                }
            } else {
                checkScalar(value, path: valuePath, report: reader.report)
            }
        }
        return properties
    }

    private static func checkScalar(_ value: JSONValue, path: String, report: ValidationReport) {
        switch value {
        case .null, .bool, .double, .string:
            return
        case .int(let number):
            if number < -integerMagnitudeMax || number > integerMagnitudeMax {
                report.add(path, "an integer must be between -\(integerMagnitudeMax) and \(integerMagnitudeMax)")
            }
        case .array, .object:
            report.add(path, "must be a string, number, boolean or null (or an array of those), not \(value.typeName)")
        }
    }
}

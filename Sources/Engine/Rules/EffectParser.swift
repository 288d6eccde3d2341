/// Validates the items of a rule's `then`, each an object with exactly one key naming its kind.
enum EffectParser {
    static let effectsCountMax = 20
    static let kinds = ["award", "badge", "boost", "notify", "tag", "quest"]

    static func parseList(_ value: JSONValue?, path: String, report: ValidationReport) -> [Effect]? {
        guard let value else {
            report.add(path, "is required")
            return nil
        }
        guard case .array(let items) = value, (1...effectsCountMax).contains(items.count) else {
            report.add(path, "must be an array of 1 to \(effectsCountMax) effects")
            return nil
        }
        var effects: [Effect] = []
        for (index, item) in items.enumerated() {
            if let effect = parse(item, path: "\(path)[\(index)]", report: report) { effects.append(effect) }
        }
        return effects.count == items.count ? effects : nil
    }

    static func parse(_ item: JSONValue, path: String, report: ValidationReport) -> Effect? {
        guard case .object(let object) = item, object.count == 1, let (kind, body) = object.entries.first else {
            report.add(path, "an effect is an object with exactly one key: \(kinds.joined(separator: ", "))")
            return nil
        }
        let bodyPath = "\(path).\(kind)"
        let before = report.problems.count
        let effect: Effect?
        switch kind {
        case "badge":
            if case .string(let id) = body, let problem = TextRule.identifier.problem(with: id) {
                report.add(bodyPath, problem)
                effect = nil
            } else if case .string(let id) = body {
                effect = .badge(id)
            } else {
                report.add(bodyPath, "must be a badge id string, not \(body.typeName)")
                effect = nil
            }
        case "award": effect = reader(body, bodyPath, report).flatMap(award).map(Effect.award)
        case "boost": effect = reader(body, bodyPath, report).flatMap(boost).map(Effect.boost)
        case "notify": effect = reader(body, bodyPath, report).flatMap(notify).map(Effect.notify)
        case "tag": effect = reader(body, bodyPath, report).flatMap(tag).map(Effect.tag)
        case "quest": effect = reader(body, bodyPath, report).flatMap(quest).map(Effect.quest)
        default:
            report.add(bodyPath, "unknown effect \"\(kind)\": use \(kinds.joined(separator: ", "))")
            return nil
        }
        return report.problems.count == before ? effect : nil
    }

    private static func reader(_ body: JSONValue, _ path: String, _ report: ValidationReport) -> FieldReader? {
        guard case .object(let object) = body else {
            report.add(path, "must be an object, not \(body.typeName)")
            return nil
        }
        return FieldReader(object, path: path, report: report)
    }

    private static func award(_ reader: FieldReader) -> AwardEffect? {
        reader.rejectUnknownKeys(["currency", "amount", "to"])
        let currency = reader.string("currency", required: true, rule: .identifier)
        let amount = amountSpec(reader)
        let to = recipient(reader)
        guard let currency, let amount, let to else { return nil }
        return AwardEffect(currency: currency, amount: amount, to: to)
    }

    private static func amountSpec(_ reader: FieldReader) -> AmountSpec? {
        let path = reader.pathOf("amount")
        switch reader.object["amount"] {
        case nil, .null?:
            reader.report.add(path, "is required")
        case .int(let amount)?:
            if amount.magnitude <= AmountSpec.magnitudeMax.magnitude { return .fixed(amount) }
            reader.report.add(path, "must be within ±\(AmountSpec.magnitudeMax)")
        case .string(let source)?:
            do { return .expression(try AmountExpressionParser.parse(source), source: source) } catch {
                reader.report.add(path, error.message)
            }
        case let other?:
            reader.report.add(path, "must be an integer or an expression string, not \(other.typeName)")
        }
        return nil
    }

    /// `to` defaults to the member: most awards go to the person who did the thing.
    private static func recipient(_ reader: FieldReader) -> AwardRecipient? {
        let path = reader.pathOf("to")
        switch reader.object["to"] {
        case nil, .null?, .string("member")?: return .member
        case .string("organization")?: return .organization
        case .string("parent")?: return .parent
        case .object(let object)? where object.keys == ["split"]:
            guard case .object(let shares) = object["split"]! else { break }
            let split = FieldReader(shares, path: "\(path).split", report: reader.report)
            split.rejectUnknownKeys(["member", "organization"])
            let member = split.integer("member", required: true, range: 0...100)
            let organization = split.integer("organization", required: true, range: 0...100)
            guard let member, let organization else { return nil }
            guard member + organization == 100 else {
                reader.report.add("\(path).split", "the percents must sum to 100")
                return nil
            }
            return .split(memberPercent: member, organizationPercent: organization)
        default: break
        }
        reader.report.add(path, #"must be "member", "organization", "parent" or {"split": {"member": %, "organization": %}}"#)
        return nil
    }

    private static func boost(_ reader: FieldReader) -> BoostEffect? {
        reader.rejectUnknownKeys(["percent", "on", "uses", "expires_in_days", "currency"])
        let percent = reader.integer("percent", required: true, range: 1...1000)
        let on = eventType(reader, "on")
        let uses = reader.integer("uses", required: true, range: 1...10_000)
        let days = reader.integer("expires_in_days", required: true, range: 1...3650)
        let currency = reader.string("currency", required: false, rule: .identifier)
        guard let percent, let on, let uses, let days else { return nil }
        return BoostEffect(percent: percent, on: on, uses: uses, expiresInDays: days, currency: currency)
    }

    private static func notify(_ reader: FieldReader) -> NotifyEffect? {
        let template = reader.string("template", required: true, rule: .identifier)
        guard let template else { return nil }
        var parameters = reader.object
        parameters["template"] = nil
        return NotifyEffect(template: template, parameters: parameters)
    }

    private static func tag(_ reader: FieldReader) -> TagEffect? {
        reader.rejectUnknownKeys(["segment", "to"])
        let segment = reader.string("segment", required: true, rule: .word)
        let to = reader.choice("to", required: true, as: TagEffect.Target.self)
        guard let segment, let to else { return nil }
        return TagEffect(segment: segment, to: to)
    }

    private static func quest(_ reader: FieldReader) -> QuestEffect? {
        reader.rejectUnknownKeys(["id", "step"])
        let quest = reader.string("id", required: true, rule: .identifier)
        let step = reader.string("step", required: true, rule: .identifier)
        guard let quest, let step else { return nil }
        return QuestEffect(quest: quest, step: step)
    }

    /// A required event type field such as `on`.
    static func eventType(_ reader: FieldReader, _ key: String) -> String? {
        guard let text = reader.string(key, required: true, rule: .text(max: EventTypeRule.bytesMax)) else { return nil }
        if let problem = EventTypeRule.problem(with: text) {
            reader.report.add(reader.pathOf(key), problem)
            return nil
        }
        return text
    }
}

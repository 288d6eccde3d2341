extension DomainError {
    /// The same error about a document nested at `prefix` (such as `$.events[3]`): every path
    /// `$…` becomes `prefix…`, so a batch's problems say which element they are about.
    public func nested(under prefix: String) -> DomainError {
        func move(_ errors: [ValidationError]) -> [ValidationError] {
            errors.map { error in
                guard error.path.hasPrefix("$") else { return error }
                return ValidationError(path: prefix + error.path.dropFirst(), message: error.message)
            }
        }
        switch self {
        case .invalid(let errors): return .invalid(move(errors))
        case .unprocessable(let errors): return .unprocessable(move(errors))
        case .notFound, .forbidden, .conflict, .stillReferenced, .unavailable: return self
        }
    }
}

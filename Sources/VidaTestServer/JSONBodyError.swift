/// A request body that is not a JSON object, with the 400 to answer.
struct JSONBodyError: Error, Sendable {
    let response: HTTPResponse
}

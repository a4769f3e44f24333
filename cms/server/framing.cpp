// HTTP/1.1 framing around httplib (Debian's libcpp-httplib 0.11.4, a compiled
// library: its CPPHTTPLIB_* limits are fixed in the .so, and defining them
// before the include changes nothing). Where it departs from RFC 9112 or
// from what this API promises, the server takes over:
//
// - httplib reads an application/x-www-form-urlencoded body as a form and
//   refuses one over 8 KB; every body is read here instead, as it is.
// - httplib reads a POST with neither Content-Length nor Transfer-Encoding
//   until the connection closes (the rule for responses, not requests), so
//   `curl -X POST` waited for the read timeout; here it has no body.
// - httplib bounds a chunked body by nothing; here by the limit.
// - httplib reads, or waits for, a whole declared length over the limit
//   before its 413 (Content-Length: -1 reads as 2^64 - 1); here a length over
//   twice the limit is refused at once, and one that is not a number is a 400.
// - a multipart body, read with a content reader, makes httplib call an empty
//   std::function (a 500); it is refused before.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <memory>

#include "cms/core/text.h"
#include "cms/server/http.h"

namespace tandem::server {

namespace {

Reply too_large(std::size_t max_body) {
    return error_reply(413, "invalid", "the request body is larger than the server takes (" + std::to_string(max_body) + " bytes)");
}

// A Content-Length value: digits only (no sign, no space). Too many digits
// for 64 bits is still a length, just one no body can have.
std::optional<std::uint64_t> declared_length(std::string_view text) {
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
    return value;
}

// The methods httplib parses; any other request line it refuses as a 400
// without reading the headers.
bool httplib_parses(const std::string& method) {
    for (const char* known : {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"})
        if (method == known) return true;
    return false;
}

}  // namespace

std::optional<Reply> screen_request(const httplib::Request& request, std::size_t max_body) {
    // httplib parses these but has no way to route them to a handler.
    if (request.method == "TRACE" || request.method == "CONNECT") return method_refusal(request.method, request.path);

    const std::size_t lengths = request.get_header_value_count("Content-Length");
    if (request.has_header("Transfer-Encoding")) {
        const std::string coding = request.get_header_value("Transfer-Encoding");
        if (request.get_header_value_count("Transfer-Encoding") != 1 || !equals_ignoring_ascii_case(coding, "chunked"))
            return error_reply(501, "invalid",
                               "Transfer-Encoding \"" + coding.substr(0, 40) + "\" is not supported: send the body with Content-Length, or chunked");
        // Either may be a lie told to a proxy in front (request smuggling): refuse both.
        if (lengths > 0) return error_reply(400, "invalid", "a request has Content-Length or Transfer-Encoding, not both");
    }
    std::optional<std::uint64_t> length;
    for (std::size_t i = 0; i < lengths; ++i) {
        const std::string text = request.get_header_value("Content-Length", i);
        const auto value = declared_length(text);
        if (!value) return error_reply(400, "invalid", "Content-Length \"" + text.substr(0, 40) + "\" is not a number of bytes");
        if (length && *length != *value) return error_reply(400, "invalid", "the request has two different Content-Length headers");
        length = value;
    }
    // Up to twice the limit httplib reads and drops the body before its 413,
    // so that a client that sends all of it before reading (most do) gets the
    // answer; that costs no more than one accepted body. A larger length is
    // answered now: a client that declares 1 TB and sends nothing would
    // otherwise hold a thread until the read timeout.
    if (length && *length / 2 > max_body) return too_large(max_body);

    if (starts_with_ignoring_ascii_case(request.get_header_value("Content-Type"), "multipart/"))
        return error_reply(415, "invalid",
                           "multipart/form-data is not taken: send the document, catalog or JSON itself as the body "
                           "(curl --data-binary @FILE)");
    return std::nullopt;
}

tl::expected<std::string, Reply> read_body(const httplib::Request& request, const httplib::ContentReader& reader,
                                           const httplib::Response& response, std::size_t max_body) {
    // RFC 9112, 6.3: a request with neither header has no body.
    if (!request.has_header("Content-Length") && !request.has_header("Transfer-Encoding")) return std::string();
    std::string body;
    bool over_limit = false;
    const bool complete = reader([&](const char* data, std::size_t size) {
        if (size > max_body - body.size()) {
            over_limit = true;
            return false;
        }
        body.append(data, size);
        return true;
    });
    if (complete) return body;
    // httplib's own refusals: 413 for a Content-Length over the limit (after
    // reading the body), 415 for a Content-Encoding it cannot decode.
    if (over_limit || response.status == 413) return tl::unexpected(too_large(max_body));
    if (response.status == 415)
        return tl::unexpected(error_reply(415, "invalid",
                                          "Content-Encoding \"" + request.get_header_value("Content-Encoding").substr(0, 40) +
                                              "\" is not supported"));
    return tl::unexpected(
        error_reply(400, "invalid", "the request body ended before its Content-Length, or its chunked encoding is broken"));
}

Reply httplib_refusal(const httplib::Request& request, int status) {
    // httplib leaves the method it read even when it refuses the request line for it.
    const bool http_version = request.version == "HTTP/1.1" || request.version == "HTTP/1.0";
    if (status == 400 && http_version && !request.method.empty() && !httplib_parses(request.method))
        return error_reply(501, "invalid", request.method.substr(0, 40) + " is not a method this server knows");
    switch (status) {
        case 404: return error_reply(404, "not_found", "not found");
        case 413: return error_reply(413, "invalid", "the request body is too large");
        case 414: return error_reply(414, "invalid", "the request's path and query are too long");
        default: return error_reply(status, "invalid", "the request is not valid HTTP");
    }
}

void write_reply(const httplib::Request& request, Reply reply, httplib::Response& response, AfterReply after) {
    response.status = reply.status;
    // A reply's own header replaces the default of the same name.
    for (auto& [name, value] : reply.headers) {
        response.headers.erase(name);
        response.set_header(name, value);
    }
    if (request.path.rfind("/api/", 0) == 0) response.set_header("Cache-Control", "no-store");
    const std::string type = reply.content_type.empty() ? "text/plain" : reply.content_type;
    if (after == AfterReply::close && !reply.body.empty()) {
        // httplib has no call that ends a connection. A content provider that
        // reports failure after writing everything is its way to cancel a
        // response, and a cancelled response ends the connection: the client
        // gets the whole answer, then the end of the connection.
        response.set_header("Connection", "close");
        auto body = std::make_shared<const std::string>(std::move(reply.body));
        response.set_content_provider(body->size(), type.c_str(), [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
            sink.write(body->data() + offset, body->size() - offset);
            return false;
        });
        return;
    }
    if (!reply.content_type.empty() || !reply.body.empty()) response.set_content(std::move(reply.body), type);
}

}  // namespace tandem::server

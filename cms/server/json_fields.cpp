// The request's JSON fields. The type checks come before any get<>: get<>
// throws on a type mismatch, and nothing here may throw.

#include "cms/server/json_fields.h"

#include <cstdint>
#include <limits>

#include "cms/core/text.h"

namespace tandem::server {

using nlohmann::json;

namespace {

// "a string", "an object", "null": what the client sent instead, for the message.
std::string what_it_is(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        default: return "not a JSON value";
    }
}

std::string quoted(std::string_view name) {
    // Appended, not "\"" + name + "\"": g++ 12 warns (-Wrestrict, falsely) on that.
    std::string text(1, '"');
    text.append(name).push_back('"');
    return text;
}

tl::unexpected<Error> wrong_type(std::string_view name, std::string_view expected, const json& value) {
    return fail(ErrorCode::invalid, quoted(name) + " must be " + std::string(expected) + ", not " + what_it_is(value));
}

// The field, or nullptr when absent. `body` is an object (json_body makes sure).
const json* find_field(const json& body, std::string_view name) {
    if (!body.is_object()) return nullptr;
    const auto it = body.find(std::string(name));
    return it == body.end() ? nullptr : &*it;
}

tl::unexpected<Error> missing(std::string_view name, std::string_view expected) {
    return fail(ErrorCode::invalid, "the body needs " + quoted(name) + " (" + std::string(expected) + ")");
}

}  // namespace

Result<json> json_body(const std::string& body, EmptyBody empty) {
    if (body.empty() && empty == EmptyBody::allowed) return json::object();
    try {
        json parsed = json::parse(body);
        if (!parsed.is_object()) return fail(ErrorCode::invalid, "the request body is not a JSON object");
        return parsed;
    } catch (const json::parse_error& e) {
        const auto where = position_at(body, e.byte > 0 ? e.byte - 1 : 0, "request body");
        return fail(ErrorCode::invalid, "the request body is not JSON", where);
    } catch (const json::exception&) {
        // The parser's other refusal: a number too large for a double (1e400).
        return fail(ErrorCode::invalid, "the request body has a number too large to read");
    }
}

Result<std::optional<bool>> optional_bool(const json& body, std::string_view name) {
    const json* field = find_field(body, name);
    if (!field) return std::nullopt;
    if (!field->is_boolean()) return wrong_type(name, "a boolean (true or false)", *field);
    return field->get<bool>();
}

Result<std::optional<std::string>> optional_string(const json& body, std::string_view name) {
    const json* field = find_field(body, name);
    if (!field) return std::nullopt;
    if (!field->is_string()) return wrong_type(name, "a string", *field);
    return field->get<std::string>();
}

Result<std::optional<std::string>> nullable_string(const json& body, std::string_view name) {
    const json* field = find_field(body, name);
    if (!field || field->is_null()) return std::nullopt;
    if (!field->is_string()) return wrong_type(name, "a string or null", *field);
    return field->get<std::string>();
}

Result<std::optional<int>> optional_int(const json& body, std::string_view name) {
    const json* field = find_field(body, name);
    if (!field) return std::nullopt;
    if (!field->is_number_integer()) return wrong_type(name, "an integer", *field);
    // An unsigned JSON integer may exceed every signed type: compare as unsigned.
    const bool fits = field->is_number_unsigned()
                          ? field->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<int>::max())
                          : field->get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                                field->get<std::int64_t>() <= std::numeric_limits<int>::max();
    if (!fits)
        return fail(ErrorCode::invalid, quoted(name) + " must be an integer from " +
                                            std::to_string(std::numeric_limits<int>::min()) + " to " +
                                            std::to_string(std::numeric_limits<int>::max()));
    return static_cast<int>(field->get<std::int64_t>());
}

Result<std::string> required_string(const json& body, std::string_view name) {
    auto value = optional_string(body, name);
    if (!value) return tl::unexpected(value.error());
    if (!*value) return missing(name, "a string");
    return std::move(**value);
}

Result<int> required_int(const json& body, std::string_view name) {
    auto value = optional_int(body, name);
    if (!value) return tl::unexpected(value.error());
    if (!*value) return missing(name, "an integer");
    return **value;
}

}  // namespace tandem::server

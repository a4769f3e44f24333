#pragma once
// Inside cms/server only: the fields of a request's JSON body, read as values.
// Every read answers the field's value, nothing when the field is absent, or
// an invalid error that names the field and the type it must have. Handlers
// read request JSON through these and nothing else, so a field of the wrong
// type is a 400 and never a json exception (a 500).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "cms/core/result.h"

namespace tandem::server {

// A JSON object body. An empty body is an empty object when `empty` is
// EmptyBody::allowed (the fields are all optional, and `curl -X POST` sends
// none). Errors: invalid (not JSON: with the line and column; not an object).
enum class EmptyBody { refused, allowed };
Result<nlohmann::json> json_body(const std::string& body, EmptyBody empty = EmptyBody::refused);

// true or false; null is not a boolean. Errors: invalid.
Result<std::optional<bool>> optional_bool(const nlohmann::json& body, std::string_view name);
// A string; null is not a string. Errors: invalid.
Result<std::optional<std::string>> optional_string(const nlohmann::json& body, std::string_view name);
// A string, or null for "none" (absent is none too). Errors: invalid.
Result<std::optional<std::string>> nullable_string(const nlohmann::json& body, std::string_view name);
// A whole number that fits an int: 5, not 5.0, "5" or 1e12. Errors: invalid.
Result<std::optional<int>> optional_int(const nlohmann::json& body, std::string_view name);

// The same for a field the request must have: absent is invalid too.
Result<std::string> required_string(const nlohmann::json& body, std::string_view name);
Result<int> required_int(const nlohmann::json& body, std::string_view name);

}  // namespace tandem::server

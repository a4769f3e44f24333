#pragma once
// Errors as values: every module boundary returns Result<T>, and callers switch
// on the code, never on the message.

#include <string>
#include <utility>

#include <tl/expected.hpp>

#include "cms/core/phrase.h"

namespace tandem {

// The closed set of things that can go wrong, each with one exit code and one
// HTTP status (see exit_code()).
enum class ErrorCode {
    invalid,    // the input is wrong: bad XML, bad PO, bad id, bad argument
    conflict,   // the caller's base revision is stale, or the thing already exists
    not_found,  // no such resource, revision or file
    forbidden,  // the caller may not do this
    corrupt,    // stored data does not make sense
    io,         // the file system or git failed
};

// Where an error is, when known: a file (or a label like "resource.xml"),
// 1-based line and column; 0 means unknown.
struct Position {
    std::string file;
    int line = 0;
    int column = 0;
};

struct Error {
    ErrorCode code = ErrorCode::io;
    std::string message;  // English
    Position where;
    Phrase phrase;        // the message (or its gist, without context the position gives) as a phrase, when it
                          // was written as one: the web app then says it in its language
};

template <class T>
using Result = tl::expected<T, Error>;

// A Result<void> that is simply "done".
using Status = Result<void>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message, Position where = {}) {
    return tl::unexpected<Error>(Error{code, std::move(message), std::move(where), {}});
}

inline tl::unexpected<Error> fail(ErrorCode code, Phrase message, Position where = {}) {
    std::string text = english(message);
    return tl::unexpected<Error>(Error{code, std::move(text), std::move(where), std::move(message)});
}

// "file:line:column: message", leaving out what is unknown.
std::string describe(const Error& error);

// The name of a code, stable for JSON output: "invalid", "conflict", ...
const char* code_name(ErrorCode code);

// The command line's exit status for an error: 2 invalid, 3 conflict,
// 4 not found, 5 forbidden, 6 anything else (0 is success, 1 usage).
int exit_code(ErrorCode code);

}  // namespace tandem

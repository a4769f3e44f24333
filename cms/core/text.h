#pragma once
// Small text and file helpers shared by every layer.

#include <filesystem>
#include <string>
#include <string_view>

#include "cms/core/result.h"

namespace tandem {

// The 1-based line and column of a byte offset in `text` (columns count
// characters, not bytes, so they match what an editor shows).
Position position_at(std::string_view text, std::size_t offset, std::string file = {});

// The byte offset of a 1-based line and column (as position_at counts them);
// past the end of a line or of the text, the end of it.
std::size_t offset_at(std::string_view text, int line, int column);

// ErrorCode::invalid with the position of the first byte that is not part of a
// well-formed UTF-8 sequence (overlong forms and surrogates included).
Status check_utf8(std::string_view text, std::string_view label);

// ASCII-only case-insensitive comparisons, for protocol tokens: URL schemes,
// header values ("chunked", "multipart/").
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b);
bool starts_with_ignoring_ascii_case(std::string_view text, std::string_view prefix);

// The text without a leading UTF-8 byte order mark, which some editors add:
// stored documents and catalogs never carry one.
std::string_view without_bom(std::string_view text);

// One code point read from UTF-8 text: its value and its length in bytes. A
// byte that starts no well-formed sequence (overlong forms, surrogates and
// values past U+10FFFF included) reads as U+FFFD of size 1, so a scan always
// moves on.
struct CodePoint {
    char32_t value = 0;
    std::size_t size = 1;
};
CodePoint decode_utf8(std::string_view text, std::size_t at);

// Appends the UTF-8 encoding of one code point (at most U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

// Text made safe for XML or HTML content and double-quoted attributes:
// & < > " become entity references, everything else is copied.
void append_escaped_markup(std::string& out, std::string_view text);

// Whole-file reads and writes. write_file_atomic writes a temporary file in the
// same folder, fsyncs it and renames it over `path`, so readers see the old or
// the new content, never a mix. Errors: not_found, io.
Result<std::string> read_file(const std::filesystem::path& path);
// Durable::no skips the fsync, for files that can be rebuilt (caches, indexes):
// the rename is still atomic.
enum class Durable { yes, no };
Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes, Durable durable = Durable::yes);

}  // namespace tandem

#pragma once
// Catalogs (PO files) in GNU gettext's own format, read and written through
// libgettextpo so that what Tandem writes is exactly what msgcat would write.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/result.h"
#include "cms/model/segment.h"

namespace tandem::po {

struct Message {
    std::optional<std::string> msgctxt;
    std::string msgid;
    std::optional<std::string> msgid_plural;
    std::string msgstr;                        // singular messages
    std::vector<std::string> msgstr_plural;    // plural messages: msgstr[0..n]
    std::vector<std::string> translator_comments;  // "# ..."
    std::vector<std::string> extracted_comments;   // "#. ..."
    std::vector<std::string> references;           // "#: file:line"
    std::vector<std::string> flags;                // "#, ..." other than fuzzy
    bool fuzzy = false;
    bool obsolete = false;                         // "#~"
    std::optional<std::string> previous_msgctxt;   // "#| msgctxt"
    std::optional<std::string> previous_msgid;     // "#| msgid"
    int line = 0;                                  // where it was read; 0 if made in memory

    bool translated() const;  // not fuzzy, not obsolete, every msgstr non-empty
};

struct Catalog {
    std::string header;              // the msgstr of the "" entry: "Key: value\n" lines
    std::vector<std::string> header_comments;
    bool header_fuzzy = false;
    std::vector<Message> messages;   // in file order, obsolete ones last
};

// Parses PO text. Errors: invalid, with the line (and column when gettext says).
// Charsets other than UTF-8 are converted to UTF-8.
Result<Catalog> read_catalog(std::string_view bytes, std::string_view label);

// Serializes exactly as msgcat does (wrapping, escaping, ordering of comments),
// so a written catalog is a fixed point of msgcat. Errors: io.
Result<std::string> write_catalog(const Catalog& catalog);

// A template (POT) catalog holding one untranslated message per segment.
Catalog make_template(std::span<const model::Segment> segments, std::string_view project);

// Brings `old` in line with the segments of a new source revision, as
// `msgmerge --previous` would: unchanged messages keep their translation and
// flags; changed ones (a close old msgid) become fuzzy with previous_msgid;
// new ones are untranslated; vanished ones become obsolete, never dropped.
// Comments and references come from the new segments. Pure: cannot fail.
Catalog update_catalog(const Catalog& old, std::span<const model::Segment> segments);

// Header fields ("Language", "Last-Translator", ...).
std::optional<std::string> header_field(const Catalog& catalog, std::string_view key);
void set_header_field(Catalog& catalog, std::string_view key, std::string_view value);

}  // namespace tandem::po

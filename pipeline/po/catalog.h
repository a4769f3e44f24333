#pragma once
// Catalogs (PO files) in GNU gettext's own format, read and written through
// libgettextpo so that what Tandem writes is exactly what msgcat would write.
// Every string in a Catalog is UTF-8: read_catalog converts other charsets.

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
    std::string msgstr;                            // singular messages
    std::vector<std::string> msgstr_plural;        // plural messages: msgstr[0..n]
    std::vector<std::string> translator_comments;  // "# ..."
    std::vector<std::string> extracted_comments;   // "#. ..."
    std::vector<std::string> references;           // "#: file:line", one per entry
    std::vector<std::string> flags;                // "#, ..." other than fuzzy: "no-wrap", "c-format", "range: 1..3"
    bool fuzzy = false;
    bool obsolete = false;                             // "#~"
    std::optional<std::string> previous_msgctxt;       // "#| msgctxt"
    std::optional<std::string> previous_msgid;         // "#| msgid"
    std::optional<std::string> previous_msgid_plural;  // "#| msgid_plural"
    int line = 0;  // where gettext places the message when it reads it (the line its own
                   // diagnostics cite: the msgstr keyword's); 0 if made in memory

    bool translated() const;  // not fuzzy, not obsolete, every msgstr non-empty
};

struct Catalog {
    bool has_header = true;  // false when the file has no header entry (msgid "")
    std::string header;      // the msgstr of the "" entry: "Key: value\n" lines
    std::vector<std::string> header_comments;
    bool header_fuzzy = false;
    std::vector<Message> messages;  // in file order (gettext writes obsolete ones last)
};

// Parses PO text. Errors: invalid, with the line (and column when gettext gives
// one) of the first problem gettext reports — syntax errors, duplicate messages,
// bytes that are not valid in the declared charset (UTF-8 is checked strictly),
// more than one domain, an unknown charset, non-ASCII text with no charset
// declared (gettext reads it as ASCII); io when the scratch file that
// libgettextpo reads from cannot be made. Charsets other than UTF-8 are
// converted to UTF-8 and the header then declares charset=UTF-8, as
// `msgcat --to-code=UTF-8` does. `label` names the input in errors (a path or
// "resources/x/fr.po"). Safe to call from several threads (see libgettextpo.h).
Result<Catalog> read_catalog(std::string_view bytes, std::string_view label);

// Serializes exactly as `msgcat --force-po` does (wrapping at 79 columns,
// escaping, order of comments, obsolete messages last, obsolete messages without
// a translation left out), so a written catalog is a fixed point of msgcat.
// Errors: invalid (a string that is not UTF-8, a flag that cannot be written,
// two messages with the same msgctxt and msgid, non-ASCII text without a header
// declaring charset=UTF-8), io.
Result<std::string> write_catalog(const Catalog& catalog);

// A template (POT) catalog holding one untranslated message per distinct
// segment (segments with the same msgctxt and msgid share one message, their
// references and comments merged as xgettext does; segments with an empty msgid
// are skipped). Its header declares `project` and charset=UTF-8. Cannot fail.
Catalog make_template(std::span<const model::Segment> segments, std::string_view project);

// Brings `old` in line with the segments of a new source revision, as
// `msgmerge --previous` would: a message whose msgctxt and msgid are unchanged
// keeps its translation, translator comments and fuzzy mark (an obsolete one is
// revived); a changed one takes the translation of the most similar old
// translated message (similarity > 0.6) and becomes fuzzy with previous_msgid;
// a new one is untranslated; old translations no segment used become
// obsolete, never dropped (untranslated ones vanish: gettext would not write
// them). Extracted comments, references and flags come from the segments. The
// header is old's, its fields put in msgmerge's order. Pure: no I/O, cannot fail.
Catalog update_catalog(const Catalog& old, std::span<const model::Segment> segments);

// Header fields ("Language", "Last-Translator", ...), with libgettextpo's
// po_header_field semantics: the key matches at a line start, case-sensitively.
std::optional<std::string> header_field(const Catalog& catalog, std::string_view key);
// Replaces the field's value, or appends "Key: value\n" when it is absent.
void set_header_field(Catalog& catalog, std::string_view key, std::string_view value);

}  // namespace tandem::po

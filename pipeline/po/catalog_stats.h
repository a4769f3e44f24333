#pragma once
// How far a catalog is translated: what `tandem status` and the translators'
// queue show. Counts segments (messages other than the header and obsolete ones)
// and the words of their source text (msgid).

#include <string_view>

#include "pipeline/po/catalog.h"

namespace tandem::po {

struct CatalogStats {
    int translated = 0;    // not fuzzy, every msgstr non-empty
    int fuzzy = 0;         // fuzzy with a translation to review
    int untranslated = 0;  // no translation (a fuzzy message without one counts here)
    int obsolete = 0;      // "#~" messages, not counted in the three above
    int translated_words = 0;
    int fuzzy_words = 0;
    int untranslated_words = 0;

    int segments() const { return translated + fuzzy + untranslated; }
    int words() const { return translated_words + fuzzy_words + untranslated_words; }
};

// Cannot fail.
CatalogStats measure_catalog(const Catalog& catalog);

// Words in a msgid: runs of non-space characters holding at least one letter or
// digit, once inline markup tags (<em>, </a>, <br/>) are set aside, so
// "Read <a href=\"x\">the report</a> now" is 4 words and " - " is none.
int count_words(std::string_view text);

}  // namespace tandem::po

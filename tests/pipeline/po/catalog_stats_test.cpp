#include "pipeline/po/catalog_stats.h"

#include <gtest/gtest.h>

namespace tandem::po {
namespace {

TEST(CountWords, CountsRunsHoldingALetterOrDigit) {
    EXPECT_EQ(count_words(""), 0);
    EXPECT_EQ(count_words("Temporary Resident Permits"), 3);
    EXPECT_EQ(count_words("  spaced\tout\nwords  "), 3);
    EXPECT_EQ(count_words("Canada - 2024 !"), 2);
    EXPECT_EQ(count_words("l'exploitation, c'est"), 2);
}

TEST(CountWords, SetsInlineMarkupAside) {
    EXPECT_EQ(count_words("Read <a href=\"https://ccrweb.ca/en/x\">the report</a> now"), 4);
    EXPECT_EQ(count_words("<em>Important</em>: <strong>read</strong>"), 2);
    EXPECT_EQ(count_words("line<br/>break"), 1);
    EXPECT_EQ(count_words("3 < 4 and 5 > 2"), 5);  // not tags
}

TEST(CountWords, NonBreakingSpacesSeparateWords) {
    EXPECT_EQ(count_words("Bonjour\xC2\xA0:"), 1);  // U+00A0 before the colon
    EXPECT_EQ(count_words("10\xE2\x80\xAF"
                          "000 euros"),
              3);  // U+202F as a thousands separator
    EXPECT_EQ(count_words("Qu\xC3\xA9"
                          "bec"),
              1);
}

TEST(MeasureCatalog, CountsSegmentsAndWordsByState) {
    Catalog c;
    Message done;
    done.msgid = "Translated message here";
    done.msgstr = "Message traduit";
    Message review = done;
    review.msgid = "A fuzzy one";
    review.fuzzy = true;
    Message empty_fuzzy;
    empty_fuzzy.msgid = "Fuzzy without translation";
    empty_fuzzy.fuzzy = true;
    Message todo;
    todo.msgid = "Still to do";
    Message plural;
    plural.msgid = "%d file";
    plural.msgid_plural = "%d files";
    plural.msgstr_plural = {"%d fichier", ""};
    Message old = done;
    old.obsolete = true;
    c.messages = {done, review, empty_fuzzy, todo, plural, old};

    const CatalogStats stats = measure_catalog(c);
    EXPECT_EQ(stats.translated, 1);
    EXPECT_EQ(stats.fuzzy, 1);
    EXPECT_EQ(stats.untranslated, 3);  // the empty fuzzy one, todo, the half-done plural
    EXPECT_EQ(stats.obsolete, 1);
    EXPECT_EQ(stats.segments(), 5);
    EXPECT_EQ(stats.translated_words, 3);
    EXPECT_EQ(stats.fuzzy_words, 3);
    EXPECT_EQ(stats.untranslated_words, 3 + 3 + 2);
    EXPECT_EQ(stats.words(), 14);
}

TEST(MeasureCatalog, AnEmptyCatalogHasNothing) {
    const CatalogStats stats = measure_catalog(Catalog{});
    EXPECT_EQ(stats.segments(), 0);
    EXPECT_EQ(stats.words(), 0);
}

}  // namespace
}  // namespace tandem::po

#include <gtest/gtest.h>

#include "cms/core/phrase.h"
#include "cms/core/result.h"

namespace tandem {
namespace {

TEST(Phrase, EnglishFillsEverySlotItHasAValueFor) {
    const Phrase p = phrase("the source's number {number} is not in {where}", {{"number", "1,000"}, {"where", "the translation"}});
    EXPECT_EQ(p.pattern, "the source's number {number} is not in {where}");
    EXPECT_EQ(english(p), "the source's number 1,000 is not in the translation");
    // A value is inserted as it is: a brace in it is not a slot.
    EXPECT_EQ(english(phrase("{a} and {b}", {{"a", "{b}"}, {"b", "x"}})), "{b} and x");
}

TEST(Phrase, WhatIsNotAWordSlotStaysText) {
    EXPECT_EQ(english(phrase("{missing} {} { x} {x-y} {x", {{"x", "1"}})), "{missing} {} { x} {x-y} {x");
    EXPECT_EQ(english(phrase("{{x}}", {{"x", "1"}})), "{1}");
    EXPECT_EQ(english(phrase("écrivez « {name} » : {name}", {{"name", "&amp;"}})), "écrivez « &amp; » : &amp;");
}

TEST(Phrase, ACountedPhraseTakesTheEnglishFormOfItsCount) {
    const auto said = [](long n) {
        return english(counted("{count} segment untranslated into {lang}", "{count} segments untranslated into {lang}", n,
                               {{"lang", "fr"}}));
    };
    EXPECT_EQ(said(1), "1 segment untranslated into fr");
    EXPECT_EQ(said(0), "0 segments untranslated into fr");
    EXPECT_EQ(said(2), "2 segments untranslated into fr");
    const Phrase p = counted("{count} page", "{count} pages", 3);
    EXPECT_EQ(p.plural, "{count} pages");
    EXPECT_EQ(p.count, 3);
}

TEST(Phrase, AnErrorMadeOfAPhraseHasItsEnglishAsItsMessage) {
    const auto e = fail(ErrorCode::invalid, phrase("undefined entity &{name};", {{"name", "nbsp"}}), Position{"a.xml", 2, 5});
    EXPECT_EQ(e.value().message, "undefined entity &nbsp;");
    EXPECT_EQ(e.value().phrase.pattern, "undefined entity &{name};");
    EXPECT_EQ(describe(e.value()), "a.xml:2:5: undefined entity &nbsp;");
    EXPECT_TRUE(fail(ErrorCode::invalid, "plain").value().phrase.pattern.empty());
}

}  // namespace
}  // namespace tandem

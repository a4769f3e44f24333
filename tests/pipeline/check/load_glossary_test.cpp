#include <gtest/gtest.h>

#include "pipeline/check/check.h"
#include "tests/pipeline/check/glossary_support.h"

namespace tandem::check {
namespace {

po::Catalog catalog_of(const char* text) {
    Result<po::Catalog> catalog = po::read_catalog(text, "glossary.po");
    EXPECT_TRUE(catalog) << (catalog ? "" : describe(catalog.error()));
    return catalog ? std::move(*catalog) : po::Catalog{};
}

const GlossaryTerm* find_term(const Glossary& glossary, std::string_view source) {
    for (const GlossaryTerm& t : glossary.terms)
        if (t.source == source) return &t;
    return nullptr;
}

TEST(LoadGlossary, SplitsAlternativesAndKeepsNotes) {
    const Glossary g = load_glossary(catalog_of(
        "msgid \"\"\n"
        "msgstr \"Content-Type: text/plain; charset=UTF-8\\nLanguage: fr_CA\\n\"\n"
        "\n"
        "#. Never « personnes trafiquées ».\n"
        "msgid \"trafficked persons\"\n"
        "msgstr \"personnes victimes de la traite\"\n"
        "\n"
        "msgid \"pamphlet\"\n"
        "msgstr \"dépliant | brochure\"\n"));
    EXPECT_EQ(g.target_lang, Lang::fr);
    ASSERT_EQ(g.terms.size(), 2u);
    const GlossaryTerm* persons = find_term(g, "trafficked persons");
    ASSERT_TRUE(persons);
    EXPECT_EQ(persons->targets, std::vector<std::string>{"personnes victimes de la traite"});
    EXPECT_EQ(persons->notes, std::vector<std::string>{"Never « personnes trafiquées »."});
    const GlossaryTerm* pamphlet = find_term(g, "pamphlet");
    ASSERT_TRUE(pamphlet);
    EXPECT_EQ(pamphlet->targets, (std::vector<std::string>{"dépliant", "brochure"}));
}

TEST(LoadGlossary, LeavesOutFuzzyUntranslatedAndObsoleteTerms) {
    const Glossary g = load_glossary(catalog_of(
        "msgid \"\"\n"
        "msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        "\n"
        "#, fuzzy\n"
        "msgid \"booklet\"\n"
        "msgstr \"brochure\"\n"
        "\n"
        "msgid \"outreach\"\n"
        "msgstr \"\"\n"
        "\n"
        "msgid \"NGO\"\n"
        "msgstr \"ONG\"\n"
        "\n"
        "#~ msgid \"pamphlet\"\n"
        "#~ msgstr \"dépliant\"\n"));
    EXPECT_FALSE(g.target_lang);  // no Language header: the glossary applies to any pair
    ASSERT_EQ(g.terms.size(), 1u);
    EXPECT_EQ(g.terms[0].source, "NGO");
}

TEST(LoadGlossary, ReadsTheContentRepositorysGlossaries) {
    const Glossary& fr = testing::seed_glossary(Lang::fr);
    const Glossary& en = testing::seed_glossary(Lang::en);
    EXPECT_EQ(fr.target_lang, Lang::fr);
    EXPECT_EQ(en.target_lang, Lang::en);
    EXPECT_GE(fr.terms.size(), 30u);
    EXPECT_GE(en.terms.size(), 30u);
    const GlossaryTerm* trp = find_term(fr, "temporary resident permit");
    ASSERT_TRUE(trp);
    EXPECT_EQ(trp->targets, std::vector<std::string>{"permis de séjour temporaire"});
    EXPECT_FALSE(trp->notes.empty());
}

TEST(MakeGlossary, DropsBlankTermsAndRenderings) {
    const Glossary g = make_glossary({{"  ", {"x"}, {}}, {"booklet", {" ", "livret"}, {}}, {"NGO", {}, {}}});
    ASSERT_EQ(g.terms.size(), 1u);
    EXPECT_EQ(g.terms[0].targets, std::vector<std::string>{"livret"});
}

}  // namespace
}  // namespace tandem::check

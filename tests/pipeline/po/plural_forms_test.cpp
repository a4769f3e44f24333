// parse_plural_forms: gettext's Plural-Forms grammar and C semantics (the
// rules of real languages, precedence, unsigned arithmetic), and the formulas
// it must refuse with a message that says what is wrong.

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "pipeline/po/mo.h"

namespace tandem::po {
namespace {

// The forms of counts 0..n-1 under `field`.
std::vector<std::size_t> forms_of(std::string_view field, std::uint64_t counts) {
    auto forms = parse_plural_forms(field);
    EXPECT_TRUE(forms) << field << ": " << describe(forms.error());
    std::vector<std::size_t> out;
    if (!forms) return out;
    for (std::uint64_t n = 0; n < counts; ++n) out.push_back(forms->form(n));
    return out;
}

using Forms = std::vector<std::size_t>;

TEST(PluralForms, DefaultIsTheEnglishRule) {
    const PluralForms english;
    EXPECT_EQ(english.nplurals(), 2u);
    EXPECT_EQ(english.plural(), "n != 1");
    EXPECT_EQ(english.form(0), 1u);
    EXPECT_EQ(english.form(1), 0u);
    EXPECT_EQ(english.form(2), 1u);
}

TEST(PluralForms, RulesOfRealLanguages) {
    // From gettext's manual (Plural forms), as catalogs write them.
    EXPECT_EQ(forms_of("nplurals=2; plural=(n > 1);", 4), (Forms{0, 0, 1, 1}));                  // French
    EXPECT_EQ(forms_of("nplurals=2; plural=n != 1;", 4), (Forms{1, 0, 1, 1}));                    // English
    EXPECT_EQ(forms_of("nplurals=1; plural=0;", 3), (Forms{0, 0, 0}));                             // Japanese
    EXPECT_EQ(forms_of(" nplurals=2 ;plural=n>1 ", 3), (Forms{0, 0, 1}));                          // spacing, no final ';'
    const std::string polish = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";
    EXPECT_EQ(forms_of(polish, 26),
              (Forms{2, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2}));
    const std::string russian =
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";
    auto ru = parse_plural_forms(russian);
    ASSERT_TRUE(ru);
    EXPECT_EQ(ru->form(1), 0u);
    EXPECT_EQ(ru->form(11), 2u);
    EXPECT_EQ(ru->form(21), 0u);
    EXPECT_EQ(ru->form(111), 2u);
    EXPECT_EQ(ru->form(3), 1u);
    EXPECT_EQ(ru->form(13), 2u);
    const std::string arabic =
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;";
    auto ar = parse_plural_forms(arabic);
    ASSERT_TRUE(ar);
    EXPECT_EQ(ar->nplurals(), 6u);
    for (auto [n, form] : std::vector<std::pair<std::uint64_t, std::size_t>>{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {10, 3}, {11, 4},
                                                                           {99, 4}, {100, 5}, {102, 5}, {103, 3}, {111, 4}})
        EXPECT_EQ(ar->form(n), form) << "n = " << n;
    EXPECT_EQ(ar->plural(), "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5");
}

TEST(PluralForms, PrecedenceAndAssociativityAreCs) {
    auto value = [](std::string_view formula) {
        auto forms = parse_plural_forms("nplurals=100; plural=" + std::string(formula));
        EXPECT_TRUE(forms) << formula << ": " << describe(forms.error());
        return forms ? forms->form(7) : 999;
    };
    EXPECT_EQ(value("1 + 2 * 3"), 7u);
    EXPECT_EQ(value("(1 + 2) * 3"), 9u);
    EXPECT_EQ(value("20 - 5 - 3"), 12u);   // left to right
    EXPECT_EQ(value("64 / 4 / 2"), 8u);
    EXPECT_EQ(value("n % 4 * 3"), 9u);     // (7 % 4) * 3
    EXPECT_EQ(value("n / 2 % 10"), 3u);    // integer division
    EXPECT_EQ(value("!n"), 0u);
    EXPECT_EQ(value("!!n"), 1u);
    EXPECT_EQ(value("!0 + 1"), 2u);        // ! binds tighter than +
    EXPECT_EQ(value("1 < 2 == 1"), 1u);    // relational before equality
    EXPECT_EQ(value("n > 5 && n < 10"), 1u);
    EXPECT_EQ(value("0 && 1 || 1"), 1u);   // && before ||
    EXPECT_EQ(value("1 || 0 && 0"), 1u);
    EXPECT_EQ(value("n<=7"), 1u);
    EXPECT_EQ(value("n>=8"), 0u);
    EXPECT_EQ(value("n != 7 ? 1 : 2"), 2u);
    EXPECT_EQ(value("0 ? 1 : 0 ? 2 : 3"), 3u);  // ?: groups to the right
    EXPECT_EQ(value("1 ? 0 ? 4 : 5 : 6"), 5u);  // a ?: in the middle
    EXPECT_EQ(value("0 || 0 ? 10 : 20"), 20u);  // ?: is lowest
    EXPECT_EQ(value("n/0 + n%0"), 0u);          // no crash: 0
    EXPECT_EQ(value("((((n % 10))))"), 7u);
}

TEST(PluralForms, ArithmeticIsUnsignedAndWraps) {
    // 0 - 1 is the largest unsigned value, so n - 1 > 5 holds for n = 0.
    auto forms = parse_plural_forms("nplurals=2; plural=n - 1 > 5;");
    ASSERT_TRUE(forms);
    EXPECT_EQ(forms->form(0), 1u);
    EXPECT_EQ(forms->form(1), 0u);
    EXPECT_EQ(forms->form(7), 1u);
    EXPECT_EQ(forms->form(std::numeric_limits<std::uint64_t>::max()), 1u);
}

TEST(PluralForms, MalformedValuesAreRefusedWithTheReason) {
    struct Row {
        const char* field;
        const char* reason;
    };
    const std::string deep = "nplurals=2; plural=" + std::string(200, '(') + "n" + std::string(200, ')') + ";";
    std::string long_chain = "nplurals=2; plural=n";
    for (int i = 0; i < 600; ++i) long_chain += "+n";
    long_chain += " > 1;";
    for (const Row& row : {
             Row{"nplurals=2; plural=(n > 1;", "expected \")\""},
             Row{"nplurals=2; plural=n >;", "but the formula ends"},
             Row{"nplurals=2; plural=n > > 1;", "unexpected \">\""},
             Row{"nplurals=2; plural=x != 1;", "unexpected \"x\""},
             Row{"nplurals=2; plural=n | 1;", "unexpected \"|\""},
             Row{"nplurals=2; plural=n = 1;", "unexpected \"=\""},
             Row{"nplurals=2; plural=n ? 1;", "expected \":\""},
             Row{"nplurals=2; plural=n 1;", "unexpected \"1\""},
             Row{"nplurals=2; plural=;", "but the formula ends"},
             Row{"nplurals=2; plural=99999999999999999999999;", "number too large"},
             Row{"plural=n != 1;", "no nplurals="},
             Row{"nplurals=2;", "no plural="},
             Row{"", "no nplurals="},
             Row{"nplurals=0; plural=0;", "at least 1"},
             Row{"nplurals=two; plural=n != 1;", "nplurals must be a number"},
             Row{"nplurals=2 plural=n != 1;", "nplurals must be a number"},
             Row{"nplurals=2; plurals=n != 1;", "unknown field \"plurals\""},
             Row{"nplurals=2; plural=n != 1; n", "expected name=value"},
             Row{"nplurals=2; plural=n;", "gives form 2 for n = 2"},
             Row{"nplurals=3; plural=n == 1 ? 0 : 3;", "gives form 3 for n = 0"},
             Row{deep.c_str(), "nests too deeply"},
             Row{long_chain.c_str(), "too long"},
         }) {
        SCOPED_TRACE(row.field);
        auto forms = parse_plural_forms(row.field);
        ASSERT_FALSE(forms);
        EXPECT_EQ(forms.error().code, ErrorCode::invalid);
        EXPECT_NE(forms.error().message.find(row.reason), std::string::npos) << forms.error().message;
        EXPECT_EQ(forms.error().message.rfind("Plural-Forms \"", 0), 0u) << forms.error().message;
    }
}

TEST(PluralForms, SyntaxErrorsNameTheirColumn) {
    auto forms = parse_plural_forms("nplurals=2; plural=(n > >);");
    ASSERT_FALSE(forms);
    EXPECT_NE(forms.error().message.find("at column 6 of the plural= formula"), std::string::npos) << forms.error().message;
}

}  // namespace
}  // namespace tandem::po

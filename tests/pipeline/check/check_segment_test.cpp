#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/check/check.h"
#include "pipeline/its/its.h"
#include "tests/pipeline/check/glossary_support.h"

namespace tandem::check {
namespace {

using testing::seed_glossary;

#define NBSP "\u00A0"
#define NNBSP "\u202F"

// One pair and what one check says of it.
struct Row {
    const char* name;
    std::string_view code;
    const char* source;
    const char* translation;
    bool expected;                            // whether an issue with `code` is reported
    std::optional<std::size_t> offset = {};   // the first such issue's offset, when it matters
    Lang source_lang = Lang::en;
    Lang target_lang = Lang::fr;
};

std::vector<Issue> with_code(const std::vector<Issue>& issues, std::string_view code) {
    std::vector<Issue> out;
    std::copy_if(issues.begin(), issues.end(), std::back_inserter(out),
                 [&](const Issue& i) { return i.code == code; });
    return out;
}

std::string dump(const std::vector<Issue>& issues) {
    std::string out;
    for (const Issue& i : issues)
        out += "  " + i.code + " (" + severity_name(i.severity) + ") @" +
               (i.offset ? std::to_string(*i.offset) : std::string("-")) + ": " + i.message + "\n";
    return out;
}

void run(const std::vector<Row>& rows, const CheckOptions& options = {}) {
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        const std::vector<Issue> issues =
            check_segment({row.source, row.translation, row.source_lang, row.target_lang}, options);
        const std::vector<Issue> found = with_code(issues, row.code);
        EXPECT_EQ(!found.empty(), row.expected) << "all issues:\n" << dump(issues);
        const auto placed = std::find_if(found.begin(), found.end(), [](const Issue& i) { return i.offset; });
        if (row.offset && placed == found.end()) ADD_FAILURE() << "no issue with an offset:\n" << dump(issues);
        if (row.offset && placed != found.end()) {
            EXPECT_EQ(placed->offset, row.offset) << dump(found);
        }
    }
}

TEST(CheckSegment, MarkupMismatchComparesElementsAndTheirAttributes) {
    run({
        {"the same markup", k_markup_mismatch,
         "Temporary resident permits (<abbr>TRPs</abbr>) remain the main avenue.",
         "Les permis de séjour temporaire (<abbr>PST</abbr>) demeurent la principale voie.", false},
        {"an abbreviation dropped", k_markup_mismatch,
         "Temporary resident permits (<abbr>TRPs</abbr>) remain the main avenue.",
         "Les permis de séjour temporaire (PST) demeurent la principale voie.", true},
        {"an element added", k_markup_mismatch, "Measures must not penalize trafficked persons.",
         "Les mesures ne doivent pas <strong>pénaliser</strong> les personnes victimes de la traite.", true, 27},
        {"an element renamed", k_markup_mismatch,
         "The <em>Immigration and Refugee Protection Act</em> applies.",
         "La <i>Loi sur l'immigration et la protection des réfugiés</i> s'applique.", true},
        {"a placeholder renamed", k_markup_mismatch, "The <_:span-1/> has identified these principles.",
         "Le <_:span-2/> a défini ces principes.", true},
        {"a placeholder dropped", k_markup_mismatch, "Read <_:span-1/> report here",
         "Lire le rapport ici", true},
        {"text put inside a placeholder", k_markup_mismatch, "Read <_:span-1/> report here",
         "Lire le rapport du <_:span-1>CCR</_:span-1> ici", true},
        {"an attribute changed", k_markup_mismatch,
         "<abbr title=\"temporary resident permits\">TRPs</abbr> remain the main avenue.",
         "Les <abbr title=\"permis de séjour temporaire\">PST</abbr> demeurent la principale voie.", true},
        {"an attribute repeated", k_markup_mismatch, "<a href=\"../take-action/\">Take action</a>",
         "<a href=\"../take-action/\" href=\"../x/\">Passez à l'action</a>", true},
        {"a link's href changed, to a French page", k_markup_mismatch,
         "<a href=\"../take-action/\">Take action</a>, 2 pages.",
         "<a href=\"https://ccrweb.ca/fr/passez-a-laction\">Passez à l'action</a>, 2 pages.", false},
        {"siblings reordered", k_markup_mismatch,
         "The <em>Immigration and Refugee Protection Act</em> (<abbr>IRPA</abbr>) would change.",
         "La <abbr>LIPR</abbr> (<em>Loi sur l'immigration et la protection des réfugiés</em>) changerait.", false},
        {"placeholders reordered", k_markup_mismatch, "<_:span-1/> and <_:span-2/>", "<_:span-2/> et <_:span-1/>",
         false},
        {"a tag left open", k_markup_mismatch, "<a href=\"../trp-limits-to-protection/\">Read the report here</a>",
         "<a href=\"../trp-limits-to-protection/\">Lire le rapport ici", true},
        {"tags crossed", k_markup_mismatch, "<strong>Non-punitive:</strong> <em>Measures</em>",
         "<strong>Approche non punitive" NBSP ":<em></strong> Mesures</em>", true, 38},  // at the name in </strong>
        {"a bare ampersand", k_markup_mismatch, "Awareness-Raising and Policy", "Sensibilisation & politiques",
         true, 16},
        {"an HTML entity XML does not define", k_markup_mismatch, "Resource: Permits",
         "Ressource&nbsp;: Permis", true, 9},
        {"an ampersand in an attribute", k_markup_mismatch, "<a href=\"../take-action/\">Take action</a>",
         "<a href=\"../passez?a=1&b=2\">Passez à l'action</a>", true, 22},
        {"escaped characters", k_markup_mismatch, "Awareness-Raising &amp; Policy", "Sensibilisation &amp; politiques",
         false},
    });
}

TEST(CheckSegment, MarkupMismatchBlocksApprovalAndWarningsDoNot) {
    const std::vector<Issue> issues = check_segment(
        {"Temporary resident permits (<abbr>TRPs</abbr>) remain the main avenue.",
         "Les permis de séjour temporaire (PST) demeurent la principale voie", Lang::en, Lang::fr},
        {});
    ASSERT_EQ(issues.size(), 2u) << dump(issues);
    EXPECT_EQ(issues[0].code, k_markup_mismatch);
    EXPECT_EQ(issues[0].message, "the source's <abbr> is missing");
    EXPECT_TRUE(blocks_approval(issues[0]));
    EXPECT_EQ(issues[1].code, k_end_punctuation);
    EXPECT_FALSE(blocks_approval(issues[1]));
}

TEST(CheckSegment, UnsafeMarkupCatchesScriptsEventsAndObfuscatedSchemes) {
    const char* source = "<a href=\"../take-action/\">Take action</a>";
    const auto row = [&](const char* name, const char* translation, bool expected) {
        return Row{name, k_unsafe_markup, source, translation, expected};
    };
    run({
        row("a relative link", "<a href=\"../take-action/\">Passez à l'action</a>", false),
        row("a French page", "<a href=\"https://ccrweb.ca/fr/passez-a-laction\">Passez à l'action</a>", false),
        row("a mailto link", "<a href=\"mailto:info@ccrweb.ca\">Passez à l'action</a>", false),
        row("a folder named data", "<a href=\"../data/form.pdf\">Passez à l'action</a>", false),
        row("the word JavaScript: in the text", "<a href=\"../take-action/\">JavaScript: passez à l'action</a>",
            false),
        row("javascript:", "<a href=\"javascript:alert(1)\">Passez à l'action</a>", true),
        row("mixed case", "<a href=\"JaVaScRiPt:alert(1)\">Passez à l'action</a>", true),
        row("a leading space", "<a href=\" javascript:alert(1)\">Passez à l'action</a>", true),
        row("a hex character reference", "<a href=\"jav&#x61;script:alert(1)\">Passez à l'action</a>", true),
        row("a decimal character reference", "<a href=\"&#106;avascript:alert(1)\">Passez à l'action</a>", true),
        row("a tab", "<a href=\"java\tscript:alert(1)\">Passez à l'action</a>", true),
        row("an encoded tab", "<a href=\"java&#x09;script:alert(1)\">Passez à l'action</a>", true),
        row("a newline", "<a href=\"java&#10;script:alert(1)\">Passez à l'action</a>", true),
        row("encoded twice", "<a href=\"jav&amp;#x61;script:alert(1)\">Passez à l'action</a>", true),
        row("an HTML named colon", "<a href=\"javascript&amp;colon;alert(1)\">Passez à l'action</a>", true),
        row("vbscript:", "<a href=\"vbscript:msgbox(1)\">Passez à l'action</a>", true),
        row("a data: URL", "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">Passez à l'action</a>", true),
        row("an event attribute", "<a href=\"../take-action/\" onclick=\"steal()\">Passez à l'action</a>", true),
        row("an event attribute in capitals", "<a href=\"../take-action/\" ONMOUSEOVER=\"x()\">Passez</a>", true),
        row("a script element", "<a href=\"../take-action/\">Passez à l'action</a><script>steal()</script>", true),
        row("a style element", "<style>body{display:none}</style><a href=\"../take-action/\">Passez</a>", true),
        row("an iframe", "<a href=\"../take-action/\">Passez</a><iframe src=\"https://evil.example/\"/>", true),
        row("an object", "<a href=\"../take-action/\">Passez</a><object data=\"x.swf\"></object>", true),
        row("a script source", "<a href=\"../take-action/\">Passez</a><img src=\"javascript:x()\"/>", true),
        row("a script in markup that does not parse", "<a href=\"../take-action/\">Passez<script>x()</a>", true),
    });
}

TEST(CheckSegment, UnsafeMarkupIsAnErrorAtTheElement) {
    const std::string_view translation = "<a href=\"../take-action/\">Passez à l'action</a><script>x()</script>";
    const std::vector<Issue> issues =
        check_segment({"<a href=\"../take-action/\">Take action</a>", translation, Lang::en, Lang::fr}, {});
    const std::vector<Issue> unsafe = with_code(issues, k_unsafe_markup);
    ASSERT_EQ(unsafe.size(), 1u) << dump(issues);
    EXPECT_TRUE(blocks_approval(unsafe[0]));
    EXPECT_EQ(unsafe[0].offset, translation.find("<script>"));
}

TEST(CheckSegment, UrlChangedWhenTheSourcesUrlIsMissing) {
    run({
        {"the same URL, before a full stop", k_url_changed, "Visit www.ccrweb.ca.", "Visitez www.ccrweb.ca.", false},
        {"the same e-mail address", k_url_changed, "Write to info@ccrweb.ca for copies.",
         "Écrivez à info@ccrweb.ca pour obtenir des exemplaires.", false},
        {"a URL in parentheses", k_url_changed, "The report (https://ccrweb.ca/en/trp-report) is online.",
         "Le rapport (https://ccrweb.ca/en/trp-report) est en ligne.", false},
        {"a URL pointed to the French site", k_url_changed, "Read more at https://ccrweb.ca/en/trafficking.",
         "Pour en savoir plus : https://ccrweb.ca/fr/traite.", true},
        {"an e-mail address dropped", k_url_changed, "Write to info@ccrweb.ca for copies.",
         "Écrivez-nous pour obtenir des exemplaires.", true},
        {"a link's href is not text", k_url_changed, "<a href=\"https://ccrweb.ca/en/\">Read the report</a>",
         "<a href=\"https://ccrweb.ca/fr/\">Lire le rapport</a>", false},
    });
}

TEST(CheckSegment, LinkTargetChangedWhenALinkLeavesForAnotherSite) {
    run({
        {"the French page of the same site", k_link_target_changed, "<a href=\"https://ccrweb.ca/en/\">Read the report</a>",
         "<a href=\"https://ccrweb.ca/fr/\">Lire le rapport</a>", false},
        {"another host", k_link_target_changed, "<a href=\"https://ccrweb.ca/en/\">Read the report</a>",
         "<a href=\"https://evil.example/\">Lire le rapport</a>", true},
        {"a host hidden behind user info", k_link_target_changed, "<a href=\"https://ccrweb.ca/en/\">Read</a>",
         "<a href=\"https://ccrweb.ca@evil.example/\">Lire</a>", true},
        {"the host in capitals", k_link_target_changed, "<a href=\"https://ccrweb.ca/en/\">Read</a>",
         "<a href=\"HTTPS://CCRWEB.CA/fr/\">Lire</a>", false},
        {"another mail address", k_link_target_changed, "<a href=\"mailto:info@ccrweb.ca\">Write</a>",
         "<a href=\"mailto:someone@evil.example\">Écrire</a>", true},
        {"a link within the site", k_link_target_changed, "<a href=\"../take-action/\">Act</a>",
         "<a href=\"../agir/\">Agir</a>", false},
        {"a relative link made absolute elsewhere", k_link_target_changed, "<a href=\"../take-action/\">Act</a>",
         "<a href=\"https://evil.example/\">Agir</a>", true},
    });
    const auto issues = check_segment({"See <a href=\"https://ccrweb.ca/\">this</a>.", "Voir <a href=\"https://evil.example/\">ceci</a>.",
                                       Lang::en, Lang::fr}, {});
    const auto it = std::find_if(issues.begin(), issues.end(), [](const Issue& i) { return i.code == k_link_target_changed; });
    ASSERT_NE(it, issues.end());
    EXPECT_EQ(it->severity, Severity::warning);
    EXPECT_EQ(it->offset, std::optional<std::size_t>(5)) << "at the <a> of the translation";
    EXPECT_NE(it->message.find("evil.example"), std::string::npos) << it->message;
    EXPECT_NE(it->message.find("ccrweb.ca"), std::string::npos) << it->message;
}

TEST(CheckSegment, NumberChangedAcceptsEachLanguagesFormat) {
    run({
        {"the same number", k_number_changed, "<a href=\"../take-action/\">Take action</a>, 2 pages.",
         "<a href=\"../take-action/\">Passez à l'action</a>, 2 pages.", false},
        {"a number moved", k_number_changed, "4-page booklet.", "Livret de 4 pages.", false},
        {"thousands with a space", k_number_changed, "More than 1,000 trafficked persons.",
         "Plus de 1 000 personnes victimes de la traite.", false},
        {"thousands with NBSP", k_number_changed, "More than 1,000 trafficked persons.",
         "Plus de 1" NBSP "000 personnes victimes de la traite.", false},
        {"thousands with a narrow NBSP", k_number_changed, "More than 12,500 trafficked persons.",
         "Plus de 12" NNBSP "500 personnes victimes de la traite.", false},
        {"a decimal comma", k_number_changed, "A 2.5 million dollar fund.", "Un fonds de 2,5 millions de dollars.",
         false},
        {"a time in French style", k_number_changed, "The meeting starts at 10:30.",
         "La réunion commence à 10 h 30.", false},
        {"digits in an href and a placeholder", k_number_changed,
         "<a href=\"../report-2/\">Read <_:span-1/> report here</a>",
         "<a href=\"../rapport-3/\">Lire le rapport du <_:span-1/> ici</a>", false},
        {"digits in a URL", k_number_changed, "See www.ccrweb.ca/en/2010.", "Voir www.ccrweb.ca/en/2010.", false},
        {"a number changed", k_number_changed, "<a href=\"../take-action/\">Take action</a>, 2 pages.",
         "<a href=\"../take-action/\">Passez à l'action</a>, 3 pages.", true, 50},
        {"a number dropped", k_number_changed, "A 4-page booklet.", "Un livret.", true},
        {"a number added", k_number_changed, "A booklet.", "Un livret de 4 pages.", true, 13},
        {"an English thousands comma left in French", k_number_changed, "More than 1,000 trafficked persons.",
         "Plus de 1,000 personnes victimes de la traite.", true},
        {"a decimal comma in English", k_number_changed, "Un fonds de 2,5 millions de dollars.",
         "A 2.5 million dollar fund.", false, {}, Lang::fr, Lang::en},
    });
}

TEST(CheckSegment, WhitespaceAtTheEndsMustMatch) {
    run({
        {"none at either end", k_whitespace_leading, "Take action", "Passez à l'action", false},
        {"a leading space kept", k_whitespace_leading, " Take action", " Passez à l'action", false},
        {"a leading space dropped", k_whitespace_leading, " Take action", "Passez à l'action", true, 0},
        {"a leading line break added", k_whitespace_leading, "Take action", "\nPassez à l'action", true, 0},
        {"a trailing space kept as NBSP", k_whitespace_trailing, "Take action ", "Passez à l'action" NBSP, false},
        {"a trailing space dropped", k_whitespace_trailing, "Take action ", "Passez à l'action", true, 18},
        {"a trailing space added", k_whitespace_trailing, "Take action", "Passez à l'action  ", true, 18},
    });
}

TEST(CheckSegment, EndPunctuationIgnoresFrenchSpacesAndClosers) {
    run({
        {"a colon after a French space", k_end_punctuation,
         "The <_:span-1/> supports <abbr>NGOs</abbr> across Canada in their work on trafficking by:",
         "Pour appuyer les <abbr>ONG</abbr> de partout au Canada dans leur travail sur la traite, le <_:span-1/> :",
         false},
        {"a semicolon", k_end_punctuation, "Developing tools needed by organizations;",
         "élabore les outils dont les organismes ont besoin;", false},
        {"a full stop inside a link", k_end_punctuation,
         "<a href=\"../take-action/\">Call on Parliamentarians to turn this proposal into law.</a>",
         "<a href=\"../take-action/\">Demandez aux parlementaires de faire de cette proposition une loi.</a>", false},
        {"after a bracket", k_end_punctuation, "<a href=\"../order-form/\">Order form for resources</a> (pdf).",
         "<a href=\"../order-form/\">Bon de commande de ressources</a> (pdf).", false},
        {"inside quotes", k_end_punctuation, "They said “stop.”", "Ils ont dit « arrêtez. »", false},
        {"three dots for an ellipsis", k_end_punctuation, "And more...", "Et plus encore…", false},
        {"none in either", k_end_punctuation, "Useful resources", "Ressources utiles", false},
        {"a full stop dropped", k_end_punctuation, "<a href=\"../order-form/\">Order form for resources</a> (pdf).",
         "<a href=\"../order-form/\">Bon de commande de ressources</a> (pdf)", true, 63},
        {"a full stop dropped inside a link", k_end_punctuation,
         "<a href=\"../take-action/\">Call on Parliamentarians to turn this proposal into law.</a>",
         "<a href=\"../take-action/\">Demandez aux parlementaires d'en faire une loi</a>", true},
        {"a question made a statement", k_end_punctuation, "Why protect trafficked persons?",
         "Pourquoi protéger les personnes victimes de la traite.", true},
        {"a full stop added to a heading", k_end_punctuation, "Guiding Principles", "Principes directeurs.", true},
    });
}

TEST(CheckSegment, UntranslatedLookingNeedsTwoWordsOfText) {
    run({
        {"a sentence left in English", k_untranslated_looking, "Order form for resources",
         "Order form for resources", true, 0},
        {"a translated sentence", k_untranslated_looking, "Order form for resources",
         "Bon de commande de ressources", false},
        {"a placeholder alone", k_untranslated_looking, "<_:span-1/>", "<_:span-1/>", false},
        {"a number and one word", k_untranslated_looking, "2 pages", "2 pages", false},
        {"a one-word name", k_untranslated_looking, "<abbr>CCR</abbr>", "<abbr>CCR</abbr>", false},
        {"a URL", k_untranslated_looking, "https://ccrweb.ca/en/trafficking", "https://ccrweb.ca/en/trafficking",
         false},
        {"a link around one name", k_untranslated_looking, "<a href=\"../order-form/\">Amnesty</a> (2010)",
         "<a href=\"../order-form/\">Amnesty</a> (2010)", false},
    });
}

TEST(CheckSegment, GlossaryTermsMustBeRenderedAsTheGlossarySays) {
    CheckOptions fr;
    fr.glossary = &seed_glossary(Lang::fr);
    run({
        {"the campaign's rendering", k_glossary, "Measures must not penalize trafficked persons.",
         "Les mesures ne doivent pas pénaliser les personnes victimes de la traite.", false},
        {"a rendering the glossary forbids", k_glossary, "Measures must not penalize trafficked persons.",
         "Les mesures ne doivent pas pénaliser les personnes trafiquées.", true},
        {"a plural term and a plural acronym", k_glossary,
         "Temporary resident permits (<abbr>TRPs</abbr>) remain the main avenue.",
         "Les permis de séjour temporaire (<abbr>PST</abbr>) demeurent la principale voie.", false},
        {"another rendering of the term", k_glossary, "Temporary resident permits remain the main avenue.",
         "Les permis de résidence temporaire demeurent la principale voie.", true},
        {"the term in capitals", k_glossary, "PROTECTING TRAFFICKED PERSONS", "PROTÉGER LES PERSONNES VICTIMES DE LA TRAITE",
         false},
        {"accents matter", k_glossary, "The Canadian Council for Refugees' campaign.",
         "La campagne du Conseil canadien pour les refugies.", true},
        {"only whole words", k_glossary, "Pamphleteers were there.", "Les pamphlétaires étaient là.", false},
        {"a plural term", k_glossary, "Two pamphlets.", "Deux dépliants.", false},
        {"a French adjective agreeing", k_glossary, "<strong>Non-punitive:</strong> Measures must not penalize",
         "<strong>Approche non punitive" NBSP ":</strong> Les mesures ne doivent pas pénaliser", false},
        {"a French imperative", k_glossary, "<a href=\"../take-action/\">Take action</a>, 2 pages.",
         "<a href=\"../take-action/\">Passez à l'action</a>, 2 pages.", false},
        {"words inserted in a French term", k_glossary,
         "The <_:span-1/> anti-trafficking network is guided by a committee.",
         "Le réseau du <_:span-1/> de lutte contre la traite est guidé par un comité.", false},
        {"words of the rendering in another clause", k_glossary, "Support for trafficked persons.",
         "Du soutien aux personnes, victimes de la traite.", true},
        {"the longest term wins", k_glossary, "Human trafficking in Canada.", "La traite des personnes au Canada.",
         false},
        {"French to English, with an English glossary's rendering", k_glossary,
         "Protéger les personnes victimes de la traite.", "Protecting victims of trafficking.", false, {}, Lang::fr,
         Lang::en},  // the French glossary does not apply to an English translation
    },
        fr);
    CheckOptions en;
    en.glossary = &seed_glossary(Lang::en);
    run({
        {"French to English, rendered", k_glossary, "Protéger les personnes victimes de la traite au Canada.",
         "Protecting trafficked persons in Canada.", false, {}, Lang::fr, Lang::en},
        {"French to English, not rendered", k_glossary, "Protéger les personnes victimes de la traite au Canada.",
         "Protecting victims of trafficking in Canada.", true, {}, Lang::fr, Lang::en},
    },
        en);
}

TEST(CheckSegment, GlossaryIssueNamesTheTermAndTheRendering) {
    CheckOptions options;
    options.glossary = &seed_glossary(Lang::fr);
    const std::vector<Issue> issues = check_segment(
        {"Support for trafficked persons.", "Du soutien aux personnes trafiquées.", Lang::en, Lang::fr}, options);
    ASSERT_EQ(issues.size(), 1u) << dump(issues);
    EXPECT_EQ(issues[0].code, k_glossary);
    EXPECT_EQ(issues[0].severity, Severity::warning);
    EXPECT_EQ(issues[0].message,
              "the glossary renders \"trafficked persons\" as \"personnes victimes de la traite\", which the "
              "translation does not use");
}

TEST(CheckSegment, GlossaryAcceptsAnyAlternative) {
    const Glossary glossary = make_glossary({{"pamphlet", {"dépliant", "brochure"}, {}}}, Lang::fr);
    CheckOptions options;
    options.glossary = &glossary;
    run({
        {"the first alternative", k_glossary, "A pamphlet.", "Un dépliant.", false},
        {"the second alternative", k_glossary, "A pamphlet.", "Une brochure.", false},
        {"neither", k_glossary, "A pamphlet.", "Un feuillet.", true},
    },
        options);
}

TEST(CheckSegment, FrenchTypography) {
    run({
        {"guillemets with NBSP", k_typo_guillemets, "The “trafficked persons”.",
         "Les «" NBSP "personnes victimes de la traite" NBSP "».", false},
        {"guillemets with narrow NBSP", k_typo_guillemets, "The “trafficked persons”.",
         "Les «" NNBSP "personnes victimes de la traite" NNBSP "».", false},
        {"straight quotes", k_typo_guillemets, "The “trafficked persons”.",
         "Les \"personnes victimes de la traite\".", true, 4},
        {"straight quotes as an entity", k_typo_guillemets, "The “trafficked persons”.",
         "Les &quot;personnes victimes de la traite&quot;.", true, 4},
        {"guillemets with ordinary spaces", k_typo_guillemets, "The “trafficked persons”.",
         "Les « personnes victimes de la traite ».", true, 4},
        {"guillemets without spaces", k_typo_guillemets, "The “trafficked persons”.",
         "Les «personnes victimes de la traite».", true},
        {"quotes in an attribute", k_typo_guillemets, "<abbr title=\"x\">TRPs</abbr>", "<abbr title=\"x\">PST</abbr>",
         false},

        {"a colon after NBSP", k_typo_colon, "Resource: Temporary Resident Permits",
         "Ressource" NBSP ": Permis de séjour temporaire", false},
        {"a colon after a placeholder and a space", k_typo_colon, "The <_:span-1/> supports NGOs by:",
         "Pour appuyer les ONG, le <_:span-1/>" NBSP ":", false},
        {"a colon without a space", k_typo_colon, "Resource: Temporary Resident Permits",
         "Ressource: Permis de séjour temporaire", true, 9},
        {"a colon right after a placeholder", k_typo_colon, "The <_:span-1/>: a network",
         "Le <_:span-1/>: un réseau", true, 14},
        {"a colon after an ordinary space", k_typo_colon, "Here: this.", "Voici : ceci.", true},
        {"a time", k_typo_colon, "At 10:30.", "À 10:30.", false},
        {"a URL", k_typo_colon, "See https://ccrweb.ca/en/trafficking.", "Voir https://ccrweb.ca/fr/traite.", false},
        {"a colon in an attribute", k_typo_colon, "<a href=\"https://ccrweb.ca/\">The CCR</a>",
         "<a href=\"https://ccrweb.ca/\">Le CCR</a>", false},
        {"a mailto: address", k_typo_colon, "Write to info@ccrweb.ca.", "Écrivez à mailto:info@ccrweb.ca.", false},
        {"NBSP as a character reference", k_typo_colon, "<strong>Non-punitive:</strong> Measures",
         "<strong>Approche non punitive&#160;:</strong> Mesures", false},
        {"a placeholder's prefix", k_typo_colon, "Read <_:span-1/> report", "Lire le rapport du <_:span-1/>", false},

        {"no space before a semicolon", k_typo_space_before, "across the country;", "partout au pays;", false},
        {"no space before an exclamation mark", k_typo_space_before, "Take action!", "Passez à l'action!", false},
        {"no space before a question mark", k_typo_space_before, "Why?", "Pourquoi?", false},
        {"a space before an exclamation mark", k_typo_space_before, "Take action!", "Passez à l'action !", true, 18},
        {"NBSP before a semicolon", k_typo_space_before, "across the country;", "partout au pays" NBSP ";", true, 15},
        {"a narrow NBSP before a question mark", k_typo_space_before, "Why?", "Pourquoi" NNBSP "?", true, 8},
        {"a question mark in a URL", k_typo_space_before, "See www.ccrweb.ca/?p=1.", "Voir www.ccrweb.ca/?p=1.",
         false},
    });
}

TEST(CheckSegment, EnglishTypography) {
    const auto en = [](const char* name, const char* source, const char* translation, bool expected) {
        return Row{name, k_typo_space_before, source, translation, expected, {}, Lang::fr, Lang::en};
    };
    run({
        en("a colon", "Ressource" NBSP ": Permis", "Resource: Permits", false),
        en("a French colon left", "Ressource" NBSP ": Permis", "Resource" NBSP ": Permits", true),
        en("a French exclamation mark left", "Passez à l'action !", "Take action !", true),
        en("a semicolon", "partout au pays;", "across the country;", false),
        en("a time", "À 10 h 30.", "At 10:30.", false),
    });
    run({{"French typography is not English", k_typo_colon, "Ressource" NBSP ": Permis", "Resource: Permits", false,
          {}, Lang::fr, Lang::en}});
}

TEST(CheckSegment, GlossaryLooksTermsUpByWordInALargeGlossary) {
    // 20,000 terms sharing no first word with the segment but one: a lookup
    // per word of the segment finds it (a scan of every term would too, only
    // slower — this shows the index keeps every term reachable).
    std::vector<GlossaryTerm> terms;
    for (int i = 0; i < 20000; ++i) terms.push_back({"term" + std::to_string(i) + " network", {"réseau " + std::to_string(i)}, {}});
    terms.push_back({"anti-trafficking network", {"réseau de lutte contre la traite"}, {}});
    const Glossary glossary = make_glossary(std::move(terms), Lang::fr);
    CheckOptions options;
    options.glossary = &glossary;
    run({
        {"found and rendered", k_glossary, "The anti-trafficking network.", "Le réseau de lutte contre la traite.",
         false},
        {"found and not rendered", k_glossary, "The anti-trafficking network.", "Le réseau anti-traite.", true},
        {"one of the many", k_glossary, "The term19999 networks.", "Les réseaux 19999.", false},
    },
        options);
}

TEST(CheckSegment, BidiControlsTheSourceDoesNotHaveBlockApproval) {
    run({
        {"an override", k_bidi_control, "Call 1-844-900-1010.", "Appelez le \u202E0101-009-448-1.", true, 11},
        {"an isolate", k_bidi_control, "See the report.", "Voir le \u2067rapport\u2069.", true, 8},
        {"as a character reference", k_bidi_control, "See the report.", "Voir le &#x202e;rapport.", true, 8},
        {"as a decimal reference", k_bidi_control, "See the report.", "Voir le &#8238;rapport.", true, 8},
        {"a reference with leading zeros", k_bidi_control, "See the report.", "Voir le &#0000008238;rapport.", true, 8},
        {"a hexadecimal one with leading zeros", k_bidi_control, "See the report.", "Voir le &#x00000202E;rapport.",
         true, 8},
        {"one the source has", k_bidi_control, "The name \u2067Ahmad\u2069 is kept.",
         "Le nom \u2067Ahmad\u2069 est conservé.", false},
        {"one more than the source", k_bidi_control, "The name \u2067Ahmad\u2069.",
         "Le nom \u2067\u2067Ahmad\u2069\u2069.", true},
        {"none", k_bidi_control, "See the report.", "Voir le rapport.", false},
    });
    const auto issues = check_segment({"See the report.", "Voir le \u202Erapport.", Lang::en, Lang::fr}, {});
    const auto found = with_code(issues, k_bidi_control);
    ASSERT_EQ(found.size(), 1u) << dump(issues);
    EXPECT_TRUE(blocks_approval(found[0]));
    EXPECT_NE(found[0].message.find("U+202E"), std::string::npos) << found[0].message;
}

TEST(CheckSegment, InvisibleCharactersAreAWarning) {
    run({
        {"a zero-width space", k_invisible_character, "trafficking", "traite\u200Bde personnes", true, 6},
        {"a right-to-left mark", k_invisible_character, "See the report.", "Voir\u200F le rapport.", true, 4},
        {"a C1 control", k_invisible_character, "See the report.", "Voir le\u0085 rapport.", true, 7},
        {"a byte order mark inside", k_invisible_character, "See the report.", "Voir le \uFEFFrapport.", true},
        {"a joiner the source has", k_invisible_character, "a\u200Db", "a\u200Db", false},
        {"a zero-width space as a padded reference", k_invisible_character, "See the report.",
         "Voir le &#0000008203;rapport.", true, 8},
        {"a tag character", k_invisible_character, "See the report.", "Voir le \U000E0041rapport.", true, 8},
        {"a Hangul filler", k_invisible_character, "See the report.", "Voir le \u3164rapport.", true, 8},
        {"DEL", k_invisible_character, "See the report.", "Voir le \x7Frapport.", true, 8},
        {"an ordinary NBSP is visible typography", k_invisible_character, "Why?", "Pourquoi" NBSP "?", false},
    });
    const auto issues = check_segment({"Why?", "Pourquoi\u200B ?", Lang::en, Lang::fr}, {});
    const auto found = with_code(issues, k_invisible_character);
    ASSERT_EQ(found.size(), 1u) << dump(issues);
    EXPECT_FALSE(blocks_approval(found[0]));
}

// A hostile translation nested tens of thousands deep is refused as markup,
// not followed down until the stack runs out.
TEST(CheckSegment, MarkupNestedTooDeeplyIsAnErrorNotACrash) {
    for (const int depth : {300, 20000}) {
        std::string nested;
        for (int i = 0; i < depth; ++i) nested += "<em>";
        nested += "x";
        for (int i = 0; i < depth; ++i) nested += "</em>";
        const auto issues = check_segment({"<em>x</em>", nested, Lang::en, Lang::fr}, {});
        const auto found = with_code(issues, k_markup_mismatch);
        ASSERT_FALSE(found.empty()) << depth;
        EXPECT_NE(found[0].message.find("nested too deeply"), std::string::npos) << found[0].message;
        EXPECT_TRUE(its::check_translation("<em>x</em>", nested)) << "merge-back refuses it too";
    }
}

// One pair for each code, so that every code is seen from a real check.
const std::vector<Row>& one_of_each() {
    static const std::vector<Row> rows = {
        {"markup", k_markup_mismatch, "The <em>network</em>.", "Le réseau.", true},
        {"unsafe", k_unsafe_markup, "The network.", "Le <script>x</script> réseau.", true},
        {"bidi", k_bidi_control, "The network.", "Le \u202Eréseau.", true},
        {"url", k_url_changed, "See https://ccrweb.ca/en/trafficking.", "Voir le site.", true},
        {"link target", k_link_target_changed, "The <a href=\"https://ccrweb.ca/\">network</a>.",
         "Le <a href=\"https://evil.example/\">réseau</a>.", true},
        {"number", k_number_changed, "Over 2,000 people.", "Plus de 3 000 personnes.", true},
        {"leading", k_whitespace_leading, " The network.", "Le réseau.", true},
        {"trailing", k_whitespace_trailing, "The network.\n", "Le réseau.", true},
        {"punctuation", k_end_punctuation, "The network.", "Le réseau", true},
        {"untranslated", k_untranslated_looking, "The network grows.", "The network grows.", true},
        {"invisible", k_invisible_character, "The network.", "Le\u200B réseau.", true},
        {"glossary", k_glossary, "Services for trafficked persons.", "Services pour les gens.", true},
        {"guillemets", k_typo_guillemets, "The “network”.", "Le \"réseau\".", true},
        {"colon", k_typo_colon, "Network: Canada", "Réseau: Canada", true},
        {"space before", k_typo_space_before, "Why?", "Pourquoi ?", true},
    };
    return rows;
}

TEST(CheckSegment, EveryCodeHasItsSeverityAndAPhrase) {
    CheckOptions options;
    options.glossary = &seed_glossary(Lang::fr);
    std::vector<std::string> seen;
    for (const Row& row : one_of_each()) {
        SCOPED_TRACE(row.name);
        const auto issues = check_segment({row.source, row.translation, row.source_lang, row.target_lang}, options);
        const auto found = with_code(issues, row.code);
        ASSERT_FALSE(found.empty()) << dump(issues);
        seen.emplace_back(row.code);
        const bool error = row.code == k_markup_mismatch || row.code == k_unsafe_markup || row.code == k_bidi_control;
        for (const Issue& issue : issues) {
            EXPECT_EQ(blocks_approval(issue), issue.code == k_markup_mismatch || issue.code == k_unsafe_markup ||
                                                  issue.code == k_bidi_control)
                << issue.code;
            // What the web app says in French is what the command line says in English.
            EXPECT_FALSE(issue.phrase.pattern.empty()) << issue.message;
            EXPECT_EQ(english(issue.phrase), issue.message);
        }
        EXPECT_EQ(blocks_approval(found[0]), error);
    }
    for (const std::string_view code : k_all_codes)
        EXPECT_NE(std::find(seen.begin(), seen.end(), code), seen.end()) << code << " has no sample";
    EXPECT_STREQ(severity_name(Severity::error), "error");
    EXPECT_STREQ(severity_name(Severity::warning), "warning");
}

TEST(CheckSegment, AnEmptyTranslationHasNoIssues) {
    EXPECT_TRUE(check_segment({"Take action", "", Lang::en, Lang::fr}, {}).empty());
}

TEST(CheckSegment, DisabledCodesAreNotReported) {
    CheckOptions options;
    options.disabled = {std::string(k_end_punctuation)};
    EXPECT_TRUE(check_segment({"Guiding Principles", "Principes directeurs.", Lang::en, Lang::fr}, options).empty());
}

TEST(CheckSegment, IssuesComeInCodeThenOffsetOrder) {
    const std::vector<Issue> issues =
        check_segment({"Take action: 2 pages!", "Passez à l'action: 3 pages !", Lang::en, Lang::fr}, {});
    std::vector<std::string> codes;
    for (const Issue& i : issues) codes.push_back(i.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"number-changed", "number-changed", "typo-colon",
                                               "typo-space-before"}))
        << dump(issues);
    EXPECT_FALSE(issues[0].offset);  // the source's 2, missing
    EXPECT_EQ(issues[1].offset, 20u);  // the translation's 3
}

TEST(CheckSegment, MarkupErrorsAreExactlyWhatMergeBackRefuses) {
    const std::string source = "See <a href=\"../take-action/\">the <em>form</em></a> &amp; <_:span-1/>.";
    const std::vector<std::string> translations = {
        "Voir <a href=\"../passez-a-laction/\">le <em>formulaire</em></a> &amp; <_:span-1/>.",  // link target may change
        "Voir <_:span-1/> &amp; <a href=\"../take-action/\">le <em>formulaire</em></a>.",         // reordered
        "Voir <a href=\"../take-action/\">le formulaire</a> <em>x</em> &amp; <_:span-1/>.",       // nested differently
        "Voir <a href=\"../take-action/\">le <em>formulaire</em></a> &amp;.",                      // placeholder dropped
        "Voir <a href=\"../take-action/\" title=\"t\">le <em>formulaire</em></a> &amp; <_:span-1/>.",
        "Voir <a href=\"jav&#x61;script:x()\">le <em>formulaire</em></a> &amp; <_:span-1/>.",
        "Voir <a href=\"../take-action/\">le <em>formulaire</em></a> <!-- x --> &amp; <_:span-1/>.",
        "Voir <a href=\"../take-action/\">le <em>formulaire</a></em> &amp; <_:span-1/>.",
        "Voir <a href=\"../take-action/\">le <em>formulaire</em></a> &nbsp; <_:span-1/>.",
    };
    for (const std::string& translation : translations) {
        SCOPED_TRACE(translation);
        const std::vector<Issue> issues = check_segment({source, translation, Lang::en, Lang::fr}, {});
        const bool blocked = std::any_of(issues.begin(), issues.end(), blocks_approval);
        EXPECT_EQ(blocked, its::check_translation(source, translation).has_value()) << dump(issues);
    }
    // An unsafe construct the source already has is on the page already: not the translator's doing.
    const std::string with_event = "<a href=\"x\" onclick=\"f()\">Go</a>";
    EXPECT_TRUE(with_code(check_segment({with_event, "<a href=\"y\" onclick=\"f()\">Allez</a>", Lang::en, Lang::fr}, {}),
                          k_unsafe_markup)
                    .empty());
}

}  // namespace
}  // namespace tandem::check

// The glossary: loading it from a PO catalog, indexing it by word, and the
// check that a source term is rendered the way the glossary says.

#include <algorithm>
#include <set>
#include <string>

#include "pipeline/check/checks.h"
#include "pipeline/po/catalog.h"

namespace tandem::check {
namespace {

constexpr std::size_t k_max_gap = 3;  // words allowed between two words of a rendering

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    for (Word& w : split_words(text)) out.push_back(std::move(w.folded));
    return out;
}

std::string trim(std::string_view text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_space(decode_utf8(text, begin).value)) begin += decode_utf8(text, begin).size;
    while (end > begin && is_space(decode_before(text, end).value)) end -= decode_before(text, end).size;
    return std::string(text.substr(begin, end - begin));
}

// "a | b | c" → {"a", "b", "c"}, blanks dropped.
std::vector<std::string> alternatives(std::string_view msgstr) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= msgstr.size()) {
        std::size_t bar = msgstr.find('|', start);
        if (bar == std::string_view::npos) bar = msgstr.size();
        std::string alt = trim(msgstr.substr(start, bar - start));
        if (!alt.empty()) out.push_back(std::move(alt));
        start = bar + 1;
    }
    return out;
}

bool ends_with(std::string_view text, std::string_view end) {
    return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// A word of the source as a term's word: the same, or its plural (+s, +x).
bool source_word_matches(std::string_view term_word, std::string_view word, int& inflected) {
    if (word == term_word) return true;
    if (word.size() == term_word.size() + 1 && word.substr(0, term_word.size()) == term_word &&
        (word.back() == 's' || word.back() == 'x')) {
        ++inflected;
        return true;
    }
    return false;
}

// A word of the translation as a rendering's word, inflected as the target
// language may need: number in both; in French also gender (adjectives) and
// the endings of -er verbs ("Passez à l'action" for "passer à l'action").
bool target_word_matches(const std::string& r, std::string_view w, Lang lang) {
    if (w == r) return true;
    if (w.size() < r.size() - std::min<std::size_t>(r.size(), 3) || w.size() > r.size() + 5) return false;
    const auto is = [&](std::string_view stem, std::initializer_list<std::string_view> endings) {
        if (w.substr(0, stem.size()) != stem) return false;
        const std::string_view rest = w.substr(stem.size());
        return std::find(endings.begin(), endings.end(), rest) != endings.end();
    };
    const std::string_view rv = r;
    if (is(rv, {"s", "x"})) return true;
    if (lang == Lang::en) {
        if (is(rv, {"es"})) return true;
        return ends_with(rv, "y") && is(rv.substr(0, rv.size() - 1), {"ies"});
    }
    if (is(rv, {"e", "es"})) return true;
    const std::string_view stem2 = rv.substr(0, rv.size() >= 2 ? rv.size() - 2 : 0);
    const std::string_view stem3 = rv.substr(0, rv.size() >= 3 ? rv.size() - 3 : 0);
    if (ends_with(rv, "if")) return is(stem2, {"ive", "ives", "ifs"});
    if (ends_with(rv, "eux")) return is(stem3, {"euse", "euses"});
    if (ends_with(rv, "al")) return is(stem2, {"aux", "ale", "ales"});
    if (ends_with(rv, "el") || ends_with(rv, "en") || ends_with(rv, "on") || ends_with(rv, "et")) {
        const std::string doubled = std::string(rv) + rv.back();
        return is(doubled, {"e", "es"});
    }
    if (ends_with(rv, "er"))
        return is(stem2, {"ère", "ères", "e", "es", "ent", "ez", "ons", "é", "ée", "és", "ées", "ant"});
    return false;
}

// Whether the rendering's words occur from translation word `from` on, each
// within k_max_gap words of the previous one and in the same clause.
bool rendering_at(const std::vector<std::string>& rendering, std::size_t k, const std::vector<Word>& words,
                  std::size_t at, Lang lang) {
    if (!target_word_matches(rendering[k], words[at].folded, lang)) return false;
    if (k + 1 == rendering.size()) return true;
    for (std::size_t next = at + 1; next < words.size() && next <= at + 1 + k_max_gap; ++next) {
        if (words[next].clause != words[at].clause) break;
        if (rendering_at(rendering, k + 1, words, next, lang)) return true;
    }
    return false;
}

bool rendered(const std::vector<std::string>& rendering, const std::vector<Word>& words, Lang lang) {
    if (rendering.empty()) return false;
    for (std::size_t at = 0; at < words.size(); ++at)
        if (rendering_at(rendering, 0, words, at, lang)) return true;
    return false;
}

// The terms in the source, leftmost-longest and without overlap: "trafficked
// persons" is one term, not also "trafficked person"; "human trafficking" is
// not also "trafficking". On a tie the uninflected term wins.
std::vector<std::size_t> terms_in(const std::vector<Word>& words, const Glossary& glossary) {
    std::vector<std::size_t> found;
    std::size_t i = 0;
    while (i < words.size()) {
        std::size_t best = 0;
        std::size_t best_length = 0;
        int best_inflected = 0;
        const auto consider = [&](std::string_view key) {
            const auto it = glossary.by_first_word.find(std::string(key));
            if (it == glossary.by_first_word.end()) return;
            for (const std::size_t t : it->second) {
                const std::vector<std::string>& term = glossary.source_words[t];
                if (i + term.size() > words.size()) continue;
                int inflected = 0;
                bool match = true;
                for (std::size_t k = 0; k < term.size() && match; ++k)
                    match = (k == 0 || words[i + k].joined) && source_word_matches(term[k], words[i + k].folded, inflected);
                if (!match) continue;
                if (term.size() > best_length || (term.size() == best_length && inflected < best_inflected)) {
                    best = t;
                    best_length = term.size();
                    best_inflected = inflected;
                }
            }
        };
        const std::string& w = words[i].folded;
        consider(w);
        if (w.size() > 1 && (w.back() == 's' || w.back() == 'x')) consider(std::string_view(w).substr(0, w.size() - 1));
        if (best_length == 0) {
            ++i;
            continue;
        }
        found.push_back(best);
        i += best_length;
    }
    return found;
}

std::string quoted_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t k = 0; k < items.size(); ++k) {
        if (k > 0) out += ", ";
        out += "\"" + items[k] + "\"";
    }
    return out;
}

}  // namespace

Glossary make_glossary(std::vector<GlossaryTerm> terms, std::optional<Lang> target_lang) {
    Glossary g;
    g.target_lang = target_lang;
    for (GlossaryTerm& term : terms) {
        std::vector<std::string> source = words_of(term.source);
        if (source.empty()) continue;
        std::vector<std::vector<std::string>> targets;
        std::vector<std::string> kept;
        for (std::string& t : term.targets) {
            std::vector<std::string> words = words_of(t);
            if (words.empty()) continue;
            targets.push_back(std::move(words));
            kept.push_back(std::move(t));
        }
        if (targets.empty()) continue;
        term.targets = std::move(kept);
        g.by_first_word[source.front()].push_back(g.terms.size());
        g.source_words.push_back(std::move(source));
        g.target_words.push_back(std::move(targets));
        g.terms.push_back(std::move(term));
    }
    return g;
}

Glossary load_glossary(const po::Catalog& catalog) {
    std::vector<GlossaryTerm> terms;
    for (const po::Message& m : catalog.messages) {
        if (m.obsolete || m.fuzzy || m.msgid.empty()) continue;
        GlossaryTerm term{m.msgid, {}, m.extracted_comments};
        if (m.msgid_plural) {
            for (const std::string& s : m.msgstr_plural)
                for (std::string& alt : alternatives(s)) term.targets.push_back(std::move(alt));
        } else {
            term.targets = alternatives(m.msgstr);
        }
        if (!term.targets.empty()) terms.push_back(std::move(term));
    }
    std::optional<Lang> target;
    if (const std::optional<std::string> language = po::header_field(catalog, "Language"))
        target = parse_lang(language->substr(0, language->find_first_of("_-@")));
    return make_glossary(std::move(terms), target);
}

std::vector<Issue> check_glossary(const PairText& text, const Glossary& glossary) {
    if (glossary.target_lang && *glossary.target_lang != text.pair.target_lang) return {};
    const std::vector<Word> source = split_words(text.source.text);
    const std::vector<Word> translation = split_words(text.translation.text);
    std::vector<Issue> issues;
    std::set<std::size_t> seen;
    for (const std::size_t t : terms_in(source, glossary)) {
        if (!seen.insert(t).second) continue;
        const auto& renderings = glossary.target_words[t];
        const bool ok = std::any_of(renderings.begin(), renderings.end(), [&](const std::vector<std::string>& r) {
            return rendered(r, translation, text.pair.target_lang);
        });
        if (ok) continue;
        const GlossaryTerm& term = glossary.terms[t];
        issues.push_back(make_issue(k_glossary,
                                    phrase("the glossary renders \"{term}\" as {renderings}, which the translation does not use",
                                           {{"term", term.source}, {"renderings", quoted_list(term.targets)}})));
    }
    return issues;
}

}  // namespace tandem::check

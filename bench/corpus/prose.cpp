#include "bench/corpus/prose.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "bench/corpus/text_edit.h"

namespace tandem::bench::detail {
namespace {

// Pool sizes: small enough that shared entries recur across a 10,000-document
// corpus, large enough that no one entry dominates (draws are skewed anyway).
constexpr std::uint32_t k_shared_paragraphs = 400;
constexpr std::uint32_t k_shared_sentences = 1200;
constexpr std::uint64_t k_paragraph_stream = 0x5041524147524150ULL;  // "PARAGRAP"
constexpr std::uint64_t k_sentence_stream = 0x53454E54454E4345ULL;   // "SENTENCE"

bool starts_with_vowel(std::string_view entry) {
    if (entry.size() > 4 && entry[0] == '{') entry.remove_prefix(entry.find(':') + 1);
    if (entry.empty()) return false;
    if (std::string_view("aeiouAEIOU").find(entry[0]) != std::string_view::npos) return true;
    return entry.starts_with("é") || entry.starts_with("É") || entry.starts_with("è") || entry.starts_with("ê");
}

// Sentences per paragraph: mostly 2 or 3.
std::uint32_t sentence_count(Rng& rng) {
    const std::uint32_t r = rng.below(100);
    return r < 20 ? 1 : r < 52 ? 2 : r < 78 ? 3 : r < 92 ? 4 : 5;
}

}  // namespace

void write_entry(XmlWriter& w, std::string_view entry, bool capitalize) {
    auto text = [&](std::string_view t) {
        if (t.empty()) return;
        if (capitalize) {
            capitalize = false;
            if (t[0] >= 'a' && t[0] <= 'z') {
                std::string s(t);
                s[0] = static_cast<char>(s[0] - 'a' + 'A');
                w.text(s);
                return;
            }
        }
        w.text(t);
    };
    std::size_t i = 0;
    while (i < entry.size()) {
        const auto brace = entry.find('{', i);
        const auto close = brace == std::string_view::npos ? brace : entry.find('}', brace);
        if (close == std::string_view::npos) {
            text(entry.substr(i));
            return;
        }
        text(entry.substr(i, brace - i));
        const std::string_view body = entry.substr(brace + 1, close - brace - 1);
        if (body.starts_with("abbr:")) {
            const std::string_view rest = body.substr(5);
            const auto bar = rest.find('|');
            w.open("abbr");
            w.attribute("title", rest.substr(bar + 1));
            text(rest.substr(0, bar));
            w.close();
        } else if (body.starts_with("no:")) {
            w.open("span");
            w.attribute("its:translate", "no");
            text(body.substr(3));
            w.close();
        } else {  // "fr:" or "en:": a phrase in the other language, kept as is
            w.open("span");
            w.attribute("xml:lang", body.substr(0, 2));
            w.attribute("its:translate", "no");
            text(body.substr(3));
            w.close();
        }
        i = close + 1;
    }
}

Prose::Prose(const CorpusOptions& options, Lang lang, Rng& rng)
    : m_options(options), m_lang(lang), m_vocab(vocabulary(lang)), m_rng(rng) {}

void Prose::write_title(XmlWriter& w) {
    write_entry(w, m_rng.pick(m_vocab.title_heads));
    if (m_rng.percent(70)) {
        w.text(m_vocab.label_colon);
        write_entry(w, m_rng.pick(m_vocab.title_tails));
    }
}

void Prose::write_heading(XmlWriter& w) {
    if (m_rng.percent(80)) {
        write_entry(w, m_rng.pick(m_vocab.headings));
        return;
    }
    write_entry(w, m_rng.pick(m_vocab.objects), true);
    write_entry(w, m_rng.pick(m_vocab.complements));
}

void Prose::write_summary(XmlWriter& w) {
    write_fresh_sentence(w);
    if (m_rng.percent(60)) {
        w.text(" ");
        write_fresh_sentence(w);
    }
}

void Prose::write_paragraph(XmlWriter& w) {
    if (m_may_share) {
        if (m_rng.chance(m_options.repeat_share)) {
            w.fragment(shared_paragraph(m_rng.skewed(k_shared_paragraphs)));
            return;
        }
        if (m_rng.chance(m_options.near_repeat_share)) {
            const std::string shared = shared_paragraph(m_rng.skewed(k_shared_paragraphs));
            w.fragment(edit_markup(shared, m_rng, m_vocab.edit_words));
            return;
        }
    }
    const std::uint32_t n = std::min(sentence_count(m_rng), m_max_sentences);
    for (std::uint32_t i = 0; i < n; ++i) {
        if (i > 0) w.text(" ");
        write_sentence(w);
    }
}

void Prose::write_list_item(XmlWriter& w, ListStyle style, std::uint32_t k) {
    switch (style) {
        case ListStyle::principles: {
            const Labelled& item = m_vocab.principles[k % m_vocab.principles.size()];
            w.open("strong");
            write_entry(w, item.label);
            w.close();
            w.text(m_vocab.label_colon);
            write_entry(w, item.text);
            return;
        }
        case ListStyle::items: write_entry(w, m_vocab.items[k % m_vocab.items.size()]); return;
        case ListStyle::sentences: write_sentence(w); return;
    }
}

void Prose::write_quote(XmlWriter& w) {
    write_fresh_sentence(w);
    if (m_rng.percent(50)) {
        w.text(" ");
        write_fresh_sentence(w);
    }
}

void Prose::write_note(XmlWriter& w) {
    if (m_rng.percent(30)) {  // a postal address, one line per <br/>
        bool first = true;
        for (const auto line : m_vocab.address) {
            if (!first) {
                w.open("br");
                w.close();
            }
            first = false;
            write_entry(w, line);
        }
        return;
    }
    write_entry(w, m_rng.pick(m_vocab.notes));
    if (m_rng.percent(50)) {
        w.text(" ");
        write_fresh_sentence(w);
    }
}

void Prose::write_sentence(XmlWriter& w) {
    const std::uint32_t r = m_rng.below(100);
    if (r < 8) {
        write_entry(w, m_rng.pick(m_vocab.stock_sentences));
    } else if (r < 13) {
        write_link_sentence(w);
    } else if (m_may_share && r < 21) {
        w.fragment(shared_sentence(m_rng.skewed(k_shared_sentences)));
    } else if (m_may_share && r < 24) {
        const std::string shared = shared_sentence(m_rng.skewed(k_shared_sentences));
        w.fragment(edit_markup(shared, m_rng, m_vocab.edit_words));
    } else {
        write_fresh_sentence(w);
    }
}

void Prose::write_fresh_sentence(XmlWriter& w) {
    const Subject& subject = m_rng.pick(m_vocab.subjects);
    const std::uint32_t r = m_rng.below(100);
    if (r < 32) {  // The CCR calls for access to protection in Canada.
        write_entry(w, subject.text, true);
        write_clause(w, subject);
    } else if (r < 48) {  // However, trafficked persons lack ...
        w.text(m_rng.pick(m_vocab.intros));
        w.text(", ");
        write_entry(w, subject.text);
        write_clause(w, subject);
    } else if (r < 63) {  // Provincial governments should provide ...
        const Modal& modal = m_rng.pick(m_vocab.modals);
        const Verb& verb = m_rng.pick(m_vocab.verbs);
        write_entry(w, subject.text, true);
        w.text(" ");
        w.text(subject.plural ? modal.plural : modal.singular);
        w.text(" ");
        w.text(verb.base);
        w.text(" ");
        write_object(w);
        write_entry(w, m_rng.pick(m_vocab.complements));
    } else if (r < 75) {  // Experience has shown that ...
        const std::string_view reporting = m_rng.pick(m_vocab.reporting);
        if (!m_vocab.that_elided.empty() && reporting.ends_with(" que") && starts_with_vowel(subject.text)) {
            write_entry(w, reporting.substr(0, reporting.size() - 3), true);
            w.text(m_vocab.that_elided);
        } else {
            write_entry(w, reporting, true);
            w.text(" ");
        }
        write_entry(w, subject.text);
        write_clause(w, subject);
    } else if (r < 83) {  // ..., and ...
        write_entry(w, subject.text, true);
        write_clause(w, subject);
        w.text(m_vocab.and_join);
        const Subject& other = m_rng.pick(m_vocab.subjects);
        write_entry(w, other.text);
        write_clause(w, other);
    } else if (r < 91) {  // ... — a gap that leaves many people without protection
        write_entry(w, subject.text, true);
        write_clause(w, subject);
        w.text(" — ");
        w.text(m_rng.pick(m_vocab.tails));
    } else {  // In 2014, 1,250 temporary resident permits were issued ...
        const Counted& counted = m_rng.pick(m_vocab.counted);
        w.text(m_vocab.in_year);
        w.text(" ");
        w.text(std::to_string(m_rng.between(2004, 2024)));
        w.text(", ");
        write_number(w, m_rng.percent(60) ? m_rng.between(12, 60) : m_rng.between(61, 4800));
        w.text(" ");
        w.text(counted.things);
        w.text(" ");
        w.text(m_vocab.were);
        w.text(" ");
        w.text(counted.participle);
        write_entry(w, m_rng.pick(m_vocab.complements));
    }
    w.text(".");
}

void Prose::write_clause(XmlWriter& w, const Subject& subject) {
    const Verb& verb = m_rng.pick(m_vocab.verbs);
    w.text(" ");
    w.text(subject.plural ? verb.plural : verb.singular);
    w.text(" ");
    write_object(w);
    write_entry(w, m_rng.pick(m_vocab.complements));
}

void Prose::write_object(XmlWriter& w) {
    const std::string_view object = m_rng.pick(m_vocab.objects);
    const std::uint32_t r = m_rng.below(100);
    if (r < 7) {
        w.open("em");
    } else if (r < 11) {
        w.open("strong");
    } else if (r < 14) {
        w.open("a");
        w.attribute("href", href());
    } else {
        write_entry(w, object);
        return;
    }
    write_entry(w, object);
    w.close();
}

void Prose::write_link_sentence(XmlWriter& w) {
    w.text(m_rng.pick(m_vocab.link_leads));
    w.text(" ");
    w.open("a");
    w.attribute("href", href());
    w.text(m_rng.pick(m_vocab.link_texts));
    w.close();
    w.text(".");
}

void Prose::write_number(XmlWriter& w, std::uint32_t n) {
    if (n < 1000) {
        w.text(std::to_string(n));
        return;
    }
    w.text(std::to_string(n / 1000));
    w.text(m_vocab.thousands_separator_kind == ',' ? "," : "\u202F");
    char rest[8];
    std::snprintf(rest, sizeof rest, "%03u", static_cast<unsigned>(n % 1000));
    w.text(rest);
}

std::string Prose::href() {
    // Site paths, fragments, relative paths and web links, all valid hrefs.
    const std::uint32_t r = m_rng.below(100);
    char buf[64];
    if (r < 45)
        std::snprintf(buf, sizeof buf, "/%s/resources/%s", lang_code(m_lang), resource_id(m_rng.below(10000)).c_str());
    else if (r < 55)
        std::snprintf(buf, sizeof buf, "#s%u", static_cast<unsigned>(m_rng.between(1, 6)));
    else if (r < 62)
        std::snprintf(buf, sizeof buf, "../%s/", resource_id(m_rng.below(10000)).c_str());
    else
        return std::string(m_rng.pick(web_links()));
    return buf;
}

std::string Prose::shared_paragraph(std::uint32_t k) const {
    Rng rng(mix(mix(m_options.seed, k_paragraph_stream + static_cast<std::uint64_t>(m_lang)), k));
    Prose pool(m_options, m_lang, rng);
    pool.m_may_share = false;
    XmlWriter w;
    pool.write_paragraph(w);
    return w.take();
}

std::string Prose::shared_sentence(std::uint32_t k) const {
    Rng rng(mix(mix(m_options.seed, k_sentence_stream + static_cast<std::uint64_t>(m_lang)), k));
    Prose pool(m_options, m_lang, rng);
    pool.m_may_share = false;
    XmlWriter w;
    pool.write_fresh_sentence(w);
    return w.take();
}

}  // namespace tandem::bench::detail

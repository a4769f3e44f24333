#include "bench/corpus/corpus.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "bench/corpus/prose.h"
#include "bench/corpus/random.h"
#include "bench/corpus/vocabulary.h"
#include "bench/corpus/xml_writer.h"

namespace tandem::bench {
namespace {

using detail::ListStyle;
using detail::Prose;
using detail::Rng;
using detail::XmlWriter;

constexpr std::uint64_t k_lang_stream = 0x4C414E4755414745ULL;  // "LANGUAGE"

struct TypeInfo {
    std::string_view name;
    std::uint32_t weight;     // out of 100
    std::uint32_t max_pages;  // 0: not a printed document, no pages and no file
};

constexpr std::array<TypeInfo, 8> k_types{{
    {"report", 22, 80},
    {"pamphlet", 14, 6},
    {"booklet", 10, 24},
    {"proposal", 8, 12},
    {"action", 10, 4},
    {"order-form", 4, 2},
    {"page", 22, 0},
    {"link", 10, 0},
}};

// The size a document aims at, in bytes, at cumulative shares in per mille:
// a skewed body around 4 KB and a long thin tail, as in a real resource
// database (many one-page sheets, a few long reports).
constexpr std::array<std::pair<std::uint32_t, std::uint32_t>, 9> k_size_quantiles{{
    {0, 1600},
    {100, 2300},
    {250, 2900},
    {500, 3700},
    {750, 5200},
    {900, 8500},
    {970, 14500},
    {995, 26000},
    {1000, 36000},
}};

// Room left at the end for the closing tags, so that no document passes
// k_max_resource_bytes.
constexpr std::size_t k_closing_room = 64;
constexpr std::uint32_t k_max_sections = 12;
constexpr std::uint32_t k_min_sections = 3;
constexpr std::uint32_t k_max_blocks = 8;
constexpr std::uint32_t k_min_blocks = 2;
// About the size of one block; a section takes another block only while it is
// more than half of this short of its share, so sizes do not drift upwards.
constexpr std::size_t k_typical_block = 400;

const TypeInfo& pick_type(Rng& rng) {
    std::uint32_t r = rng.below(100);
    for (const auto& type : k_types) {
        if (r < type.weight) return type;
        r -= type.weight;
    }
    return k_types.back();
}

std::size_t target_size(Rng& rng) {
    const std::uint32_t u = rng.below(1'000'000);
    for (std::size_t i = 1; i < k_size_quantiles.size(); ++i) {
        const auto [p1, s1] = k_size_quantiles[i];
        if (u < p1 * 1000) {
            const auto [p0, s0] = k_size_quantiles[i - 1];
            const std::uint64_t span = static_cast<std::uint64_t>(p1 - p0) * 1000;
            return s0 + static_cast<std::size_t>((static_cast<std::uint64_t>(s1 - s0) * (u - p0 * 1000)) / span);
        }
    }
    return k_size_quantiles.back().second;
}

// Built with snprintf rather than string `+`: shorter, and g++ 12 -O3 warns
// (-Wrestrict, a false positive) on "literal" + std::string.
std::string section_id(std::uint32_t n, std::string_view topic) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "s%u-%.*s", static_cast<unsigned>(n), static_cast<int>(topic.size()), topic.data());
    return buf;
}

std::string date(Rng& rng) {
    char buf[16];
    const auto year = static_cast<unsigned>(rng.between(2004, 2024));
    const std::uint32_t precision = rng.below(10);  // 20 % year, 30 % month, 50 % day
    if (precision < 2) {
        std::snprintf(buf, sizeof buf, "%u", year);
    } else {
        const auto month = static_cast<unsigned>(rng.between(1, 12));
        if (precision < 5)
            std::snprintf(buf, sizeof buf, "%u-%02u", year, month);
        else
            std::snprintf(buf, sizeof buf, "%u-%02u-%02u", year, month, static_cast<unsigned>(rng.between(1, 28)));
    }
    return buf;
}

std::string file_href(const std::string& id, Lang lang) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "files/%s-%s.pdf", id.c_str(), lang_code(lang));
    return buf;
}

void write_meta(XmlWriter& w, Rng& rng, const std::string& id, Lang lang, const TypeInfo& type) {
    w.indent();
    w.open("meta");
    if (rng.percent(95)) {
        w.indent();
        w.open("date");
        w.text(date(rng));
        w.close();
    }
    std::uint32_t pages = 0;
    if (type.max_pages > 0 && rng.percent(85)) {
        pages = rng.between(1, type.max_pages);
        w.indent();
        w.open("pages");
        w.text(std::to_string(pages));
        w.close();
    }
    if (rng.percent(85)) {
        w.indent();
        w.open("scope");
        w.text(rng.percent(75) ? "canadian" : "international");
        w.close();
    }
    const auto topics = detail::topics();
    const std::uint32_t topic_count = rng.between(1, 3);
    const std::uint32_t first_topic = rng.below(static_cast<std::uint32_t>(topics.size()));
    for (std::uint32_t i = 0; i < topic_count; ++i) {  // distinct: consecutive from a random start
        w.indent();
        w.open("topic");
        w.text(topics[(first_topic + i * 5) % topics.size()]);
        w.close();
    }
    const auto audiences = detail::audiences();
    const std::uint32_t audience_count = rng.below(3);
    const std::uint32_t first_audience = rng.below(static_cast<std::uint32_t>(audiences.size()));
    for (std::uint32_t i = 0; i < audience_count; ++i) {
        w.indent();
        w.open("audience");
        w.text(audiences[(first_audience + i * 3) % audiences.size()]);
        w.close();
    }
    if (type.max_pages > 0 && rng.percent(80)) {
        const bool both = rng.percent(60);
        for (const Lang file_lang : {lang, other_lang(lang)}) {
            if (file_lang != lang && !both) break;
            w.indent();
            w.open("file");
            w.attribute("href", file_href(id, file_lang));
            w.attribute("lang", lang_code(file_lang));
            w.attribute("format", "pdf");
            if (pages > 0) w.attribute("pages", std::to_string(pages));
            w.close();
        }
    }
    if (type.name == "link" || rng.percent(15)) {
        w.indent();
        w.open("link");
        w.attribute("href", rng.pick(detail::web_links()));
        if (rng.percent(50)) w.attribute("lang", lang_code(lang));
        w.close();
    }
    w.close_on_new_line();
}

void write_list(XmlWriter& w, Prose& prose) {
    Rng& rng = prose.rng();
    const std::uint32_t r = rng.below(100);
    const ListStyle style = r < 25 ? ListStyle::principles : r < 60 ? ListStyle::items : ListStyle::sentences;
    w.open(rng.percent(35) ? "ol" : "ul");
    const std::uint32_t items = rng.between(2, 6);
    const std::uint32_t first = rng.below(64);
    for (std::uint32_t i = 0; i < items; ++i) {
        w.indent();
        w.open("li");
        prose.write_list_item(w, style, first + i);
        w.close();
    }
    w.close_on_new_line();
}

void write_block(XmlWriter& w, Prose& prose, bool top_level);

void write_subsection(XmlWriter& w, Prose& prose, const std::string& id) {
    w.open("section");
    w.attribute("id", id);
    w.indent();
    w.open("h");
    prose.write_heading(w);
    w.close();
    const std::uint32_t blocks = prose.rng().between(2, 3);
    for (std::uint32_t i = 0; i < blocks; ++i) write_block(w, prose, false);
    w.close_on_new_line();
}

// One block of a section: mostly paragraphs, then lists, quotes, notes and,
// at the top level, the odd subsection.
void write_block(XmlWriter& w, Prose& prose, bool top_level) {
    enum class Block { paragraph, list, quote, note, subsection };
    Rng& rng = prose.rng();
    const std::uint32_t r = rng.below(100);
    Block block = r < 64   ? Block::paragraph
                  : r < 76 ? Block::list
                  : r < 82 ? Block::quote
                  : r < 88 ? Block::note
                  : r < 94 ? Block::subsection
                           : Block::paragraph;
    if (block == Block::subsection && !top_level) block = Block::paragraph;
    w.indent();
    switch (block) {
        case Block::paragraph:
            w.open("p");
            if (rng.percent(3)) w.attribute("its:locNote", prose.loc_note());
            prose.write_paragraph(w);
            w.close();
            return;
        case Block::list: write_list(w, prose); return;
        case Block::quote:
            w.open("quote");
            if (rng.percent(50)) w.attribute("cite", rng.pick(detail::web_links()));
            prose.write_quote(w);
            w.close();
            return;
        case Block::note:
            w.open("note");
            prose.write_note(w);
            w.close();
            return;
        case Block::subsection:
            write_subsection(w, prose, section_id(rng.between(20, 99), rng.pick(detail::topics())));
            return;
    }
}

// Sections share what is left of the target; each takes blocks until it has
// its share (2 to 8 blocks), and nothing is kept that would pass the hard
// maximum.
void write_sections(XmlWriter& w, Prose& prose, std::size_t target) {
    Rng& rng = prose.rng();
    const std::size_t used = w.size();
    const std::uint32_t sections = std::min<std::uint32_t>(
        k_max_sections, k_min_sections + static_cast<std::uint32_t>(target > 3000 ? (target - 3000) / 2600 : 0) +
                            (rng.below(3) == 0 ? 1 : 0));
    const std::size_t per_section = target > used + 300 * sections ? (target - used) / sections : 300;
    prose.set_max_sentences(static_cast<std::uint32_t>(per_section / 300));
    bool full = false;
    for (std::uint32_t s = 1; s <= sections && !(full && s > k_min_sections); ++s) {
        w.indent();
        w.open("section");
        w.attribute("id", section_id(s, rng.pick(detail::topics())));
        if (rng.percent(2)) w.attribute("its:locNote", prose.loc_note());
        w.indent();
        w.open("h");
        if (rng.percent(3)) w.attribute("its:locNote", prose.loc_note());
        prose.write_heading(w);
        w.close();
        const std::size_t start = w.size();
        for (std::uint32_t blocks = 0;
             blocks < k_max_blocks && (blocks < k_min_blocks || w.size() - start + k_typical_block / 2 < per_section);
             ++blocks) {
            const std::size_t mark = w.size();
            write_block(w, prose, true);
            if (blocks >= k_min_blocks && w.size() + k_closing_room > k_max_resource_bytes) {
                w.rewind(mark);
                full = true;
                break;
            }
        }
        w.close_on_new_line();
    }
}

}  // namespace

std::string resource_id(std::size_t index) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "res-%06llu", static_cast<unsigned long long>(index));
    return buf;
}

Lang source_lang(const CorpusOptions& options, std::size_t index) {
    Rng rng(detail::mix(detail::mix(options.seed, k_lang_stream), index));
    return rng.chance(options.fr_share) ? Lang::fr : Lang::en;
}

std::string generate_resource(const CorpusOptions& options, std::size_t index) {
    const Lang lang = source_lang(options, index);
    const std::string id = resource_id(index);
    Rng rng(detail::mix(options.seed, index));
    Prose prose(options, lang, rng);
    const TypeInfo& type = pick_type(rng);
    const std::size_t target = target_size(rng);

    XmlWriter w;
    w.fragment("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.open("resource");
    w.attribute("xmlns", "urn:tandem:resource:1");
    w.attribute("xmlns:its", "http://www.w3.org/2005/11/its");
    w.attribute("id", id);
    w.attribute("xml:lang", lang_code(lang));
    w.attribute("type", type.name);
    w.attribute("its:version", "2.0");

    w.indent();
    w.open("title");
    if (rng.percent(3)) w.attribute("its:locNote", prose.loc_note());
    prose.write_title(w);
    w.close();
    if (rng.percent(85)) {
        w.indent();
        w.open("summary");
        prose.write_summary(w);
        w.close();
    }
    if (rng.percent(92)) write_meta(w, rng, id, lang, type);

    w.indent();
    w.open("body");
    if (rng.percent(25)) write_block(w, prose, false);

    write_sections(w, prose, target);
    w.close_on_new_line();  // body
    w.close_on_new_line();  // resource
    w.fragment("\n");
    return w.take();
}

}  // namespace tandem::bench

#include "tests/pipeline/po/merge_case.h"

#include <array>
#include <set>
#include <string>
#include <string_view>

namespace tandem::po::testing {

namespace {

// splitmix64: tiny, and the same everywhere.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool percent(int p) { return below(100) < p; }

private:
    std::uint64_t m_state;
};

constexpr std::array<std::string_view, 96> k_words = {
    "trafficking", "persons",     "Canada",      "refugees",   "protection",   "temporary", "resident",  "permits",
    "victims",     "report",      "council",     "campaign",   "workers",      "migrant",   "rights",    "law",
    "federal",     "provinces",   "services",    "support",    "access",       "health",    "housing",   "legal",
    "aid",         "women",       "children",    "labour",     "exploitation", "border",    "officers",  "training",
    "the",         "a",           "of",          "to",         "and",          "in",        "for",       "with",
    "on",          "by",          "their",       "who",        "are",          "is",        "was",       "be",
    "not",         "all",         "many",        "few",        "some",         "new",       "current",   "national",
    "action",      "plan",        "policy",      "government", "community",    "groups",    "people",    "status",
    "permanent",   "immigration", "application", "fee",        "waiver",       "period",    "days",      "years",
    "Québec",      "café",        "naïve",       "résumé",     "Montréal",     "façade",    "é",         "déjà",
    "order",       "form",        "pamphlet",    "FAQ",        "booklet",      "database",  "resources", "take",
    "must",        "should",      "can",         "may",        "include",      "ensure",    "provide",   "review",
};

constexpr std::array<std::string_view, 12> k_short = {"OK", "No",  "Yes", "PDF", "Go",  "A",
                                                      "é",  "FAQ", "Fr",  "EN",  "Top", "ab"};

std::string word(Random& r) {
    return std::string(k_words[static_cast<std::size_t>(r.below(k_words.size()))]);
}

std::string sentence(Random& r) {
    if (r.percent(5)) return std::string(k_short[static_cast<std::size_t>(r.below(k_short.size()))]);
    const int n = 3 + r.below(23);
    std::string s;
    for (int i = 0; i < n; ++i) {
        if (i) s += ' ';
        std::string w = word(r);
        if (i == 0 && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
        s += w;
    }
    s += r.percent(80) ? "." : (r.percent(50) ? ":" : "?");
    return s;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> words;
    std::size_t start = 0;
    for (;;) {
        const std::size_t sp = s.find(' ', start);
        words.push_back(s.substr(start, sp - start));
        if (sp == std::string::npos) break;
        start = sp + 1;
    }
    return words;
}

std::string join(const std::vector<std::string>& words) {
    std::string s;
    for (const auto& w : words) {
        if (!s.empty()) s += ' ';
        s += w;
    }
    return s;
}

// One or two small edits: a word replaced, dropped, added, two swapped, or the
// final punctuation changed.
std::string small_edit(Random& r, const std::string& s) {
    std::vector<std::string> words = split(s);
    const int edits = 1 + r.below(2);
    for (int e = 0; e < edits; ++e) {
        const std::size_t at = static_cast<std::size_t>(r.below(static_cast<int>(words.size())));
        switch (r.below(5)) {
            case 0:
                words[at] = word(r);
                break;
            case 1:
                if (words.size() > 2) words.erase(words.begin() + static_cast<long>(at));
                break;
            case 2:
                words.insert(words.begin() + static_cast<long>(at), word(r));
                break;
            case 3:
                if (at + 1 < words.size()) std::swap(words[at], words[at + 1]);
                break;
            default:
                words.back() += "!";
                break;
        }
    }
    return join(words);
}

std::string heavy_rewrite(Random& r, const std::string& s) {
    std::vector<std::string> words = split(s);
    for (auto& w : words)
        if (r.percent(75)) w = word(r);
    if (r.percent(50)) words.push_back(word(r));
    return join(words);
}

std::string translation(Random& r, const std::string& msgid) {
    std::size_t half = msgid.size() / 2;
    while (half > 0 && (static_cast<unsigned char>(msgid[half]) & 0xC0) == 0x80) --half;  // a character boundary
    return "fr " + std::to_string(r.below(1000)) + ": " + msgid.substr(0, half);
}

}  // namespace

MergeCase make_merge_case(std::uint64_t seed, int size) {
    Random r(seed);
    MergeCase c;
    c.old.header =
        "Project-Id-Version: tandem\n"
        "PO-Revision-Date: 2024-03-01 10:00+0000\n"
        "Last-Translator: Translator <t@example.org>\n"
        "Language-Team: French <fr@example.org>\n"
        "Language: fr\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "Plural-Forms: nplurals=2; plural=(n > 1);\n";

    std::set<std::pair<std::string, std::string>> keys;  // (msgctxt or "\x01", msgid)
    auto fresh_key = [&](std::optional<std::string> ctxt, std::string id) {
        return keys.emplace(ctxt.value_or("\x01"), std::move(id)).second;
    };
    const std::array<std::string, 3> contexts = {"title", "summary", "h"};

    int line = 10;
    auto make_message = [&](bool obsolete) {
        Message m;
        do {
            m.msgctxt.reset();
            if (r.percent(10)) m.msgctxt = contexts[static_cast<std::size_t>(r.below(3))];
            m.msgid = sentence(r);
        } while (!fresh_key(m.msgctxt, m.msgid));
        const int state = r.below(100);
        if (state < 65) {
            m.msgstr = translation(r, m.msgid);
        } else if (state < 75) {
            m.msgstr = translation(r, m.msgid);
            m.fuzzy = true;
            if (r.percent(60)) m.previous_msgid = small_edit(r, m.msgid);
        }
        if (r.percent(10)) m.translator_comments = {"checked " + std::to_string(r.below(100))};
        if (!obsolete) {
            m.extracted_comments = {"/resource/body/p[" + std::to_string(line) + "]"};
            m.references = {"resources/r/resource.xml:" + std::to_string(line)};
            if (r.percent(10)) m.flags = {"no-wrap"};
        }
        m.obsolete = obsolete;
        line += 3;
        return m;
    };
    for (int i = 0; i < size; ++i) c.old.messages.push_back(make_message(false));
    for (int i = 0; i < size / 20 + 1; ++i) c.old.messages.push_back(make_message(true));

    auto segment_of = [&](std::optional<std::string> ctxt, std::string id) {
        model::Segment s;
        s.msgctxt = std::move(ctxt);
        s.msgid = std::move(id);
        s.comments = {"/resource/body/p[" + std::to_string(line) + "]"};
        s.references = {"resources/r/resource.xml:" + std::to_string(line)};
        if (r.percent(10)) s.flags = {"no-wrap"};
        line += 2;
        return s;
    };
    for (const Message& m : c.old.messages) {
        if (m.obsolete) {
            if (r.percent(33)) c.segments.push_back(segment_of(m.msgctxt, m.msgid));
            continue;
        }
        const int change = r.below(100);
        if (change < 5) continue;  // removed
        std::optional<std::string> ctxt = m.msgctxt;
        std::string id = m.msgid;
        if (change < 15)
            id = small_edit(r, id);
        else if (change < 20)
            id = heavy_rewrite(r, id);
        else if (change < 23)
            ctxt = ctxt ? std::optional<std::string>() : contexts[0];
        if (!keys.emplace(ctxt.value_or("\x01"), id).second && change >= 5 && change < 23) {
            // The edit made another existing message: keep it unchanged instead.
            ctxt = m.msgctxt;
            id = m.msgid;
        }
        c.segments.push_back(segment_of(ctxt, id));
        if (r.percent(7)) {
            std::string added = sentence(r);
            if (keys.emplace("\x01", added).second) c.segments.push_back(segment_of(std::nullopt, added));
        }
        if (r.percent(2) && !c.segments.empty())  // the same text twice in the document
            c.segments.push_back(segment_of(c.segments.front().msgctxt, c.segments.front().msgid));
    }
    return c;
}

}  // namespace tandem::po::testing

#include "tests/pipeline/its/support/generator.h"

#include <vector>

namespace tandem::its::test {
namespace {

// splitmix64: small, and the same everywhere (unlike std distributions).
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed * 0x9E3779B97F4A7C15ull + 1) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))]; }

private:
    std::uint64_t m_state;
};

const std::vector<std::string> k_words = {
    "refugees", "protection", "permit", "trafficking", "Canada", "report", "the", "a", "of", "and", "for",
    "réfugiés", "Québec", "naïve", "Straße", "façade", "coöperate", "日本語", "Ελληνικά", "العربية", "🙂",
    "—", "“quoted”", "(2006)", "1,000", "e-mail", "x/y", "50%", "C++", "it's", "\"double\""};
const std::vector<std::string> k_refs = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#233;", "&#xA0;",
                                         "&#x2014;", "&#169;", "&#x1F600;"};
const std::vector<std::string> k_spaces = {" ", " ", " ", "  ", "\n      ", "\t", " \n ", "&#x20;", "&#10;"};

class Generator {
public:
    explicit Generator(std::uint64_t seed) : m_random(seed), m_seed(seed) {}

    std::string document() {
        std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        if (m_random.chance(30)) out += "<!-- generated resource " + std::to_string(m_seed) + " -->\n";
        out += "<resource xmlns=\"urn:tandem:resource:1\" xmlns:its=\"http://www.w3.org/2005/11/its\"\n";
        out += "          id=\"gen-" + std::to_string(m_seed) + "\" xml:lang=\"en\" type=\"report\">\n";
        out += "  <title>" + inline_content(0, 4) + "</title>\n";
        if (m_random.chance(80)) out += "  <summary>" + inline_content(0, 8) + "</summary>\n";
        out += "  <meta><date>2020-01-0" + std::to_string(1 + m_random.below(9)) + "</date><scope>canadian</scope>";
        if (m_random.chance(50)) out += "<topic>trafficking &amp; labour</topic>";
        out += "</meta>\n  <body>\n";
        const int sections = 1 + m_random.below(3);
        for (int s = 0; s < sections; ++s) {
            out += "    <section id=\"s" + std::to_string(s + 1) + "\">";
            out += m_random.chance(50) ? "\n      " : "";
            out += "<h>" + inline_content(0, 3) + "</h>\n";
            const int blocks = 1 + m_random.below(4);
            for (int b = 0; b < blocks; ++b) out += "      " + block(0) + "\n";
            out += "    </section>\n";
        }
        out += "  </body>\n</resource>\n";
        return out;
    }

private:
    std::string block(int depth) {
        const int kind = m_random.below(10);
        if (kind < 2 && depth < 2) {
            std::string out = "<ul>";
            const int items = 1 + m_random.below(4);
            for (int i = 0; i < items; ++i) {
                out += m_random.chance(30) ? "\n        " : "";
                out += "<li>";
                if (m_random.chance(20)) out += "<p>" + inline_content(0, 5) + "</p>" + block(depth + 1);
                else out += inline_content(0, 6);
                out += "</li>";
            }
            return out + "</ul>";
        }
        if (kind == 2 && !m_paragraphs.empty()) return m_random.pick(m_paragraphs);  // a repeated paragraph
        std::string attrs;
        if (m_random.chance(10)) attrs += " its:locNote=\"Keep " + m_random.pick(k_words) + " &amp; short\"";
        if (m_random.chance(5)) attrs += " xml:space=\"preserve\"";
        std::string p = "<p" + attrs + ">" + inline_content(0, 10) + "</p>";
        m_paragraphs.push_back(p);
        return p;
    }

    std::string text() {
        std::string out;
        const int words = 1 + m_random.below(5);
        for (int i = 0; i < words; ++i) {
            if (i) out += m_random.chance(85) ? " " : m_random.pick(k_spaces);
            out += m_random.chance(12) ? m_random.pick(k_refs) : m_random.pick(k_words);
        }
        return out;
    }

    std::string inline_content(int depth, int max_pieces) {
        std::string out;
        if (m_random.chance(15)) out += m_random.pick(k_spaces);
        const int pieces = 1 + m_random.below(max_pieces);
        for (int i = 0; i < pieces; ++i) {
            if (i) out += m_random.chance(70) ? " " : m_random.pick(k_spaces);
            const int kind = m_random.below(depth < 3 ? 16 : 9);
            if (kind < 7) {
                out += text();
            } else if (kind == 7) {
                out += m_random.chance(50) ? "<!-- note -->" : "<![CDATA[a < b & c]]>";
            } else if (kind == 8) {
                out += m_random.pick(k_refs);
            } else if (kind == 9) {
                out += "<em>" + inline_content(depth + 1, 3) + "</em>";
            } else if (kind == 10) {
                out += "<strong>" + inline_content(depth + 1, 3) + "</strong>";
            } else if (kind == 11) {
                out += "<a href=\"https://example.org/r?id=" + std::to_string(m_random.below(50)) +
                       "&amp;lang=en\">" + inline_content(depth + 1, 3) + "</a>";
            } else if (kind == 12) {
                out += "<span its:translate=\"no\">" + inline_content(depth + 1, 2) + "</span>";
            } else if (kind == 13) {
                out += m_random.chance(30) ? "<abbr its:locNote=\"An acronym\">CCR</abbr>" : "<abbr>TRP</abbr>";
            } else if (kind == 14) {
                out += m_random.chance(70) ? "<br/>" : "<br></br>";
            } else {
                out += m_random.chance(50) ? "<em></em>" : "<span>" + text() + "</span>";
            }
        }
        if (m_random.chance(15)) out += m_random.pick(k_spaces);
        return out;
    }

    Random m_random;
    std::uint64_t m_seed;
    std::vector<std::string> m_paragraphs;
};

}  // namespace

std::string generate_resource(std::uint64_t seed) { return Generator(seed).document(); }

}  // namespace tandem::its::test

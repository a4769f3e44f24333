#include "cms/core/text.h"
#include "pipeline/check/visible_text.h"

#include <algorithm>
#include <charconv>

namespace tandem::check {

CodePoint decode_before(std::string_view text, std::size_t at) {
    std::size_t start = at - 1;
    // Back over at most three continuation bytes to the lead byte.
    while (start > 0 && at - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    const CodePoint cp = decode_utf8(text, start);
    if (start + cp.size == at) return cp;
    return {U'\uFFFD', 1};
}

char32_t fold_case(char32_t cp) {
    if (cp >= U'A' && cp <= U'Z') return cp + 0x20;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;  // À..Þ
    if (cp == 0x178) return 0xFF;                                   // Ÿ
    // Latin Extended-A pairs capitals and small letters, mostly even/odd.
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1) ? cp + 1 : cp;
    return cp;
}

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const CodePoint cp = decode_utf8(text, i);
        append_utf8(out, fold_case(cp.value));
        i += cp.size;
    }
    return out;
}

bool is_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }

bool is_letter(char32_t cp) {
    if (cp < 0x80) return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7) return false;
    if (cp < 0x2000) return true;  // Latin, combining marks, Greek, Cyrillic, …
    if (cp < 0x3040) return false;  // punctuation, symbols, CJK punctuation
    return cp != k_object && cp != 0xFFFD && !(cp >= 0xFE30 && cp <= 0xFE4F) && !(cp >= 0xFF00 && cp <= 0xFF20);
}

bool is_nbsp(char32_t cp) { return cp == 0xA0 || cp == 0x202F; }

bool is_space(char32_t cp) {
    return cp == U' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

namespace {

bool starts_with_at(std::string_view text, std::size_t at, std::string_view prefix) {
    return text.substr(at, prefix.size()) == prefix;
}

// The end of a tag starting at `at` ('<'), quotes respected; npos if none.
std::size_t tag_end(std::string_view text, std::size_t at) {
    char quote = 0;
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i;
        } else if (c == '<') {
            return std::string_view::npos;
        }
    }
    return std::string_view::npos;
}

bool starts_tag(std::string_view text, std::size_t at) {
    if (at + 1 >= text.size()) return false;
    const char c = text[at + 1];
    return c == '/' || c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
}

// The code point of an entity reference "&…;" at `at`, or 0.
char32_t entity_at(std::string_view text, std::size_t at, std::size_t& length) {
    const std::size_t semi = text.find(';', at);
    if (semi == std::string_view::npos || semi - at > 12) return 0;
    const std::string_view name = text.substr(at + 1, semi - at - 1);
    length = semi - at + 1;
    if (name == "amp") return U'&';
    if (name == "lt") return U'<';
    if (name == "gt") return U'>';
    if (name == "quot") return U'"';
    if (name == "apos") return U'\'';
    if (name.size() >= 2 && name[0] == '#') {
        const bool hex = name[1] == 'x' || name[1] == 'X';
        const std::string_view digits = name.substr(hex ? 2 : 1);
        unsigned long value = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
        if (ec == std::errc() && end == digits.data() + digits.size() && value > 0 && value <= 0x10FFFF)
            return static_cast<char32_t>(value);
    }
    return 0;
}

}  // namespace

VisibleText visible_text(std::string_view segment) {
    VisibleText out;
    out.text.reserve(segment.size());
    out.origin.reserve(segment.size() + 1);
    const auto emit = [&](char32_t cp, std::size_t from) {
        const std::size_t before = out.text.size();
        append_utf8(out.text, cp);
        out.origin.insert(out.origin.end(), out.text.size() - before, from);
    };
    std::size_t i = 0;
    while (i < segment.size()) {
        const char c = segment[i];
        if (c == '<') {
            if (starts_with_at(segment, i, "<!--")) {
                const std::size_t end = segment.find("-->", i + 4);
                i = end == std::string_view::npos ? segment.size() : end + 3;
                continue;
            }
            if (starts_with_at(segment, i, "<![CDATA[")) {
                const std::size_t end = segment.find("]]>", i + 9);
                const std::size_t stop = end == std::string_view::npos ? segment.size() : end;
                for (std::size_t j = i + 9; j < stop; ++j) {
                    out.text += segment[j];
                    out.origin.push_back(j);
                }
                i = end == std::string_view::npos ? segment.size() : end + 3;
                continue;
            }
            if (starts_with_at(segment, i, "<?")) {
                const std::size_t end = segment.find("?>", i + 2);
                i = end == std::string_view::npos ? segment.size() : end + 2;
                continue;
            }
            if (starts_tag(segment, i)) {
                const std::size_t end = tag_end(segment, i);
                if (end != std::string_view::npos) {
                    if (segment[end - 1] == '/') emit(k_object, i);  // an empty element: a placeholder
                    i = end + 1;
                    continue;
                }
            }
        } else if (c == '&') {
            std::size_t length = 0;
            if (const char32_t cp = entity_at(segment, i, length)) {
                emit(cp, i);
                i += length;
                continue;
            }
        }
        out.text += c;
        out.origin.push_back(i);
        ++i;
    }
    out.origin.push_back(segment.size());
    return out;
}

namespace {

bool ascii_iequal_at(std::string_view text, std::size_t at, std::string_view lower) {
    if (at + lower.size() > text.size()) return false;
    for (std::size_t k = 0; k < lower.size(); ++k) {
        char c = text[at + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[k]) return false;
    }
    return true;
}

bool word_char_before(std::string_view text, std::size_t at) {
    if (at == 0) return false;
    const char32_t cp = decode_before(text, at).value;
    return is_letter(cp) || is_digit(cp);
}

bool url_stop(char32_t cp) {
    return is_space(cp) || cp < 0x20 || cp == U'<' || cp == U'>' || cp == U'"' || cp == U'«' || cp == U'»' ||
           cp == U'“' || cp == U'”' || cp == k_object;
}

bool email_local(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '%' || c == '+' || c == '-';
}

bool email_domain(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

// Leaves out what ends a sentence rather than the URL: "see www.x.ca." and
// "(www.x.ca)" — a closing bracket stays when the URL opened one.
std::size_t trim_url_end(std::string_view text, std::size_t begin, std::size_t end) {
    while (end > begin) {
        const CodePoint last = decode_before(text, end);
        const char32_t cp = last.value;
        const std::string_view url = text.substr(begin, end - begin);
        const bool closing_kept = (cp == U')' && url.find('(') != std::string_view::npos) ||
                                  (cp == U']' && url.find('[') != std::string_view::npos);
        if (closing_kept) break;
        if (cp == U'.' || cp == U',' || cp == U';' || cp == U':' || cp == U'!' || cp == U'?' || cp == U')' ||
            cp == U']' || cp == U'}' || cp == U'\'' || cp == U'’' || cp == U'…')
            end -= last.size;
        else
            break;
    }
    return end;
}

}  // namespace

std::vector<Span> find_urls(std::string_view text) {
    std::vector<Span> urls;
    for (std::size_t i = 0; i < text.size();) {
        const bool start = !word_char_before(text, i) &&
                           (ascii_iequal_at(text, i, "http://") || ascii_iequal_at(text, i, "https://") ||
                            ascii_iequal_at(text, i, "www.") || ascii_iequal_at(text, i, "mailto:"));
        if (!start) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size()) {
            const CodePoint cp = decode_utf8(text, end);
            if (url_stop(cp.value)) break;
            end += cp.size;
        }
        end = trim_url_end(text, i, end);
        urls.push_back({i, end});
        i = std::max(end, i + 1);
    }
    // E-mail addresses: local@domain.tld, not inside a URL already found.
    for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
        if (inside(urls, at)) continue;
        std::size_t begin = at;
        while (begin > 0 && email_local(text[begin - 1])) --begin;
        std::size_t end = at + 1;
        while (end < text.size() && email_domain(text[end])) ++end;
        while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
        const std::string_view domain = text.substr(at + 1, end - at - 1);
        const std::size_t dot = domain.rfind('.');
        if (begin == at || dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) continue;
        urls.push_back({begin, end});
    }
    std::sort(urls.begin(), urls.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    return urls;
}

bool inside(const std::vector<Span>& spans, std::size_t at) {
    return std::any_of(spans.begin(), spans.end(), [at](const Span& s) { return at >= s.begin && at < s.end; });
}

std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> words;
    bool joined = false;  // nothing but joiners since the last word
    int clause = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const CodePoint cp = decode_utf8(text, i);
        if (cp.value == k_object) {
            words.push_back({std::string(text.substr(i, cp.size)), {i, i + cp.size}, joined, clause});
            joined = true;
            i += cp.size;
            continue;
        }
        if (is_letter(cp.value) || is_digit(cp.value)) {
            Word word{{}, {i, i}, joined, clause};
            while (i < text.size()) {
                const CodePoint c = decode_utf8(text, i);
                if (!is_letter(c.value) && !is_digit(c.value)) break;
                append_utf8(word.folded, fold_case(c.value));
                i += c.size;
            }
            word.span.end = i;
            words.push_back(std::move(word));
            joined = true;
            continue;
        }
        const char32_t c = cp.value;
        const bool joiner = is_space(c) || c == U'-' || c == U'‐' || c == U'‑' || c == U'\'' || c == U'’' ||
                            c == U'ʼ';
        if (!joiner) {
            joined = false;
            ++clause;
        }
        i += cp.size;
    }
    return words;
}

}  // namespace tandem::check

#include "pipeline/tm/tokenize.h"

#include "cms/core/text.h"

namespace tandem::tm::detail {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Calls emit(byte) for each byte of the normalized text.
template <class Emit>
void for_each_normalized(std::string_view text, Emit emit) {
    bool pending_space = false;
    bool started = false;
    for (const char c : text) {
        if (is_space(static_cast<unsigned char>(c))) {
            pending_space = started;
            continue;
        }
        if (pending_space) emit(' ');
        pending_space = false;
        started = true;
        emit(c);
    }
}

// The bytes of the normalized text one at a time: next() is -1 at the end.
class NormalizedReader {
public:
    explicit NormalizedReader(std::string_view text) : m_text(text) {}
    int next() {
        while (m_at < m_text.size()) {
            const auto c = static_cast<unsigned char>(m_text[m_at]);
            if (is_space(c)) {
                m_pending_space = m_started;
                ++m_at;
                continue;
            }
            if (m_pending_space) {  // the space first, the byte on the next call
                m_pending_space = false;
                return ' ';
            }
            m_started = true;
            ++m_at;
            return c;
        }
        return -1;
    }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
    bool m_started = false;
    bool m_pending_space = false;
};

enum class Kind { space, word, other };

Kind kind_of(char32_t c) {
    if (c < 0x80) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return Kind::space;
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return Kind::word;
        return Kind::other;
    }
    if (c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000) return Kind::space;
    // Latin-1 punctuation and symbols (« » ° § ¿ ...), × and ÷; the general
    // punctuation block (’ “ ” – — …) up to the symbol blocks; ⟦ ⟧ and the like;
    // CJK punctuation; the byte order mark; U+FFFD (a bad byte).
    if (c <= 0xBF || c == 0xD7 || c == 0xF7) return Kind::other;
    if ((c >= 0x2010 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3001 && c <= 0x303F))
        return Kind::other;
    if (c == 0xFEFF || c == 0xFFFD) return Kind::other;
    return Kind::word;
}

bool is_reference_char(char c) {
    return c == '#' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string normalize_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for_each_normalized(text, [&](char c) { out.push_back(c); });
    return out;
}

std::uint64_t normalized_hash(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for_each_normalized(text, [&](char c) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    });
    return hash;
}

int compare_normalized(std::string_view a, std::string_view b) {
    NormalizedReader x(a), y(b);
    for (;;) {
        const int cx = x.next();
        const int cy = y.next();
        if (cx != cy) return cx < cy ? -1 : 1;
        if (cx < 0) return 0;
    }
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\n\r") == std::string_view::npos; }

std::vector<std::string_view> tokenize(std::string_view s) {
    std::vector<std::string_view> tokens;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '<') {
            // A tag runs to the next '>' unless another '<' comes first.
            const std::size_t close = s.find_first_of("<>", i + 1);
            if (close != std::string_view::npos && s[close] == '>') {
                tokens.push_back(s.substr(i, close + 1 - i));
                i = close + 1;
                continue;
            }
        } else if (s[i] == '&') {
            std::size_t j = i + 1;
            while (j < s.size() && j - i <= 32 && is_reference_char(s[j])) ++j;
            if (j < s.size() && j > i + 1 && s[j] == ';') {
                tokens.push_back(s.substr(i, j + 1 - i));
                i = j + 1;
                continue;
            }
        }
        const CodePoint cp = decode_utf8(s, i);
        switch (kind_of(cp.value)) {
            case Kind::space: i += cp.size; break;
            case Kind::other:
                tokens.push_back(s.substr(i, cp.size));
                i += cp.size;
                break;
            case Kind::word: {
                std::size_t j = i + cp.size;
                while (j < s.size()) {
                    const CodePoint next = decode_utf8(s, j);
                    if (kind_of(next.value) != Kind::word) break;
                    j += next.size;
                }
                tokens.push_back(s.substr(i, j - i));
                i = j;
                break;
            }
        }
    }
    return tokens;
}

}  // namespace tandem::tm::detail

#include "pipeline/its/text_util.h"

#include <array>

#include "cms/core/text.h"

namespace tandem::its {

char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += len;
    return cp;
}

bool is_python_space(char32_t c) {
    if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

namespace {

constexpr bool ascii_space(unsigned char c) { return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20); }

}  // namespace

// Copies in bulk what needs no change (a lone ' ' between two characters
// included); only other whitespace runs are rewritten.
std::string collapse_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const std::size_t n = text.size();
    auto space_at = [&](std::size_t at, std::size_t& next) {
        next = at;
        return is_python_space(next_code_point(text, next));
    };
    std::size_t i = 0;
    std::size_t next = 0;
    while (i < n && space_at(i, next)) i = next;  // leading whitespace
    while (i < n) {
        std::size_t j = i;
        while (j < n) {
            const auto c = static_cast<unsigned char>(text[j]);
            if (c >= 0x80) {
                if (space_at(j, next)) break;
                j = next;
            } else if (c == ' ') {
                if (j + 1 >= n) break;
                const auto d = static_cast<unsigned char>(text[j + 1]);
                if (d >= 0x80 || ascii_space(d)) break;
                j += 2;
            } else if (ascii_space(c)) {
                break;
            } else {
                ++j;
            }
        }
        out.append(text.data() + i, j - i);
        if (j >= n) break;
        std::size_t k = j;
        while (k < n && space_at(k, next)) k = next;
        if (k < n) out += ' ';
        i = k;
    }
    return out;
}

bool has_content(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (!ascii_space(c)) return true;
            ++i;
            continue;
        }
        if (!is_python_space(next_code_point(text, i))) return true;
    }
    return false;
}

std::string_view strip_space(std::string_view text) {
    std::size_t begin = std::string_view::npos;
    std::size_t end = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t at = i;
        if (!is_python_space(next_code_point(text, i))) {
            if (begin == std::string_view::npos) begin = at;
            end = i;
        }
    }
    if (begin == std::string_view::npos) return {};
    return text.substr(begin, end - begin);
}

std::size_t count_code_points(std::string_view text) {
    std::size_t n = 0;
    for (const char ch : text)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

std::string_view first_code_points(std::string_view text, std::size_t n) {
    std::size_t i = 0;
    while (i < text.size() && n > 0) {
        next_code_point(text, i);
        --n;
    }
    return text.substr(0, i);
}

void append_escaped_text(std::string& out, std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        while (j < text.size() && text[j] != '&' && text[j] != '<' && text[j] != '>') ++j;
        out.append(text.data() + i, j - i);
        if (j == text.size()) break;
        out += text[j] == '&' ? "&amp;" : text[j] == '<' ? "&lt;" : "&gt;";
        i = j + 1;
    }
}

void append_escaped_attribute(std::string& out, std::string_view text) { append_escaped_markup(out, text); }

bool is_xml_blank(std::string_view text) {
    for (const char c : text)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace tandem::its

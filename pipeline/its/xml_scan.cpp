#include "pipeline/its/xml_scan.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "cms/core/text.h"
#include "pipeline/its/text_util.h"

namespace tandem::its {
namespace {

class Scanner {
public:
    Scanner(std::string_view text, std::string_view label) : m_text(text), m_label(label) {}

    Status run() {
        if (auto s = check_characters(); !s) return s;
        std::size_t i = 0;
        const std::size_t n = m_text.size();
        while (i < n) {
            // Text up to the next markup: references are checked, and "]]>".
            std::size_t lt = find(i, n, '<');
            if (auto s = check_text(i, lt); !s) return s;
            if (lt == n) break;
            auto next = markup(lt);
            if (!next) return tl::unexpected(next.error());
            i = *next;
        }
        return {};
    }

private:
    std::size_t find(std::size_t from, std::size_t to, char c) const {
        const void* p = std::memchr(m_text.data() + from, c, to - from);
        return p ? static_cast<std::size_t>(static_cast<const char*>(p) - m_text.data()) : to;
    }

    Status check_text(std::size_t from, std::size_t to) const {
        for (std::size_t amp = find(from, to, '&'); amp < to; amp = find(amp + 1, to, '&'))
            if (auto next = reference(amp); !next) return tl::unexpected(next.error());
        for (std::size_t b = find(from, to, ']'); b < to; b = find(b + 1, to, ']'))
            if (m_text.compare(b, 3, "]]>") == 0) return error(b, phrase("\"]]>\" is not allowed in text; write ]]&gt;"));
        return {};
    }

    tl::unexpected<Error> error(std::size_t at, Phrase message) const {
        return fail(ErrorCode::invalid, std::move(message), position_at(m_text, at, std::string(m_label)));
    }

    bool starts(std::size_t at, std::string_view what) const { return m_text.compare(at, what.size(), what) == 0; }

    // C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF are not XML characters.
    // Every character: well-formed UTF-8 (check_utf8's error when not) and
    // allowed in XML. ASCII text goes eight bytes at a time.
    Status check_characters() const {
        const std::size_t n = m_text.size();
        const auto* p = reinterpret_cast<const unsigned char*>(m_text.data());
        std::size_t i = 0;
        while (i < n) {
            if (i + 8 <= n) {
                std::uint64_t w;
                std::memcpy(&w, p + i, 8);
                const std::uint64_t high = w & 0x8080808080808080ull;
                const std::uint64_t low = (w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull;
                if ((high | low) == 0) {
                    i += 8;
                    continue;
                }
            }
            const unsigned char b = p[i];
            if (b < 0x80) {
                if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                    char code[8];
                    std::snprintf(code, sizeof code, "%04X", b);
                    return error(i, phrase("character U+{code} is not allowed in XML", {{"code", code}}));
                }
                ++i;
                continue;
            }
            std::size_t len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            std::uint32_t cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
            bool ok = len != 0 && i + len <= n;
            for (std::size_t k = 1; ok && k < len; ++k) {
                ok = (p[i + k] & 0xC0) == 0x80;
                cp = (cp << 6) | (p[i + k] & 0x3F);
            }
            ok = ok && !(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
                 !(cp >= 0xD800 && cp <= 0xDFFF);
            if (!ok) return check_utf8(m_text, m_label);  // its error, with the position
            if (cp == 0xFFFE || cp == 0xFFFF) return error(i, phrase("character U+FFFE/U+FFFF is not allowed in XML"));
            i += len;
        }
        return {};
    }

    static bool allowed_char(unsigned long cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
               (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    static bool name_char(char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.' || c == ':';
    }

    // `at` is on '&'; returns the offset after the reference.
    Result<std::size_t> reference(std::size_t at) const {
        std::size_t j = at + 1;
        const std::size_t n = m_text.size();
        if (j < n && m_text[j] == '#') {
            ++j;
            const bool hex = j < n && m_text[j] == 'x';
            if (hex) ++j;
            unsigned long value = 0;
            const std::size_t digits = j;
            while (j < n && m_text[j] != ';') {
                const char d = m_text[j];
                int v = -1;
                if (d >= '0' && d <= '9') v = d - '0';
                else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
                else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
                if (v < 0) return error(at, phrase("malformed character reference"));
                value = value * (hex ? 16 : 10) + static_cast<unsigned long>(v);
                if (value > 0x10FFFF) return error(at, phrase("character reference out of range"));
                ++j;
            }
            if (j >= n || j == digits) return error(at, phrase("malformed character reference"));
            if (!allowed_char(value)) return error(at, phrase("character reference to a character XML does not allow"));
            return j + 1;
        }
        while (j < n && name_char(m_text[j])) ++j;
        if (j >= n || m_text[j] != ';' || j == at + 1)
            return error(at, phrase("'&' must start an entity reference; write &amp; for a literal '&'"));
        const std::string_view name = m_text.substr(at + 1, j - at - 1);
        if (name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "apos")
            return error(at, phrase("undefined entity &{name}; (only &amp; &lt; &gt; &quot; &apos; and character "
                                    "references are accepted)",
                                    {{"name", std::string(name)}}));
        return j + 1;
    }

    // `at` is on '<'; returns the offset after the construct.
    Result<std::size_t> markup(std::size_t at) const {
        const std::size_t n = m_text.size();
        const char second = at + 1 < n ? m_text[at + 1] : '\0';
        if (second != '!' && second != '?') return tag(at);
        if (starts(at, "<!--")) {
            const std::size_t end = m_text.find("-->", at + 4);
            if (end == std::string_view::npos) return error(at, phrase("comment is not closed"));
            const std::size_t dashes = m_text.find("--", at + 4);
            if (dashes < end || (end > at + 4 && m_text[end - 1] == '-'))
                return error(dashes < end ? dashes : end - 1, phrase("\"--\" is not allowed inside a comment"));
            return end + 3;
        }
        if (starts(at, "<![CDATA[")) {
            const std::size_t end = m_text.find("]]>", at + 9);
            if (end == std::string_view::npos) return error(at, phrase("CDATA section is not closed"));
            return end + 3;
        }
        if (starts(at, "<?")) {
            const std::size_t end = m_text.find("?>", at + 2);
            if (end == std::string_view::npos) return error(at, phrase("processing instruction is not closed"));
            return end + 2;
        }
        if (starts(at, "<!DOCTYPE")) return doctype(at);
        return error(at, phrase("unexpected markup declaration"));
    }

    // A start or end tag: attribute values may hold references, never '<'.
    Result<std::size_t> tag(std::size_t at) const {
        const std::size_t n = m_text.size();
        std::size_t j = at + 1;
        while (j < n) {
            const char c = m_text[j];
            if (c == '"' || c == '\'') {
                const std::size_t close = find(j + 1, n, c);
                if (close == n) return error(at, phrase("tag is not closed"));
                if (const std::size_t lt = find(j + 1, close, '<'); lt < close)
                    return error(lt, phrase("'<' is not allowed in an attribute value; write &lt;"));
                for (std::size_t amp = find(j + 1, close, '&'); amp < close; amp = find(amp + 1, close, '&'))
                    if (auto next = reference(amp); !next) return tl::unexpected(next.error());
                j = close + 1;
                continue;
            }
            if (c == '>') return j + 1;
            if (c == '<') return error(j, phrase("'<' inside a tag"));
            ++j;
        }
        return error(at, phrase("tag is not closed"));
    }

    // An internal subset may declare elements, attributes and notations; an
    // entity declaration or a parameter-entity reference is refused, because
    // entities are how XML loads external files and expands without bound.
    Result<std::size_t> doctype(std::size_t at) const {
        const std::size_t n = m_text.size();
        std::size_t j = at + 9;
        char quote = 0;
        bool subset = false;
        while (j < n) {
            const char c = m_text[j];
            if (quote) {
                if (c == quote) quote = 0;
                ++j;
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (!subset && c == '[') {
                subset = true;
            } else if (subset && c == ']') {
                subset = false;
            } else if (!subset && c == '>') {
                return j + 1;
            } else if (subset && starts(j, "<!--")) {
                const std::size_t end = m_text.find("-->", j + 4);
                if (end == std::string_view::npos) return error(j, phrase("comment is not closed"));
                j = end + 3;
                continue;
            } else if (subset && starts(j, "<?")) {
                const std::size_t end = m_text.find("?>", j + 2);
                if (end == std::string_view::npos) return error(j, phrase("processing instruction is not closed"));
                j = end + 2;
                continue;
            } else if (subset && starts(j, "<!ENTITY")) {
                return error(j, phrase("the DOCTYPE declares an entity; entity declarations are refused "
                                       "(they can load external files or expand without bound)"));
            } else if (subset && c == '%' && j + 1 < n && name_char(m_text[j + 1])) {
                return error(j, phrase("the DOCTYPE uses a parameter entity; parameter entities are refused"));
            }
            ++j;
        }
        return error(at, phrase("DOCTYPE is not closed"));
    }

    std::string_view m_text;
    std::string_view m_label;
};

bool ascii_only(std::string_view text, std::size_t& first) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) >= 0x80) {
            first = i;
            return false;
        }
    }
    return true;
}

// Encodings that agree with ASCII on ASCII bytes, so that a pure-ASCII
// document declaring one of them reads the same as UTF-8.
bool ascii_compatible(const std::string& enc) {
    return enc.rfind("iso-8859-", 0) == 0 || enc.rfind("iso8859-", 0) == 0 || enc == "latin1" ||
           enc == "latin-1" || enc.rfind("windows-125", 0) == 0 || enc.rfind("cp125", 0) == 0 ||
           enc == "koi8-r" || enc == "koi8-u" || enc == "macintosh";
}

Status check_encoding(std::string_view text, std::string_view label) {
    if (text.rfind("<?xml", 0) != 0) return {};
    const std::size_t end = text.find("?>");
    if (end == std::string_view::npos) return {};
    const std::string_view decl = text.substr(0, end);
    const std::size_t key = decl.find("encoding");
    if (key == std::string_view::npos) return {};
    std::size_t j = key + 8;
    while (j < decl.size() && (decl[j] == ' ' || decl[j] == '=' || decl[j] == '\t' || decl[j] == '\n' || decl[j] == '\r'))
        ++j;
    if (j >= decl.size() || (decl[j] != '"' && decl[j] != '\'')) return {};
    const char quote = decl[j];
    const std::size_t close = decl.find(quote, j + 1);
    if (close == std::string_view::npos) return {};
    const std::string declared(decl.substr(j + 1, close - j - 1));
    const std::string enc = ascii_lower(declared);
    if (enc == "utf-8" || enc == "utf8") return {};  // the scanner checks it is
    std::size_t first = 0;
    const bool ascii = ascii_only(text, first);
    if (enc == "us-ascii" || enc == "ascii") {
        if (ascii) return {};
        return fail(ErrorCode::invalid,
                    phrase("the document declares encoding \"{encoding}\" but has a byte that is not ASCII",
                           {{"encoding", declared}}),
                    position_at(text, first, std::string(label)));
    }
    if (ascii && ascii_compatible(enc)) return {};
    if (!ascii)
        return fail(ErrorCode::invalid,
                    phrase("the document declares encoding \"{encoding}\", but Tandem reads UTF-8 only: declare "
                           "UTF-8 and store the text as UTF-8",
                           {{"encoding", declared}}),
                    position_at(text, first, std::string(label)));
    return fail(ErrorCode::invalid,
                phrase("the document declares encoding \"{encoding}\" but its bytes are not in that encoding",
                       {{"encoding", declared}}),
                position_at(text, j + 1, std::string(label)));
}

}  // namespace

Result<std::string_view> scan_document(std::string_view xml, std::string_view label) {
    if (xml.size() >= 3 && xml.compare(0, 3, "\xEF\xBB\xBF") == 0) xml.remove_prefix(3);
    const auto b0 = xml.size() > 0 ? static_cast<unsigned char>(xml[0]) : 1;
    const auto b1 = xml.size() > 1 ? static_cast<unsigned char>(xml[1]) : 1;
    if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || b0 == 0 || b1 == 0)
        return fail(ErrorCode::invalid, phrase("the document is UTF-16 or UTF-32; Tandem reads UTF-8 only"),
                    Position{std::string(label), 1, 1});
    if (auto s = check_encoding(xml, label); !s) return tl::unexpected(s.error());
    Scanner scanner(xml, label);
    if (auto s = scanner.run(); !s) return tl::unexpected(s.error());
    return xml;
}

}  // namespace tandem::its

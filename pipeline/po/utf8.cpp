#include "pipeline/po/utf8.h"

#include <cstdint>
#include <cstring>

namespace tandem::po::detail {

namespace {

constexpr std::uint64_t k_high_bits = 0x8080808080808080ULL;

// The length of the ASCII run that starts `text` (eight bytes at a time).
std::size_t ascii_prefix(const unsigned char* p, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        if ((word & k_high_bits) != 0) break;
    }
    while (i < n && p[i] < 0x80) ++i;
    return i;
}

}  // namespace

bool is_ascii(std::string_view text) {
    return ascii_prefix(reinterpret_cast<const unsigned char*>(text.data()), text.size()) == text.size();
}

bool is_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i += ascii_prefix(p + i, n - i);
            continue;
        }
        const unsigned char c = p[i];
        std::size_t len;
        unsigned int cp;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, cp = c & 0x07;
        else
            return false;
        if (n - i < len) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

}  // namespace tandem::po::detail

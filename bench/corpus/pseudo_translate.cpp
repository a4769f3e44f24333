#include <array>

#include "bench/corpus/corpus.h"
#include "bench/corpus/text_edit.h"

namespace tandem::bench {
namespace {

// ASCII letters and their pseudo-translated forms (UTF-8); nullptr: unchanged.
constexpr std::array<const char*, 128> make_accents() {
    std::array<const char*, 128> map{};
    map['a'] = "ä", map['e'] = "é", map['i'] = "ï", map['o'] = "ö", map['u'] = "ü", map['y'] = "ÿ";
    map['c'] = "ç", map['n'] = "ñ";
    map['A'] = "Ä", map['E'] = "É", map['I'] = "Ï", map['O'] = "Ö", map['U'] = "Ü", map['Y'] = "Ÿ";
    map['C'] = "Ç", map['N'] = "Ñ";
    return map;
}

constexpr auto k_accents = make_accents();

}  // namespace

std::string pseudo_translate(std::string_view segment) {
    if (segment.empty()) return {};
    std::string out;
    out.reserve(segment.size() * 5 / 4 + 8);
    out += "⟦";
    std::size_t copied = 0;
    for (const auto& run : detail::text_runs(segment)) {
        if (!run.translate) continue;
        out.append(segment.substr(copied, run.begin - copied));
        // Only ASCII bytes are mapped; multi-byte sequences pass through whole.
        for (std::size_t i = run.begin; i < run.end; ++i) {
            const auto c = static_cast<unsigned char>(segment[i]);
            if (c < 128 && k_accents[c] != nullptr)
                out += k_accents[c];
            else
                out += static_cast<char>(c);
        }
        copied = run.end;
    }
    out.append(segment.substr(copied));
    out += "⟧";
    return out;
}

}  // namespace tandem::bench

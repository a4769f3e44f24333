#include <unordered_map>

#include "pipeline/tm/bit_distance.h"
#include "pipeline/tm/tm.h"
#include "pipeline/tm/tokenize.h"

namespace tandem::tm {

int similarity(std::string_view a, std::string_view b) {
    const std::string x = detail::normalize_whitespace(a);
    const std::string y = detail::normalize_whitespace(b);
    if (x == y) return 100;
    // Number the tokens of both, then measure as lookup does.
    std::unordered_map<std::string_view, std::uint32_t> numbers;
    const auto number = [&](std::string_view text) {
        std::vector<std::uint32_t> out;
        for (const std::string_view token : detail::tokenize(text))
            out.push_back(numbers.try_emplace(token, static_cast<std::uint32_t>(numbers.size())).first->second);
        return out;
    };
    const std::vector<std::uint32_t> xs = number(x);
    const std::vector<std::uint32_t> ys = number(y);
    const std::size_t longer = std::max(xs.size(), ys.size());
    if (longer == 0) return 99;  // different, but only in characters that make no token
    const std::size_t d = detail::PatternDistance(xs, numbers.size()).distance(ys);
    return std::min(99, static_cast<int>(100 * (longer - d) / longer));
}

}  // namespace tandem::tm

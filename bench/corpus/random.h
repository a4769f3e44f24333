#pragma once
// The corpus's only source of randomness: splitmix64, integer arithmetic only,
// so a seed gives the same bytes on every platform and standard library
// (std::uniform_int_distribution and friends are implementation-defined).

#include <cstdint>
#include <span>

namespace tandem::bench::detail {

// Mixes two values into a well-spread 64-bit key (the splitmix64 finalizer);
// used to derive independent streams: one per document, one per pool entry.
constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    std::uint64_t z = a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit constexpr Rng(std::uint64_t seed) : m_state(seed) {}

    constexpr std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, n) for n < 2^32 (multiply-shift; the bias is below 2^-32).
    constexpr std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }

    // Uniform in [lo, hi].
    constexpr std::uint32_t between(std::uint32_t lo, std::uint32_t hi) { return lo + below(hi - lo + 1); }

    // True with probability `share` in [0, 1]. Only exact operations on doubles
    // (a product by a power of two and a comparison), so it is deterministic too.
    constexpr bool chance(double share) {
        return static_cast<double>(next() >> 11) < share * 9007199254740992.0;  // 2^53
    }

    // True with probability percent/100.
    constexpr bool percent(std::uint32_t p) { return below(100) < p; }

    template <class T>
    constexpr const T& pick(std::span<const T> items) {
        return items[below(static_cast<std::uint32_t>(items.size()))];
    }

    // An index in [0, n) skewed towards small values (about half the draws fall
    // in the first fifth): a few shared paragraphs recur often, most rarely.
    constexpr std::uint32_t skewed(std::uint32_t n) {
        const std::uint32_t a = below(n);
        const std::uint32_t b = below(n);
        const std::uint32_t c = below(n);
        const std::uint32_t m = a < b ? a : b;
        return m < c ? m : c;
    }

private:
    std::uint64_t m_state;
};

}  // namespace tandem::bench::detail

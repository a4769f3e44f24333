#pragma once
// Edit distance of one pattern against many texts, private to pipeline/tm:
// Myers' bit-parallel algorithm (1999) in Hyyrö's form for the global
// distance (2003), over blocks of 64 pattern symbols, as edlib does it.
// O(⌈|pattern| / 64⌉ × |text|) instead of O(|pattern| × |text|).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tandem::tm::detail {

class PatternDistance {
public:
    // Symbols are numbers below `alphabet`; pattern symbols at or above it
    // (unknown tokens) match nothing.
    PatternDistance(std::span<const std::uint32_t> pattern, std::size_t alphabet);

    // The edit distance (insert, delete, substitute one symbol, each costing
    // 1) between the pattern and `text`, whose symbols are below `alphabet`.
    std::size_t distance(std::span<const std::uint32_t> text) const;

private:
    std::size_t m_length = 0;
    std::size_t m_blocks = 0;
    std::vector<std::uint32_t> m_slot;  // symbol → row of m_peq (0: in no position of the pattern)
    std::vector<std::uint64_t> m_peq;   // per row, m_blocks words: bit i set where pattern[i] is the symbol
};

}  // namespace tandem::tm::detail

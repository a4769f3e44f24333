#include "pipeline/tm/bit_distance.h"

#include <algorithm>
#include <array>

namespace tandem::tm::detail {

PatternDistance::PatternDistance(std::span<const std::uint32_t> pattern, std::size_t alphabet)
    : m_length(pattern.size()), m_blocks((pattern.size() + 63) / 64), m_slot(alphabet, 0), m_peq(m_blocks, 0) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::uint32_t symbol = pattern[i];
        if (symbol >= alphabet) continue;
        if (m_slot[symbol] == 0) {
            m_slot[symbol] = static_cast<std::uint32_t>(m_peq.size() / m_blocks);
            m_peq.resize(m_peq.size() + m_blocks, 0);
        }
        m_peq[m_slot[symbol] * m_blocks + i / 64] |= std::uint64_t{1} << (i % 64);
    }
}

std::size_t PatternDistance::distance(std::span<const std::uint32_t> text) const {
    if (m_length == 0) return text.size();
    // Vertical deltas of the current column, +1 (pv) or −1 (mv) per row: the
    // first column is D[i][0] = i, all +1.
    // On the stack up to 512 pattern symbols (a long paragraph), else on the heap.
    std::array<std::uint64_t, 16> small;
    std::vector<std::uint64_t> large;
    std::uint64_t* pv = small.data();
    if (m_blocks > small.size() / 2) {
        large.resize(2 * m_blocks);
        pv = large.data();
    }
    std::uint64_t* mv = pv + m_blocks;
    std::fill(pv, pv + m_blocks, ~std::uint64_t{0});
    std::fill(mv, mv + m_blocks, 0);
    const std::size_t last = m_blocks - 1;
    const std::uint64_t last_bit = std::uint64_t{1} << ((m_length - 1) % 64);
    std::size_t score = m_length;  // D[n][j]
    for (const std::uint32_t symbol : text) {
        const std::uint64_t* peq = &m_peq[static_cast<std::size_t>(m_slot[symbol]) * m_blocks];
        int hin = 1;  // D[0][j] − D[0][j−1]: the global distance's top row counts up
        for (std::size_t b = 0; b < m_blocks; ++b) {
            std::uint64_t eq = peq[b];
            const std::uint64_t xv = eq | mv[b];
            if (hin < 0) eq |= 1;
            const std::uint64_t xh = (((eq & pv[b]) + pv[b]) ^ pv[b]) | eq;
            std::uint64_t ph = mv[b] | ~(xh | pv[b]);
            std::uint64_t mh = pv[b] & xh;
            // Bits above the pattern's end in the last block are never read:
            // carries and shifts only move upwards.
            const std::uint64_t out_bit = b == last ? last_bit : std::uint64_t{1} << 63;
            const int hout = (ph & out_bit) ? 1 : (mh & out_bit) ? -1 : 0;
            ph <<= 1;
            mh <<= 1;
            if (hin < 0)
                mh |= 1;
            else if (hin > 0)
                ph |= 1;
            pv[b] = mh | ~(xv | ph);
            mv[b] = ph & xv;
            hin = hout;
        }
        score = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(score) + hin);
    }
    return score;
}

}  // namespace tandem::tm::detail

#pragma once
// A word-level diff of two texts, for showing a translator what changed in a
// segment's source (inline tags count as single words).

#include <string>
#include <string_view>
#include <vector>

namespace tandem {

enum class DiffOp { equal, removed, added };

struct DiffPiece {
    DiffOp op;
    std::string text;  // words with the spaces that follow them
};

// The shortest edit (longest common subsequence of words) from `before` to
// `after`, with neighbouring pieces of the same kind joined. Pure.
std::vector<DiffPiece> word_diff(std::string_view before, std::string_view after);

// "equal", "removed", "added"
const char* diff_op_name(DiffOp op);

}  // namespace tandem

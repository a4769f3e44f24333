#pragma once
// The structure of a resource document as editors think of it (title,
// summary, sections, blocks), and a structure-aware diff of two revisions.

#include <string>
#include <string_view>
#include <vector>

#include "cms/core/result.h"

namespace tandem::model {

// One block of text: the title, the summary, the metadata, a heading, a
// paragraph, a list item, a quote or a note. `text` keeps inline markup as
// written (serialized without the namespace), so a changed link shows.
struct Block {
    std::string section;  // "" for title/summary/meta/top-level blocks, else the section id path "a/b"
    std::string kind;     // "title", "summary", "meta", "h", "p", "li", "quote", "note"
    std::string text;
};

struct Outline {
    std::vector<Block> blocks;  // in document order
};

// Errors: invalid (not well-formed), with line and column.
Result<Outline> read_outline(std::string_view xml);

enum class ChangeKind { added, removed, changed };

struct BlockChange {
    ChangeKind kind;
    std::string section;
    std::string block_kind;
    std::string before;  // empty when added
    std::string after;   // empty when removed
};

struct SectionChange {
    ChangeKind kind;
    std::string section;  // "" stands for the document's head (title, summary, meta)
};

struct OutlineDiff {
    std::vector<SectionChange> sections;
    std::vector<BlockChange> blocks;
    bool empty() const { return sections.empty() && blocks.empty(); }
};

// Which sections were added, removed or changed, and which blocks within them,
// matching blocks in order (longest common subsequence) so an inserted
// paragraph shows as one addition, not as every later paragraph changed.
// Pure: cannot fail.
OutlineDiff diff_outlines(const Outline& before, const Outline& after);

const char* change_kind_name(ChangeKind kind);

}  // namespace tandem::model

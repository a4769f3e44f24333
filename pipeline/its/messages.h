#pragma once
// itstool's messages for one document: made as its generate_message does
// (so msgids, placeholders and comments are the same) and formatted as its
// MessageList.output does (duplicates merged into the first). Internal to
// pipeline/its.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cms/model/segment.h"
#include "pipeline/its/document.h"
#include "pipeline/its/its.h"
#include "pipeline/its/resolve.h"

namespace tandem::its {

struct Comment {
    std::string text;
    std::vector<std::string> markers;  // "./em/strong": where inside the unit the note applies
};

// Where a message comes from; its reference ("file:line") and path comment
// ("parent/name") are written from it.
struct Origin {
    enum class Kind : std::uint8_t { unit, attribute, external };
    std::uint32_t node = k_none;  // an element, or an attribute node for attribute and external
    Kind kind = Kind::unit;
};

struct Message {
    std::string raw;  // the msgid before whitespace is collapsed
    bool empty = true;  // no text but whitespace
    std::optional<std::string> msgctxt;
    std::vector<std::uint32_t> placeholders;  // element ids of <_:name-N/>, N = index + 1
    std::vector<Origin> origins;
    std::vector<std::string> id_values;       // "file.xml#id"
    std::optional<LocaleFilter> locale_filter;
    bool locale_filter_merged = false;        // itstool's merged filter (see messages.cpp)
    std::vector<Comment> comments;
    bool preserve = false;
    std::uint32_t node = k_none;  // the element or attribute it comes from; k_none for credits and external refs

    // itstool's get_string: whitespace collapsed unless space is preserved.
    std::string msgid() const;
};

struct MessageList {
    std::vector<Message> messages;                          // in itstool's order, duplicates included
    std::unordered_map<std::uint32_t, std::size_t> by_node;  // node id → index in messages
};

enum class WithComments { yes, no };

MessageList generate_messages(const Document& doc, const Facts& facts, std::string_view reference_path,
                              WithComments comments, const DocumentOptions& options);

// One document's messages with what names their paths and references.
struct DocumentMessages {
    const MessageList* list = nullptr;
    const Document* doc = nullptr;
    std::string_view reference_path;
};

// A message as Message.format writes it: the segment, and which of its
// comments are the bare "#." between two notes (the others are written
// "#. text", an empty line of a note too).
struct FormattedMessage {
    model::Segment segment;
    std::vector<bool> separators;  // one per segment.comments
};

// Several documents' messages, duplicates (in one or across documents)
// merged into the first, as one itstool run over the documents merges them.
std::vector<FormattedMessage> format_messages(std::span<const DocumentMessages> documents);

// One document's: duplicates merged; comments, references and flags as
// itstool writes them.
std::vector<model::Segment> format_segments(const MessageList& list, const Document& doc,
                                            std::string_view reference_path);

// The line of the element a message comes from (0 for credits).
int line_of(const Message& msg, const Document& doc);

}  // namespace tandem::its

#include "pipeline/po/mo.h"

#include <cstdint>
#include <optional>

#include "cms/core/text.h"

namespace tandem::po {

namespace {

constexpr std::uint32_t mo_magic = 0x950412de;

// Reads 32-bit words of the file in the byte order its magic number says.
struct WordReader {
    std::string_view bytes;
    bool swapped = false;

    std::optional<std::uint32_t> at(std::uint64_t offset) const {
        if (offset + 4 > bytes.size()) return std::nullopt;
        auto b = [&](std::uint64_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[offset + i])); };
        std::uint32_t little = b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
        std::uint32_t big = b(3) | b(2) << 8 | b(1) << 16 | b(0) << 24;
        return swapped ? big : little;
    }

    // The string described by the (length, offset) pair at `descriptor`.
    std::optional<std::string_view> string_at(std::uint64_t descriptor) const {
        auto length = at(descriptor), offset = at(descriptor + 4);
        if (!length || !offset || std::uint64_t{*offset} + *length > bytes.size()) return std::nullopt;
        return bytes.substr(*offset, *length);
    }
};

}  // namespace

std::string CompiledCatalog::lookup(std::string_view msgid, std::string_view msgctxt) const {
    std::string key = msgctxt.empty() ? std::string(msgid) : std::string(msgctxt) + '\x04' + std::string(msgid);
    auto found = messages.find(key);
    if (found == messages.end() || found->second.empty()) return std::string(msgid);
    return found->second;
}

Result<CompiledCatalog> parse_mo(std::string_view bytes, std::string_view label) {
    auto corrupt = [&](std::string what) { return fail(ErrorCode::corrupt, std::string(label) + ": not a valid .mo file: " + what); };
    WordReader words{bytes};
    auto magic = words.at(0);
    if (!magic) return corrupt("shorter than its header");
    if (*magic != mo_magic) {
        words.swapped = true;
        if (words.at(0) != mo_magic) return corrupt("bad magic number");
    }
    auto count = words.at(8), originals = words.at(12), translations = words.at(16);
    if (!count || !originals || !translations) return corrupt("shorter than its header");
    CompiledCatalog catalog;
    for (std::uint64_t i = 0; i < *count; ++i) {
        auto original = words.string_at(*originals + i * 8);
        auto translation = words.string_at(*translations + i * 8);
        if (!original || !translation) return corrupt("message " + std::to_string(i) + " lies outside the file");
        if (original->empty()) continue;  // the header
        // A plural entry is "msgid\0msgid_plural"; the lookup key is the msgid.
        std::string_view key = original->substr(0, original->find('\0'));
        std::string_view value = translation->substr(0, translation->find('\0'));
        catalog.messages.emplace(key, value);
    }
    return catalog;
}

Result<CompiledCatalog> read_mo(const std::filesystem::path& path) {
    auto bytes = read_file(path);
    if (!bytes) return tl::unexpected(bytes.error());
    return parse_mo(*bytes, path.string());
}

}  // namespace tandem::po

// read_catalog: libgettextpo parses; this file copies its result into a Catalog
// and brings it to UTF-8.

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "cms/core/text.h"
#include "pipeline/po/catalog.h"
#include "pipeline/po/libgettextpo.h"
#include "pipeline/po/utf8.h"

namespace tandem::po {

namespace {

using detail::Diagnostics;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// Where the charset name sits in a header, found the way gettext finds it:
// the first "charset=", up to a space, tab or newline.
struct CharsetSpan {
    std::size_t start = std::string::npos;
    std::size_t length = 0;
};

CharsetSpan find_charset(std::string_view header) {
    CharsetSpan span;
    const std::size_t at = header.find("charset=");
    if (at == std::string_view::npos) return span;
    span.start = at + 8;
    const std::size_t end = header.find_first_of(" \t\n", span.start);
    span.length = (end == std::string_view::npos ? header.size() : end) - span.start;
    return span;
}

// The charset the header declares, as libgettextpo reads it ("" when none).
std::string declared_charset(const Catalog& catalog) {
    const CharsetSpan span = find_charset(catalog.header);
    if (!catalog.has_header || span.start == std::string::npos) return {};
    return catalog.header.substr(span.start, span.length);
}

enum class Encoding { utf8, undeclared, other };

Encoding classify(std::string_view charset) {
    if (charset.empty() || charset == "CHARSET") return Encoding::undeclared;  // a template's placeholder
    if (equals_ignoring_case(charset, "UTF-8") || equals_ignoring_case(charset, "UTF8")) return Encoding::utf8;
    return Encoding::other;
}

// Converts one string with a fresh shift state. Returns the offset of the first
// byte that does not convert, or npos when all of `in` converted.
std::size_t convert(iconv_t cd, std::string_view in, std::string& out) {
    out.clear();
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    char buffer[4096];
    while (src_left > 0) {
        char* dst = buffer;
        std::size_t dst_left = sizeof buffer;
        const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
        out.append(buffer, static_cast<std::size_t>(dst - buffer));
        if (rc == static_cast<std::size_t>(-1) && errno != E2BIG) return static_cast<std::size_t>(src - in.data());
    }
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    iconv(cd, nullptr, nullptr, &dst, &dst_left);  // flush a final shift sequence
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    return std::string::npos;
}

Error invalid_at(std::string message, std::string_view label, int line, int column = 0) {
    return Error{ErrorCode::invalid, std::move(message), Position{std::string(label), line, column}};
}

// The 1-based line of the first line whose first word is `domain`.
int domain_directive_line(std::string_view bytes) {
    int line = 1;
    std::size_t i = 0;
    while (i < bytes.size()) {
        std::size_t j = i;
        while (j < bytes.size() && (bytes[j] == ' ' || bytes[j] == '\t')) ++j;
        if (bytes.compare(j, 6, "domain") == 0 && j + 6 < bytes.size() &&
            (bytes[j + 6] == ' ' || bytes[j + 6] == '\t' || bytes[j + 6] == '"'))
            return line;
        const std::size_t nl = bytes.find('\n', i);
        if (nl == std::string_view::npos) break;
        i = nl + 1;
        ++line;
    }
    return 0;
}

std::string reference_text(po_filepos_t pos) {
    std::string text = po_filepos_file(pos);
    const std::size_t line = po_filepos_start_line(pos);
    if (line != static_cast<std::size_t>(-1)) {
        text += ':';
        text += std::to_string(line);
    }
    return text;
}

// The flags that the 0.21 API can tell: X-format (also for "possible-X-format",
// which gettext writes as X-format) and the range. It cannot tell "no-X-format"
// or "no-wrap"; flags_as_written() recovers those.
// `formats` is false when the text holds no "-format" at all: then no message
// has such a flag, and the ~30 lookups per message (each a linear search of
// gettext's table) are skipped.
std::vector<std::string> flags_from_api(po_message_t message, bool formats) {
    std::vector<std::string> flags;
    if (formats)
        for (const char* const* format = po_format_list(); *format != nullptr; ++format)
            if (po_message_is_format(message, *format)) flags.emplace_back(*format);
    int min = 0, max = 0;
    if (po_message_is_range(message, &min, &max))
        flags.push_back("range: " + std::to_string(min) + ".." + std::to_string(max));
    return flags;
}

// Every message's flags as libgettextpo itself writes them. po_file_write puts
// one message per block of lines, blocks separated by one empty line (strings
// are quoted and never hold a raw newline), non-obsolete messages first, then
// the obsolete ones; a block's "#, " line lists its flags. Returns one list per
// block, or nothing if the text does not have that shape.
std::optional<std::vector<std::vector<std::string>>> flags_as_written(po_file_t file, detail::Decoding decoding) {
    auto scratch = detail::ScratchFile::create({});
    if (!scratch) return std::nullopt;
    Diagnostics diags;
    if (!detail::write_file(file, scratch->path(), diags, decoding) || diags.first_error() != nullptr)
        return std::nullopt;
    auto text = scratch->contents();
    if (!text) return std::nullopt;

    std::vector<std::vector<std::string>> blocks;
    bool in_block = false;
    std::string_view rest(*text);
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
        if (line.empty()) {
            in_block = false;
            continue;
        }
        if (!in_block) {
            blocks.emplace_back();
            in_block = true;
        }
        if (line.substr(0, 3) != "#, ") continue;
        std::string_view list = line.substr(3);
        while (!list.empty()) {
            const std::size_t comma = list.find(',');
            std::string_view flag = list.substr(0, comma);
            while (!flag.empty() && flag.front() == ' ') flag.remove_prefix(1);
            while (!flag.empty() && flag.back() == ' ') flag.remove_suffix(1);
            if (!flag.empty() && flag != "fuzzy") blocks.back().emplace_back(flag);
            list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
        }
    }
    return blocks;
}

// libgettextpo 0.21 has no getter for a message's position, but its format
// checker reports problems at the position the reader recorded for the
// message. So, once everything else has been copied out, each message is
// turned into a certain c-format mismatch and its line read off the report.
// This destroys the messages: the file is discarded afterwards.
int line_of(po_message_t message) {
    po_message_set_obsolete(message, 0);
    po_message_set_fuzzy(message, 0);
    po_message_set_msgid_plural(message, nullptr);
    po_message_set_msgid(message, "%d");
    po_message_set_msgstr(message, "%s%s");
    po_message_set_format(message, "c-format", 1);
    struct Call {
        po_message_t message;
    } call{message};
    Diagnostics diags;
    detail::call_reporting(
        diags, [](void* arg) { po_message_check_format(static_cast<Call*>(arg)->message, detail::handler()); }, &call);
    for (const detail::Diagnostic& d : diags.items)
        if (d.line > 0) return d.line;
    return 0;
}

// Brings every string of `catalog` from the declared charset to UTF-8.
Status convert_to_utf8(Catalog& catalog, iconv_t cd, std::string_view label) {
    std::string out;
    std::string failed;
    auto fix = [&](std::string& s) {
        if (convert(cd, s, out) != std::string::npos) {
            if (failed.empty()) failed = s;
            return;
        }
        s.swap(out);
    };
    auto fix_opt = [&](std::optional<std::string>& s) {
        if (s) fix(*s);
    };
    auto fix_all = [&](std::vector<std::string>& v) {
        for (std::string& s : v) fix(s);
    };
    fix(catalog.header);
    fix_all(catalog.header_comments);
    for (Message& m : catalog.messages) {
        failed.clear();
        fix_opt(m.msgctxt);
        fix(m.msgid);
        fix_opt(m.msgid_plural);
        fix(m.msgstr);
        fix_all(m.msgstr_plural);
        fix_all(m.translator_comments);
        fix_all(m.extracted_comments);
        fix_all(m.references);
        fix_opt(m.previous_msgctxt);
        fix_opt(m.previous_msgid);
        fix_opt(m.previous_msgid_plural);
        if (!failed.empty()) return tl::unexpected(invalid_at("text not valid in the declared charset", label, m.line));
    }
    return {};
}

// Brings a catalog read in its declared charset to UTF-8, or makes sure that
// text declared (or taken) as UTF-8 is UTF-8 throughout; errors point into `bytes`.
// `utf8`: `bytes` is known to be valid UTF-8.
Status bring_to_utf8(Catalog& catalog, std::string_view bytes, std::string_view label, bool utf8) {
    switch (classify(declared_charset(catalog))) {
        case Encoding::utf8:
            if (utf8) break;
            if (auto ok = check_utf8(bytes, label); !ok) return ok;
            break;
        case Encoding::undeclared:
            // gettext takes such text as ASCII, and would not write it back.
            for (std::size_t i = 0; i < bytes.size(); ++i)
                if (static_cast<unsigned char>(bytes[i]) >= 0x80)
                    return fail(ErrorCode::invalid, "non-ASCII text, but the header declares no charset",
                                position_at(bytes, i, std::string(label)));
            break;
        case Encoding::other: {
            const std::string charset = declared_charset(catalog);
            iconv_t cd = iconv_open("UTF-8", charset.c_str());
            if (cd == reinterpret_cast<iconv_t>(-1))
                return fail(ErrorCode::invalid, "unsupported charset \"" + charset + "\"",
                            Position{std::string(label)});
            std::string converted;
            const std::size_t bad = convert(cd, bytes, converted);
            Status status;
            if (bad != std::string::npos)
                status = fail(ErrorCode::invalid, "text not valid in the declared charset " + charset,
                              position_at(bytes, bad, std::string(label)));
            else
                status = convert_to_utf8(catalog, cd, label);
            iconv_close(cd);
            if (!status) return status;
            // As msgconv does: only the charset name in the header changes.
            const CharsetSpan at = find_charset(catalog.header);
            catalog.header.replace(at.start, at.length, "UTF-8");
            break;
        }
    }
    return {};
}

Message copy_message(po_message_t pm, bool formats) {
    Message m;
    if (const char* ctxt = po_message_msgctxt(pm)) m.msgctxt = ctxt;
    m.msgid = po_message_msgid(pm);
    if (const char* plural = po_message_msgid_plural(pm)) {
        m.msgid_plural = plural;
        for (int i = 0; const char* s = po_message_msgstr_plural(pm, i); ++i) m.msgstr_plural.emplace_back(s);
    } else {
        m.msgstr = po_message_msgstr(pm);
    }
    m.translator_comments = detail::take_comment_lines(po_message_comments(pm));
    m.extracted_comments = detail::take_comment_lines(po_message_extracted_comments(pm));
    for (int i = 0; po_filepos_t pos = po_message_filepos(pm, i); ++i) m.references.push_back(reference_text(pos));
    m.flags = flags_from_api(pm, formats);
    m.fuzzy = po_message_is_fuzzy(pm) != 0;
    m.obsolete = po_message_is_obsolete(pm) != 0;
    if (const char* s = po_message_prev_msgctxt(pm)) m.previous_msgctxt = s;
    if (const char* s = po_message_prev_msgid(pm)) m.previous_msgid = s;
    if (const char* s = po_message_prev_msgid_plural(pm)) m.previous_msgid_plural = s;
    return m;
}

}  // namespace

bool Message::translated() const {
    if (fuzzy || obsolete) return false;
    if (!msgid_plural) return !msgstr.empty();
    if (msgstr_plural.empty()) return false;
    for (const std::string& s : msgstr_plural)
        if (s.empty()) return false;
    return true;
}

namespace {

// One libgettextpo read of the scratch file: a catalog or an error to report;
// or, for Decoding::bytes only, nothing when the outcome might differ from a
// per-charset read's (see libgettextpo.h): the caller then reads again.
std::optional<Result<Catalog>> read_scratch(const char* path, std::string_view bytes, std::string_view label, detail::Decoding decoding,
                     bool ascii) {
    const bool as_bytes = decoding == detail::Decoding::bytes;
    Diagnostics diags;
    detail::FilePtr file = detail::read_file(path, diags, decoding);
    // Diagnostics must come from a per-charset read: their columns count
    // characters, and only it sees invalid multibyte sequences.
    if (as_bytes && (diags.fatal || diags.first_error() != nullptr || !file)) return std::nullopt;
    // A fatal error while reading is a failure to read (libgettextpo's
    // parser never gives up on bad text: Tandem lets it report everything).
    if (diags.fatal)
        return {fail(ErrorCode::io, diags.first_error() ? diags.first_error()->text : "cannot read",
                     Position{std::string(label)})};
    if (const detail::Diagnostic* e = diags.first_error())
        return {tl::unexpected(invalid_at(e->text, label, e->line, e->column))};
    if (!file) return {fail(ErrorCode::io, "libgettextpo cannot read the catalog", Position{std::string(label)})};

    const char* const* domains = po_file_domains(file.get());
    if (domains[0] != nullptr && (domains[1] != nullptr || std::strcmp(domains[0], "messages") != 0)) {
        // Another domain's header may declare another charset.
        if (as_bytes) return std::nullopt;
        return {tl::unexpected(invalid_at("domain directives are not supported: one catalog holds one domain",
                                          label, domain_directive_line(bytes)))};
    }

    Catalog catalog;
    catalog.has_header = false;
    // Copy the messages out, remembering the order po_file_write prints them in.
    detail::IteratorPtr it(po_message_iterator(file.get(), nullptr));
    std::vector<po_message_t> handles;  // list order
    std::vector<int> slot;              // per handle: index in catalog.messages, -1 for the header
    // Only "no-wrap" and "no-X-format" need the written form (flags_from_api).
    const bool needs_written_flags = bytes.find("no-") != std::string_view::npos;
    const bool formats = bytes.find("-format") != std::string_view::npos;
    while (po_message_t pm = po_next_message(it.get())) {
        handles.push_back(pm);
        const char* ctxt = po_message_msgctxt(pm);
        const bool obsolete = po_message_is_obsolete(pm) != 0;
        if (!catalog.has_header && ctxt == nullptr && !obsolete && *po_message_msgid(pm) == '\0') {
            catalog.has_header = true;
            catalog.header = po_message_msgstr(pm);
            // The header decides how libgettextpo decodes what follows it: bytes
            // stand for the same text only when it says UTF-8 (or all is ASCII).
            if (as_bytes && !ascii && classify(declared_charset(catalog)) != Encoding::utf8) return std::nullopt;
            catalog.header_comments = detail::take_comment_lines(po_message_comments(pm));
            catalog.header_fuzzy = po_message_is_fuzzy(pm) != 0;
            slot.push_back(-1);
            continue;
        }
        slot.push_back(static_cast<int>(catalog.messages.size()));
        catalog.messages.push_back(copy_message(pm, formats));
    }
    if (as_bytes && !ascii && !catalog.has_header) return std::nullopt;

    if (needs_written_flags) {
        // po_file_write leaves out obsolete messages without a translation.
        std::vector<std::size_t> print_order;  // indices into handles
        for (std::size_t i = 0; i < handles.size(); ++i)
            if (!po_message_is_obsolete(handles[i])) print_order.push_back(i);
        for (std::size_t i = 0; i < handles.size(); ++i)
            if (po_message_is_obsolete(handles[i]) && *po_message_msgstr(handles[i]) != '\0')
                print_order.push_back(i);
        auto written = flags_as_written(file.get(), decoding);
        if (written && written->size() == print_order.size())
            for (std::size_t k = 0; k < print_order.size(); ++k)
                if (slot[print_order[k]] >= 0) catalog.messages[slot[print_order[k]]].flags = (*written)[k];
    }

    for (std::size_t i = 0; i < handles.size(); ++i) {
        const int line = line_of(handles[i]);
        if (slot[i] >= 0) catalog.messages[slot[i]].line = line;
    }
    return catalog;
}

}  // namespace

Result<Catalog> read_catalog(std::string_view bytes, std::string_view label) {
    if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos)
        return fail(ErrorCode::invalid, "NUL byte in PO text", position_at(bytes, nul, std::string(label)));

    const bool ascii = detail::is_ascii(bytes);
    const bool utf8 = ascii || detail::is_utf8(bytes);
    std::optional<Result<Catalog>> outcome;
    {
        auto lock = detail::lock_libgettextpo();
        auto scratch = detail::ScratchFile::create(bytes);
        if (!scratch) return tl::unexpected(scratch.error());
        // Valid UTF-8 is first read byte by byte, the fast way; when that read
        // cannot stand for a per-charset one, the text is read again per charset.
        if (utf8) outcome = read_scratch(scratch->path(), bytes, label, detail::Decoding::bytes, ascii);
        if (!outcome) outcome = read_scratch(scratch->path(), bytes, label, detail::Decoding::per_charset, ascii);
    }
    if (!*outcome) return tl::unexpected(std::move(outcome->error()));
    Catalog& catalog = **outcome;
    if (auto ok = bring_to_utf8(catalog, bytes, label, utf8); !ok) return tl::unexpected(ok.error());
    return std::move(catalog);
}

}  // namespace tandem::po

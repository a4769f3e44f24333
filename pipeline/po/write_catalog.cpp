// write_catalog: the catalog is rebuilt as libgettextpo messages and printed by
// libgettextpo itself, so wrapping, escaping and ordering are msgcat's.

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cms/core/text.h"
#include "pipeline/po/catalog.h"
#include "pipeline/po/libgettextpo.h"

namespace tandem::po {

namespace {

using detail::Diagnostics;

Error invalid(std::string message) {
    return Error{ErrorCode::invalid, std::move(message), {}};
}

std::string describe_message(const Message& m) {
    std::size_t cut = std::min<std::size_t>(m.msgid.size(), 40);
    while (cut < m.msgid.size() && cut > 0 && (static_cast<unsigned char>(m.msgid[cut]) & 0xC0) == 0x80) --cut;
    std::string id = m.msgid.substr(0, cut);
    if (cut < m.msgid.size()) id += "...";
    return "message \"" + id + "\"";
}

bool is_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// A flag goes into the skeleton text as is, so it must be one token of a "#,"
// line: "no-wrap", "c-format", "range: 1..3".
bool writable_flag(std::string_view flag) {
    if (flag.empty()) return false;
    for (char c : flag) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.' || c == ':' || c == ' ' || c == '+';
        if (!ok) return false;
    }
    return true;
}

// Checks what libgettextpo would silently mangle or refuse to print.
Status check_catalog(const Catalog& catalog) {
    bool all_ascii = true;
    std::string problem;
    auto check_text = [&](std::string_view s, const std::string& where) {
        if (!problem.empty()) return;
        if (s.find('\0') != std::string_view::npos)
            problem = where + ": NUL byte";
        else if (!check_utf8(s, {}))
            problem = where + ": text is not UTF-8";
        if (all_ascii && !is_ascii(s)) all_ascii = false;
    };
    auto check_all = [&](const std::vector<std::string>& v, const std::string& where) {
        for (const std::string& s : v) check_text(s, where);
    };
    check_text(catalog.header, "header");
    check_all(catalog.header_comments, "header");

    std::set<std::tuple<bool, std::string_view, std::string_view>> keys;
    for (const Message& m : catalog.messages) {
        const std::string where = describe_message(m);
        if (m.msgid.empty() && !m.msgctxt && !m.obsolete)
            return tl::unexpected(invalid("a message with an empty msgid and no msgctxt is the header"));
        const std::string_view msgctxt = m.msgctxt ? std::string_view(*m.msgctxt) : std::string_view();
        if (!keys.emplace(m.msgctxt.has_value(), msgctxt, m.msgid).second)
            return tl::unexpected(invalid(where + " appears twice"));
        for (const std::string& flag : m.flags)
            if (!writable_flag(flag))
                return tl::unexpected(invalid(where + ": flag \"" + flag + "\" cannot be written"));
        for (const std::string& ref : m.references)
            if (ref.empty() || ref.find('\n') != std::string::npos)
                return tl::unexpected(invalid(where + ": bad reference"));
        if (m.msgctxt) check_text(*m.msgctxt, where);
        check_text(m.msgid, where);
        if (m.msgid_plural) check_text(*m.msgid_plural, where);
        check_text(m.msgstr, where);
        check_all(m.msgstr_plural, where);
        check_all(m.translator_comments, where);
        check_all(m.extracted_comments, where);
        check_all(m.references, where);
        if (m.previous_msgctxt) check_text(*m.previous_msgctxt, where);
        if (m.previous_msgid) check_text(*m.previous_msgid, where);
        if (m.previous_msgid_plural) check_text(*m.previous_msgid_plural, where);
        if (!problem.empty()) return tl::unexpected(invalid(problem));
    }
    if (!problem.empty()) return tl::unexpected(invalid(problem));

    if (!all_ascii) {
        // libgettextpo takes text as ASCII unless the header says otherwise.
        std::string charset;
        if (catalog.has_header) {
            if (const std::size_t at = catalog.header.find("charset="); at != std::string::npos) {
                charset = catalog.header.substr(at + 8);
                charset = charset.substr(0, charset.find_first_of(" \t\n"));
            }
        }
        std::string lower = charset;
        for (char& c : lower)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (lower != "utf-8" && lower != "utf8")
            return tl::unexpected(invalid("the catalog's text is UTF-8 but its header declares " +
                                          (charset.empty() ? std::string("no charset") : "charset " + charset)));
    }
    return {};
}

std::string joined_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) {
        text += line;
        text += '\n';
    }
    return text;
}

void add_reference(po_message_t message, const std::string& ref) {
    // "file:line" when what follows the last colon is a line number; otherwise
    // the whole text is a file name (read_catalog writes line-less ones so).
    const std::size_t colon = ref.rfind(':');
    if (colon != std::string::npos && colon + 1 < ref.size() && colon > 0 &&
        ref.find_first_not_of("0123456789", colon + 1) == std::string::npos && ref.size() - colon - 1 < 10) {
        po_message_add_filepos(message, ref.substr(0, colon).c_str(), std::stoul(ref.substr(colon + 1)));
        return;
    }
    po_message_add_filepos(message, ref.c_str(), static_cast<std::size_t>(-1));
}

void fill(po_message_t pm, const Message& m) {
    if (m.msgctxt) po_message_set_msgctxt(pm, m.msgctxt->c_str());
    po_message_set_msgid(pm, m.msgid.c_str());
    if (m.msgid_plural) {
        po_message_set_msgid_plural(pm, m.msgid_plural->c_str());
        for (std::size_t i = 0; i < m.msgstr_plural.size(); ++i)
            po_message_set_msgstr_plural(pm, static_cast<int>(i), m.msgstr_plural[i].c_str());
    } else {
        po_message_set_msgstr(pm, m.msgstr.c_str());
    }
    po_message_set_comments(pm, joined_lines(m.translator_comments).c_str());
    po_message_set_extracted_comments(pm, joined_lines(m.extracted_comments).c_str());
    for (const std::string& ref : m.references) add_reference(pm, ref);
    if (m.previous_msgctxt) po_message_set_prev_msgctxt(pm, m.previous_msgctxt->c_str());
    if (m.previous_msgid) po_message_set_prev_msgid(pm, m.previous_msgid->c_str());
    if (m.previous_msgid_plural) po_message_set_prev_msgid_plural(pm, m.previous_msgid_plural->c_str());
    bool fuzzy = m.fuzzy;
    for (const std::string& flag : m.flags) fuzzy = fuzzy || flag == "fuzzy";
    po_message_set_fuzzy(pm, fuzzy ? 1 : 0);
    po_message_set_obsolete(pm, m.obsolete ? 1 : 0);
}

}  // namespace

Result<std::string> write_catalog(const Catalog& catalog) {
    if (auto ok = check_catalog(catalog); !ok) return tl::unexpected(ok.error());

    // The 0.21 API cannot set every flag ("no-wrap" has no setter at all), so the
    // messages are born from a skeleton that libgettextpo parses: one entry per
    // message with its flags line and a placeholder msgid; every other field is
    // then set through the API.
    std::string skeleton;
    std::size_t placeholder = 0;
    auto add_entry = [&](const std::vector<std::string>* flags) {
        std::string list;
        if (flags != nullptr)
            for (const std::string& flag : *flags) {
                if (flag == "fuzzy") continue;
                list += list.empty() ? "#, " : ", ";
                list += flag;
            }
        if (!list.empty()) skeleton += list + "\n";
        skeleton += "msgid \"" + std::to_string(placeholder++) + "\"\nmsgstr \"\"\n\n";
    };
    if (catalog.has_header) add_entry(nullptr);
    for (const Message& m : catalog.messages) add_entry(&m.flags);

    auto lock = detail::lock_libgettextpo();
    auto in = detail::ScratchFile::create(skeleton);
    if (!in) return tl::unexpected(in.error());
    Diagnostics diags;
    detail::FilePtr file = detail::read_file(in->path(), diags);
    if (const detail::Diagnostic* e = diags.first_error())
        return fail(ErrorCode::invalid, "cannot write the catalog's flags: " + e->text);
    if (!file) return fail(ErrorCode::io, "libgettextpo cannot build the catalog");

    detail::IteratorPtr it(po_message_iterator(file.get(), nullptr));
    std::size_t next = 0;
    while (po_message_t pm = po_next_message(it.get())) {
        if (catalog.has_header && next == 0) {
            po_message_set_msgid(pm, "");
            po_message_set_msgstr(pm, catalog.header.c_str());
            po_message_set_comments(pm, joined_lines(catalog.header_comments).c_str());
            po_message_set_fuzzy(pm, catalog.header_fuzzy ? 1 : 0);
        } else {
            const std::size_t index = next - (catalog.has_header ? 1 : 0);
            if (index >= catalog.messages.size()) return fail(ErrorCode::io, "libgettextpo built too many messages");
            fill(pm, catalog.messages[index]);
        }
        ++next;
    }
    if (next != catalog.messages.size() + (catalog.has_header ? 1 : 0))
        return fail(ErrorCode::io, "libgettextpo built too few messages");

    auto out = detail::ScratchFile::create({});
    if (!out) return tl::unexpected(out.error());
    Diagnostics write_diags;
    if (!detail::write_file(file.get(), out->path(), write_diags) || write_diags.first_error() != nullptr) {
        const detail::Diagnostic* e = write_diags.first_error();
        return fail(ErrorCode::io, "libgettextpo cannot write the catalog" + (e ? ": " + e->text : std::string()));
    }
    return out->contents();
}

}  // namespace tandem::po

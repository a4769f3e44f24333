// write_catalog: the catalog is rebuilt as libgettextpo messages and printed by
// libgettextpo itself, so wrapping, escaping and ordering are msgcat's.

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "pipeline/po/catalog.h"
#include "pipeline/po/libgettextpo.h"
#include "pipeline/po/utf8.h"

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
    // `where` names the message only once there is a problem to report.
    const Message* current = nullptr;
    auto where = [&] { return current != nullptr ? describe_message(*current) : std::string("header"); };
    auto check_text = [&](std::string_view s) {
        if (!problem.empty()) return;
        if (s.find('\0') != std::string_view::npos)
            problem = where() + ": NUL byte";
        else if (detail::is_ascii(s))
            return;
        else if (!detail::is_utf8(s))
            problem = where() + ": text is not UTF-8";
        all_ascii = false;
    };
    auto check_all = [&](const std::vector<std::string>& v) {
        for (const std::string& s : v) check_text(s);
    };
    check_text(catalog.header);
    check_all(catalog.header_comments);

    std::set<std::tuple<bool, std::string_view, std::string_view>> keys;
    for (const Message& m : catalog.messages) {
        current = &m;
        if (m.msgid.empty() && !m.msgctxt && !m.obsolete)
            return tl::unexpected(invalid("a message with an empty msgid and no msgctxt is the header"));
        const std::string_view msgctxt = m.msgctxt ? std::string_view(*m.msgctxt) : std::string_view();
        if (!keys.emplace(m.msgctxt.has_value(), msgctxt, m.msgid).second)
            return tl::unexpected(invalid(where() + " appears twice"));
        for (const std::string& flag : m.flags)
            if (!writable_flag(flag))
                return tl::unexpected(invalid(where() + ": flag \"" + flag + "\" cannot be written"));
        for (const std::string& ref : m.references)
            if (ref.empty() || ref.find('\n') != std::string::npos)
                return tl::unexpected(invalid(where() + ": bad reference"));
        if (m.msgctxt) check_text(*m.msgctxt);
        check_text(m.msgid);
        if (m.msgid_plural) check_text(*m.msgid_plural);
        check_text(m.msgstr);
        check_all(m.msgstr_plural);
        check_all(m.translator_comments);
        check_all(m.extracted_comments);
        check_all(m.references);
        if (m.previous_msgctxt) check_text(*m.previous_msgctxt);
        if (m.previous_msgid) check_text(*m.previous_msgid);
        if (m.previous_msgid_plural) check_text(*m.previous_msgid_plural);
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

void fill_header(po_message_t pm, const Catalog& catalog) {
    po_message_set_msgid(pm, "");
    po_message_set_msgstr(pm, catalog.header.c_str());
    po_message_set_comments(pm, joined_lines(catalog.header_comments).c_str());
    po_message_set_fuzzy(pm, catalog.header_fuzzy ? 1 : 0);
}

bool only_fuzzy(const std::vector<std::string>& flags) {
    return std::all_of(flags.begin(), flags.end(), [](const std::string& flag) { return flag == "fuzzy"; });
}

// The catalog as libgettextpo messages. Hold the library lock.
Result<detail::FilePtr> build_file(const Catalog& catalog) {
    // Messages whose only flag is fuzzy (Tandem's usual case) are made through
    // the API: the same messages libgettextpo parses from flagless entries.
    if (std::all_of(catalog.messages.begin(), catalog.messages.end(),
                    [](const Message& m) { return only_fuzzy(m.flags); })) {
        detail::FilePtr file(po_file_create());
        if (!file) return fail(ErrorCode::io, "libgettextpo cannot build the catalog");
        detail::IteratorPtr it(po_message_iterator(file.get(), nullptr));
        auto add = [&] {
            po_message_t pm = po_message_create();
            po_message_insert(it.get(), pm);
            return pm;
        };
        if (catalog.has_header) fill_header(add(), catalog);
        for (const Message& m : catalog.messages) fill(add(), m);
        return file;
    }

    // The 0.21 API cannot set every flag ("no-wrap" has no setter at all), so
    // these messages are born from a skeleton that libgettextpo parses: one
    // entry per message with its flags line and a placeholder msgid; every
    // other field is then set through the API.
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

    auto in = detail::ScratchFile::create(skeleton);
    if (!in) return tl::unexpected(in.error());
    Diagnostics diags;
    detail::FilePtr file = detail::read_file(in->path(), diags, detail::Decoding::bytes);
    if (const detail::Diagnostic* e = diags.first_error())
        return fail(ErrorCode::invalid, "cannot write the catalog's flags: " + e->text);
    if (!file) return fail(ErrorCode::io, "libgettextpo cannot build the catalog");

    detail::IteratorPtr it(po_message_iterator(file.get(), nullptr));
    std::size_t next = 0;
    while (po_message_t pm = po_next_message(it.get())) {
        if (catalog.has_header && next == 0) {
            fill_header(pm, catalog);
        } else {
            const std::size_t index = next - (catalog.has_header ? 1 : 0);
            if (index >= catalog.messages.size()) return fail(ErrorCode::io, "libgettextpo built too many messages");
            fill(pm, catalog.messages[index]);
        }
        ++next;
    }
    if (next != catalog.messages.size() + (catalog.has_header ? 1 : 0))
        return fail(ErrorCode::io, "libgettextpo built too few messages");
    return file;
}

}  // namespace

Result<std::string> write_catalog(const Catalog& catalog) {
    if (auto ok = check_catalog(catalog); !ok) return tl::unexpected(ok.error());

    // check_catalog has made sure every string is UTF-8, and that non-ASCII text
    // comes with a header declaring UTF-8: so libgettextpo may take it byte by
    // byte (Decoding::bytes) and print exactly what it prints per charset.
    auto lock = detail::lock_libgettextpo();
    auto file = build_file(catalog);
    if (!file) return tl::unexpected(file.error());

    auto out = detail::ScratchFile::create({});
    if (!out) return tl::unexpected(out.error());
    Diagnostics write_diags;
    if (!detail::write_file(file->get(), out->path(), write_diags, detail::Decoding::bytes) ||
        write_diags.first_error() != nullptr) {
        const detail::Diagnostic* e = write_diags.first_error();
        return fail(ErrorCode::io, "libgettextpo cannot write the catalog" + (e ? ": " + e->text : std::string()));
    }
    return out->contents();
}

}  // namespace tandem::po

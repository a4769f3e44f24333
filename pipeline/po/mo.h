#pragma once
// Compiled gettext catalogs (.mo, what msgfmt writes): the interface words of
// the website and the web application, looked up at run time, counted words
// included (each catalog's Plural-Forms rule picks their form).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cms/core/result.h"

namespace tandem::po {

// A catalog's plural rule, from its Plural-Forms header field
// ("nplurals=2; plural=(n > 1);"): how many forms a counted message has, and
// which one a count takes. Default-constructed, it is English's
// (nplurals=2; plural=n != 1), which gettext also assumes for a catalog that
// declares none. Copies share the parsed expression, which is never modified.
class PluralForms {
public:
    PluralForms();

    std::size_t nplurals() const { return m_nplurals; }
    // The plural= expression as written ("(n > 1)"), for a client that
    // evaluates it itself (the web app, through its own parser).
    const std::string& plural() const { return m_plural; }
    // The form for a count, as ngettext picks it: the expression evaluated in
    // 64-bit unsigned arithmetic (a division or remainder by zero gives 0), and
    // 0 for a value that is not below nplurals (gettext's own fallback).
    std::size_t form(std::uint64_t n) const;

    struct Expression;  // the parsed formula; defined in mo.cpp

private:
    friend Result<PluralForms> parse_plural_forms(std::string_view field);
    std::size_t m_nplurals = 2;
    std::string m_plural;
    std::shared_ptr<const Expression> m_expression;
};

// Parses a Plural-Forms value: "nplurals=N; plural=EXPRESSION;" (the final
// ';' optional), EXPRESSION in gettext's C-like grammar — n, decimal
// integers, ! * / % + - < > <= >= == != && || ?: and parentheses, with C's
// precedence. Errors: invalid, quoting the value and naming what is wrong: a
// missing or zero nplurals, an unknown field, a syntax error (with its column
// in the formula), a formula that gives a form of nplurals or more for some n
// up to 1000 (msgfmt --check refuses those too).
Result<PluralForms> parse_plural_forms(std::string_view field);

// A counted message: msgid_plural and one translation per form.
struct PluralMessage {
    std::string msgid_plural;
    std::vector<std::string> msgstr;  // msgstr[0], msgstr[1], ...
};

struct CompiledCatalog {
    // Keyed as gettext keys them: msgid, or msgctxt "\x04" msgid. Only
    // translated messages are in a .mo; the header (empty msgid) is not kept
    // as a message, but its Plural-Forms is.
    std::unordered_map<std::string, std::string> messages;   // messages without a plural
    std::unordered_map<std::string, PluralMessage> plurals;  // messages with msgid_plural
    PluralForms plural_forms;  // English's when the catalog declares none

    // gettext(): the translation, or msgid itself when there is none. For a
    // counted message, its first form (msgstr[0]), as gettext gives it.
    std::string lookup(std::string_view msgid, std::string_view msgctxt = {}) const;

    // ngettext(): the translation's form for `n` under plural_forms; without a
    // translation (or with an empty form), msgid for n == 1 and msgid_plural
    // otherwise — the English rule of the msgid language.
    std::string lookup_plural(std::string_view msgid, std::string_view msgid_plural, std::uint64_t n,
                              std::string_view msgctxt = {}) const;

    // The counted message under that key, or nullptr: for a caller that lays
    // out every form in advance (the site's templates).
    const PluralMessage* find_plural(std::string_view msgid, std::string_view msgctxt = {}) const;
};

// Parses a .mo file of either byte order. Errors: not_found, io, corrupt
// (bad magic, a table or string outside the file, a Plural-Forms header that
// parse_plural_forms refuses: msgfmt writes none of these).
Result<CompiledCatalog> parse_mo(std::string_view bytes, std::string_view label);
Result<CompiledCatalog> read_mo(const std::filesystem::path& path);

}  // namespace tandem::po

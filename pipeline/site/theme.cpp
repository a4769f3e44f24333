// load_theme and the word lookups: templates parsed once, catalogs read once.

#include <algorithm>
#include <charconv>

#include "cms/core/text.h"
#include "pipeline/site/html_writer.h"
#include "pipeline/site/theme_data.h"

namespace fs = std::filesystem;

namespace tandem::site {

namespace {

// The templates the renderers fill; a theme must have them all.
constexpr const char* k_template_names[] = {"layout", "resource", "resource-item", "list", "home", "root"};

// kainjow reports "... at <offset>"; the offset becomes a line and column.
Position template_error_position(const std::string& text, const std::string& message, const std::string& file) {
    auto at = message.rfind(" at ");
    std::size_t offset = 0;
    if (at != std::string::npos) {
        const char* first = message.data() + at + 4;
        std::from_chars(first, message.data() + message.size(), offset);
    }
    return position_at(text, std::min(offset, text.size()), file);
}

// The rule of the English forms (the msgid language's): gettext's default.
const po::PluralForms& msgid_plural_forms() {
    static const po::PluralForms english;
    return english;
}

// A counted word's forms in the language of `french` (English when null) as
// one section per form, "{{#_n.pages.fr.1}}{{pages}} pages{{/_n.pages.fr.1}}":
// set_count opens the one its count takes under the rule named in the key.
// An untranslated counted word keeps the English forms, and their rule.
std::string counted_word(std::string_view name, std::string_view singular, std::string_view plural,
                         const po::CompiledCatalog* french) {
    std::vector<std::string> forms{std::string(singular), std::string(plural)};
    std::string_view rule = "en";
    if (const po::PluralMessage* message = french ? french->find_plural(singular) : nullptr) {
        const bool complete = message->msgstr.size() == french->plural_forms.nplurals() &&
                              std::none_of(message->msgstr.begin(), message->msgstr.end(), [](const std::string& form) { return form.empty(); });
        if (complete) {
            forms = message->msgstr;
            rule = "fr";
        }
    }
    std::string out;
    for (std::size_t i = 0; i < forms.size(); ++i) {
        const std::string key = "_n." + std::string(name) + "." + std::string(rule) + "." + std::to_string(i);
        out += "{{#" + key + "}}" + detail::escape_html(forms[i]) + "{{/" + key + "}}";
    }
    return out;
}

// The template's text with each {{#_}}word{{/_}} replaced by the escaped
// word in `lang` (which may carry {{variables}} of its own), and each counted
// word {{#_n.name}}singular|plural{{/_n.name}} by its forms (counted_word).
// Words do not nest, so the first closing tag after an opening ends the word.
// Errors: invalid, for a counted word that is not "singular|plural".
Result<std::string> localize(std::string_view text, const po::CompiledCatalog* french, const std::string& file) {
    static constexpr std::string_view k_open = "{{#_}}", k_close = "{{/_}}", k_counted = "{{#_n.";
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (true) {
        const auto open = text.find(k_open, at), counted = text.find(k_counted, at);
        if (open == std::string_view::npos && counted == std::string_view::npos) break;
        if (open < counted) {
            auto close = text.find(k_close, open + k_open.size());
            if (close == std::string_view::npos) break;  // parse_template already refused it
            std::string msgid(text.substr(open + k_open.size(), close - open - k_open.size()));
            out.append(text.substr(at, open - at));
            out += detail::escape_html(french ? french->lookup(msgid) : msgid);
            at = close + k_close.size();
            continue;
        }
        const auto name_end = text.find("}}", counted + k_counted.size());
        if (name_end == std::string_view::npos) break;  // parse_template already refused it
        const std::string_view name = text.substr(counted + k_counted.size(), name_end - counted - k_counted.size());
        const std::string close = "{{/_n." + std::string(name) + "}}";
        const auto close_at = text.find(close, name_end + 2);
        if (close_at == std::string_view::npos) break;  // an unclosed section: refused too
        const std::string_view inside = text.substr(name_end + 2, close_at - name_end - 2);
        const auto bar = inside.find('|');
        const bool plain_name = !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
        if (!plain_name || bar == std::string_view::npos || inside.find('|', bar + 1) != std::string_view::npos)
            return fail(ErrorCode::invalid,
                        "a counted word is {{#_n.count}}singular|plural{{/_n.count}} (count: lowercase letters, digits, _), not " +
                            std::string(text.substr(counted, close_at + close.size() - counted)),
                        position_at(text, counted, file));
        out.append(text.substr(at, counted - at));
        out += counted_word(name, inside.substr(0, bar), inside.substr(bar + 1), french);
        at = close_at + close.size();
    }
    out.append(text.substr(at));
    return out;
}

Result<kainjow::mustache::mustache> parse_template(const std::string& text, const std::string& file) {
    kainjow::mustache::mustache parsed(text);
    if (!parsed.is_valid())
        return fail(ErrorCode::invalid, "template does not parse: " + parsed.error_message(),
                    template_error_position(text, parsed.error_message(), file));
    return parsed;
}

// categories.txt: "kind token English label" per line; '#' starts a comment.
Status read_categories(const fs::path& path, Theme::Loaded& loaded) {
    auto text = read_file(path);
    if (!text) return tl::unexpected(text.error());
    std::size_t start = 0;
    int line_number = 0;
    while (start < text->size()) {
        auto end = text->find('\n', start);
        if (end == std::string::npos) end = text->size();
        std::string_view line(text->data() + start, end - start);
        start = end + 1;
        ++line_number;
        if (line.empty() || line.front() == '#') continue;
        auto first_space = line.find(' ');
        auto second_space = first_space == std::string_view::npos ? first_space : line.find(' ', first_space + 1);
        auto bad = [&](std::string what) {
            return fail(ErrorCode::invalid, "categories: " + what, Position{path.string(), line_number, 1});
        };
        if (second_space == std::string_view::npos) return bad("expected \"kind token label\"");
        std::string kind(line.substr(0, first_space));
        std::string token(line.substr(first_space + 1, second_space - first_space - 1));
        std::string label(line.substr(second_space + 1));
        if (kind != "type" && kind != "topic" && kind != "scope") return bad("unknown kind \"" + kind + "\" (type, topic, scope)");
        if (!check_resource_id(token)) return bad("\"" + token + "\" is not a token (lowercase words joined by hyphens)");
        if (label.empty() || label.find('"') != std::string::npos || label.find('\\') != std::string::npos)
            return bad("the label must be plain text without quotes or backslashes");
        if (!loaded.categories.emplace(std::pair{kind, token}, label).second) return bad("\"" + token + "\" is listed twice");
    }
    return {};
}

Status read_statics(const fs::path& dir, Theme::Loaded& loaded) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return {};
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) files.push_back(it->path());
    if (ec) return fail(ErrorCode::io, "cannot list " + dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        auto bytes = read_file(file);
        if (!bytes) return tl::unexpected(bytes.error());
        loaded.statics.push_back(SiteFile{"static/" + fs::relative(file, dir).generic_string(), std::move(*bytes)});
    }
    return {};
}

}  // namespace

namespace detail {

Data string_data(std::string_view text) { return Data(std::string(text)); }

std::string_view autonym(Lang lang) { return lang == Lang::fr ? "Français" : "English"; }

void set_count(const Theme& theme, Data& data, std::string_view name, std::uint64_t n) {
    const std::string key(name);
    data[key] = string_data(std::to_string(n));
    // Keys as counted_word writes them: _n.<name>.<rule>.<form>.
    Data forms;
    forms["en"][std::to_string(msgid_plural_forms().form(n))] = Data(true);
    forms["fr"][std::to_string(theme.loaded->french.plural_forms.form(n))] = Data(true);
    data["_n"][key] = std::move(forms);
}

Data word_lambda(const Theme& theme, Lang lang) {
    const auto* french = lang == Lang::fr ? &theme.loaded->french : nullptr;
    // A word is plain text in the template: escaped here, then rendered as a
    // template so that a word may carry {{variables}} ("{{pages}} pages").
    return Data(kainjow::mustache::lambda{[french](const std::string& msgid) {
        return escape_html(french ? french->lookup(msgid) : msgid);
    }});
}

namespace {

// kainjow's render is not const only because it records errors; a template
// and words that load_theme rendered once record none, so concurrent renders
// of one Theme only read it.
std::string render_parsed(const kainjow::mustache::mustache& parsed, Data& data) {
    std::string out;
    // The handler form appends to one string (the stream form builds an
    // ostringstream per render, a measurable share of a small template).
    const_cast<kainjow::mustache::mustache&>(parsed).render(data, [&out](const std::string& part) { out += part; });
    return out;
}

}  // namespace

std::string render_template(const Theme& theme, std::string_view name, Data& data, Lang lang) {
    return render_parsed(theme.loaded->localized[static_cast<int>(lang)].find(name)->second, data);
}

std::string render_template_with_word_lambdas(const Theme& theme, std::string_view name, Data& data, Lang lang) {
    data["_"] = word_lambda(theme, lang);
    return render_parsed(theme.loaded->templates.find(name)->second, data);
}

}  // namespace detail

Result<Theme> load_theme(const fs::path& templates_dir, const fs::path& locales_dir) {
    auto loaded = std::make_shared<Theme::Loaded>();
    std::error_code ec;
    if (!fs::is_directory(templates_dir, ec)) return fail(ErrorCode::not_found, "no templates folder " + templates_dir.string());
    auto mo_path = locales_dir / "fr" / "site.mo";
    auto french = po::read_mo(mo_path);
    if (!french) return tl::unexpected(french.error());
    loaded->french = std::move(*french);
    // A translation is rendered as a template (for its {{variables}}): one
    // that does not parse is the catalog's error, found now, not mid-publish.
    auto check_translation = [&](const std::string& key, const std::string& msgstr) -> Status {
        kainjow::mustache::mustache parsed(detail::escape_html(msgstr));
        if (!parsed.is_valid())
            return fail(ErrorCode::invalid, "translation of \"" + key + "\" does not parse as a template: " + parsed.error_message(),
                        Position{mo_path.string()});
        return {};
    };
    for (const auto& [key, msgstr] : loaded->french.messages)
        if (auto ok = check_translation(key, msgstr); !ok) return tl::unexpected(ok.error());
    for (const auto& [key, message] : loaded->french.plurals)
        for (const auto& msgstr : message.msgstr)
            if (auto ok = check_translation(key, msgstr); !ok) return tl::unexpected(ok.error());
    for (const char* name : k_template_names) {
        auto path = templates_dir / (std::string(name) + ".mustache");
        auto text = read_file(path);
        if (!text) return tl::unexpected(text.error());
        // The designer's text first, so a syntax error points into their file.
        auto parsed = parse_template(*text, path.string());
        if (!parsed) return tl::unexpected(parsed.error());
        // The root page's blocks take their words from "_" lambdas at render
        // time, which have no count to choose a form with.
        if (std::string_view(name) == "root" && text->find("{{#_n.") != std::string::npos)
            return fail(ErrorCode::invalid, "counted words ({{#_n.count}}...{{/_n.count}}) cannot be used in root.mustache",
                        position_at(*text, text->find("{{#_n."), path.string()));
        loaded->templates.emplace(name, std::move(*parsed));
        for (Lang lang : {Lang::en, Lang::fr}) {
            auto words = localize(*text, lang == Lang::fr ? &loaded->french : nullptr, path.string());
            if (!words) return tl::unexpected(words.error());
            auto localized = parse_template(*words, path.string());
            if (!localized)
                return fail(ErrorCode::invalid, "with the " + std::string(lang_code(lang)) + " words: " + localized.error().message,
                            Position{path.string()});
            loaded->localized[static_cast<int>(lang)].emplace(name, std::move(*localized));
        }
    }
    if (auto ok = read_categories(templates_dir / "categories.txt", *loaded); !ok) return tl::unexpected(ok.error());
    if (auto ok = read_statics(templates_dir / "static", *loaded); !ok) return tl::unexpected(ok.error());
    Theme theme{loaded};
    // One render of each template in each language finds what only rendering
    // finds (a word lambda used as a plain variable).
    for (Lang lang : {Lang::en, Lang::fr}) {
        for (auto& [name, parsed] : loaded->templates) {
            detail::Data empty;
            detail::render_template_with_word_lambdas(theme, name, empty, lang);
            auto& localized = loaded->localized[static_cast<int>(lang)].find(name)->second;
            detail::render_template(theme, name, empty, lang);
            if (!parsed.is_valid() || !localized.is_valid())
                return fail(ErrorCode::invalid, "template does not render: " + parsed.error_message() + localized.error_message(),
                            Position{(templates_dir / (name + ".mustache")).string()});
        }
    }
    return theme;
}

std::string translate_word(const Theme& theme, Lang lang, std::string_view msgid) {
    if (lang == Lang::en) return std::string(msgid);
    return theme.loaded->french.lookup(msgid);
}

std::string category_label(const Theme& theme, std::string_view kind, std::string_view token, Lang lang) {
    auto found = theme.loaded->categories.find(std::pair{std::string(kind), std::string(token)});
    if (found == theme.loaded->categories.end()) {
        // A token nobody has labelled yet reads as words rather than not at all.
        std::string words(token);
        std::replace(words.begin(), words.end(), '-', ' ');
        if (!words.empty() && words[0] >= 'a' && words[0] <= 'z') words[0] = static_cast<char>(words[0] - 'a' + 'A');
        return words;
    }
    if (lang == Lang::en) return found->second;
    return theme.loaded->french.lookup(found->second, kind);
}

std::vector<SiteFile> static_files(const Theme& theme) { return theme.loaded->statics; }

}  // namespace tandem::site

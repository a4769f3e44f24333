#include "pipeline/po/mo.h"

#include <cstdint>
#include <limits>
#include <optional>

#include "cms/core/text.h"

namespace tandem::po {

// The formula as a tree in one vector, children before their parent and the
// root last, so a copy is a plain vector and evaluation follows indices.
struct PluralForms::Expression {
    enum class Op { n, number, negate, multiply, divide, remainder, add, subtract, less, greater, less_equal,
                    greater_equal, equal, not_equal, and_, or_, choose };
    struct Node {
        Op op = Op::n;
        std::uint64_t value = 0;  // Op::number
        std::size_t a = 0, b = 0, c = 0;  // operands (negate: a; binary: a, b; choose: a ? b : c)
    };
    std::vector<Node> nodes;

    std::uint64_t eval(std::size_t at, std::uint64_t n) const {
        const Node& node = nodes[at];
        switch (node.op) {
            case Op::n: return n;
            case Op::number: return node.value;
            case Op::negate: return eval(node.a, n) == 0;
            case Op::and_: return eval(node.a, n) != 0 && eval(node.b, n) != 0;
            case Op::or_: return eval(node.a, n) != 0 || eval(node.b, n) != 0;
            case Op::choose: return eval(node.a, n) != 0 ? eval(node.b, n) : eval(node.c, n);
            default: break;
        }
        const std::uint64_t x = eval(node.a, n), y = eval(node.b, n);
        switch (node.op) {
            case Op::multiply: return x * y;
            // gettext's own evaluator raises SIGFPE here; a count must not
            // crash a page, so the form is 0.
            case Op::divide: return y == 0 ? 0 : x / y;
            case Op::remainder: return y == 0 ? 0 : x % y;
            case Op::add: return x + y;
            case Op::subtract: return x - y;  // wraps, as unsigned long does in C
            case Op::less: return x < y;
            case Op::greater: return x > y;
            case Op::less_equal: return x <= y;
            case Op::greater_equal: return x >= y;
            case Op::equal: return x == y;
            case Op::not_equal: return x != y;
            default: return 0;
        }
    }
};

namespace {

using Op = PluralForms::Expression::Op;

// Recursive descent over gettext's grammar (its plural.y), one function per
// precedence level from ?: (lowest, right-associative) down to ! and the
// primaries. Stops at the end of the text or at a ';'.
class FormulaParser {
public:
    explicit FormulaParser(std::string_view text) : m_text(text) {}

    // The whole formula; `end` gets the offset just after it (the ';' or the end).
    Result<PluralForms::Expression> parse(std::size_t& end) {
        auto root = conditional();
        if (root && !at_end()) root = error("unexpected \"" + std::string(1, m_text[m_at]) + "\"");
        if (!root) return tl::unexpected(root.error());
        // Evaluation recurses once per level of the tree, and a long chain
        // of "+ n" is as deep as it is long.
        if (m_expression.nodes.size() > k_max_nodes) return tl::unexpected(error("the formula is too long").error());
        end = m_at;
        return std::move(m_expression);
    }

private:
    // Deeper nesting than any real rule; the bound keeps a hostile header
    // from exhausting the stack.
    static constexpr int k_max_depth = 64;
    static constexpr std::size_t k_max_nodes = 1000;

    std::string_view m_text;
    std::size_t m_at = 0;
    int m_depth = 0;
    PluralForms::Expression m_expression;

    Result<std::size_t> error(const std::string& what) const {
        return fail(ErrorCode::invalid, what + " at column " + std::to_string(m_at + 1) + " of the plural= formula");
    }

    void skip_space() {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\t' || m_text[m_at] == '\n' || m_text[m_at] == '\r'))
            ++m_at;
    }
    bool at_end() {
        skip_space();
        return m_at == m_text.size() || m_text[m_at] == ';';
    }
    // Consumes `token` if it comes next. A one-character operator that is also
    // the start of a two-character one ("<" of "<=", "!" of "!=") is not taken
    // when the longer one is there.
    bool take(std::string_view token) {
        skip_space();
        if (m_text.substr(m_at, token.size()) != token) return false;
        if (token.size() == 1 && m_at + 1 < m_text.size() && m_text[m_at + 1] == '=' && (token == "<" || token == ">" || token == "!" || token == "="))
            return false;
        m_at += token.size();
        return true;
    }

    std::size_t add(Op op, std::size_t a = 0, std::size_t b = 0, std::size_t c = 0, std::uint64_t value = 0) {
        m_expression.nodes.push_back({op, value, a, b, c});
        return m_expression.nodes.size() - 1;
    }

    // One left-associative level: operand (op operand)*.
    template <class Next>
    Result<std::size_t> binary_level(std::initializer_list<std::pair<std::string_view, Op>> ops, Next next) {
        auto left = (this->*next)();
        while (left) {
            bool matched = false;
            for (const auto& [token, op] : ops) {
                if (!take(token)) continue;
                auto right = (this->*next)();
                if (!right) return right;
                left = add(op, *left, *right);
                matched = true;
                break;
            }
            if (!matched) break;
        }
        return left;
    }

    Result<std::size_t> conditional() {
        if (++m_depth > k_max_depth) return error("the formula nests too deeply");
        auto condition = logical_or();
        if (condition && take("?")) {
            auto then = conditional();
            if (!then) return then;
            if (!take(":")) return error("expected \":\" of \"?:\"");
            auto otherwise = conditional();
            if (!otherwise) return otherwise;
            condition = add(Op::choose, *condition, *then, *otherwise);
        }
        --m_depth;
        return condition;
    }
    Result<std::size_t> logical_or() { return binary_level({{"||", Op::or_}}, &FormulaParser::logical_and); }
    Result<std::size_t> logical_and() { return binary_level({{"&&", Op::and_}}, &FormulaParser::equality); }
    Result<std::size_t> equality() {
        return binary_level({{"==", Op::equal}, {"!=", Op::not_equal}}, &FormulaParser::relational);
    }
    Result<std::size_t> relational() {
        return binary_level({{"<=", Op::less_equal}, {">=", Op::greater_equal}, {"<", Op::less}, {">", Op::greater}},
                            &FormulaParser::additive);
    }
    Result<std::size_t> additive() {
        return binary_level({{"+", Op::add}, {"-", Op::subtract}}, &FormulaParser::multiplicative);
    }
    Result<std::size_t> multiplicative() {
        return binary_level({{"*", Op::multiply}, {"/", Op::divide}, {"%", Op::remainder}}, &FormulaParser::unary);
    }
    Result<std::size_t> unary() {
        if (take("!")) {
            if (++m_depth > k_max_depth) return error("the formula nests too deeply");
            auto operand = unary();
            --m_depth;
            if (!operand) return operand;
            return add(Op::negate, *operand);
        }
        return primary();
    }
    Result<std::size_t> primary() {
        skip_space();
        if (m_at == m_text.size() || m_text[m_at] == ';') return error("expected n, a number or \"(\" but the formula ends");
        const char c = m_text[m_at];
        if (c == 'n') {
            ++m_at;
            return add(Op::n);
        }
        if (c >= '0' && c <= '9') {
            std::uint64_t value = 0;
            while (m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9') {
                const std::uint64_t digit = static_cast<std::uint64_t>(m_text[m_at] - '0');
                if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return error("number too large");
                value = value * 10 + digit;
                ++m_at;
            }
            return add(Op::number, 0, 0, 0, value);
        }
        if (c == '(') {
            ++m_at;
            auto inner = conditional();
            if (!inner) return inner;
            if (!take(")")) return error("expected \")\"");
            return inner;
        }
        return error("unexpected \"" + std::string(1, c) + "\" (expected n, a number or \"(\")");
    }
};

// The value of "Plural-Forms:" in a .mo header, if the header has that field
// (at a line start, case-sensitively, as libgettextpo's po_header_field).
std::optional<std::string_view> plural_forms_field(std::string_view header) {
    constexpr std::string_view key = "Plural-Forms:";
    for (std::size_t line = 0; line < header.size();) {
        std::size_t end = header.find('\n', line);
        if (end == std::string_view::npos) end = header.size();
        if (header.substr(line, key.size()) == key) return header.substr(line + key.size(), end - line - key.size());
        line = end + 1;
    }
    return std::nullopt;
}

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

namespace {

std::string key_of(std::string_view msgid, std::string_view msgctxt) {
    return msgctxt.empty() ? std::string(msgid) : std::string(msgctxt) + '\x04' + std::string(msgid);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

// How far msgfmt --check tries counts when it checks a formula's range.
constexpr std::uint64_t k_checked_counts = 1000;

}  // namespace

PluralForms::PluralForms() {
    static const auto english = [] {
        std::size_t end = 0;
        return std::make_shared<const Expression>(*FormulaParser("n != 1").parse(end));
    }();
    m_plural = "n != 1";
    m_expression = english;
}

std::size_t PluralForms::form(std::uint64_t n) const {
    const std::uint64_t value = m_expression->eval(m_expression->nodes.size() - 1, n);
    return value < m_nplurals ? static_cast<std::size_t>(value) : 0;
}

Result<PluralForms> parse_plural_forms(std::string_view field) {
    auto bad = [&](const std::string& what) {
        return fail(ErrorCode::invalid, "Plural-Forms \"" + std::string(trim(field)) + "\": " + what);
    };
    std::optional<std::uint64_t> nplurals;
    std::optional<PluralForms::Expression> expression;
    std::string formula;
    std::size_t at = 0;
    while (true) {
        while (at < field.size() && (field[at] == ' ' || field[at] == '\t' || field[at] == ';')) ++at;
        if (at >= field.size() || trim(field.substr(at)).empty()) break;
        const std::size_t equals = field.find('=', at);
        if (equals == std::string_view::npos) return bad("expected name=value at column " + std::to_string(at + 1));
        const std::string name(trim(field.substr(at, equals - at)));
        std::size_t value_at = equals + 1;
        if (name == "nplurals") {
            const std::size_t semicolon = std::min(field.find(';', value_at), field.size());
            const std::string_view digits = trim(field.substr(value_at, semicolon - value_at));
            std::uint64_t value = 0;
            if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string_view::npos)
                return bad("nplurals must be a number, not \"" + std::string(digits) + "\"");
            for (char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
            if (value == 0) return bad("nplurals must be at least 1");
            nplurals = value;
            at = semicolon;
        } else if (name == "plural") {
            std::size_t end = 0;
            auto parsed = FormulaParser(field.substr(value_at)).parse(end);
            if (!parsed) return bad(parsed.error().message);
            formula = std::string(trim(field.substr(value_at, end)));
            expression = std::move(*parsed);
            at = value_at + end;
        } else {
            return bad("unknown field \"" + name + "\" (nplurals, plural)");
        }
    }
    if (!nplurals) return bad("no nplurals=");
    if (!expression) return bad("no plural=");
    PluralForms forms;
    forms.m_nplurals = static_cast<std::size_t>(*nplurals);
    forms.m_plural = std::move(formula);
    forms.m_expression = std::make_shared<const PluralForms::Expression>(std::move(*expression));
    // A form the catalog cannot have would silently show msgstr[0]: refuse it
    // as msgfmt --check does, over the counts it tries.
    for (std::uint64_t n = 0; n <= k_checked_counts; ++n) {
        const std::uint64_t value = forms.m_expression->eval(forms.m_expression->nodes.size() - 1, n);
        if (value >= *nplurals)
            return bad("plural= gives form " + std::to_string(value) + " for n = " + std::to_string(n) + ", but nplurals=" +
                       std::to_string(*nplurals) + " allows forms 0 to " + std::to_string(*nplurals - 1));
    }
    return forms;
}

std::string CompiledCatalog::lookup(std::string_view msgid, std::string_view msgctxt) const {
    const std::string key = key_of(msgid, msgctxt);
    if (auto found = messages.find(key); found != messages.end() && !found->second.empty()) return found->second;
    if (auto found = plurals.find(key); found != plurals.end() && !found->second.msgstr.empty() && !found->second.msgstr[0].empty())
        return found->second.msgstr[0];
    return std::string(msgid);
}

const PluralMessage* CompiledCatalog::find_plural(std::string_view msgid, std::string_view msgctxt) const {
    auto found = plurals.find(key_of(msgid, msgctxt));
    return found == plurals.end() ? nullptr : &found->second;
}

std::string CompiledCatalog::lookup_plural(std::string_view msgid, std::string_view msgid_plural, std::uint64_t n,
                                           std::string_view msgctxt) const {
    if (const PluralMessage* message = find_plural(msgid, msgctxt)) {
        const std::size_t form = plural_forms.form(n);
        if (form < message->msgstr.size() && !message->msgstr[form].empty()) return message->msgstr[form];
    }
    return std::string(n == 1 ? msgid : msgid_plural);
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
        if (original->empty()) {  // the header: only its plural rule matters here
            if (auto field = plural_forms_field(*translation)) {
                auto forms = parse_plural_forms(*field);
                // msgfmt never writes such a header, so the file is damaged.
                if (!forms) return corrupt(forms.error().message);
                catalog.plural_forms = std::move(*forms);
            }
            continue;
        }
        // A counted entry is "msgid\0msgid_plural" and its translation
        // "msgstr[0]\0msgstr[1]..."; the lookup key is the msgid alone.
        const std::size_t nul = original->find('\0');
        if (nul == std::string_view::npos) {
            catalog.messages.emplace(*original, translation->substr(0, translation->find('\0')));
            continue;
        }
        PluralMessage message{std::string(original->substr(nul + 1)), {}};
        for (std::size_t at = 0;;) {
            const std::size_t end = translation->find('\0', at);
            message.msgstr.emplace_back(translation->substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
            if (end == std::string_view::npos) break;
            at = end + 1;
        }
        catalog.plurals.emplace(original->substr(0, nul), std::move(message));
    }
    return catalog;
}

Result<CompiledCatalog> read_mo(const std::filesystem::path& path) {
    auto bytes = read_file(path);
    if (!bytes) return tl::unexpected(bytes.error());
    return parse_mo(*bytes, path.string());
}

}  // namespace tandem::po

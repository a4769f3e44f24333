// HTML5 documents (DocumentOptions::syntax = Syntax::html): parsed as a
// browser would, ITS 2.0's HTML markup and defaults, rules from <link> and
// <script>, extraction, and hostile input (the W3C suite's 31 HTML cases are
// in conformance_test.cpp).

#include <gtest/gtest.h>

#include "pipeline/its/its.h"
#include "tests/pipeline/its/support/itstool.h"

namespace fs = std::filesystem;
using namespace tandem;
using namespace tandem::its;
using namespace tandem::its::test;

namespace {

const std::string k_rules_open =
    "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" xmlns:h=\"http://www.w3.org/1999/xhtml\" version=\"2.0\">";

DocumentOptions html_options(std::string label = "page.html") {
    DocumentOptions options;
    options.syntax = Syntax::html;
    options.label = std::move(label);
    return options;
}

Rules rules_text(const std::string& body, RulesOptions options = {}) {
    const std::vector<RulesFile> files{RulesFile{"test.its", k_rules_open + body + "</its:rules>"}};
    auto rules = parse_rules(files, std::move(options));
    EXPECT_TRUE(rules) << describe(rules.error());
    return rules ? *rules : Rules();
}

// Pure ITS 2.0 (no itstool built-ins), with linked rules from `folder`.
Rules no_rules(const fs::path& folder = {}) {
    auto rules = parse_rules({}, RulesOptions{folder.empty() ? std::vector<fs::path>{} : std::vector{folder},
                                              Builtins::none});
    EXPECT_TRUE(rules) << describe(rules.error());
    return rules ? *rules : Rules();
}

std::vector<NodeInfo> annotate(const std::string& html, const Rules& rules = no_rules()) {
    auto nodes = annotate_nodes(html, rules, html_options());
    EXPECT_TRUE(nodes) << describe(nodes.error());
    return nodes ? *nodes : std::vector<NodeInfo>();
}

const NodeInfo& at(const std::vector<NodeInfo>& nodes, const std::string& path) {
    for (const NodeInfo& n : nodes)
        if (n.path == path) return n;
    ADD_FAILURE() << "no node " << path;
    static const NodeInfo none;
    return none;
}

std::string paths(const std::vector<NodeInfo>& nodes) {
    std::string out;
    for (const NodeInfo& n : nodes) out += n.path + "\n";
    return out;
}

std::vector<model::Segment> extract(const std::string& html, const Rules& rules = Rules()) {
    auto segments = extract_segments(html, rules, "page.html", html_options());
    EXPECT_TRUE(segments) << describe(segments.error());
    return segments ? *segments : std::vector<model::Segment>();
}

Error annotate_error(const std::string& html, const Rules& rules = no_rules()) {
    auto nodes = annotate_nodes(html, rules, html_options());
    EXPECT_FALSE(nodes) << "expected a refusal";
    return nodes ? Error{} : nodes.error();
}

std::string repeat(std::string_view text, int times) {
    std::string out;
    out.reserve(text.size() * static_cast<std::size_t>(times));
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

}  // namespace

TEST(AnnotateHtml, ParsesAsABrowserWithHtmlInTheXhtmlNamespace) {
    // No html, head or body tags, unclosed paragraphs, an uppercase tag: the
    // HTML5 tree has them all, and selectors name them with an XHTML prefix.
    const auto nodes = annotate("<!DOCTYPE html><TITLE>T</TITLE><p>one<p>two <B>bold</b>",
                                rules_text("<its:translateRule selector=\"//h:p[2]\" translate=\"no\"/>"));
    EXPECT_EQ(paths(nodes),
              "/html\n/html/head[1]\n/html/head[1]/title[1]\n/html/body[1]\n/html/body[1]/p[1]\n"
              "/html/body[1]/p[2]\n/html/body[1]/p[2]/b[1]\n");
    EXPECT_EQ(at(nodes, "/html/body[1]/p[1]").translate, "yes");
    EXPECT_EQ(at(nodes, "/html/body[1]/p[2]").translate, "no");
    EXPECT_EQ(at(nodes, "/html/body[1]/p[2]/b[1]").translate, "no");
}

TEST(AnnotateHtml, ItsAttributesAndHtmlKeywordsAreReadCaseInsensitively) {
    const auto nodes = annotate(
        "<body><p translate=NO>a<span translate=\"maybe\">b</span><i translate=\"\">c</i></p>"
        "<p its-loc-note=\"  Check   it \" its-loc-note-type=\"ALERT\">d</p>"
        "<p its-loc-note-ref=\"notes.html#x\">e</p>"
        "<p its-within-text=\"YES\" its-locale-filter-list=\"fr-CA\" its-locale-filter-type=\"ExCluDE\">f</p>"
        "<p its-within-text=\"sometimes\">g</p></body>");
    EXPECT_EQ(at(nodes, "/html/body[1]/p[1]").translate, "no");
    EXPECT_EQ(at(nodes, "/html/body[1]/p[1]/span[1]").translate, "no") << "an invalid value inherits";
    EXPECT_EQ(at(nodes, "/html/body[1]/p[1]/i[1]").translate, "yes") << "an empty value is yes";
    const NodeInfo& note = at(nodes, "/html/body[1]/p[2]");
    EXPECT_EQ(note.loc_note, std::optional<std::string>("Check it"));
    EXPECT_EQ(note.loc_note_type, std::optional<std::string>("alert"));
    const NodeInfo& ref = at(nodes, "/html/body[1]/p[3]");
    EXPECT_EQ(ref.loc_note_ref, std::optional<std::string>("notes.html#x"));
    EXPECT_EQ(ref.loc_note_type, std::optional<std::string>("description"));
    const NodeInfo& filtered = at(nodes, "/html/body[1]/p[4]");
    EXPECT_EQ(filtered.within_text, std::optional<std::string>("yes"));
    EXPECT_EQ(filtered.locale_filter_list, "fr-CA");
    EXPECT_EQ(filtered.locale_filter_type, "exclude");
    EXPECT_EQ(at(nodes, "/html/body[1]/p[5]").within_text, std::optional<std::string>("no"))
        << "an invalid value leaves the default";
}

TEST(AnnotateHtml, TranslatableAttributesFollowTheirElementOthersDoNot) {
    const auto nodes = annotate(
        "<head><meta name=Description content=\"About us\"><meta name=viewport content=\"width=device-width\"></head>"
        "<body><img src=a.png alt=\"A cat\" title=\"Cat\"><input type=RESET value=\"Clear\" placeholder=\"Name\">"
        "<input type=text value=\"typed\"><table><tr><th abbr=\"Qty\">Quantity<td abbr=\"x\">1</table>"
        "<a href=\"f.pdf\" download=\"file.pdf\" lang=\"en\" style=\"color:red\">f</a>"
        "<div translate=no><img alt=\"Logo\" src=l.png></div></body>",
        rules_text("<its:translateRule selector=\"//h:img/@src\" translate=\"yes\"/>"));
    auto translate = [&](const std::string& path) { return at(nodes, path).translate; };
    EXPECT_EQ(translate("/html/head[1]/meta[1]/@content"), "yes");
    EXPECT_EQ(translate("/html/head[1]/meta[2]/@content"), "no");
    EXPECT_EQ(translate("/html/body[1]/img[1]/@alt"), "yes");
    EXPECT_EQ(translate("/html/body[1]/img[1]/@title"), "yes");
    EXPECT_EQ(translate("/html/body[1]/img[1]/@src"), "yes") << "a rule wins over the default";
    EXPECT_EQ(translate("/html/body[1]/input[1]/@value"), "yes");
    EXPECT_EQ(translate("/html/body[1]/input[1]/@placeholder"), "yes");
    EXPECT_EQ(translate("/html/body[1]/input[1]/@type"), "no");
    EXPECT_EQ(translate("/html/body[1]/input[2]/@value"), "no");
    EXPECT_EQ(translate("/html/body[1]/table[1]/tbody[1]/tr[1]/th[1]/@abbr"), "yes");
    EXPECT_EQ(translate("/html/body[1]/table[1]/tbody[1]/tr[1]/td[1]/@abbr"), "no");
    EXPECT_EQ(translate("/html/body[1]/a[1]/@download"), "yes");
    EXPECT_EQ(translate("/html/body[1]/a[1]/@lang"), "yes");
    EXPECT_EQ(translate("/html/body[1]/a[1]/@style"), "yes");
    EXPECT_EQ(translate("/html/body[1]/a[1]/@href"), "no");
    EXPECT_EQ(translate("/html/body[1]/div[1]/img[1]/@alt"), "no") << "the element is not translated";
}

TEST(AnnotateHtml, PhrasingElementsAreWithinTextAndEmbeddedOnesNested) {
    const auto nodes = annotate(
        "<body><p>a <span>b</span> <em>c</em> <img src=x> <textarea>d</textarea> <iframe></iframe>"
        "<svg><circle r=1></circle></svg> <link itemprop=url href=u> <cite>e</cite></p>"
        "<script>var s;</script><div>f</div></body>",
        rules_text("<its:withinTextRule selector=\"//h:cite\" withinText=\"nested\"/>"));
    auto within = [&](const std::string& path) { return at(nodes, path).within_text.value_or("(none)"); };
    EXPECT_EQ(within("/html/body[1]/p[1]"), "no");
    EXPECT_EQ(within("/html/body[1]/p[1]/span[1]"), "yes");
    EXPECT_EQ(within("/html/body[1]/p[1]/em[1]"), "yes");
    EXPECT_EQ(within("/html/body[1]/p[1]/img[1]"), "yes");
    EXPECT_EQ(within("/html/body[1]/p[1]/textarea[1]"), "nested");
    EXPECT_EQ(within("/html/body[1]/p[1]/iframe[1]"), "nested");
    EXPECT_EQ(within("/html/body[1]/p[1]/svg[1]"), "yes");
    EXPECT_EQ(within("/html/body[1]/p[1]/svg[1]/circle[1]"), "no");
    EXPECT_EQ(within("/html/body[1]/p[1]/link[1]"), "yes");
    EXPECT_EQ(within("/html/body[1]/p[1]/cite[1]"), "nested") << "a rule wins over the default";
    EXPECT_EQ(within("/html/body[1]/script[1]"), "nested");
    EXPECT_EQ(within("/html/body[1]/div[1]"), "no");
}

TEST(AnnotateHtml, LanguageComesFromLangAndIdValueFromId) {
    const auto nodes = annotate("<html lang=en><body><p id=intro>a <q lang=fr>b</q></p>"
                                "<p lang=de xml:lang=de-CH>c</p></body></html>");
    EXPECT_EQ(at(nodes, "/html/body[1]").lang, std::optional<std::string>("en"));
    EXPECT_EQ(at(nodes, "/html/body[1]/p[1]/q[1]").lang, std::optional<std::string>("fr"));
    EXPECT_EQ(at(nodes, "/html/body[1]/p[1]/q[1]/@lang").lang, std::optional<std::string>("fr"));
    EXPECT_EQ(at(nodes, "/html/body[1]/p[2]").lang, std::optional<std::string>("de-CH")) << "xml:lang wins";
    EXPECT_EQ(at(nodes, "/html/body[1]/p[1]").id_value, std::optional<std::string>("intro"));
    EXPECT_EQ(at(nodes, "/html/body[1]/p[2]").id_value, std::nullopt);
}

TEST(AnnotateHtml, LinkAndScriptRulesApplyInDocumentOrderAfterExternalRules) {
    const fs::path dir = fresh_dir("html-rules");
    spit(dir / "no.xml", k_rules_open + "<its:translateRule selector=\"//h:p\" translate=\"no\"/></its:rules>");
    const std::string script =
        "<script type=\" Application/ITS+XML \"><!--\n" + k_rules_open +
        "<its:param name=\"which\">b</its:param>"
        "<its:translateRule selector=\"//h:p[@class=$which] | //h:p[@class='a']\" translate=\"yes\"/>"
        "</its:rules>\n--></script>";
    const std::string link = "<link rel=\"stylesheet ITS-Rules\" href=\"no.xml\">";
    const std::string body = "<body><p class=a>a</p><p class=b>b</p><p class=c>c</p></body>";
    RulesOptions options{{dir}, Builtins::none};
    const Rules external = rules_text("<its:translateRule selector=\"//h:p[@class='c']\" translate=\"yes\"/>", options);

    auto translate = [&](const std::string& head, int p) {
        const auto nodes = annotate("<head>" + head + "</head>" + body, external);
        return at(nodes, "/html/body[1]/p[" + std::to_string(p) + "]").translate;
    };
    // The link's rules, then the script's, override the external rules file.
    EXPECT_EQ(translate(link + script, 1), "yes");
    EXPECT_EQ(translate(link + script, 2), "yes");
    EXPECT_EQ(translate(link + script, 3), "no");
    // The other order: the link's rule comes last and wins.
    EXPECT_EQ(translate(script + link, 1), "no");
    EXPECT_EQ(translate(script + link, 2), "no");
    // A script of another type is not rules.
    EXPECT_EQ(translate("<script type=\"text/javascript\">" + k_rules_open +
                            "<its:translateRule selector=\"//h:p\" translate=\"no\"/></its:rules></script>",
                        1),
              "yes");
}

TEST(AnnotateHtml, BadRulesInTheDocumentAreRefusedWithWhereTheyAre) {
    const fs::path dir = fresh_dir("html-bad-rules");
    struct Row {
        const char* name;
        std::string head;
        ErrorCode code;
        const char* message;
        std::string file;
    };
    const std::vector<Row> rows = {
        {"script not XML", "\n<script type=application/its+xml>\n<its:rules></script>", ErrorCode::invalid,
         "malformed XML", "page.html (its:rules in the <script> at line 2)"},
        {"script not rules", "<script type=application/its+xml><rules/></script>", ErrorCode::invalid,
         "not an ITS rules file", "page.html (its:rules in the <script> at line 1)"},
        {"bad selector",
         "<script type=application/its+xml>" + k_rules_open +
             "<its:translateRule selector=\"//h:p[\" translate=\"no\"/></its:rules></script>",
         ErrorCode::invalid, "selector \"//h:p[\"", "page.html (its:rules in the <script> at line 1)"},
        {"link leaving the folder", "\n\n<link rel=its-rules href=\"../secret.xml\">", ErrorCode::forbidden,
         "leaves the allowed rules folder", "page.html"},
        {"link to a URL", "<link rel=its-rules href=\"http://example.com/r.xml\">", ErrorCode::forbidden,
         "only a relative path", "page.html"},
        {"link to nothing", "<link rel=its-rules href=\"missing.xml\">", ErrorCode::not_found, "not found",
         "page.html"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        const Error e = annotate_error("<head>" + row.head + "</head><p>x</p>", no_rules(dir));
        EXPECT_EQ(e.code, row.code);
        EXPECT_NE(e.message.find(row.message), std::string::npos) << e.message;
        EXPECT_EQ(e.where.file, row.file);
        EXPECT_GT(e.where.line, 0) << describe(e);
    }
    const Error link = annotate_error("<head>\n\n<link rel=its-rules href=\"../secret.xml\"></head>", no_rules(dir));
    EXPECT_EQ(link.where.line, 3) << describe(link);
    const Error unfoldered = annotate_error("<link rel=its-rules href=\"r.xml\">", no_rules());
    EXPECT_EQ(unfoldered.code, ErrorCode::forbidden);
}

TEST(ExtractHtml, SegmentsKeepInlineMarkupSkipCodeAndTakeTextAttributes) {
    const auto segments = extract(
        "<!DOCTYPE html>\n<html lang=en>\n<head><title>Shop</title>\n"
        "<meta name=description content=\"Fresh fruit\"><style>p { color: red }</style></head>\n"
        "<body>\n<p>Buy <b>ripe</b> pears<script>track(\"x\")</script> now.</p>\n"
        "<img src=pear.png alt=\"A pear\"><img src=line.png alt=\"\">\n"
        "<p translate=no>SKU-1</p><pre>a  b\n c</pre></body></html>");
    std::vector<std::string> msgids;
    for (const auto& s : segments) msgids.push_back(s.msgid);
    EXPECT_EQ(msgids, (std::vector<std::string>{"Shop", "Fresh fruit", "Buy <b>ripe</b> pears<_:script-1/> now.",
                                                "A pear", "a  b\n c"}));
    ASSERT_EQ(segments.size(), 5u);
    EXPECT_EQ(segments[2].comments, std::vector<std::string>{"(itstool) path: body/p"});
    EXPECT_EQ(segments[2].references, std::vector<std::string>{"page.html:6"});
    EXPECT_EQ(segments[3].comments, std::vector<std::string>{"(itstool) path: body/img@alt"});
    EXPECT_EQ(segments[4].flags, std::vector<std::string>{"no-wrap"}) << "pre keeps its spaces";
}

TEST(ExtractHtml, LocalNotesAndIdsBecomeComments) {
    const auto segments =
        extract("<p id=greeting its-loc-note=\"Shown at the top\" its-loc-note-type=alert>Hello</p>");
    ASSERT_EQ(segments.size(), 1u);
    EXPECT_EQ(segments[0].comments,
              (std::vector<std::string>{"(itstool) path: body/p", "(itstool) id: page.html#greeting",
                                        "Shown at the top"}));
}

TEST(MergeHtml, IsRefusedBecauseTandemWritesNoHtml) {
    const Lookup none = [](const std::optional<std::string>&, std::string_view) {
        return std::optional<std::string>();
    };
    auto merged = merge_translations("<p>Hello</p>", Rules(), none, std::string_view("fr"), html_options());
    ASSERT_FALSE(merged);
    EXPECT_EQ(merged.error().code, ErrorCode::invalid);
    EXPECT_NE(merged.error().message.find("HTML"), std::string::npos);
}

TEST(HtmlSafety, MalformedHtmlIsRepairedNotRefused) {
    const std::vector<std::string> inputs = {
        "",
        "plain text, no tags",
        "<p>unclosed <b>bold <i>both</b> italic?</p></div></span>",
        "<table><tr><td>cell<p>para</table><td>stray",
        "</p></p><!-- unclosed comment",
        "<svg><foreignObject><p>html in svg</svg><math><mi>x",
        "<a href=\"x\"<b>=</b><<>>&amp;&bogus;&#0;&#x110000;",
        "<template><tr><td>t</template><frameset><frame></frameset>",
        std::string("<p>nul \0 inside</p>", sizeof("<p>nul \0 inside</p>") - 1),
    };
    for (const std::string& html : inputs) {
        SCOPED_TRACE(html);
        const auto nodes = annotate(html);
        ASSERT_FALSE(nodes.empty());
        EXPECT_EQ(nodes[0].path, "/html");
        auto segments = extract_segments(html, Rules(), "page.html", html_options());
        EXPECT_TRUE(segments) << describe(segments.error());
    }
}

TEST(HtmlSafety, InputThatTripsTheParsersOwnChecksIsRefusedNotFatal) {
    // gumbo 0.10.1 fails an assertion (and, built as Debian builds it,
    // would abort the process) on this input, found by fuzzing. A later
    // gumbo may read it; either way the process lives on.
    const std::string html = "<table><math><select><mi><select/><table>";
    auto nodes = annotate_nodes(html, no_rules(), html_options());
    if (!nodes) {
        EXPECT_EQ(nodes.error().code, ErrorCode::invalid);
        EXPECT_NE(nodes.error().message.find("failed its own check"), std::string::npos) << nodes.error().message;
    }
    // And the next document parses as usual.
    EXPECT_EQ(at(annotate("<p>after</p>"), "/html/body[1]/p[1]").translate, "yes");
}

TEST(HtmlSafety, InvalidUtf8IsRefusedWithItsPosition) {
    const Error e = annotate_error("<p>\ncaf\xC3\x28</p>");
    EXPECT_EQ(e.code, ErrorCode::invalid);
    EXPECT_NE(e.message.find("UTF-8"), std::string::npos) << e.message;
    EXPECT_EQ(e.where.file, "page.html");
    EXPECT_EQ(e.where.line, 2);
    EXPECT_EQ(e.where.column, 4);
}

TEST(HtmlSafety, DeepNestingIsRefusedBeforeTheParserSlowsDown) {
    // gumbo walks the stack of open elements for every tag: 400,000 nested
    // divs would take over ten minutes to parse in full (ctest's timeout).
    // The parser stops soon after the depth limit instead.
    const std::vector<std::pair<const char*, std::string>> rows = {
        {"divs", repeat("<div>", 400000)},
        {"tables", repeat("<table><tr><td>", 50000)},
        {"formatting", repeat("<b>", 200000) + repeat("x", 100000)},
        {"just past the limit", "<p>" + repeat("<span>", 300) + "x"},
    };
    for (const auto& [name, html] : rows) {
        SCOPED_TRACE(name);
        const Error e = annotate_error(html);
        EXPECT_EQ(e.code, ErrorCode::invalid);
        EXPECT_NE(e.message.find("nested deeper than 256"), std::string::npos) << e.message;
    }
    // 250 levels (html and body included) are fine.
    EXPECT_FALSE(annotate(repeat("<div>", 240) + "x").empty());
}

TEST(HtmlSafety, FormattingElementsClonedWithoutEndAreRefused) {
    // 200 distinct <b> elements left open, then blocks: the parser clones
    // all 200 into every block (about 70 KB of nodes per 10 bytes of input)
    // and would need far more than the budget of 32 times the input.
    std::string html = "<div>";
    for (int i = 0; i < 200; ++i) html += "<b id=" + std::to_string(i) + ">";
    html += "</div>" + repeat("<p>x</p>", 2000);
    const Error e = annotate_error(html);
    EXPECT_EQ(e.code, ErrorCode::invalid);
    EXPECT_NE(e.message.find("MiB to parse"), std::string::npos) << e.message;
    // The same elements, closed, parse.
    std::string closed;
    for (int i = 0; i < 200; ++i) closed += "<b id=" + std::to_string(i) + ">x</b>";
    EXPECT_FALSE(annotate(closed + repeat("<p>x</p>", 2000)).empty());
}

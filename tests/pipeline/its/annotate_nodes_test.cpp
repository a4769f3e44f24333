// annotate_nodes: the ITS 2.0 data categories of every element and
// attribute (the W3C suite covers the rest, see conformance_test.cpp).

#include <gtest/gtest.h>

#include "pipeline/its/its.h"

using namespace tandem;
using namespace tandem::its;

namespace {

std::vector<NodeInfo> annotate(const std::string& xml, const Rules& rules = Rules()) {
    auto nodes = annotate_nodes(xml, rules);
    EXPECT_TRUE(nodes) << describe(nodes.error());
    return nodes ? *nodes : std::vector<NodeInfo>();
}

}  // namespace

TEST(AnnotateNodes, ElementsInheritTranslateAttributesDoNot) {
    const auto nodes = annotate("<doc xmlns:its=\"http://www.w3.org/2005/11/its\" its:translate=\"no\">"
                                "<p title=\"t\">a</p><p its:translate=\"yes\">b</p></doc>");
    ASSERT_EQ(nodes.size(), 6u);
    EXPECT_EQ(nodes[0].path, "/doc");
    EXPECT_EQ(nodes[0].translate, "no");
    EXPECT_EQ(nodes[1].path, "/doc/@its:translate");
    EXPECT_TRUE(nodes[1].attribute);
    EXPECT_EQ(nodes[2].path, "/doc/p[1]");
    EXPECT_EQ(nodes[2].translate, "no");
    EXPECT_EQ(nodes[3].path, "/doc/p[1]/@title");
    EXPECT_EQ(nodes[3].translate, "no");
    EXPECT_EQ(nodes[4].path, "/doc/p[2]");
    EXPECT_EQ(nodes[4].translate, "yes");
}

TEST(AnnotateNodes, XhtmlTranslateAttributeIsLocalMarkup) {
    const auto nodes = annotate("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body translate=\"no\">"
                                "<p>x</p><p translate=\"yes\">y</p></body></html>");
    ASSERT_EQ(nodes.size(), 6u);
    EXPECT_EQ(nodes[1].path, "/html/body[1]");
    EXPECT_EQ(nodes[1].translate, "no");
    EXPECT_EQ(nodes[3].translate, "no");
    EXPECT_EQ(nodes[4].translate, "yes");
}

TEST(AnnotateNodes, LanguageSpaceAndFiltersAreInheritedByAttributes) {
    const auto nodes = annotate("<doc xml:lang=\"en\" xmlns:its=\"http://www.w3.org/2005/11/its\">"
                                "<p xml:space=\"preserve\" its:localeFilterList=\"fr\" k=\"v\">x</p></doc>");
    ASSERT_EQ(nodes.size(), 6u);
    // Attributes come sorted by name: @its:localeFilterList, @k, @xml:space.
    EXPECT_EQ(nodes[3].path, "/doc/p[1]/@its:localeFilterList");
    const NodeInfo& k = nodes[4];
    EXPECT_EQ(k.path, "/doc/p[1]/@k");
    EXPECT_EQ(k.lang, std::optional<std::string>("en"));
    EXPECT_EQ(k.space, "preserve");
    EXPECT_EQ(k.locale_filter_list, "fr");
    EXPECT_EQ(k.locale_filter_type, "include");
    EXPECT_EQ(nodes[0].space, "default");
}

TEST(AnnotateNodes, SelectorShortcutsSelectWhatXPathSelects) {
    // Selectors of a few common shapes are matched without XPath; with a
    // no-op predicate added, the same selector goes through pugixml's XPath.
    const std::string xml =
        "<root xmlns=\"urn:x\" xmlns:y=\"urn:y\"><a><b/><c><b/><a><b/></a></c></a>"
        "<y:a><b/><y:b/></y:a><b xmlns=\"\"><a/><b/></b></root>";
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"//x:a", "//x:a[true()]"},
        {"//x:a | //y:b", "//x:a[true()] | //y:b[true()]"},
        {"/x:root", "/x:root[true()]"},
        {"x:root", "/x:root[true()]"},
        {"//x:a/x:b", "//x:a/x:b[true()]"},
        {"//x:a//*", "//x:a//*[true()]"},
        {"//x:a//x:b", "//x:a//x:b[true()]"},
        {"/x:root/x:a", "/x:root/x:a[true()]"},
        {"x:root/*", "/x:root/*[true()]"},
        {"//*[namespace-uri(.) = 'urn:x']", "//*[namespace-uri(.) = 'urn:x' and true()]"},
        {"//*[starts-with(namespace-uri(), 'urn:')]", "//*[starts-with(namespace-uri(), 'urn:') and true()]"},
        {"//*[namespace-uri() = '']", "//*[namespace-uri() = '' and true()]"},
        {"//x:*", "//x:*[true()]"},
        {"//*", "//*[true()]"},
        {"//b", "//b[true()]"},
        {"//b/a", "//b/a[true()]"},
    };
    auto within = [&](const std::string& selector) {
        const std::vector<RulesFile> files{RulesFile{
            "t.its", "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" xmlns:x=\"urn:x\" xmlns:y=\"urn:y\" "
                     "version=\"2.0\"><its:withinTextRule selector=\"" + selector + "\" withinText=\"yes\"/></its:rules>"}};
        auto rules = parse_rules(files);
        EXPECT_TRUE(rules) << describe(rules.error());
        std::string out;
        for (const NodeInfo& n : annotate(xml, rules ? *rules : Rules()))
            if (n.within_text == std::optional<std::string>("yes")) out += n.path + " ";
        return out;
    };
    for (const auto& [fast, slow] : pairs) {
        SCOPED_TRACE(fast);
        const std::string a = within(fast);
        EXPECT_FALSE(a.empty());
        EXPECT_EQ(a, within(slow));
    }
}

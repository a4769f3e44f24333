#pragma once
// HTML5 documents for the ITS engine: parsing with gumbo into the Document
// load_document makes of XML, and what ITS 2.0 says about HTML (its-*
// local attributes, defaults for Elements Within Text and for the Translate
// of attributes). Internal to pipeline/its (gumbo stays in html_parse.cpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cms/core/result.h"
#include "pipeline/its/document.h"

namespace tandem::its {

// Parses `html` as a browser would (HTML5 tree construction: implied
// html/head/body, misnested tags repaired). HTML elements are in the XHTML
// namespace, SVG and MathML ones in theirs; names are unprefixed; comments
// and text are kept; lines are gumbo's (where the start tag begins).
// <link rel="its-rules" href> and <script type="application/its+xml">
// elements are listed, in document order, in Document::rules_elements.
// Errors: invalid (not UTF-8, elements nested deeper than XML allows, tag
// soup that needs more parser memory than 32 times its size plus 32 MiB,
// over 4 GiB), with a position when known.
Result<std::unique_ptr<Document>> load_html_document(std::string_view html, std::string_view label,
                                                     const NamespaceTable& known);

// The value of an its-* keyword attribute of element `el` ("ALERT",
// "ExCluDE") in lower case, as ITS 2.0 reads it in HTML; nothing without it.
std::optional<std::string> html_keyword(const Document& doc, std::uint32_t el, std::string_view name);

// ITS 2.0's default Elements Within Text for HTML: "yes" for phrasing
// content, "nested" for iframe, noscript, script and textarea, "no" for the
// rest (and for elements outside HTML but svg and math roots).
std::string_view html_within_text(const Document& doc, std::uint32_t el);

// HTML5's translatable attributes: `text` ones hold words (alt, title,
// placeholder, ...), `processed` ones are rewritten rather than translated
// (lang, style, srcdoc); both take their element's Translate.
enum class HtmlAttribute { other, text, processed };
HtmlAttribute classify_html_attribute(const Document& doc, std::uint32_t attribute);

// script and style: their content is code, never a message.
bool is_html_raw_text(const Document& doc, std::uint32_t el);

}  // namespace tandem::its

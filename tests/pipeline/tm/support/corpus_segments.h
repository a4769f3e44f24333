#pragma once
// Segments of a generated corpus document, simply: the inner markup of its
// <p>, <li>, <h> and <title> elements (none of which nest in the corpus),
// whitespace-normalized. Stands in for the ITS extractor in the recall test.

#include <string>
#include <string_view>
#include <vector>

namespace tandem::tm::test_support {

enum class Elements { paragraphs, all };  // <p> only, or <p> <li> <h> <title>

std::vector<std::string> corpus_segments(std::string_view xml, Elements elements = Elements::all);

}  // namespace tandem::tm::test_support

#include "pipeline/its/document.h"
#include "pipeline/its/its.h"
#include "pipeline/its/messages.h"
#include "pipeline/its/resolve.h"
#include "pipeline/its/rules.h"

namespace tandem::its {

// Parse (refusing what is unsafe), resolve the data categories with every
// selector evaluated once, then walk the document once as itstool does.
Result<std::vector<model::Segment>> extract_segments(std::string_view xml, const Rules& rules,
                                                     std::string_view reference_path,
                                                     const DocumentOptions& options) {
    auto doc = load_document(xml, reference_path, rules.set().namespaces, options.syntax);
    if (!doc) return tl::unexpected(doc.error());
    auto facts = resolve_rules(**doc, rules.set());
    if (!facts) return tl::unexpected(facts.error());
    const MessageList list = generate_messages(**doc, *facts, reference_path, WithComments::yes, options);
    return format_segments(list, **doc, reference_path);
}

}  // namespace tandem::its

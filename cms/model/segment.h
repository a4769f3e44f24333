#pragma once
// A Segment is one ITS translation unit of a document: one PO message.

#include <optional>
#include <string>
#include <vector>

namespace tandem::model {

struct Segment {
    std::optional<std::string> msgctxt;   // from itstool's contextRule, rarely set
    std::string msgid;                    // inline markup serialized as itstool does
    std::vector<std::string> comments;    // extracted comments (#.): path, localization notes
    std::vector<std::string> references;  // "resources/<id>/resource.xml:12" (#:)
    std::vector<std::string> flags;       // e.g. "no-wrap" when space is preserved
};

}  // namespace tandem::model

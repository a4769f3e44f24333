#pragma once
// Resource documents: validation against the RELAX NG schema file, and the
// plain values the rest of Tandem reads off a valid document.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/ids.h"
#include "cms/core/result.h"

namespace tandem::model {

// What lists and indexes need to know about a resource without its body.
struct ResourceInfo {
    std::string id;
    Lang source_lang = Lang::en;
    std::string type;   // report, pamphlet, booklet, proposal, action, order-form, page, link
    std::string title;  // plain text: inline markup dropped, whitespace collapsed
};

// A compiled schema. Cheap to copy; safe to use from several threads.
class Schema {
public:
    struct Compiled;
    explicit Schema(std::shared_ptr<Compiled> compiled) : m_compiled(std::move(compiled)) {}
    const Compiled& compiled() const { return *m_compiled; }

private:
    std::shared_ptr<Compiled> m_compiled;
};

// Loads the RELAX NG schema file (cms/model/schema/resource.rng). Errors:
// not_found, invalid (the schema itself does not compile).
Result<Schema> load_schema(const std::filesystem::path& rng_file);

// The schema file shipped with Tandem, under `share_dir`.
std::filesystem::path default_schema_path(const std::filesystem::path& share_dir);

// Checks that `xml` is UTF-8, well-formed, has no DOCTYPE (entities are never
// expanded) and is valid against the schema. Errors: invalid, with the line
// and column of the first problem and what was expected there; `label` names
// the document in the error.
Result<ResourceInfo> validate_resource(const Schema& schema, std::string_view xml,
                                       std::string_view label = "resource.xml");

// Reads id, language, type and title off a well-formed document without
// validating it (for lists, where every document was validated when saved).
// Errors: invalid.
Result<ResourceInfo> read_resource_info(std::string_view xml);

}  // namespace tandem::model

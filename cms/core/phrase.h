#pragma once
// A sentence for a person, kept as its English pattern and the values that
// fill it, so that each interface can say it in its own language: the web app
// looks the pattern up in the interface catalogs (locales/app) and fills the
// {name} slots itself; the command line prints english(). The patterns are
// msgids: scripts/extract-app-messages finds them with xgettext in the calls
// to phrase() and counted(), which must therefore be given string literals.

#include <string>
#include <utility>
#include <vector>

namespace tandem {

struct Phrase {
    std::string pattern;  // English, with {name} slots: "the source's number {number} is not in the translation"
    std::string plural;   // for a counted phrase, the English plural pattern; else empty
    long count = 0;       // for a counted phrase, what decides between the forms (also the {count} slot)
    std::vector<std::pair<std::string, std::string>> values;  // slot name, value
};

using PhraseValues = std::vector<std::pair<std::string, std::string>>;

Phrase phrase(const char* pattern, PhraseValues values = {});

// A phrase whose form depends on a number: "{count} segment untranslated",
// "{count} segments untranslated". {count} is filled with the number.
Phrase counted(const char* singular, const char* plural, long count, PhraseValues values = {});

// The phrase in English, its slots filled (an unknown slot is left as it is).
std::string english(const Phrase& phrase);

}  // namespace tandem

#!/usr/bin/env bash
# The web application's catalogs: the committed POT is what xgettext extracts
# from the sources (no string outside the catalogs), fr.po passes
# `msgfmt --check`, and every message of the POT is translated in fr.po,
# none fuzzy, none left over.
set -euo pipefail
cd "${1:?source dir}"

./scripts/extract-app-messages --check
msgfmt --check --output-file=/dev/null locales/app/fr.po

untranslated=$(msgattrib --untranslated --no-obsolete locales/app/fr.po | grep -c '^msgid "[^"]' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete locales/app/fr.po | grep -c '^msgid "[^"]' || true)
# Messages of the POT that fr.po lacks, or has that the POT no longer has.
missing=$(msgcomm --unique locales/app/app.pot locales/app/fr.po | grep -c '^msgid "[^"]' || true)
echo "untranslated: $untranslated, fuzzy: $fuzzy, not in both POT and fr.po: $missing"
[ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ] && [ "$missing" -eq 0 ]

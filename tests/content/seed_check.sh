#!/usr/bin/env bash
# Checks the seed content of content-repo/: every resource document and every
# catalog, and the glossary catalogs.
#
#   tests/content/seed_check.sh REPOSITORY-ROOT
#
# For each content-repo/resources/<id>/:
#   - resource.xml validates against cms/model/schema/resource.rng, and its id is <id>;
#   - there is exactly one catalog, named after the other language (fr.po for an
#     English document, en.po for a French one), whose Language header says so;
#   - the catalog's msgids are exactly the segments itstool extracts with
#     cms/model/schema/resource.its (compared after msgcat normalization);
#   - `msgfmt --check` passes and `msgcat FILE` reproduces FILE byte for byte;
#   - every message is translated: no untranslated, no fuzzy;
#   - each msgstr has the same inline tags and placeholders as its msgid;
#   - itstool merges every translation back without a warning, and the
#     translated document validates too;
#   - every relative link to another resource (../<id>/) names a seed resource.
# The glossary catalogs pass the same catalog checks, and glossary/en.po is
# glossary/fr.po reversed.
#
# Prints each failure and exits 1 if there was any; needs xmllint, itstool and
# the gettext tools.
set -u

if [ $# -ne 1 ] || [ ! -d "$1/content-repo/resources" ]; then
  echo "usage: $0 REPOSITORY-ROOT (the folder holding content-repo/ and cms/)" >&2
  exit 2
fi
root=$(cd "$1" && pwd)
content="$root/content-repo"
rng="$root/cms/model/schema/resource.rng"
its="$root/cms/model/schema/resource.its"
for tool in xmllint itstool msgcat msgfmt msgattrib msgexec; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
# Paths below are relative to content-repo/, as the catalogs' references are.
cd "$content" || exit 2

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The msgctxt/msgid/msgid_plural lines of a catalog, one message after another,
# header left out: the catalog's segments in a form that diff can compare.
msgids() {
  msgcat --no-location --sort-output --no-wrap "$1" | awk '
    /^#/ { next }
    /^(msgctxt|msgid|msgid_plural) / { keep = 1 }
    /^msgstr/ { keep = 0; next }
    keep { print }
  ' | sed '1,2{/^msgid ""$/d}'
}

# Checks that hold for any catalog: $1 the file, $2 its expected language.
check_catalog() {
  local po=$1 lang=$2 out
  if ! out=$(msgfmt --check -o /dev/null "$po" 2>&1); then
    fail "$po: msgfmt --check:"; echo "$out"
  fi
  if ! msgcat "$po" 2>/dev/null | cmp -s - "$po"; then
    fail "$po: not a fixed point of msgcat (run: msgcat -o $po $po)"
  fi
  # (sed drops the header that msgattrib prints before any message)
  out=$(msgattrib --untranslated "$po" 2>&1 | sed '1,/^$/d')
  [ -z "$out" ] || { fail "$po: untranslated messages:"; echo "$out"; }
  out=$(msgattrib --only-fuzzy "$po" 2>&1 | sed '1,/^$/d')
  [ -z "$out" ] || { fail "$po: fuzzy messages:"; echo "$out"; }
  if ! grep -qx "\"Language: $lang\\\\n\"" "$po"; then
    fail "$po: header does not say Language: $lang"
  fi
}

# Each msgstr must carry the same tags (inline markup, itstool placeholders) as
# its msgid, in any order.
check_markup() {
  local po=$1 out
  # shellcheck disable=SC2016 # expanded by the inner sh, per message
  out=$(msgexec -i "$po" sh -c '
    [ -n "$MSGEXEC_MSGID" ] || exit 0
    a=$(printf "%s" "$MSGEXEC_MSGID" | grep -o "<[^>]*>" | sort)
    b=$(grep -o "<[^>]*>" | sort)
    [ "$a" = "$b" ] || printf "  markup differs: %s\n" "$MSGEXEC_MSGID"
  ' 2>&1)
  [ -z "$out" ] || { fail "$po: translations change the inline markup:"; echo "$out"; }
}

count=0
for dir in resources/*/; do
  id=$(basename "$dir")
  doc="resources/$id/resource.xml"
  count=$((count + 1))
  if [ ! -f "$doc" ]; then
    fail "$doc: missing"
    continue
  fi
  if ! out=$(xmllint --noout --relaxng "$rng" "$doc" 2>&1); then
    fail "$doc: does not validate:"; echo "$out"
    continue
  fi
  [ "$(xmllint --xpath 'string(/*/@id)' "$doc")" = "$id" ] ||
    fail "$doc: id attribute is not \"$id\""
  src=$(xmllint --xpath 'string(/*/@*[local-name()="lang"])' "$doc")
  case $src in en) tgt=fr ;; fr) tgt=en ;; *) fail "$doc: bad xml:lang"; continue ;; esac
  catalogs=$(for f in "$dir"*.po; do [ -e "$f" ] && printf '%s ' "${f##*/}"; done)
  [ "$catalogs" = "$tgt.po " ] ||
    fail "resources/$id: expected exactly one catalog $tgt.po, found: ${catalogs:-none}"
  po="resources/$id/$tgt.po"
  if [ ! -f "$po" ]; then
    fail "$po: missing"
    continue
  fi

  # Segments: itstool run from content-repo/, as the catalogs were made.
  if ! out=$(itstool -i "$its" -o "$tmp/$id.pot" "$doc" 2>&1) || [ -n "$out" ]; then
    fail "$doc: itstool extraction:"; echo "$out"
    continue
  fi
  msgids "$tmp/$id.pot" >"$tmp/$id.want"
  msgids "$po" >"$tmp/$id.have"
  if ! out=$(diff -u "$tmp/$id.want" "$tmp/$id.have"); then
    fail "$po: msgids differ from the segments of $doc (- document, + catalog):"; echo "$out"
  fi

  check_catalog "$po" "$tgt"
  check_markup "$po"

  # Round trip: merge the translations back and validate the translated document.
  if msgfmt -o "$tmp/$id.mo" "$po" 2>/dev/null; then
    out=$(itstool -i "$its" -m "$tmp/$id.mo" -l "$tgt" -o "$tmp/$id.$tgt.xml" "$doc" 2>&1)
    [ -z "$out" ] || { fail "$po: itstool cannot merge some translations:"; echo "$out"; }
    if ! out=$(xmllint --noout --relaxng "$rng" "$tmp/$id.$tgt.xml" 2>&1); then
      fail "$po: the translated document does not validate:"; echo "$out"
    fi
  fi

  # Links between resources name resources that exist.
  while read -r target; do
    [ -z "$target" ] || [ -f "resources/$target/resource.xml" ] ||
      fail "$doc: links to ../$target/, which is not a resource"
  done < <(grep -o 'href="\.\./[^/"]*/' "$doc" | sed 's|href="\.\./||; s|/$||' | sort -u)
done
[ "$count" -gt 0 ] || fail "content-repo/resources: no resources"

# Glossary.
for lang in fr en; do
  po="glossary/$lang.po"
  if [ -f "$po" ]; then
    check_catalog "$po" "$lang"
  else
    fail "$po: missing"
  fi
done
if [ -f "glossary/fr.po" ] && [ -f "glossary/en.po" ]; then
  # shellcheck disable=SC2016 # expanded by the inner sh, per message
  pairs='[ -z "$MSGEXEC_MSGID" ] || printf "%s\t%s\n" "$MSGEXEC_MSGID" "$(cat)"'
  msgexec -i "glossary/fr.po" sh -c "$pairs" | sort >"$tmp/glossary.fr"
  msgexec -i "glossary/en.po" sh -c "$pairs" |
    awk -F '\t' '{ print $2 "\t" $1 }' | sort >"$tmp/glossary.en-reversed"
  out=$(comm -13 "$tmp/glossary.fr" "$tmp/glossary.en-reversed")
  [ -z "$out" ] || { fail "glossary/en.po: pairs that are not in glossary/fr.po reversed:"; echo "$out"; }
fi

if [ "$failures" -gt 0 ]; then
  echo "seed_check: $failures failure(s) in $count resource(s)"
  exit 1
fi
echo "seed_check: $count resources and the glossary are valid and fully translated"

// The web app's counted words without a browser: compilePluralForms evaluates
// gettext formulas as pipeline/po/mo.cpp does (same rules, same answers), and
// n_() picks the form from what GET /api/i18n/{lang} sends. Run with
// `node --test tests/web/i18n_plural.test.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";

import { compilePluralForms, n_, _, setInterfaceLanguage } from "../../web/app/src/i18n.js";

const forms = (nplurals, formula, counts) => {
  const rule = compilePluralForms(nplurals, formula);
  return counts.map((n) => rule(n));
};

test("rules of real languages", () => {
  assert.deepEqual(forms(2, "(n > 1)", [0, 1, 2, 3]), [0, 0, 1, 1]);
  assert.deepEqual(forms(2, "n != 1", [0, 1, 2, 3]), [1, 0, 1, 1]);
  assert.deepEqual(forms(1, "0", [0, 1, 2]), [0, 0, 0]);
  const polish = "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)";
  assert.deepEqual(forms(3, polish, [0, 1, 2, 4, 5, 12, 14, 21, 22, 25, 112, 1002]), [2, 0, 1, 1, 2, 2, 2, 2, 1, 2, 2, 1]);
  const arabic = "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5";
  assert.deepEqual(forms(6, arabic, [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111]), [0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4]);
});

test("C precedence, associativity and unsigned arithmetic", () => {
  const value = (formula) => compilePluralForms(100, formula)(7);
  assert.equal(value("1 + 2 * 3"), 7);
  assert.equal(value("(1 + 2) * 3"), 9);
  assert.equal(value("20 - 5 - 3"), 12);
  assert.equal(value("64 / 4 / 2"), 8);
  assert.equal(value("n % 4 * 3"), 9);
  assert.equal(value("n / 2"), 3);
  assert.equal(value("!n"), 0);
  assert.equal(value("!!n"), 1);
  assert.equal(value("!0 + 1"), 2);
  assert.equal(value("1 < 2 == 1"), 1);
  assert.equal(value("0 && 1 || 1"), 1);
  assert.equal(value("1 || 0 && 0"), 1);
  assert.equal(value("n<=7"), 1);
  assert.equal(value("n>=8"), 0);
  assert.equal(value("0 ? 1 : 0 ? 2 : 3"), 3);
  assert.equal(value("1 ? 0 ? 4 : 5 : 6"), 5);
  assert.equal(value("0 || 0 ? 10 : 20"), 20);
  assert.equal(value("n/0 + n%0"), 0);
  // 0 - 1 wraps to the largest unsigned value, as in C.
  assert.equal(compilePluralForms(2, "n - 1 > 5")(0), 1);
  // A form not below nplurals is 0, as gettext does.
  assert.equal(compilePluralForms(2, "n")(5), 0);
});

test("malformed formulas throw", () => {
  for (const formula of ["(n > 1", "n >", "n > > 1", "x != 1", "n | 1", "n = 1", "n ? 1", "n 1", ""]) {
    assert.throws(() => compilePluralForms(2, formula), /plural formula/, formula);
  }
});

test("n_ picks the catalog's form, and English's without one", async () => {
  globalThis.localStorage = { getItem: () => null, setItem: () => {} };
  globalThis.document = { documentElement: {} };
  assert.equal(n_("{count} page", "{count} pages", 1), "{count} page");
  assert.equal(n_("{count} page", "{count} pages", 0), "{count} pages");
  globalThis.fetch = async () => ({
    ok: true,
    json: async () => ({
      lang: "fr",
      messages: { Save: "Enregistrer" },
      plurals: { "{count} page": ["{count} page", "{count} pages"], "{count} fuzzy": ["{count} approximatif", ""] },
      plural_forms: { nplurals: 2, plural: "(n > 1)" },
    }),
  });
  await setInterfaceLanguage("fr");
  assert.equal(_("Save"), "Enregistrer");
  assert.equal(n_("{count} page", "{count} pages", 0), "{count} page");
  assert.equal(n_("{count} page", "{count} pages", 1), "{count} page");
  assert.equal(n_("{count} page", "{count} pages", 2), "{count} pages");
  // An empty form or an absent message: English's choice.
  assert.equal(n_("{count} fuzzy", "{count} fuzzy (pl)", 3), "{count} fuzzy (pl)");
  assert.equal(n_("{count} file", "{count} files", 1), "{count} file");
  assert.equal(n_("{count} file", "{count} files", 0), "{count} files");
  await setInterfaceLanguage("en");
  assert.equal(n_("{count} page", "{count} pages", 0), "{count} pages");
});

// The interface's words. Every string shown to a person goes through _(), or
// n_() when it goes with a count, so xgettext finds it
// (scripts/extract-app-messages) and locales/app/fr.po translates it; the
// server hands the compiled catalog out as JSON.

const storageKey = "tandem.lang";
const languages = ["en", "fr"];
let current = "en";
let messages = {};
let plurals = {};
// English's rule, which is also gettext's for a catalog that declares none.
let pluralForm = compilePluralForms(2, "n != 1");

export function _(msgid) {
  const translated = messages[msgid];
  return translated ? translated : msgid;
}

// ngettext: the form of `singular` that goes with `count`, translated when the
// catalog has it; otherwise English's choice between singular and plural.
// The count still goes in through format(): n_("{count} page", "{count} pages", n).
export function n_(singular, plural, count) {
  const forms = plurals[singular];
  if (forms) {
    const form = forms[pluralForm(count)];
    if (form) return form;
  }
  return count === 1 ? singular : plural;
}

// Fills {name} placeholders after translation, so translators can move them.
export function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

export function interfaceLanguage() {
  return current;
}

export function storedLanguage() {
  const stored = localStorage.getItem(storageKey);
  if (languages.includes(stored)) return stored;
  return (navigator.language ?? "en").toLowerCase().startsWith("fr") ? "fr" : "en";
}

// Loads the catalog of `lang` and remembers the choice. English is the msgid
// language, so it needs no catalog.
export async function setInterfaceLanguage(lang) {
  if (!languages.includes(lang)) lang = "en";
  let loaded = {};
  if (lang !== "en") {
    const response = await fetch(`/api/i18n/${lang}`, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`i18n ${lang}: ${response.status}`);
    loaded = await response.json();
  }
  const rule = loaded.plural_forms ?? { nplurals: 2, plural: "n != 1" };
  pluralForm = compilePluralForms(rule.nplurals, rule.plural);
  messages = loaded.messages ?? {};
  plurals = loaded.plurals ?? {};
  current = lang;
  localStorage.setItem(storageKey, lang);
  document.documentElement.lang = lang === "fr" ? "fr-CA" : "en-CA";
}

// A catalog's plural= formula (gettext's C-like grammar: n, integers,
// ! * / % + - < > <= >= == != && || ?: and parentheses) as a function from a
// count to a form index. The Content-Security-Policy forbids eval and
// new Function, so a small recursive-descent parser builds closures; values
// are 64-bit unsigned as in C (BigInt), a division by zero gives 0, and a form
// not below nplurals is 0, as pipeline/po/mo.cpp does on the server. Throws
// on a malformed formula (the server refuses those before sending them).
export function compilePluralForms(nplurals, formula) {
  const tokens = formula.match(/\s*(\d+|n|&&|\|\||[<>!=]=|[-+*\/%<>!?:()]|\S)/g) ?? [];
  let at = 0;
  const peek = () => (at < tokens.length ? tokens[at].trim() : "");
  const fail = (what) => {
    throw new Error(`plural formula "${formula}": ${what}`);
  };
  const u64 = (value) => BigInt.asUintN(64, value);
  const bool = (value) => (value ? 1n : 0n);
  const operators = {
    "*": (a, b) => u64(a * b),
    "/": (a, b) => (b === 0n ? 0n : a / b),
    "%": (a, b) => (b === 0n ? 0n : a % b),
    "+": (a, b) => u64(a + b),
    "-": (a, b) => u64(a - b),
    "<": (a, b) => bool(a < b),
    ">": (a, b) => bool(a > b),
    "<=": (a, b) => bool(a <= b),
    ">=": (a, b) => bool(a >= b),
    "==": (a, b) => bool(a === b),
    "!=": (a, b) => bool(a !== b),
  };
  // Lowest precedence first; each level is left-associative.
  const levels = [["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"]];

  function conditional() {
    const condition = binary(0);
    if (peek() !== "?") return condition;
    at++;
    const then = conditional();
    if (peek() !== ":") fail('expected ":"');
    at++;
    const otherwise = conditional();
    return (n) => (condition(n) !== 0n ? then(n) : otherwise(n));
  }
  function binary(level) {
    if (level === levels.length) return unary();
    let left = binary(level + 1);
    while (levels[level].includes(peek())) {
      const op = tokens[at++].trim();
      const l = left, r = binary(level + 1);
      if (op === "&&") left = (n) => bool(l(n) !== 0n && r(n) !== 0n);
      else if (op === "||") left = (n) => bool(l(n) !== 0n || r(n) !== 0n);
      else left = (n) => operators[op](l(n), r(n));
    }
    return left;
  }
  function unary() {
    if (peek() === "!") {
      at++;
      const operand = unary();
      return (n) => bool(operand(n) === 0n);
    }
    const token = peek();
    at++;
    if (token === "n") return (n) => n;
    if (/^\d+$/.test(token)) {
      const value = BigInt(token);
      return () => value;
    }
    if (token === "(") {
      const inner = conditional();
      if (peek() !== ")") fail('expected ")"');
      at++;
      return inner;
    }
    fail(token ? `unexpected "${token}"` : "the formula ends too early");
  }

  const root = conditional();
  if (at < tokens.length) fail(`unexpected "${peek()}"`);
  const count = BigInt(nplurals);
  return (n) => {
    const value = root(u64(BigInt(Math.max(0, Math.trunc(Number(n) || 0)))));
    return value < count ? Number(value) : 0;
  };
}

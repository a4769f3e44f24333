// The interface's words. Every string shown to a person goes through _(), so
// xgettext finds it (scripts/extract-app-messages) and locales/app/fr.po
// translates it; the server hands the compiled catalog out as JSON.

const storageKey = "tandem.lang";
const languages = ["en", "fr"];
let current = "en";
let messages = {};

export function _(msgid) {
  const translated = messages[msgid];
  return translated ? translated : msgid;
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
    loaded = (await response.json()).messages ?? {};
  }
  messages = loaded;
  current = lang;
  localStorage.setItem(storageKey, lang);
  document.documentElement.lang = lang === "fr" ? "fr-CA" : "en-CA";
}

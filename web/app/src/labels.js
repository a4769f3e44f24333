// Names of the vocabulary's values as people read them. Each string is written
// out in full so xgettext can extract it.
import { _, n_, format } from "./i18n.js";

export const resourceTypes = ["report", "pamphlet", "booklet", "proposal", "action", "order-form", "page", "link"];

export function typeLabel(type) {
  switch (type) {
    case "report": return _("Report");
    case "pamphlet": return _("Pamphlet");
    case "booklet": return _("Booklet");
    case "proposal": return _("Legislative proposal");
    case "action": return _("Take action sheet");
    case "order-form": return _("Order form");
    case "page": return _("Page");
    case "link": return _("Link");
    default: return type;
  }
}

export function languageLabel(lang) {
  switch (lang) {
    case "en": return _("English");
    case "fr": return _("French");
    default: return lang;
  }
}

export function scopeLabel(scope) {
  switch (scope) {
    case "canadian": return _("Canadian");
    case "international": return _("International");
    default: return _("Not set");
  }
}

export function roleLabel(role) {
  switch (role) {
    case "editor": return _("Editor");
    case "translator": return _("Translator");
    case "publisher": return _("Publisher");
    case "admin": return _("Administrator");
    default: return role;
  }
}

export function changeLabel(change) {
  switch (change) {
    case "added": return _("added");
    case "removed": return _("removed");
    case "changed": return _("changed");
    default: return change;
  }
}

export function otherLanguage(lang) {
  return lang === "fr" ? "en" : "fr";
}

// A message of the server in the interface's language: its phrase (template,
// values and, when it counts, plural) when the server sent one, else its
// English message. Templates are msgids of the catalogs, extracted from the
// server's sources (scripts/extract-app-messages).
export function said(item) {
  if (!item?.template) return item?.message ?? "";
  const pattern = item.plural !== undefined ? n_(item.template, item.plural, item.count) : _(item.template);
  return format(pattern, item.values ?? {});
}

// What an API error means for the person, in their language, with its place.
export function errorText(error) {
  const where = error.line ? " " + format(_("(line {line}, column {column})"), { line: error.line ?? "?", column: error.column ?? "?" }) : "";
  switch (error.code) {
    case "unauthorized": return _("Your session has ended. Please sign in again.");
    case "forbidden": return _("Your role does not allow this.") + (error.message ? ` (${said(error.body ?? error)})` : "");
    case "csrf": return _("The page is out of date. Please reload it.");
    case "not_found": return _("Not found.");
    case "conflict": return _("Someone else changed this in the meantime.");
    case "rate_limited": return _("Too many attempts. Please wait a moment and try again.");
    case "invalid": return (said(error.body ?? error) || _("The input is not valid.")) + where;
    default: return _("Something went wrong on the server.") + (error.message ? ` (${said(error.body ?? error)})` : "");
  }
}


// The kind of a block in an outline diff ("p", "li", "title"…).
export function blockKindLabel(kind) {
  switch (kind) {
    case "title": return _("title");
    case "summary": return _("summary");
    case "meta": return _("details");
    case "h": return _("heading");
    case "p": return _("paragraph");
    case "li": return _("list item");
    case "quote": return _("quotation");
    case "note": return _("note");
    default: return kind;
  }
}

export function intoLanguageLabel(lang) {
  return lang === "fr" ? _("Into French") : _("Into English");
}

export function previewLabel(lang) {
  return lang === "fr" ? _("Preview in French") : _("Preview in English");
}

export function translatingLabel(lang) {
  return lang === "fr" ? _("Translating into French") : _("Translating into English");
}

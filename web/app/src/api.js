// The HTTP API of web/API.md: one function per call, errors as values thrown
// as ApiError so a view can show what went wrong and where.

let csrfToken = "";

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || body?.error || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? "internal";
    this.body = body ?? {};
    this.line = body?.line;
    this.column = body?.column;
  }
}

export function setCsrf(token) {
  csrfToken = token ?? "";
}

function quoteRevision(revision) {
  return `"${revision}"`;
}

async function call(method, path, { json, text, contentType, ifMatch, as = "json" } = {}) {
  const headers = {};
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (text !== undefined) {
    headers["Content-Type"] = contentType ?? "text/plain; charset=utf-8";
    body = text;
  }
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken;
  if (ifMatch) headers["If-Match"] = quoteRevision(ifMatch);
  const response = await fetch(path, { method, headers, body, credentials: "same-origin" });
  if (!response.ok) {
    let errorBody = null;
    try {
      errorBody = await response.json();
    } catch {
      errorBody = null;
    }
    throw new ApiError(response.status, errorBody);
  }
  if (response.status === 204) return null;
  const etag = (response.headers.get("ETag") ?? "").replace(/^W\//, "").replace(/"/g, "");
  if (as === "text") return { text: await response.text(), revision: etag };
  return response.json();
}

const enc = encodeURIComponent;

export const api = {
  signIn: (user, password) => call("POST", "/api/session", { json: { user, password } }),
  session: () => call("GET", "/api/session"),
  signOut: () => call("DELETE", "/api/session"),

  listResources: (filters) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    return call("GET", `/api/resources?${query}`);
  },
  resource: (id) => call("GET", `/api/resources/${enc(id)}`),
  saveResource: (id, xml, base) =>
    call("PUT", `/api/resources/${enc(id)}`, { text: xml, contentType: "application/xml; charset=utf-8", ifMatch: base }),
  validate: (xml) => call("POST", "/api/validate", { text: xml, contentType: "application/xml; charset=utf-8" }),
  history: (id) => call("GET", `/api/resources/${enc(id)}/history`),
  diff: (id, from, to) => call("GET", `/api/resources/${enc(id)}/diff?from=${enc(from)}&to=${enc(to)}`),
  revert: (id, rev, base) => call("POST", `/api/resources/${enc(id)}/revert`, { json: { rev }, ifMatch: base }),
  // The editor's unsaved text rendered in both languages: { draft, pages: { en, fr } }.
  previewDraft: (id, xml) =>
    call("POST", `/api/resources/${enc(id)}/preview`, { text: xml, contentType: "application/xml; charset=utf-8" }),
  previewUrl: (id, lang, rev) =>
    `/api/resources/${enc(id)}/preview/${enc(lang)}${rev ? `?rev=${enc(rev)}` : ""}`,

  catalog: (id, lang) => call("GET", `/api/resources/${enc(id)}/catalogs/${enc(lang)}`, { as: "text" }),
  saveCatalog: (id, lang, po, base) =>
    call("PUT", `/api/resources/${enc(id)}/catalogs/${enc(lang)}`, {
      text: po,
      contentType: "text/x-gettext-translation; charset=utf-8",
      ifMatch: base,
    }),
  segments: (id, lang) => call("GET", `/api/resources/${enc(id)}/segments/${enc(lang)}`),
  saveSegment: (id, lang, index, msgstr, base) =>
    call("PUT", `/api/resources/${enc(id)}/segments/${enc(lang)}/${index}`, {
      json: { msgstr, fuzzy: false },
      ifMatch: base,
    }),
  check: (lang, source, translation) => call("POST", "/api/check", { json: { lang, source, translation } }),

  queue: (lang) => call("GET", `/api/queue/${enc(lang)}`),
  claim: (lang, id) => call("POST", `/api/queue/${enc(lang)}/${enc(id)}/claim`),
  release: (lang, id) => call("DELETE", `/api/queue/${enc(lang)}/${enc(id)}/claim`),
  setPriority: (lang, id, priority, due) =>
    call("PUT", `/api/queue/${enc(lang)}/${enc(id)}/priority`, { json: { priority, due: due || null } }),

  pending: () => call("GET", "/api/pending"),
  approve: (id, rev, note) => call("POST", `/api/resources/${enc(id)}/approve`, { json: { rev, note: note || undefined } }),
  publish: () => call("POST", "/api/publish", { json: {} }),
  releases: () => call("GET", "/api/releases"),
  rollback: (number) => call("POST", "/api/rollback", { json: { number } }),
};

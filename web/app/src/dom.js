// Builds DOM nodes from values. Text always goes in as text nodes, so nothing a
// user or the server wrote is ever parsed as markup.

// h("button", {class: "primary", onclick: save}, _("Save"))
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "class") {
      node.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    } else if (key === "dataset") {
      Object.assign(node.dataset, value);
    } else if (key in node && typeof value !== "string") {
      node[key] = value;
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Replaces a node's children (arrays are flattened, as in h()).
export function clear(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

// Calls fn once input has been quiet for `ms` milliseconds.
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

// A status line that screen readers announce.
export function liveStatus(props = {}) {
  return h("p", { class: "status", role: "status", "aria-live": "polite", ...props });
}

export function setStatus(node, text, kind = "info") {
  node.textContent = text ?? "";
  node.dataset.kind = kind;
}

// A moment given as Unix seconds or as an ISO 8601 string.
export function formatTime(when, lang) {
  if (!when) return "";
  const date = typeof when === "number" ? new Date(when * 1000) : new Date(when);
  if (Number.isNaN(date.getTime())) return String(when);
  return date.toLocaleString(lang === "fr" ? "fr-CA" : "en-CA", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

export function shortRevision(revision) {
  return (revision ?? "").slice(0, 8);
}

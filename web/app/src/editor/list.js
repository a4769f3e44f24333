// The resource list: search, filters (type, translation status, language) and
// the form that creates a resource.
import { h, clear, debounce, liveStatus, setStatus, shortRevision } from "../dom.js";
import { _, n_, format } from "../i18n.js";
import { api } from "../api.js";
import { errorText, resourceTypes, typeLabel, languageLabel } from "../labels.js";
import { newResourceXml } from "./convert.js";

const statuses = ["", "complete", "incomplete", "failing"];

function statusLabel(status) {
  switch (status) {
    case "complete": return _("Fully translated");
    case "incomplete": return _("Needs translation");
    case "failing": return _("Failing checks");
    default: return _("Any status");
  }
}

function translationOf(resource) {
  return Object.entries(resource.status ?? {}).filter(([lang]) => lang !== resource.lang);
}

function matchesStatus(resource, status) {
  const counts = translationOf(resource).map(([, c]) => c);
  if (!status) return true;
  if (status === "complete") return counts.every((c) => c.untranslated === 0 && c.fuzzy === 0 && c.failing === 0);
  if (status === "incomplete") return counts.some((c) => c.untranslated > 0 || c.fuzzy > 0);
  return counts.some((c) => c.failing > 0);
}

function statusCell(resource) {
  const parts = translationOf(resource).map(([lang, c]) => {
    const total = c.translated + c.fuzzy + c.untranslated;
    const done = total === 0 ? 100 : Math.round((100 * c.translated) / total);
    return h("span", { class: ["badge", c.untranslated + c.fuzzy === 0 ? "ok" : "todo"] },
      format(_("{language}: {done}% translated"), { language: languageLabel(lang), done }),
      c.fuzzy ? " · " + format(n_("{count} fuzzy", "{count} fuzzy", c.fuzzy), { count: c.fuzzy }) : "",
      c.failing ? " · " + format(n_("{count} failing", "{count} failing", c.failing), { count: c.failing }) : "");
  });
  return parts.length ? parts : h("span", { class: "muted" }, "—");
}

export async function renderResourceList(root, { navigate }) {
  const status = liveStatus();
  const search = h("input", { type: "search", id: "search", placeholder: _("Title or id"), autocomplete: "off" });
  const typeFilter = h("select", { id: "filter-type" }, h("option", { value: "" }, _("Any type")), resourceTypes.map((t) => h("option", { value: t }, typeLabel(t))));
  const langFilter = h("select", { id: "filter-lang" }, h("option", { value: "" }, _("Any language")), ["en", "fr"].map((l) => h("option", { value: l }, languageLabel(l))));
  const statusFilter = h("select", { id: "filter-status" }, statuses.map((s) => h("option", { value: s }, statusLabel(s))));
  const rows = h("tbody");
  const count = h("p", { class: "muted", "aria-live": "polite" });

  const refresh = async () => {
    setStatus(status, _("Loading…"));
    try {
      const resources = await api.listResources({ q: search.value.trim(), type: typeFilter.value, lang: langFilter.value });
      const shown = resources.filter((r) => matchesStatus(r, statusFilter.value));
      clear(rows, 
        shown.map((resource) =>
          h("tr", {},
            h("td", {}, h("a", { href: `#/edit/${encodeURIComponent(resource.id)}` }, resource.title || resource.id)),
            h("td", {}, h("code", {}, resource.id)),
            h("td", {}, typeLabel(resource.type)),
            h("td", {}, languageLabel(resource.lang)),
            h("td", {}, statusCell(resource)),
            h("td", {}, h("code", {}, shortRevision(resource.revision)))),
        ),
      );
      count.textContent = format(_("Resources shown: {count}"), { count: shown.length });
      setStatus(status, "");
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  };
  const refreshSoon = debounce(refresh, 250);
  search.addEventListener("input", refreshSoon);
  for (const select of [typeFilter, langFilter, statusFilter]) select.addEventListener("change", refresh);

  // Creating: the id is the resource's folder name, so it follows the schema's pattern.
  const createStatus = liveStatus();
  const newId = h("input", { id: "new-id", name: "id", required: true, pattern: "[a-z0-9]+(-[a-z0-9]+)*", maxlength: "64", autocomplete: "off" });
  const newTitle = h("input", { id: "new-title", name: "title", required: true });
  const newLang = h("select", { id: "new-lang", name: "lang" }, ["en", "fr"].map((l) => h("option", { value: l }, languageLabel(l))));
  const newType = h("select", { id: "new-type", name: "type" }, resourceTypes.map((t) => h("option", { value: t }, typeLabel(t))));
  const createForm = h(
    "form",
    {
      class: "create-form",
      onsubmit: async (event) => {
        event.preventDefault();
        setStatus(createStatus, _("Creating…"));
        const id = newId.value.trim();
        try {
          await api.saveResource(id, newResourceXml({ id, lang: newLang.value, type: newType.value, title: newTitle.value.trim() }));
          navigate(`#/edit/${encodeURIComponent(id)}`);
        } catch (error) {
          setStatus(createStatus, error.code === "conflict" ? _("A resource with this id already exists.") : errorText(error), "error");
        }
      },
    },
    h("div", { class: "field" }, h("label", { for: "new-id" }, _("Id")), newId, h("small", { class: "hint" }, _("Lowercase letters, digits and hyphens; it becomes the page address"))),
    h("div", { class: "field" }, h("label", { for: "new-title" }, _("Title")), newTitle),
    h("div", { class: "field" }, h("label", { for: "new-lang" }, _("Written in")), newLang),
    h("div", { class: "field" }, h("label", { for: "new-type" }, _("Type")), newType),
    h("div", { class: "field" }, h("button", { type: "submit", class: "primary" }, _("Create"))),
    createStatus,
  );

  clear(root, 
    h("h1", {}, _("Resources")),
    h("div", { class: "filters", role: "search" },
      h("div", { class: "field" }, h("label", { for: "search" }, _("Search")), search),
      h("div", { class: "field" }, h("label", { for: "filter-type" }, _("Type")), typeFilter),
      h("div", { class: "field" }, h("label", { for: "filter-status" }, _("Status")), statusFilter),
      h("div", { class: "field" }, h("label", { for: "filter-lang" }, _("Language")), langFilter)),
    count,
    status,
    h("table", { class: "resource-table" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, _("Title")),
        h("th", { scope: "col" }, _("Id")),
        h("th", { scope: "col" }, _("Type")),
        h("th", { scope: "col" }, _("Language")),
        h("th", { scope: "col" }, _("Translation")),
        h("th", { scope: "col" }, _("Revision")))),
      rows),
    h("details", { class: "create" }, h("summary", {}, _("New resource")), createForm),
  );
  await refresh();
}

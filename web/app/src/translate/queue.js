// A translator's queue for one target language: what is left to translate or
// re-check, in the publisher's priority order, with claims so that two
// translators do not work on the same resource at once.
import { h, clear, liveStatus, setStatus, formatTime } from "../dom.js";
import { _, format, interfaceLanguage } from "../i18n.js";
import { api } from "../api.js";
import { errorText, intoLanguageLabel } from "../labels.js";

export async function renderQueue(root, { lang, session, navigate }) {
  const status = liveStatus();
  const rows = h("tbody");
  const mayPrioritize = ["publisher", "admin"].includes(session.role);

  const langTabs = h("nav", { class: "tabs", "aria-label": _("Target language") },
    ["fr", "en"].map((l) =>
      h("a", { href: `#/queue/${l}`, class: "tab", "aria-current": l === lang ? "page" : null },
        intoLanguageLabel(l))));

  async function act(fn, done) {
    try {
      await fn();
      setStatus(status, done, "ok");
      await refresh();
    } catch (error) {
      setStatus(status, error.code === "conflict" ? _("Someone else has claimed this resource.") : errorText(error), "error");
    }
  }

  function priorityForm(item) {
    const priority = h("input", { type: "number", value: String(item.priority ?? 0), "aria-label": _("Priority"), class: "narrow" });
    const due = h("input", { type: "date", value: item.due ?? "", "aria-label": _("Due date") });
    return h("form", {
      class: "inline-form",
      onsubmit: (event) => {
        event.preventDefault();
        act(() => api.setPriority(lang, item.id, Number(priority.value || 0), due.value), _("Priority saved."));
      },
    }, priority, due, h("button", { type: "submit", class: "small" }, _("Set")));
  }

  function claimCell(item) {
    if (!item.claimed_by) {
      return h("button", { type: "button", class: "small", onclick: () => act(() => api.claim(lang, item.id), _("Claimed.")) }, _("Claim"));
    }
    const mine = item.claimed_by === session.user;
    return h("span", {},
      mine ? _("You") : item.claimed_by,
      item.claim_expires ? h("small", { class: "muted" }, " · ", format(_("until {time}"), { time: formatTime(item.claim_expires, interfaceLanguage()) })) : "",
      mine ? h("button", { type: "button", class: "small", onclick: () => act(() => api.release(lang, item.id), _("Released.")) }, _("Release")) : "");
  }

  async function refresh() {
    try {
      const items = await api.queue(lang);
      clear(rows, 
        items.length === 0
          ? h("tr", {}, h("td", { colspan: "9", class: "muted" }, _("Nothing left to translate.")))
          : items.map((item) =>
              h("tr", { dataset: { id: item.id } },
                h("td", {}, h("a", { href: `#/translate/${lang}/${encodeURIComponent(item.id)}` }, item.title || item.id)),
                h("td", { class: "number" }, String(item.untranslated)),
                h("td", { class: "number" }, String(item.fuzzy)),
                h("td", { class: "number" }, String(item.failing)),
                h("td", { class: "number" }, String(item.words_left)),
                h("td", {}, mayPrioritize ? priorityForm(item) : String(item.priority ?? "")),
                h("td", {}, mayPrioritize ? "" : item.due ?? ""),
                h("td", {}, claimCell(item)),
                h("td", {}, h("a", { class: "button small", href: `#/translate/${lang}/${encodeURIComponent(item.id)}` }, _("Translate"))))),
      );
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }

  clear(root, 
    h("h1", {}, _("Translation queue")),
    langTabs,
    status,
    h("table", { class: "queue-table" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, _("Resource")),
        h("th", { scope: "col" }, _("Untranslated")),
        h("th", { scope: "col" }, _("Fuzzy")),
        h("th", { scope: "col" }, _("Failing")),
        h("th", { scope: "col" }, _("Words left")),
        h("th", { scope: "col" }, _("Priority")),
        h("th", { scope: "col" }, _("Due")),
        h("th", { scope: "col" }, _("Claimed by")),
        h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, _("Actions"))))),
      rows),
  );
  await refresh();
}

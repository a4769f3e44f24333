// A resource's history: who changed it, when and why; the differences between
// any two revisions, side by side and word by word; revert to one of them.
import { h, clear, formatTime, shortRevision, liveStatus, setStatus } from "../dom.js";
import { _, format, interfaceLanguage } from "../i18n.js";
import { api } from "../api.js";
import { errorText, changeLabel, blockKindLabel } from "../labels.js";
import { wordDiff, renderDiffSide } from "../worddiff.js";

export function renderDiff(diff) {
  const blocks = diff.outline?.blocks ?? [];
  if (blocks.length === 0) return h("p", { class: "muted" }, _("No differences in the text."));
  return h(
    "table",
    { class: "diff-table" },
    h("caption", {}, format(_("From {from} to {to}"), { from: shortRevision(diff.from), to: shortRevision(diff.to) })),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, _("Where")), h("th", { scope: "col" }, _("Before")), h("th", { scope: "col" }, _("After")))),
    h(
      "tbody",
      {},
      blocks.map((block) => {
        const ops = wordDiff(block.before ?? "", block.after ?? "");
        return h(
          "tr",
          { class: `change-${block.change}` },
          h("th", { scope: "row" }, block.section || _("Title, summary and details"), h("br"), h("small", {}, blockKindLabel(block.kind), " · ", changeLabel(block.change))),
          h("td", { class: "before" }, renderDiffSide(ops, "before")),
          h("td", { class: "after" }, renderDiffSide(ops, "after")),
        );
      }),
    ),
  );
}

export function createHistoryPanel({ resourceId, currentRevision, onReverted }) {
  const status = liveStatus();
  const list = h("tbody");
  const diffArea = h("div", { class: "diff-area", "aria-live": "polite" });
  const compareButton = h("button", { type: "button", onclick: compare }, _("Compare selected revisions"));
  const element = h(
    "section",
    { class: "history", "aria-label": _("History") },
    h(
      "table",
      { class: "history-table" },
      h(
        "thead",
        {},
        h("tr", {},
          h("th", { scope: "col" }, _("From")),
          h("th", { scope: "col" }, _("To")),
          h("th", { scope: "col" }, _("Who")),
          h("th", { scope: "col" }, _("When")),
          h("th", { scope: "col" }, _("Message")),
          h("th", { scope: "col" }, _("Revision")),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, _("Actions")))),
      ),
      list,
    ),
    h("div", { class: "actions" }, compareButton),
    status,
    diffArea,
  );

  async function compare() {
    const from = element.querySelector("input[name=from]:checked")?.value;
    const to = element.querySelector("input[name=to]:checked")?.value;
    if (!from || !to) return setStatus(status, _("Choose two revisions to compare."), "error");
    setStatus(status, _("Comparing…"));
    try {
      const diff = await api.diff(resourceId, from, to);
      clear(diffArea, renderDiff(diff));
      setStatus(status, "");
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }

  async function revert(revision) {
    setStatus(status, _("Reverting…"));
    try {
      const result = await api.revert(resourceId, revision, currentRevision());
      setStatus(status, format(_("Reverted: new revision {revision}."), { revision: shortRevision(result.revision) }), "ok");
      onReverted?.(result.revision);
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }

  async function load() {
    setStatus(status, _("Loading…"));
    try {
      const entries = await api.history(resourceId);
      clear(list, 
        entries.map((entry, index) =>
          h(
            "tr",
            {},
            h("td", {}, h("input", { type: "radio", name: "from", value: entry.revision, checked: index === 1 || (entries.length === 1 && index === 0), "aria-label": format(_("Compare from {revision}"), { revision: shortRevision(entry.revision) }) })),
            h("td", {}, h("input", { type: "radio", name: "to", value: entry.revision, checked: index === 0, "aria-label": format(_("Compare to {revision}"), { revision: shortRevision(entry.revision) }) })),
            h("td", {}, entry.author),
            h("td", {}, h("time", { datetime: new Date(entry.when * 1000).toISOString() }, formatTime(entry.when, interfaceLanguage()))),
            h("td", {}, entry.message),
            h("td", {}, h("code", {}, shortRevision(entry.revision))),
            h("td", {}, index === 0 ? h("span", { class: "muted" }, _("current")) : h("button", { type: "button", class: "small", onclick: () => revert(entry.revision) }, _("Revert to this"))),
          ),
        ),
      );
      setStatus(status, "");
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }

  return { element, load };
}

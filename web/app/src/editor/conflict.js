// The conflict screen: someone saved the resource after this editor's base.
// Shows both versions side by side, unit by unit (the title, summary and
// details as one unit, then each section or top-level block of the body), and
// lets the editor keep theirs, take the other, or choose per unit.
import { h } from "../dom.js";
import { _, format } from "../i18n.js";
import { shortRevision } from "../dom.js";
import { wordDiff, renderDiffSide } from "../worddiff.js";
import { NS, parseXml, xmlToModel, modelToXml } from "./convert.js";

const headerKey = "header";
const textBlocks = new Set(["title", "summary", "date", "pages", "scope", "topic", "audience", "h", "p", "li", "quote", "note"]);

function elementChildren(element) {
  return element ? [...element.children].filter((child) => child.namespaceURI === NS) : [];
}

// The units of a document in order: key → {elements, text, label}.
function unitsOf(xml) {
  const dom = parseXml(xml);
  const root = dom.documentElement;
  const parts = elementChildren(root);
  const header = parts.filter((part) => part.localName !== "body");
  const units = new Map();
  // One line per text block (title, heading, paragraph, item…), so blocks never run together.
  const text = (elements) =>
    elements
      .flatMap((element) => [element, ...element.querySelectorAll("*")])
      .filter((element) => textBlocks.has(element.localName))
      .map((element) => element.textContent.replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .join("\n");
  units.set(headerKey, {
    elements: header,
    text: [root.getAttribute("type") ?? "", text(header)].join("\n"),
    label: _("Title, summary and details"),
  });
  let blockIndex = 0;
  for (const child of elementChildren(parts.find((part) => part.localName === "body"))) {
    const isSection = child.localName === "section";
    const key = isSection ? `section:${child.getAttribute("id")}` : `block:${blockIndex++}`;
    const heading = isSection ? elementChildren(child)[0]?.textContent.trim() : "";
    units.set(key, {
      elements: [child],
      text: text([child]),
      label: isSection ? format(_("Section “{heading}”"), { heading }) : format(_("Block {number}"), { number: blockIndex }),
    });
  }
  return { dom, units };
}

function unionKeys(mine, theirs) {
  const keys = [...mine.keys()];
  let insertAt = 0;
  for (const key of theirs.keys()) {
    const at = keys.indexOf(key);
    if (at >= 0) insertAt = at + 1;
    else keys.splice(insertAt++, 0, key);
  }
  return keys;
}

// Builds the merged document from my version, replacing, adding or removing
// the units chosen from theirs. Written back through the editor's model, so
// its indentation is the usual one.
export function mergeUnits(mineXml, theirsXml, choices) {
  const mine = unitsOf(mineXml);
  const theirs = unitsOf(theirsXml);
  const dom = mine.dom;
  const root = dom.documentElement;
  const body = elementChildren(root).find((e) => e.localName === "body");
  const keys = unionKeys(mine.units, theirs.units);
  let previous = null;
  for (const key of keys) {
    const own = mine.units.get(key);
    const other = theirs.units.get(key);
    if (choices.get(key) === "theirs") {
      if (key === headerKey) {
        for (const element of own.elements) element.remove();
        for (const element of [...other.elements].reverse()) root.insertBefore(dom.importNode(element, true), root.firstElementChild);
        root.setAttribute("type", theirs.dom.documentElement.getAttribute("type"));
        continue;
      }
      if (own && !other) {
        own.elements[0].remove();
        continue;
      }
      const imported = dom.importNode(other.elements[0], true);
      if (own) own.elements[0].replaceWith(imported);
      else if (previous) previous.after(imported);
      else body.prepend(imported);
      previous = imported;
      continue;
    }
    if (own && key !== headerKey) previous = own.elements[0];
  }
  return modelToXml(xmlToModel(new XMLSerializer().serializeToString(dom)));
}

export function createConflictScreen({ mineXml, baseXml, theirsXml, theirsRevision, onKeepMine, onTakeTheirs, onMerge, onCancel }) {
  const mine = unitsOf(mineXml);
  const theirs = unitsOf(theirsXml);
  const base = baseXml ? unitsOf(baseXml).units : new Map();
  const choices = new Map();
  const rows = [];
  for (const key of unionKeys(mine.units, theirs.units)) {
    const own = mine.units.get(key);
    const other = theirs.units.get(key);
    const ownText = own?.text ?? "";
    const otherText = other?.text ?? "";
    const label = (own ?? other).label;
    if (ownText === otherText) {
      rows.push(h("tr", { class: "same" }, h("th", { scope: "row" }, label), h("td", { colspan: "2" }, h("span", { class: "muted" }, _("Same in both versions"))), h("td")));
      continue;
    }
    // By default take their side where I did not touch the unit.
    const untouchedByMe = base.has(key) ? base.get(key).text === ownText : !own;
    choices.set(key, untouchedByMe ? "theirs" : "mine");
    const ops = wordDiff(ownText, otherText);
    const name = `choice-${rows.length}`;
    const radio = (value, text) =>
      h("label", { class: "choice" },
        h("input", { type: "radio", name, value, checked: choices.get(key) === value, onchange: () => choices.set(key, value) }),
        text);
    rows.push(
      h(
        "tr",
        { class: "differs", dataset: { key } },
        h("th", { scope: "row" }, label),
        h("td", { class: "mine" }, own ? renderDiffSide(ops, "before", { highlight: true }) : h("em", { class: "muted" }, _("Not in your version"))),
        h("td", { class: "theirs" }, other ? renderDiffSide(ops, "after", { highlight: true }) : h("em", { class: "muted" }, _("Not in their version"))),
        h("td", { class: "choices" }, h("fieldset", {}, h("legend", { class: "visually-hidden" }, label), radio("mine", _("Mine")), radio("theirs", _("Theirs")))),
      ),
    );
  }

  const element = h(
    "section",
    { class: "conflict", role: "alertdialog", "aria-labelledby": "conflict-title", "aria-describedby": "conflict-text" },
    h("h2", { id: "conflict-title" }, _("Someone else saved this resource while you were editing")),
    h("p", { id: "conflict-text" }, format(_("Their version is revision {revision}. Choose what to keep: your version, theirs, or a choice for each part."), { revision: shortRevision(theirsRevision) })),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: () => onKeepMine(mineXml) }, _("Keep mine")),
      h("button", { type: "button", onclick: () => onTakeTheirs(theirsXml) }, _("Take theirs")),
      h("button", { type: "button", onclick: () => onMerge(mergeUnits(mineXml, theirsXml, choices)) }, _("Save the merge")),
      h("button", { type: "button", class: "link", onclick: onCancel }, _("Back to my version")),
    ),
    h(
      "table",
      { class: "conflict-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, _("Part")), h("th", { scope: "col" }, _("Your version")), h("th", { scope: "col" }, _("Their version")), h("th", { scope: "col" }, _("Keep")))),
      h("tbody", {}, rows),
    ),
  );
  return { element };
}

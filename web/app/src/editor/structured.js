// The structured editor: metadata as form fields, the document text in
// ProseMirror with a toolbar for the vocabulary's blocks and inline marks.
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { keymap } from "prosemirror-keymap";
import { baseKeymap } from "prosemirror-commands";
import { history, undo, redo } from "prosemirror-history";
import { h } from "../dom.js";
import { _ } from "../i18n.js";
import { resourceTypes, typeLabel, scopeLabel, languageLabel } from "../labels.js";
import { schema } from "./schema.js";
import * as cmd from "./commands.js";

const tokenList = (text) =>
  text
    .split(/[,\s]+/)
    .map((token) => token.trim())
    .filter(Boolean);

export function createStructuredEditor({ onChange }) {
  let model = null;
  let view = null;

  const field = (label, control, hint) =>
    h("div", { class: "field" }, h("label", { for: control.id }, label), control, hint ? h("small", { class: "hint" }, hint) : null);

  const typeSelect = h("select", { id: "meta-type", name: "type" }, resourceTypes.map((t) => h("option", { value: t }, typeLabel(t))));
  const date = h("input", { id: "meta-date", name: "date", type: "text", inputmode: "numeric", placeholder: "2024-05-01", pattern: "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" });
  const pages = h("input", { id: "meta-pages", name: "pages", type: "number", min: "1", step: "1" });
  const scope = h("select", { id: "meta-scope", name: "scope" }, ["", "canadian", "international"].map((s) => h("option", { value: s }, scopeLabel(s))));
  const topics = h("input", { id: "meta-topics", name: "topics", type: "text", placeholder: "protection, immigration" });
  const audience = h("input", { id: "meta-audience", name: "audience", type: "text" });
  const attachments = h("ul", { class: "attachments" });
  const metaForm = h(
    "fieldset",
    { class: "meta" },
    h("legend", {}, _("About this resource")),
    field(_("Type"), typeSelect),
    field(_("Date"), date, _("Year, year-month or full date")),
    field(_("Pages"), pages),
    field(_("Scope"), scope),
    field(_("Topics"), topics, _("Lowercase words, separated by commas")),
    field(_("Audience"), audience, _("Lowercase words, separated by commas")),
    h("div", { class: "field wide" }, h("span", { class: "label" }, _("Attachments")), attachments),
  );
  for (const control of [typeSelect, date, pages, scope, topics, audience]) {
    control.addEventListener("input", () => onChange?.());
  }

  // Toolbar: each button runs a command; its pressed/enabled state follows the selection.
  const buttons = [];
  const button = (label, shortcut, command, isActive) => {
    const node = h("button", {
      type: "button",
      class: "tool",
      title: shortcut ? `${label} (${shortcut})` : label,
      "aria-label": label,
      onmousedown: (event) => event.preventDefault(),
      onclick: () => {
        command(view.state, view.dispatch, view);
        view.focus();
      },
    }, label);
    buttons.push({ node, command, isActive });
    return node;
  };
  const linkInput = h("input", { type: "url", id: "link-href", placeholder: "https://", "aria-label": _("Link address") });
  const linkForm = h(
    "form",
    {
      class: "link-form",
      hidden: true,
      onsubmit: (event) => {
        event.preventDefault();
        cmd.setLink(linkInput.value.trim())(view.state, view.dispatch);
        linkForm.hidden = true;
        view.focus();
      },
    },
    h("label", { for: "link-href" }, _("Link address")),
    linkInput,
    h("button", { type: "submit" }, _("Apply")),
    h("button", { type: "button", onclick: () => { cmd.setLink("")(view.state, view.dispatch); linkForm.hidden = true; view.focus(); } }, _("Remove link")),
  );
  const toolbar = h(
    "div",
    { class: "toolbar", role: "toolbar", "aria-label": _("Formatting") },
    button(_("Bold"), "Ctrl+B", cmd.toggleStrong, (s) => cmd.markActive(s, schema.marks.strong)),
    button(_("Emphasis"), "Ctrl+I", cmd.toggleEm, (s) => cmd.markActive(s, schema.marks.em)),
    button(_("Link"), "Ctrl+K", (state) => {
      if (state.selection.empty) return false;
      linkInput.value = cmd.linkAtSelection(state);
      linkForm.hidden = false;
      linkInput.focus();
      return true;
    }, (s) => cmd.markActive(s, schema.marks.link)),
    button(_("Do not translate"), null, cmd.toggleNoTranslate, (s) => cmd.markActive(s, schema.marks.span)),
    h("span", { class: "separator", "aria-hidden": "true" }),
    button(_("Paragraph"), null, cmd.makeParagraph, (s) => s.selection.$from.parent.type === schema.nodes.paragraph),
    button(_("Note"), null, cmd.makeNote, (s) => s.selection.$from.parent.type === schema.nodes.note),
    button(_("Quote"), null, cmd.makeQuote, (s) => s.selection.$from.parent.type === schema.nodes.quote),
    button(_("Bulleted list"), null, cmd.wrapInList(schema.nodes.bullet_list)),
    button(_("Numbered list"), null, cmd.wrapInList(schema.nodes.ordered_list)),
    button(_("New section"), null, cmd.insertSection),
    h("span", { class: "separator", "aria-hidden": "true" }),
    button(_("Undo"), "Ctrl+Z", undo),
    button(_("Redo"), "Ctrl+Shift+Z", redo),
  );

  const mount = h("div", { class: "pm-mount" });
  const element = h("div", { class: "structured" }, metaForm, h("div", { class: "document-pane" }, toolbar, linkForm, mount));

  function refreshToolbar(state) {
    for (const { node, command, isActive } of buttons) {
      node.disabled = !command(state, null, view);
      if (isActive) node.setAttribute("aria-pressed", String(Boolean(isActive(state))));
    }
  }

  function createState(doc) {
    return EditorState.create({
      doc,
      plugins: [
        history(),
        keymap({
          "Mod-z": undo,
          "Shift-Mod-z": redo,
          "Mod-y": redo,
          "Mod-b": cmd.toggleStrong,
          "Mod-i": cmd.toggleEm,
          "Mod-k": (state) => buttons[2].command(state),
          Enter: cmd.enter,
        }),
        keymap(baseKeymap),
      ],
    });
  }

  function setModel(next) {
    model = next;
    typeSelect.value = model.rootAttrs.type ?? "report";
    date.value = model.meta.date;
    pages.value = model.meta.pages;
    scope.value = model.meta.scope;
    topics.value = model.meta.topics.join(", ");
    audience.value = model.meta.audience.join(", ");
    attachments.replaceChildren(
      ...(model.meta.files.length + model.meta.links.length === 0
        ? [h("li", { class: "muted" }, _("None"))]
        : [
            ...model.meta.files.map((file) => h("li", {}, file.href, " — ", languageLabel(file.lang))),
            ...model.meta.links.map((link) => h("li", {}, link.href)),
          ]),
    );
    if (view) {
      view.updateState(createState(model.doc));
    } else {
      view = new EditorView(mount, {
        state: createState(model.doc),
        attributes: { class: "pm-editor", "aria-label": _("Document text"), spellcheck: "true", lang: model.rootAttrs["xml:lang"] ?? "en" },
        dispatchTransaction(tr) {
          view.updateState(view.state.apply(tr));
          refreshToolbar(view.state);
          if (tr.docChanged) onChange?.();
        },
      });
    }
    refreshToolbar(view.state);
  }

  // The editor's current content as a model, with ids given to new sections.
  function getModel() {
    const ids = cmd.assignSectionIds(view.state);
    if (ids) view.dispatch(ids.setMeta("addToHistory", false));
    return {
      ...model,
      rootAttrs: { ...model.rootAttrs, type: typeSelect.value },
      meta: {
        ...model.meta,
        date: date.value.trim(),
        pages: pages.value.trim(),
        scope: scope.value,
        topics: tokenList(topics.value),
        audience: tokenList(audience.value),
      },
      doc: view.state.doc,
    };
  }

  return { element, setModel, getModel, focus: () => view?.focus() };
}

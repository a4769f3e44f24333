// One resource in the editor: the structured editor, the XML source, the
// preview in both languages and the history, with save and the conflict screen.
import { h, clear, liveStatus, setStatus, shortRevision } from "../dom.js";
import { _, format } from "../i18n.js";
import { api } from "../api.js";
import { errorText, languageLabel, otherLanguage, previewLabel } from "../labels.js";
import { xmlToModel, modelToXml } from "./convert.js";
import { createStructuredEditor } from "./structured.js";
import { createSourceEditor } from "./source.js";
import { createHistoryPanel } from "./history.js";
import { createConflictScreen } from "./conflict.js";

export async function renderResourceEditor(root, { id, session }) {
  let base = { revision: "", xml: "" };
  let mode = "document";
  let dirty = false;
  let quiet = false;

  const status = liveStatus({ id: "save-status" });
  const heading = h("h1", { id: "resource-title" }, id);
  const revisionNote = h("p", { class: "muted revision" });
  const markDirty = () => {
    if (quiet) return;
    dirty = true;
    setStatus(status, _("Unsaved changes"), "dirty");
  };

  const structured = createStructuredEditor({ onChange: markDirty });
  const source = createSourceEditor({ onChange: markDirty });
  const previewFrames = h("div", { class: "preview-pair" });
  const previewNote = h("p", { class: "muted status", id: "preview-note" });
  const history = createHistoryPanel({
    resourceId: id,
    currentRevision: () => base.revision,
    onReverted: () => load(),
  });

  const panels = {
    document: h("div", { class: "panel", id: "panel-document", role: "tabpanel", "aria-labelledby": "tab-document" }, structured.element),
    source: h("div", { class: "panel", id: "panel-source", role: "tabpanel", "aria-labelledby": "tab-source", hidden: true }, source.element),
    preview: h("div", { class: "panel", id: "panel-preview", role: "tabpanel", "aria-labelledby": "tab-preview", hidden: true },
      previewNote, previewFrames),
    history: h("div", { class: "panel", id: "panel-history", role: "tabpanel", "aria-labelledby": "tab-history", hidden: true }, history.element),
  };
  const tabLabels = { document: _("Document"), source: _("XML source"), preview: _("Preview"), history: _("History") };
  const tabs = Object.keys(panels).map((name) =>
    h("button", { type: "button", role: "tab", id: `tab-${name}`, "aria-controls": `panel-${name}`, "aria-selected": String(name === "document"), onclick: () => showTab(name) }, tabLabels[name]),
  );
  const saveButton = h("button", { type: "button", class: "primary", id: "save", onclick: save, title: _("Save (Ctrl+S)") }, _("Save"));
  const conflictArea = h("div", { class: "conflict-area" });
  const main = h(
    "div",
    { class: "resource-editor" },
    h("div", { class: "editor-head" }, h("div", {}, heading, revisionNote), h("div", { class: "actions" }, status, saveButton)),
    h("div", { class: "tabs", role: "tablist", "aria-label": _("Views of the resource") }, tabs),
    Object.values(panels),
  );
  clear(root, conflictArea, main);

  const onKey = (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      save();
    }
  };
  main.addEventListener("keydown", onKey);
  const onBeforeUnload = (event) => {
    if (dirty) event.preventDefault();
  };
  window.addEventListener("beforeunload", onBeforeUnload);

  function currentXml() {
    return mode === "source" ? source.getText() : modelToXml(structured.getModel());
  }

  // Moves the text between the structured editor and the source, so both
  // always show the same document.
  function showTab(name) {
    if (name === "document" && mode === "source") {
      try {
        quietly(() => structured.setModel(xmlToModel(source.getText())));
        mode = "document";
      } catch (error) {
        setStatus(status, format(_("The XML cannot be shown as a document: {message}"), { message: error.message }), "error");
        return;
      }
    } else if (name === "source" && mode === "document") {
      quietly(() => source.setText(modelToXml(structured.getModel())));
      mode = "source";
    }
    showPanel(name);
  }

  function showPanel(name) {
    for (const [panelName, panel] of Object.entries(panels)) panel.hidden = panelName !== name;
    for (const tab of tabs) tab.setAttribute("aria-selected", String(tab.id === `tab-${name}`));
    if (name === "preview") showPreview();
    if (name === "history") history.load();
  }

  function quietly(fn) {
    quiet = true;
    try {
      fn();
    } finally {
      quiet = false;
    }
  }

  // The saved revision's pages, or, with changes not saved yet, the pages of
  // the text as it is in the editor (rendered by the server, held there a few
  // minutes for the frames to load).
  async function showPreview() {
    const sourceLang = base.lang ?? "en";
    const langs = [sourceLang, otherLanguage(sourceLang)];
    let urls = Object.fromEntries(langs.map((lang) => [lang, api.previewUrl(id, lang, base.revision)]));
    if (dirty) {
      try {
        urls = (await api.previewDraft(id, currentXml())).pages;
      } catch (error) {
        previewNote.textContent = format(_("The unsaved text cannot be previewed: {message}"), { message: errorText(error) });
        previewNote.dataset.kind = "error";
        clear(previewFrames);
        return;
      }
    }
    previewNote.textContent = dirty
      ? _("The page as it will be published, with the changes not saved yet.")
      : _("The page as it will be published, from the last saved revision.");
    previewNote.dataset.kind = "";
    clear(previewFrames,
      langs.map((lang) =>
        h("figure", {},
          h("figcaption", {}, languageLabel(lang)),
          h("iframe", { src: urls[lang], title: previewLabel(lang), sandbox: "allow-same-origin", loading: "lazy" })),
      ),
    );
  }

  // Both editors get the text. A document the structured editor cannot hold
  // whole (comments, elements it does not know) opens in the XML source
  // instead, so nothing is lost on save; the reason is returned.
  function showDocument(xml) {
    quietly(() => source.setText(xml));
    try {
      quietly(() => structured.setModel(xmlToModel(xml)));
      return null;
    } catch (error) {
      mode = "source";
      showPanel("source");
      return error;
    }
  }

  async function load() {
    setStatus(status, _("Loading…"));
    try {
      const resource = await api.resource(id);
      base = { revision: resource.revision, xml: resource.xml, lang: resource.lang };
      heading.textContent = resource.title || id;
      revisionNote.textContent = format(_("Revision {revision}"), { revision: shortRevision(base.revision) });
      const refused = showDocument(resource.xml);
      dirty = false;
      if (refused) setStatus(status, format(_("This document opens as XML: {message}"), { message: refused.message }), "dirty");
      else setStatus(status, "");
      if (!panels.preview.hidden) showPreview();
      if (!panels.history.hidden) history.load();
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }

  async function saveXml(xml, revision) {
    saveButton.disabled = true;
    setStatus(status, _("Saving…"));
    try {
      const result = await api.saveResource(id, xml, revision);
      base = { ...base, revision: result.revision, xml };
      dirty = false;
      clear(conflictArea);
      main.hidden = false;
      revisionNote.textContent = format(_("Revision {revision}"), { revision: shortRevision(base.revision) });
      setStatus(status, _("Saved."), "ok");
      if (!panels.preview.hidden) showPreview();
    } catch (error) {
      if (error.code === "conflict" && error.body.xml) showConflict(xml, error.body);
      else setStatus(status, errorText(error), "error");
    } finally {
      saveButton.disabled = false;
    }
  }

  function save() {
    let xml;
    try {
      xml = currentXml();
    } catch (error) {
      setStatus(status, error.message, "error");
      return;
    }
    saveXml(xml, base.revision);
  }

  function showConflict(mineXml, conflict) {
    const screen = createConflictScreen({
      mineXml,
      baseXml: base.xml,
      theirsXml: conflict.xml,
      theirsRevision: conflict.revision,
      onKeepMine: (xml) => saveXml(xml, conflict.revision),
      onTakeTheirs: (xml) => {
        base = { ...base, revision: conflict.revision, xml };
        showDocument(xml);
        dirty = false;
        clear(conflictArea);
        main.hidden = false;
        revisionNote.textContent = format(_("Revision {revision}"), { revision: shortRevision(base.revision) });
        setStatus(status, _("Their version is loaded."), "ok");
      },
      onMerge: (xml) => {
        showDocument(xml);
        saveXml(xml, conflict.revision);
      },
      onCancel: () => {
        clear(conflictArea);
        main.hidden = false;
        setStatus(status, _("Not saved: someone else's version is newer."), "error");
      },
    });
    main.hidden = true;
    clear(conflictArea, screen.element);
    conflictArea.querySelector("button")?.focus();
  }

  await load();
  if (mode === "document") structured.focus();
  return {
    leave: () => window.removeEventListener("beforeunload", onBeforeUnload),
    hasUnsavedChanges: () => dirty,
  };
}

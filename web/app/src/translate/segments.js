// The segment editor: source and translation side by side, the previous
// source of a fuzzy segment with its word diff, memory suggestions, glossary,
// checks as the translator types, Ctrl+Enter to save and go on, progress, and
// the catalog to download for offline work and upload back.
import { h, clear, debounce, liveStatus, setStatus, shortRevision } from "../dom.js";
import { _, n_, format } from "../i18n.js";
import { api } from "../api.js";
import { errorText, said, translatingLabel } from "../labels.js";
import { createTokenEditor, renderWithTokens, tagsOf, tagLabel, tokenChip } from "./tokens.js";

function segmentState(segment) {
  if (segment.fuzzy) return "fuzzy";
  return segment.msgstr ? "translated" : "untranslated";
}

function stateLabel(state) {
  switch (state) {
    case "fuzzy": return _("Fuzzy");
    case "translated": return _("Translated");
    default: return _("Untranslated");
  }
}

export async function renderSegmentEditor(root, { id, lang }) {
  let data = { revision: "", segments: [], progress: { translated: 0, fuzzy: 0, untranslated: 0 } };
  let current = 0;

  const status = liveStatus({ id: "segment-status" });
  const progressBar = h("progress", { id: "progress", max: "1", value: "0", "aria-label": _("Translated") });
  const progressText = h("span", { class: "muted" });
  const list = h("ol", { class: "segment-list", "aria-label": _("Segments") });
  const sourceBox = h("div", { class: "segment-source" });
  const previousBox = h("div", { class: "previous" });
  const notesBox = h("div", { class: "notes" });
  const tokenPalette = h("div", { class: "token-palette", "aria-label": _("Tags of the source: click to insert") });
  const checksBox = h("ul", { class: "checks", "aria-live": "polite" });
  const suggestionsBox = h("ul", { class: "suggestions" });
  const glossaryBox = h("dl", { class: "glossary" });
  const position = h("span", { class: "muted" });

  const runChecks = debounce(async (text) => {
    const segment = data.segments[current];
    if (!segment) return;
    try {
      const result = await api.check(lang, segment.msgid, text);
      showChecks(result.checks ?? []);
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }, 400);

  const editor = createTokenEditor({
    label: _("Translation"),
    lang,
    placeholderText: _("Type the translation here"),
    keys: {
      "Mod-Enter": () => saveAndNext(),
      "Alt-ArrowDown": () => select(current + 1),
      "Alt-ArrowUp": () => select(current - 1),
    },
    onChange: (text) => runChecks(text),
  });

  function showChecks(checks) {
    clear(checksBox, 
      checks.length === 0
        ? h("li", { class: "ok" }, _("No problems found."))
        : checks.map((check) => h("li", { class: ["check", check.severity === "warning" ? "warning" : "error"] }, h("code", {}, check.code), " ", said(check))),
    );
  }

  function showProgress() {
    const { translated, fuzzy, untranslated } = data.progress;
    const total = translated + fuzzy + untranslated;
    progressBar.max = String(Math.max(total, 1));
    progressBar.value = String(translated);
    // Two counts, so two counted words: "translated" agrees with its own count.
    progressText.textContent = format(
      // TRANSLATORS: {translated} is "3 of 10 translated", {fuzzy} is "2 fuzzy" (segments).
      _("{translated}, {fuzzy}"),
      {
        translated: format(n_("{translated} of {total} translated", "{translated} of {total} translated", translated), { translated, total }),
        fuzzy: format(n_("{count} fuzzy", "{count} fuzzy", fuzzy), { count: fuzzy }),
      },
    );
  }

  function recountProgress() {
    const counts = { translated: 0, fuzzy: 0, untranslated: 0 };
    for (const segment of data.segments) counts[segmentState(segment)]++;
    data.progress = counts;
  }

  function showList() {
    clear(list, 
      data.segments.map((segment, index) => {
        const state = segmentState(segment);
        return h("li", { class: ["segment-item", state, index === current ? "current" : null] },
          h("button", { type: "button", "aria-current": index === current ? "true" : null, onclick: () => select(index) },
            h("span", { class: "state-dot", title: stateLabel(state) }, h("span", { class: "visually-hidden" }, stateLabel(state))),
            segment.msgid.replace(/<[^>]*>/g, "").slice(0, 80)));
      }),
    );
  }

  function select(index) {
    if (index < 0 || index >= data.segments.length) return;
    current = index;
    const segment = data.segments[index];
    position.textContent = format(_("Segment {number} of {total}"), { number: index + 1, total: data.segments.length });
    clear(sourceBox, renderWithTokens(segment.msgid));
    clear(previousBox);
    if (segment.fuzzy && segment.previous) {
      previousBox.append(
        h("h3", {}, _("Previous source")),
        h("p", { class: "previous-text" }, renderWithTokens(segment.previous)),
        h("h3", {}, _("What changed in the source")),
        h("p", { class: "previous-diff" }, (segment.previous_diff ?? []).map((op) =>
          op.op === "same" ? renderWithTokens(op.text) : h(op.op === "del" ? "del" : "ins", {}, renderWithTokens(op.text)))),
      );
    }
    // itstool's own comments (element paths) say nothing to a translator.
    const notes = [segment.notes ?? []].flat().flatMap((note) => String(note).split("\n")).filter((line) => line && !line.startsWith("(itstool)"));
    clear(notesBox, notes.length ? [h("h3", {}, _("Notes for translators")), notes.map((line) => h("p", {}, line))] : []);
    const tags = [...new Set(tagsOf(segment.msgid))];
    clear(tokenPalette, 
      tags.length === 0
        ? []
        : [h("span", { class: "muted" }, _("Insert a tag:")), tags.map((tag) =>
            h("button", { type: "button", class: "token-button", title: tag, "aria-label": format(_("Insert {tag}"), { tag: tagLabel(tag) }), onclick: () => editor.insert(tag) }, tokenChip(tag)))],
    );
    clear(suggestionsBox, 
      (segment.suggestions ?? []).length === 0
        ? h("li", { class: "muted" }, _("No suggestions from the memory."))
        : segment.suggestions.map((suggestion) =>
            h("li", {},
              h("button", { type: "button", class: "suggestion", onclick: () => { editor.setText(suggestion.target); editor.focus(); } },
                h("span", { class: "similarity" }, format(_("{similarity}% match"), { similarity: Math.round(suggestion.similarity) })),
                h("span", { class: "suggestion-source" }, renderWithTokens(suggestion.source)),
                h("span", { class: "suggestion-target" }, renderWithTokens(suggestion.target))))),
    );
    clear(glossaryBox, 
      (segment.glossary ?? []).length === 0
        ? h("div", { class: "muted" }, _("No glossary terms in this segment."))
        : segment.glossary.map((entry) => h("div", {}, h("dt", {}, entry.term), h("dd", {}, entry.translation))),
    );
    editor.setText(segment.msgstr ?? "");
    showChecks(segment.checks ?? []);
    showList();
    list.querySelector(".current")?.scrollIntoView({ block: "nearest" });
    editor.focus();
  }

  function nextToDo(after) {
    const n = data.segments.length;
    for (let step = 1; step <= n; step++) {
      const index = (after + step) % n;
      if (segmentState(data.segments[index]) !== "translated") return index;
    }
    return Math.min(after + 1, n - 1);
  }

  async function saveAndNext() {
    const segment = data.segments[current];
    if (!segment) return;
    const msgstr = editor.getText();
    setStatus(status, _("Saving…"));
    try {
      const result = await api.saveSegment(id, lang, segment.index, msgstr, data.revision);
      data.revision = result.revision;
      segment.msgstr = msgstr;
      segment.fuzzy = false;
      segment.checks = result.checks ?? [];
      recountProgress();
      showProgress();
      setStatus(status, format(_("Saved segment {number}."), { number: current + 1 }), "ok");
      select(nextToDo(current));
    } catch (error) {
      setStatus(status, error.code === "conflict" ? _("The catalog changed since you opened it. Reload to see the new version; copy your text first.") : errorText(error), "error");
    }
  }

  async function load(keepPosition = false) {
    setStatus(status, _("Loading…"));
    try {
      data = await api.segments(id, lang);
      recountProgress();
      showProgress();
      setStatus(status, "");
      if (data.segments.length === 0) {
        setStatus(status, _("This resource has no segments."));
        return;
      }
      select(keepPosition ? Math.min(current, data.segments.length - 1) : nextToDo(-1));
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }

  // Offline work: the catalog as a file, and back.
  async function download() {
    try {
      const catalog = await api.catalog(id, lang);
      const url = URL.createObjectURL(new Blob([catalog.text], { type: "text/x-gettext-translation" }));
      const link = h("a", { href: url, download: `${id}.${lang}.po` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }
  const uploadInput = h("input", {
    type: "file",
    id: "upload-po",
    accept: ".po,text/x-gettext-translation",
    class: "visually-hidden",
    onchange: async () => {
      const file = uploadInput.files?.[0];
      if (!file) return;
      setStatus(status, _("Uploading…"));
      try {
        await api.saveCatalog(id, lang, await file.text(), data.revision);
        await load(true);
        setStatus(status, _("The catalog was imported."), "ok");
      } catch (error) {
        setStatus(status, error.code === "invalid" && error.line
          ? format(_("The catalog was not imported: line {line}: {message}"), { line: error.line, message: error.message })
          : errorText(error), "error");
      } finally {
        uploadInput.value = "";
      }
    },
  });

  clear(root, 
    h("div", { class: "editor-head" },
      h("div", {},
        h("h1", {}, translatingLabel(lang), h("br"), h("small", { class: "muted" }, id)),
        h("div", { class: "progress-line" }, progressBar, " ", progressText)),
      h("div", { class: "actions" },
        h("a", { href: `#/queue/${lang}`, class: "button" }, _("Back to the queue")),
        h("button", { type: "button", onclick: download }, _("Download the catalog (PO)")),
        h("label", { for: "upload-po", class: "button", tabindex: "0", onkeydown: (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); uploadInput.click(); } } }, _("Upload a catalog (PO)")),
        uploadInput)),
    status,
    h("div", { class: "segment-layout" },
      h("nav", { class: "segment-nav", "aria-label": _("Segments") }, list),
      h("div", { class: "segment-work" },
        h("div", { class: "pair" },
          h("section", { class: "side" }, h("h2", {}, _("Source")), sourceBox, notesBox),
          h("section", { class: "side" },
            h("h2", {}, _("Translation")),
            editor.element,
            tokenPalette,
            h("div", { class: "actions" },
              h("button", { type: "button", class: "primary", id: "save-next", onclick: saveAndNext }, _("Save and next")),
              h("small", { class: "muted" }, _("Ctrl+Enter saves and goes to the next segment; Alt+↑/↓ moves between segments.")),
              position),
            h("h3", {}, _("Checks")),
            checksBox)),
        previousBox,
        h("div", { class: "pair" },
          h("section", { class: "side" }, h("h2", {}, _("Translation memory")), suggestionsBox),
          h("section", { class: "side" }, h("h2", {}, _("Glossary")), glossaryBox)))),
  );
  await load();
}

// The XML source mode: CodeMirror with the schema's errors shown at their line
// as the editor types, from the server's validator (POST /api/validate), so
// the rules checked are exactly the ones a save is checked against.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { xml } from "@codemirror/lang-xml";
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching } from "@codemirror/language";
import { linter, lintGutter } from "@codemirror/lint";
import { h } from "../dom.js";
import { _ } from "../i18n.js";
import { api } from "../api.js";
import { errorText, said } from "../labels.js";
import { codeMirrorRoot } from "../codemirror-root.js";

function positionOf(doc, line, column) {
  const lineNumber = Math.min(Math.max(line || 1, 1), doc.lines);
  const lineInfo = doc.line(lineNumber);
  return Math.min(lineInfo.from + Math.max((column || 1) - 1, 0), lineInfo.to);
}

export function createSourceEditor({ onChange, onValidated }) {
  const mount = codeMirrorRoot("cm-mount");
  const summary = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const element = h("div", { class: "source" }, summary, mount.host);

  const schemaLinter = linter(
    async (view) => {
      const text = view.state.doc.toString();
      try {
        const result = await api.validate(text);
        const errors = result.errors ?? [];
        summary.textContent = errors.length === 0 ? _("The document is valid.") : _("The document has errors; they are marked in the margin.");
        summary.dataset.kind = errors.length === 0 ? "ok" : "error";
        onValidated?.(errors);
        return errors.map((error) => {
          const from = positionOf(view.state.doc, error.line, error.column);
          const lineEnd = view.state.doc.lineAt(from).to;
          return { from, to: Math.max(from, lineEnd), severity: "error", message: said(error), source: _("Schema") };
        });
      } catch (error) {
        summary.textContent = errorText(error);
        summary.dataset.kind = "error";
        return [];
      }
    },
    { delay: 500 },
  );

  const view = new EditorView({
    parent: mount.container,
    state: EditorState.create({
      doc: "",
      extensions: [
        lineNumbers(),
        lintGutter(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        xml(),
        syntaxHighlighting(defaultHighlightStyle),
        EditorView.lineWrapping,
        keymap.of([...defaultKeymap, ...historyKeymap]),
        schemaLinter,
        EditorView.contentAttributes.of({ "aria-label": _("XML source") }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange?.();
        }),
      ],
    }),
  });

  return {
    element,
    getText: () => view.state.doc.toString(),
    setText: (text) => {
      if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
  };
}

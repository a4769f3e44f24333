// Inline markup in a segment (<a href="…">, </a>, <_:span-1/>…) shown as
// protected tokens. In the translation editor each tag is one atomic range: the
// cursor steps over it and a deletion takes the whole tag, so a translator can
// move or drop a tag but never break one.
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, Decoration, MatchDecorator, ViewPlugin, WidgetType, keymap, placeholder } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { h } from "../dom.js";
import { codeMirrorRoot } from "../codemirror-root.js";

const tagPattern = /<\/?[A-Za-z_][\w:.-]*(?:\s+[\w:.-]+\s*=\s*"[^"]*")*\s*\/?>/g;

export function splitTags(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(tagPattern)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ tag: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export function tagsOf(text) {
  return [...text.matchAll(tagPattern)].map((match) => match[0]);
}

// A short label for a tag: <a>, </a>, <span-1/>.
export function tagLabel(tag) {
  const closing = tag.startsWith("</");
  const selfClosing = tag.endsWith("/>");
  const name = /^<\/?([^\s/>]+)/.exec(tag)?.[1]?.replace(/^_:/, "") ?? "?";
  return closing ? `</${name}>` : selfClosing ? `<${name}/>` : `<${name}>`;
}

export function tokenChip(tag) {
  return h("span", { class: "token", title: tag, "aria-label": tag }, tagLabel(tag));
}

// Text with its tags as chips, for the source side.
export function renderWithTokens(text) {
  return splitTags(text).map((part) => (part.tag ? tokenChip(part.tag) : part.text));
}

class TagWidget extends WidgetType {
  constructor(tag) {
    super();
    this.tag = tag;
  }
  eq(other) {
    return other.tag === this.tag;
  }
  toDOM() {
    return tokenChip(this.tag);
  }
  ignoreEvent() {
    return false;
  }
}

const tagDecorator = new MatchDecorator({
  regexp: tagPattern,
  decoration: (match) => Decoration.replace({ widget: new TagWidget(match[0]) }),
});

const tagPlugin = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.decorations = tagDecorator.createDeco(view);
    }
    update(update) {
      this.decorations = tagDecorator.updateDeco(update, this.decorations);
    }
  },
  {
    decorations: (plugin) => plugin.decorations,
    provide: (plugin) => EditorView.atomicRanges.of((view) => view.plugin(plugin)?.decorations ?? Decoration.none),
  },
);

// The translation editor. `keys` maps CodeMirror key names to handlers that
// take precedence over editing (Ctrl-Enter: save and next).
export function createTokenEditor({ label, lang, keys, onChange, placeholderText }) {
  const mount = codeMirrorRoot("token-editor");
  const view = new EditorView({
    parent: mount.container,
    state: EditorState.create({
      doc: "",
      extensions: [
        history(),
        Prec.highest(keymap.of([...Object.entries(keys).map(([key, run]) => ({ key, run: () => (run(), true) })), { key: "Enter", run: () => true }])),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        tagPlugin,
        EditorView.lineWrapping,
        EditorView.theme({ ".cm-scroller": { fontFamily: "inherit", lineHeight: "1.7" } }),
        placeholder(placeholderText ?? ""),
        EditorView.contentAttributes.of({ "aria-label": label, lang, "aria-multiline": "true" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    element: mount.host,
    getText: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: text.length } }),
    insert: (text) => {
      view.dispatch(view.state.replaceSelection(text));
      view.focus();
    },
    focus: () => view.focus(),
  };
}

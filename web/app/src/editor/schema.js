// The ProseMirror schema of a resource document: one node or mark per element
// of cms/model/schema/resource.rng, so a document converts to the editor and
// back without losing anything. Every node and mark carries `xattrs`, the XML
// attributes it was read with (its:translate, its:locNote, ids, href…), in
// their original order.
import { Schema } from "prosemirror-model";

const xattrs = { xattrs: { default: {} } };

function withXattrs(tag, extra = {}) {
  return (node) => [tag, { ...extra, "data-x": JSON.stringify(node.attrs.xattrs) }, 0];
}

function readXattrs(dom) {
  try {
    return { xattrs: JSON.parse(dom.getAttribute("data-x") ?? "{}") };
  } catch {
    return { xattrs: {} };
  }
}

export const schema = new Schema({
  nodes: {
    doc: { content: "title summary (block | section)*" },
    title: {
      content: "inline*",
      attrs: xattrs,
      defining: true,
      toDOM: withXattrs("h1", { class: "pm-title" }),
      parseDOM: [{ tag: "h1.pm-title", getAttrs: readXattrs }],
    },
    summary: {
      content: "inline*",
      attrs: xattrs,
      defining: true,
      toDOM: withXattrs("p", { class: "pm-summary" }),
      parseDOM: [{ tag: "p.pm-summary", getAttrs: readXattrs }],
    },
    paragraph: {
      group: "block",
      content: "inline*",
      attrs: xattrs,
      toDOM: withXattrs("p"),
      parseDOM: [{ tag: "p", getAttrs: readXattrs }],
    },
    section: {
      group: "section",
      content: "heading (block | section)*",
      attrs: xattrs,
      defining: true,
      toDOM: withXattrs("section", { class: "pm-section" }),
      parseDOM: [{ tag: "section", getAttrs: readXattrs }],
    },
    heading: {
      content: "inline*",
      attrs: xattrs,
      defining: true,
      toDOM: withXattrs("h2"),
      parseDOM: [{ tag: "h2", getAttrs: readXattrs }, { tag: "h3" }, { tag: "h4" }],
    },
    note: {
      group: "block",
      content: "inline*",
      attrs: xattrs,
      toDOM: withXattrs("div", { class: "pm-note" }),
      parseDOM: [{ tag: "div.pm-note", getAttrs: readXattrs }],
    },
    quote: {
      group: "block",
      content: "inline*",
      attrs: xattrs,
      toDOM: withXattrs("blockquote"),
      parseDOM: [{ tag: "blockquote", getAttrs: readXattrs }],
    },
    bullet_list: {
      group: "block",
      content: "list_item+",
      attrs: xattrs,
      toDOM: withXattrs("ul"),
      parseDOM: [{ tag: "ul", getAttrs: readXattrs }],
    },
    ordered_list: {
      group: "block",
      content: "list_item+",
      attrs: xattrs,
      toDOM: withXattrs("ol"),
      parseDOM: [{ tag: "ol", getAttrs: readXattrs }],
    },
    list_item: {
      content: "inline*",
      attrs: xattrs,
      defining: true,
      toDOM: withXattrs("li"),
      parseDOM: [{ tag: "li", getAttrs: readXattrs }],
    },
    text: { group: "inline" },
    hard_break: {
      group: "inline",
      inline: true,
      selectable: false,
      toDOM: () => ["br"],
      parseDOM: [{ tag: "br" }],
    },
  },
  // Rank is nesting order when written back: a link outermost, abbr innermost
  // (the schema lets abbr hold text only).
  marks: {
    link: {
      attrs: xattrs,
      inclusive: false,
      toDOM: (mark) => ["a", { href: mark.attrs.xattrs.href ?? "", "data-x": JSON.stringify(mark.attrs.xattrs), rel: "noopener" }, 0],
      parseDOM: [{ tag: "a[href]", getAttrs: (dom) => ({ xattrs: { href: dom.getAttribute("href"), ...readXattrs(dom).xattrs } }) }],
    },
    span: {
      attrs: xattrs,
      toDOM: (mark) => [
        "span",
        {
          class: mark.attrs.xattrs["its:translate"] === "no" ? "pm-notranslate" : "pm-span",
          "data-x": JSON.stringify(mark.attrs.xattrs),
        },
        0,
      ],
      parseDOM: [{ tag: "span[data-x]", getAttrs: readXattrs }],
    },
    strong: {
      attrs: xattrs,
      toDOM: withXattrs("strong"),
      parseDOM: [{ tag: "strong", getAttrs: readXattrs }, { tag: "b" }],
    },
    em: {
      attrs: xattrs,
      toDOM: withXattrs("em"),
      parseDOM: [{ tag: "em", getAttrs: readXattrs }, { tag: "i" }],
    },
    abbr: {
      attrs: xattrs,
      toDOM: (mark) => ["abbr", { title: mark.attrs.xattrs.title ?? "", "data-x": JSON.stringify(mark.attrs.xattrs) }, 0],
      parseDOM: [{ tag: "abbr", getAttrs: readXattrs }],
    },
  },
});

// Resource XML ⇄ the editor's model: { rootAttrs, meta, bodyAttrs, hasSummary,
// doc } where doc is a ProseMirror document of ./schema.js. Reading keeps every
// attribute (ids, its:translate, its:locNote, abbr titles…) so writing back
// gives the same document, differing only in indentation and in whitespace
// that ITS normalizes away anyway.
import { _, format } from "../i18n.js";
import { schema } from "./schema.js";

export const NS = "urn:tandem:resource:1";
export const ITS_NS = "http://www.w3.org/2005/11/its";
const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

const blockNodeOf = { p: "paragraph", note: "note", quote: "quote", ul: "bullet_list", ol: "ordered_list" };
const elementOfNode = {
  paragraph: "p",
  note: "note",
  quote: "quote",
  bullet_list: "ul",
  ordered_list: "ol",
  list_item: "li",
  section: "section",
  heading: "h",
  title: "title",
  summary: "summary",
};
const markOfElement = { a: "link", span: "span", strong: "strong", em: "em", abbr: "abbr" };
const elementOfMark = { link: "a", span: "span", strong: "strong", em: "em", abbr: "abbr" };

export class XmlError extends Error {
  constructor(message, line = 0, column = 0) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

export function parseXml(xml) {
  const dom = new DOMParser().parseFromString(xml, "application/xml");
  const error = dom.getElementsByTagName("parsererror")[0];
  if (error) {
    const text = error.textContent ?? "";
    const where = /line (\d+) at column (\d+)/.exec(text);
    throw new XmlError(text.replace(/\s+/g, " ").trim(), where ? Number(where[1]) : 0, where ? Number(where[2]) : 0);
  }
  return dom;
}

function qualifiedName(attr) {
  if (attr.namespaceURI === ITS_NS) return `its:${attr.localName}`;
  if (attr.namespaceURI === XML_NS) return `xml:${attr.localName}`;
  return attr.name;
}

function readAttributes(element) {
  const result = {};
  for (const attr of element.attributes) {
    if (attr.namespaceURI === XMLNS_NS || attr.name === "xmlns" || attr.name.startsWith("xmlns:")) continue;
    result[qualifiedName(attr)] = attr.value;
  }
  return result;
}

function childElements(element) {
  return [...element.children].filter((child) => child.namespaceURI === NS);
}

function unexpected(element, where) {
  return new XmlError(format(_("<{element}> is not allowed in <{parent}>"), { element: element.localName, parent: where }));
}

// The model has no place for comments or processing instructions: a document
// holding one opens as XML only, rather than losing it on the next save.
function refuseWhatTheModelWouldDrop(dom) {
  const walker = dom.createTreeWalker(dom, NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION);
  if (walker.nextNode()) {
    throw new XmlError(_("the document holds XML comments or processing instructions, which the document editor would not keep"));
  }
}

// Inline content: text with marks, and <br/> as a hard break. Whitespace runs
// become one space and the ends are trimmed, as ITS extraction does.
function readInline(element) {
  const pieces = [];
  const walk = (node, marks) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
        pieces.push({ text: child.data.replace(/\s+/g, " "), marks });
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.localName === "br") {
          pieces.push({ br: true });
          continue;
        }
        const markName = markOfElement[child.localName];
        if (!markName || child.namespaceURI !== NS) throw unexpected(child, element.localName);
        const mark = schema.marks[markName].create({ xattrs: readAttributes(child) });
        walk(child, mark.addToSet(marks));
      }
    }
  };
  walk(element, []);
  const first = pieces.find((piece) => !piece.br);
  if (first && pieces[0] === first) first.text = first.text.replace(/^ /, "");
  const last = pieces[pieces.length - 1];
  if (last && !last.br) last.text = last.text.replace(/ $/, "");
  return pieces
    .filter((piece) => piece.br || piece.text.length > 0)
    .map((piece) => (piece.br ? schema.nodes.hard_break.create() : schema.text(piece.text, piece.marks)));
}

function readTextblock(element, nodeName) {
  return schema.nodes[nodeName].create({ xattrs: readAttributes(element) }, readInline(element));
}

function readBlock(element) {
  const nodeName = blockNodeOf[element.localName];
  if (element.localName === "section") return readSection(element);
  if (!nodeName) throw unexpected(element, element.parentNode.localName);
  if (nodeName === "bullet_list" || nodeName === "ordered_list") {
    const items = childElements(element).map((li) => {
      if (li.localName !== "li") throw unexpected(li, element.localName);
      return readTextblock(li, "list_item");
    });
    if (items.length === 0) throw new XmlError(format(_("<{element}> needs at least one <li>"), { element: element.localName }));
    return schema.nodes[nodeName].create({ xattrs: readAttributes(element) }, items);
  }
  return readTextblock(element, nodeName);
}

function readSection(element) {
  const [heading, ...rest] = childElements(element);
  if (!heading || heading.localName !== "h") throw new XmlError(_("a <section> starts with its heading <h>"));
  return schema.nodes.section.create({ xattrs: readAttributes(element) }, [
    readTextblock(heading, "heading"),
    ...rest.map(readBlock),
  ]);
}

function readMeta(element) {
  const meta = { present: true, date: "", pages: "", scope: "", topics: [], audience: [], files: [], links: [] };
  if (!element) return { ...meta, present: false };
  for (const child of childElements(element)) {
    const text = child.textContent.trim();
    switch (child.localName) {
      case "date": meta.date = text; break;
      case "pages": meta.pages = text; break;
      case "scope": meta.scope = text; break;
      case "topic": meta.topics.push(text); break;
      case "audience": meta.audience.push(text); break;
      case "file": meta.files.push(readAttributes(child)); break;
      case "link": meta.links.push(readAttributes(child)); break;
      default: throw unexpected(child, "meta");
    }
  }
  return meta;
}

export function xmlToModel(xml) {
  const dom = parseXml(xml);
  const root = dom.documentElement;
  if (root.namespaceURI !== NS || root.localName !== "resource") {
    throw new XmlError(format(_("the document is a <{element}>, not a Tandem <resource>"), { element: root.localName }));
  }
  refuseWhatTheModelWouldDrop(dom);
  const parts = Object.fromEntries(childElements(root).map((child) => [child.localName, child]));
  if (!parts.title) throw new XmlError(_("the document has no <title>"));
  if (!parts.body) throw new XmlError(_("the document has no <body>"));
  const summary = parts.summary
    ? readTextblock(parts.summary, "summary")
    : schema.nodes.summary.create();
  const doc = schema.nodes.doc.create(null, [
    readTextblock(parts.title, "title"),
    summary,
    ...childElements(parts.body).map(readBlock),
  ]);
  doc.check();
  return {
    rootAttrs: readAttributes(root),
    meta: readMeta(parts.meta),
    bodyAttrs: readAttributes(parts.body),
    hasSummary: Boolean(parts.summary),
    doc,
  };
}

// ---- writing ----

class Writer {
  constructor() {
    this.dom = document.implementation.createDocument(NS, "resource", null);
  }

  element(name, attrs = {}) {
    const element = this.dom.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attrs)) {
      if (key.startsWith("its:")) element.setAttributeNS(ITS_NS, key, value);
      else if (key.startsWith("xml:")) element.setAttributeNS(XML_NS, key, value);
      else element.setAttribute(key, value);
    }
    return element;
  }

  // Children each on their own line, indented, so the stored XML reads well
  // and its diffs are line by line.
  appendIndented(parent, children, depth) {
    const indent = "\n" + "  ".repeat(depth + 1);
    for (const child of children) {
      parent.append(this.dom.createTextNode(indent), child);
    }
    if (children.length > 0) parent.append(this.dom.createTextNode("\n" + "  ".repeat(depth)));
    return parent;
  }

  // Marks become nested elements: keep the open ones the next text shares,
  // close the rest, open the new ones (ranked by the schema's mark order).
  inline(parent, fragment) {
    const stack = [{ mark: null, element: parent }];
    fragment.forEach((node) => {
      const marks = node.isText ? node.marks : [];
      let keep = 0;
      while (keep < marks.length && keep + 1 < stack.length && stack[keep + 1].mark.eq(marks[keep])) keep++;
      stack.length = keep + 1;
      for (const mark of marks.slice(keep)) {
        const element = this.element(elementOfMark[mark.type.name], mark.attrs.xattrs);
        stack[stack.length - 1].element.append(element);
        stack.push({ mark, element });
      }
      const top = stack[stack.length - 1].element;
      if (node.isText) top.append(this.dom.createTextNode(node.text));
      else if (node.type.name === "hard_break") top.append(this.element("br"));
    });
    return parent;
  }

  node(node, depth) {
    const name = elementOfNode[node.type.name];
    const element = this.element(name, node.attrs.xattrs);
    if (node.isTextblock) return this.inline(element, node.content);
    const children = [];
    node.forEach((child) => children.push(this.node(child, depth + 1)));
    return this.appendIndented(element, children, depth);
  }

  meta(meta, depth) {
    const children = [];
    const text = (name, value) => {
      const element = this.element(name);
      element.append(this.dom.createTextNode(value));
      children.push(element);
    };
    if (meta.date) text("date", meta.date);
    if (meta.pages) text("pages", String(meta.pages));
    if (meta.scope) text("scope", meta.scope);
    for (const topic of meta.topics) text("topic", topic);
    for (const audience of meta.audience) text("audience", audience);
    for (const file of meta.files) children.push(this.element("file", file));
    for (const link of meta.links) children.push(this.element("link", link));
    if (children.length === 0 && !meta.present) return null;
    return this.appendIndented(this.element("meta"), children, depth);
  }
}

export function modelToXml(model) {
  const writer = new Writer();
  const root = writer.dom.documentElement;
  root.setAttributeNS(XMLNS_NS, "xmlns:its", ITS_NS);
  for (const [key, value] of Object.entries(model.rootAttrs)) {
    if (key.startsWith("its:")) root.setAttributeNS(ITS_NS, key, value);
    else if (key.startsWith("xml:")) root.setAttributeNS(XML_NS, key, value);
    else root.setAttribute(key, value);
  }
  const children = [];
  const body = [];
  model.doc.forEach((node) => {
    if (node.type.name === "title") children.push(writer.node(node, 1));
    else if (node.type.name === "summary") {
      if (node.content.size > 0 || model.hasSummary) children.push(writer.node(node, 1));
    } else body.push(writer.node(node, 2));
  });
  const meta = writer.meta(model.meta, 1);
  if (meta) children.push(meta);
  children.push(writer.appendIndented(writer.element("body", model.bodyAttrs), body, 1));
  writer.appendIndented(root, children, 0);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(writer.dom) + "\n";
}

// The skeleton of a new resource, as the create form fills it.
export function newResourceXml({ id, lang, type, title }) {
  const model = {
    rootAttrs: { id, "xml:lang": lang, type },
    meta: { present: false, date: "", pages: "", scope: "", topics: [], audience: [], files: [], links: [] },
    bodyAttrs: {},
    hasSummary: false,
    doc: schema.nodes.doc.create(null, [
      schema.nodes.title.create(null, title ? schema.text(title) : null),
      schema.nodes.summary.create(),
      schema.nodes.paragraph.create(),
    ]),
  };
  return modelToXml(model);
}

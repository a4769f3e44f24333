// Editing commands for the resource schema. Lists hold inline content
// (<li> is a text block in our vocabulary), so list commands are our own
// rather than prosemirror-schema-list's, which expect paragraphs in items.
import { toggleMark, setBlockType, chainCommands, splitBlock } from "prosemirror-commands";
import { TextSelection } from "prosemirror-state";
import { schema } from "./schema.js";

const { nodes, marks } = schema;

export const toggleStrong = toggleMark(marks.strong);
export const toggleEm = toggleMark(marks.em);

export const makeParagraph = setBlockType(nodes.paragraph);
export const makeNote = setBlockType(nodes.note);
export const makeQuote = setBlockType(nodes.quote);

export function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) return Boolean(type.isInSet(state.storedMarks || $from.marks()));
  return state.doc.rangeHasMark(from, to, type);
}

// Keeps a name or acronym untranslated: <span its:translate="no">.
export function toggleNoTranslate(state, dispatch) {
  const { from, to, empty } = state.selection;
  if (empty) return false;
  const existing = state.doc.rangeHasMark(from, to, marks.span);
  if (dispatch) {
    const tr = existing
      ? state.tr.removeMark(from, to, marks.span)
      : state.tr.addMark(from, to, marks.span.create({ xattrs: { "its:translate": "no" } }));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

export function setLink(href) {
  return (state, dispatch) => {
    const { from, to, empty } = state.selection;
    if (empty) return false;
    if (dispatch) {
      let tr = state.tr.removeMark(from, to, marks.link);
      if (href) tr = tr.addMark(from, to, marks.link.create({ xattrs: { href } }));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

export function linkAtSelection(state) {
  const { $from } = state.selection;
  const mark = marks.link.isInSet($from.marks()) ?? marks.link.isInSet($from.nodeAfter?.marks ?? []);
  return mark?.attrs.xattrs.href ?? "";
}

// Turns the text block at the cursor (a paragraph, note or quote) into a
// one-item list of the given type.
export function wrapInList(listType) {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const block = $from.parent;
    if (!["paragraph", "note", "quote"].includes(block.type.name)) return false;
    if (dispatch) {
      const start = $from.before();
      const item = nodes.list_item.create(null, block.content);
      const list = listType.create(null, item);
      const tr = state.tr.replaceWith(start, start + block.nodeSize, list);
      tr.setSelection(TextSelection.create(tr.doc, start + 2 + $from.parentOffset));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

// Enter in an empty last list item leaves the list: the item becomes a
// paragraph after it.
function exitEmptyListItem(state, dispatch) {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type !== nodes.list_item || $from.parent.content.size > 0) return false;
  const list = $from.node(-1);
  if ($from.index(-1) !== list.childCount - 1) return false;
  if (dispatch) {
    const listStart = $from.before(-1);
    const listEnd = $from.after(-1);
    const tr = state.tr;
    let paragraphPos;
    if (list.childCount === 1) {
      tr.replaceWith(listStart, listEnd, nodes.paragraph.create());
      paragraphPos = listStart;
    } else {
      const itemStart = $from.before();
      tr.delete(itemStart, itemStart + $from.parent.nodeSize);
      paragraphPos = listEnd - $from.parent.nodeSize;
      tr.insert(paragraphPos, nodes.paragraph.create());
    }
    tr.setSelection(TextSelection.create(tr.doc, paragraphPos + 1));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

export const enter = chainCommands(exitEmptyListItem, splitBlock);

// Inserts a new section (heading and an empty paragraph) after the top-level
// block or section holding the cursor, and puts the cursor in its heading.
export function insertSection(state, dispatch) {
  const { $from } = state.selection;
  if ($from.depth < 1) return false;
  // From the title or summary, the new section goes first in the body.
  const topIndex = $from.index(0);
  let pos = 0;
  for (let i = 0; i <= Math.max(topIndex, 1); i++) pos += state.doc.child(i).nodeSize;
  if (dispatch) {
    const section = nodes.section.create({ xattrs: { id: "" } }, [nodes.heading.create(), nodes.paragraph.create()]);
    const tr = state.tr.insert(pos, section);
    tr.setSelection(TextSelection.create(tr.doc, pos + 2));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

function slug(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
}

// Sections need an id (a lowercase token): new ones get one from their heading,
// unique in the document, before the document is written. Returns the
// transaction, or null when every section already has one.
export function assignSectionIds(state) {
  const taken = new Set();
  state.doc.descendants((node) => {
    if (node.type === nodes.section && node.attrs.xattrs.id) taken.add(node.attrs.xattrs.id);
  });
  const tr = state.tr;
  state.doc.descendants((node, pos) => {
    if (node.type !== nodes.section || node.attrs.xattrs.id) return;
    const base = slug(node.firstChild?.textContent ?? "") || "section";
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    tr.setNodeMarkup(pos, null, { xattrs: { ...node.attrs.xattrs, id } });
  });
  return tr.docChanged ? tr : null;
}

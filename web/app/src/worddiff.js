// Word-level differences between two texts, as [{op: "same"|"del"|"ins", text}],
// the shape the API uses for a fuzzy segment's previous source.
import { h } from "./dom.js";

const tokenPattern = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
const largest = 4_000_000;

export function wordDiff(before, after) {
  const a = (before ?? "").match(tokenPattern) ?? [];
  const b = (after ?? "").match(tokenPattern) ?? [];
  if (a.length * b.length > largest) {
    return [
      ...(a.length ? [{ op: "del", text: a.join("") }] : []),
      ...(b.length ? [{ op: "ins", text: b.join("") }] : []),
    ];
  }
  // Longest common subsequence by dynamic programming, walked from the front.
  const n = a.length;
  const m = b.length;
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const ops = [];
  const push = (op, text) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push("same", a[i]);
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      push("del", a[i++]);
    } else {
      push("ins", b[j++]);
    }
  }
  while (i < n) push("del", a[i++]);
  while (j < m) push("ins", b[j++]);
  return ops;
}

// One side of a diff: the old side shows deletions, the new side insertions.
// With `highlight`, words only on this side are marked rather than struck
// (two versions side by side, neither of them "old").
export function renderDiffSide(ops, side, { highlight = false } = {}) {
  const skip = side === "before" ? "ins" : "del";
  return ops
    .filter((op) => op.op !== skip)
    .map((op) => {
      if (op.op === "same") return op.text;
      if (highlight) return h("mark", { class: "only-here" }, op.text);
      return h(op.op === "del" ? "del" : "ins", {}, op.text);
    });
}


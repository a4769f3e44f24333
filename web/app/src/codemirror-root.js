// CodeMirror writes its theme into a <style> element, which the server's
// Content-Security-Policy (style-src 'self') refuses. In a shadow root it uses
// a constructed stylesheet instead, which the policy allows; the app's own
// stylesheet is linked inside the shadow root so our rules reach the editor.
import { h } from "./dom.js";

export function codeMirrorRoot(className) {
  const host = h("div", { class: `cm-host ${className}-host` });
  const shadow = host.attachShadow({ mode: "open" });
  const container = h("div", { class: className });
  shadow.append(h("link", { rel: "stylesheet", href: "/app.css" }), container);
  return { host, container };
}

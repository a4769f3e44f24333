// The web application's shell: sign-in, the header (who, role, sign-out,
// interface language) and the routes of the three desks.
import { h, clear, liveStatus, setStatus } from "./dom.js";
import { _, interfaceLanguage, setInterfaceLanguage, storedLanguage } from "./i18n.js";
import { api, setCsrf } from "./api.js";
import { errorText, roleLabel } from "./labels.js";
import { renderResourceList } from "./editor/list.js";
import { renderResourceEditor } from "./editor/page.js";
import { renderQueue } from "./translate/queue.js";
import { renderSegmentEditor } from "./translate/segments.js";
import { renderDesk } from "./publish/desk.js";

const app = document.getElementById("app");
let session = null;
let currentView = null;  // { leave, hasUnsavedChanges } of a view that holds edits
let currentHash = location.hash;

// Leaving a view with unsaved edits asks first.
function mayLeave() {
  if (!currentView?.hasUnsavedChanges()) return true;
  return window.confirm(_("Your changes are not saved. Leave anyway?"));
}

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function header() {
  const languageSwitch = h("div", { class: "language-switch", role: "group", "aria-label": _("Interface language") },
    [["en", "EN", "English"], ["fr", "FR", "Français"]].map(([lang, short, name]) =>
      h("button", {
        type: "button",
        lang,
        title: name,
        "aria-label": name,
        "aria-pressed": String(interfaceLanguage() === lang),
        onclick: async () => {
          if (!mayLeave()) return;
          await setInterfaceLanguage(lang);
          route();
        },
      }, short)));
  const links = [
    ["#/resources", _("Resources"), true],
    ["#/queue/fr", _("Translation queue"), true],
    ["#/publish", _("Publisher desk"), ["publisher", "admin"].includes(session?.role)],
  ];
  const current = location.hash || "#/resources";
  return h("header", { class: "top" },
    h("a", { class: "brand", href: "#/resources" }, "Tandem"),
    session
      ? h("nav", { class: "main-nav", "aria-label": _("Main") },
          links.filter(([, , shown]) => shown).map(([href, label]) =>
            h("a", { href, "aria-current": current.startsWith(href.replace(/\/fr$/, "")) ? "page" : null }, label)))
      : h("span"),
    h("div", { class: "who" },
      languageSwitch,
      session
        ? [
            h("span", { class: "user", id: "current-user" }, session.user),
            h("span", { class: "role badge", id: "current-role" }, roleLabel(session.role)),
            h("button", { type: "button", class: "link", id: "sign-out", onclick: signOut }, _("Sign out")),
          ]
        : []));
}

function signInScreen(main) {
  const status = liveStatus({ id: "sign-in-status" });
  const user = h("input", { id: "user", name: "user", autocomplete: "username", required: true });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const form = h("form", {
    class: "sign-in",
    onsubmit: async (event) => {
      event.preventDefault();
      setStatus(status, _("Signing in…"));
      try {
        session = await api.signIn(user.value.trim(), password.value);
        setCsrf(session.csrf);
        navigate(sessionStorage.getItem("tandem.after-sign-in") || "#/resources");
        sessionStorage.removeItem("tandem.after-sign-in");
      } catch (error) {
        password.value = "";
        setStatus(status, error.status === 401 ? _("The name or the password is not right.") : errorText(error), "error");
        password.focus();
      }
    },
  },
    h("h1", {}, _("Sign in to Tandem")),
    h("div", { class: "field" }, h("label", { for: "user" }, _("Name")), user),
    h("div", { class: "field" }, h("label", { for: "password" }, _("Password")), password),
    h("button", { type: "submit", class: "primary" }, _("Sign in")),
    status);
  main.append(form);
  user.focus();
}

async function signOut() {
  if (!mayLeave()) return;
  currentView?.leave();
  currentView = null;
  try {
    await api.signOut();
  } catch {
    // Signed out either way: the session is forgotten here.
  }
  session = null;
  setCsrf("");
  navigate("#/signin");
}

async function route() {
  currentView?.leave();
  currentView = null;
  currentHash = location.hash;
  const [, view, ...rest] = (location.hash || "#/resources").split("/");
  const params = rest.map(decodeURIComponent);
  const main = h("main", { id: "main", tabindex: "-1" });
  clear(app, header(), main);
  if (!session && view !== "signin") {
    sessionStorage.setItem("tandem.after-sign-in", location.hash);
    return navigate("#/signin");
  }
  const context = { session, navigate };
  try {
    switch (view) {
      case "signin": return session ? navigate("#/resources") : signInScreen(main);
      case "edit": currentView = await renderResourceEditor(main, { ...context, id: params[0] }); break;
      case "queue": await renderQueue(main, { ...context, lang: params[0] === "en" ? "en" : "fr" }); break;
      case "translate": await renderSegmentEditor(main, { ...context, lang: params[0], id: params[1] }); break;
      case "publish": await renderDesk(main, context); break;
      default: await renderResourceList(main, context);
    }
  } catch (error) {
    if (error.code === "unauthorized") {
      session = null;
      return navigate("#/signin");
    }
    main.append(h("p", { class: "status", dataset: { kind: "error" } }, errorText(error)));
  }
  document.title = `Tandem — ${main.querySelector("h1")?.textContent ?? ""}`;
}

async function start() {
  try {
    await setInterfaceLanguage(storedLanguage());
  } catch {
    await setInterfaceLanguage("en");
  }
  try {
    session = await api.session();
    setCsrf(session.csrf);
  } catch {
    session = null;
  }
  window.addEventListener("hashchange", () => {
    if (location.hash === currentHash) return;
    if (!mayLeave()) {
      history.replaceState(null, "", currentHash || "#/resources");
      return;
    }
    route();
  });
  await route();
}

start();

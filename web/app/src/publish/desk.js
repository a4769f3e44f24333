// The publisher's desk: what waits for approval, each with its two languages
// side by side and what changed since the last approval; approve (with the
// parity gate's reasons when refused), publish, releases and rollback.
import { h, clear, liveStatus, setStatus, formatTime, shortRevision } from "../dom.js";
import { _, n_, format, interfaceLanguage } from "../i18n.js";
import { api } from "../api.js";
import { errorText, said, languageLabel, changeLabel, blockKindLabel, previewLabel } from "../labels.js";

export async function renderDesk(root) {
  const status = liveStatus({ id: "desk-status" });
  const pendingList = h("ul", { class: "pending-list" });
  const detail = h("section", { class: "pending-detail", "aria-live": "polite" });
  const releasesBody = h("tbody");
  const publishProgress = h("progress", { id: "publish-progress", hidden: true, "aria-label": _("Publishing") });
  const publishResult = liveStatus({ id: "publish-status" });

  function missingList(missing) {
    const where = (item) => [item.line ? format(_("line {line}"), { line: item.line }) : "", item.code ?? ""].filter(Boolean);
    return h("ul", { class: "missing" }, missing.map((item) =>
      h("li", {}, ...where(item).flatMap((part) => [h("code", {}, part), " "]), said(item))));
  }

  function showDetail(item) {
    for (const node of pendingList.querySelectorAll("[aria-current]")) node.removeAttribute("aria-current");
    pendingList.querySelector(`[data-id="${CSS.escape(item.id)}"] button`)?.setAttribute("aria-current", "true");
    const approveStatus = liveStatus({ id: "approve-status" });
    const note = h("input", { id: "approve-note", type: "text" });
    const parity = item.parity ?? {};
    const changes = item.changes ?? {};
    const approve = async () => {
      setStatus(approveStatus, _("Approving…"));
      try {
        const result = await api.approve(item.id, item.revision, note.value.trim());
        setStatus(approveStatus, format(_("Approved: release revision {revision}."), { revision: shortRevision(result.revision) }), "ok");
        await refreshPending(item.id);
      } catch (error) {
        clear(approveStatus);
        approveStatus.dataset.kind = "error";
        if (error.status === 403 && error.code === "forbidden") {
          approveStatus.append(_("Only publishers may approve. Your role does not allow it."));
        } else if (error.code === "invalid" && error.body.missing) {
          approveStatus.append(_("Not approved: the translation is not complete."), missingList(error.body.missing));
        } else {
          approveStatus.append(errorText(error));
        }
      }
    };
    clear(detail, 
      h("h2", {}, item.title || item.id),
      h("p", { class: "muted" }, format(_("Revision {revision}"), { revision: shortRevision(item.revision) }),
        " · ", item.approved ? _("Approved before: changes since then are listed below.") : _("Never approved.")),
      h("div", { class: ["parity", parity.ready ? "ready" : "not-ready"] },
        parity.ready ? _("Ready: every segment is translated and passes its checks.") : _("Not ready for approval."),
        " ",
        format(_("Translated {translated}, fuzzy {fuzzy}, untranslated {untranslated}, failing {failing}."), {
          translated: parity.translated ?? 0, fuzzy: parity.fuzzy ?? 0, untranslated: parity.untranslated ?? 0, failing: parity.failing ?? 0,
        }),
        parity.missing?.length ? missingList(parity.missing) : null),
      h("h3", {}, _("Changes since the last approval")),
      (changes.blocks ?? []).length === 0 && (changes.sections ?? []).length === 0
        ? h("p", { class: "muted" }, _("No changes to the text."))
        : h("ul", { class: "changes" },
            (changes.sections ?? []).map((c) => h("li", {}, format(_("Section {section}: {change}"), { section: c.section || _("Title, summary and details"), change: changeLabel(c.change) }))),
            (changes.blocks ?? []).map((c) => h("li", {}, h("strong", {}, c.section || _("Title, summary and details")), ` (${blockKindLabel(c.kind)}, ${changeLabel(c.change)}): `,
              c.before ? h("del", {}, c.before) : "", " ", c.after ? h("ins", {}, c.after) : ""))),
      h("div", { class: "approve-form" },
        h("div", { class: "field" }, h("label", { for: "approve-note" }, _("Note (optional)")), note),
        h("button", { type: "button", class: "primary", id: "approve", onclick: approve }, _("Approve this revision")),
        approveStatus),
      h("div", { class: "preview-pair" },
        ["en", "fr"].map((lang) =>
          h("figure", {},
            h("figcaption", {}, languageLabel(lang)),
            h("iframe", { src: api.previewUrl(item.id, lang, item.revision), title: previewLabel(lang), sandbox: "allow-same-origin" })))),
    );
  }

  async function refreshPending(keepId) {
    try {
      const items = await api.pending();
      clear(pendingList, 
        items.length === 0
          ? h("li", { class: "muted" }, _("Nothing waits for approval."))
          : items.map((item) =>
              h("li", { dataset: { id: item.id } },
                h("button", { type: "button", class: "pending-item", onclick: () => showDetail(item) },
                  h("span", { class: ["badge", item.parity?.ready ? "ok" : "todo"] }, item.parity?.ready ? _("Ready") : _("Not ready")),
                  " ",
                  item.title || item.id))),
      );
      const keep = items.find((item) => item.id === keepId);
      if (keep) showDetail(keep);
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }

  async function refreshReleases() {
    try {
      const releases = await api.releases();
      clear(releasesBody, 
        releases.length === 0
          ? h("tr", {}, h("td", { colspan: "4", class: "muted" }, _("Nothing has been published yet.")))
          : releases.map((release, index) =>
              h("tr", {},
                h("td", {}, String(release.number)),
                h("td", {}, formatTime(release.when, interfaceLanguage())),
                h("td", {}, h("code", {}, shortRevision(release.revision))),
                h("td", {}, index === 0 ? h("span", { class: "muted" }, _("latest")) : h("button", { type: "button", class: "small", onclick: () => rollback(release.number) }, format(_("Roll back to {number}"), { number: release.number }))))),
      );
    } catch (error) {
      setStatus(status, errorText(error), "error");
    }
  }

  async function publish() {
    publishButton.disabled = true;
    publishProgress.hidden = false;
    publishProgress.removeAttribute("value");
    setStatus(publishResult, _("Publishing…"));
    try {
      const result = await api.publish();
      // Two counts, so two counted words inside one sentence.
      const pages = format(n_("{count} page", "{count} pages", result.pages), { count: result.pages });
      // TRANSLATORS: pages of the site that this publication rendered anew.
      const changed = format(n_("{count} changed", "{count} changed", result.changed), { count: result.changed });
      // TRANSLATORS: {pages} is "12 pages", {changed} is "3 changed".
      setStatus(publishResult, format(_("Published release {number}: {pages}, {changed}."), { number: result.number, pages, changed }), "ok");
      await refreshReleases();
    } catch (error) {
      setStatus(publishResult, errorText(error), "error");
    } finally {
      publishProgress.hidden = true;
      publishButton.disabled = false;
    }
  }

  async function rollback(number) {
    setStatus(publishResult, _("Rolling back…"));
    try {
      const result = await api.rollback(number);
      setStatus(publishResult, format(n_("The site is release {number} again ({pages} page).", "The site is release {number} again ({pages} pages).", result.pages), result), "ok");
      await refreshReleases();
    } catch (error) {
      setStatus(publishResult, errorText(error), "error");
    }
  }

  const publishButton = h("button", { type: "button", class: "primary", id: "publish", onclick: publish }, _("Publish the release"));
  clear(root, 
    h("h1", {}, _("Publisher desk")),
    status,
    h("div", { class: "desk-layout" },
      h("nav", { class: "pending", "aria-label": _("Waiting for approval") }, h("h2", {}, _("Waiting for approval")), pendingList),
      detail),
    h("section", { class: "publishing" },
      h("h2", {}, _("Publishing")),
      h("p", { class: "muted" }, _("Publishing renders what is approved into the public site and feeds.")),
      h("div", { class: "actions" }, publishButton, publishProgress, h("a", { href: "/site/", target: "_blank", rel: "noopener" }, _("Open the site"))),
      publishResult,
      h("h3", {}, _("Releases")),
      h("table", { class: "releases-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, _("Number")), h("th", { scope: "col" }, _("When")), h("th", { scope: "col" }, _("Revision")), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, _("Actions"))))),
        releasesBody)),
  );
  await Promise.all([refreshPending(), refreshReleases()]);
}

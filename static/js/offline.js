// Works without a signal (docs/offline.md): installs the service worker, saves courses for
// offline, keeps today's roll call, queues writes made without a signal and sends them, in
// order, when the signal returns. Words come from the page (#offline-strings), in its language.
(() => {
  const offline = self.lmsOffline;
  if (!offline || !("caches" in self) || !("indexedDB" in self)) return;
  const root = document.documentElement;
  // "" on the offline page itself: it does not know whose phone this is, and changes nothing.
  const user = document.querySelector("meta[name=offline-user]")?.content || "";
  const stringsNode = document.getElementById("offline-strings");
  const words = stringsNode ? JSON.parse(stringsNode.textContent) : {};
  const say = (key, values = {}) =>
    (words[key] || key).replace(/%\((\w+)\)s/g, (_m, name) => String(values[name] ?? ""));
  const dateText = (time) =>
    new Intl.DateTimeFormat(root.lang || undefined, { dateStyle: "medium", timeStyle: "short" })
      .format(new Date(time));
  const statusBox = document.getElementById("offline-status");

  function el(tag, attrs = {}, text = "") {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, value));
    if (text) node.textContent = text;
    return node;
  }

  // --- Whose phone: the previous person's saved pages go at once ---------------------------
  async function start() {
    if (user) {
      await offline.switchUser(user);
      const db = await offline.db();
      await db.put("meta", root.lang || "en", "lang");
      if ("serviceWorker" in navigator) {
        navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
      }
    }
    if (user && user !== offline.ANONYMOUS) {
      document.querySelectorAll("form[data-offline-queue]").forEach(queueForm);
      document.querySelectorAll("[data-offline-course]").forEach(courseSaver);
      document.querySelectorAll("[data-offline-keep]").forEach(keepPage);
      await showQueue(takeSaid());
      await send();
    }
    await listSaved();
  }

  // --- Writes made without a signal --------------------------------------------------------
  function queueForm(form) {
    form.addEventListener("submit", async (event) => {
      // With a signal, the ordinary way with the server's answer; a page's own check that
      // stopped the form (a file over 10 MB) stops it here too.
      if (navigator.onLine || event.defaultPrevented) return;
      event.preventDefault();
      const data = new FormData(form, event.submitter || undefined);
      data.delete("csrfmiddlewaretoken"); // stale by the time it is sent: a fresh one then
      const withFiles = form.enctype === "multipart/form-data";
      const fields = withFiles ? await keptFields(data) : undefined;
      const db = await offline.db();
      await db.add("queue", {
        user,
        key: crypto.randomUUID(),
        url: new URL(form.getAttribute("action") || location.href, location.href).href,
        body: withFiles ? undefined : new URLSearchParams(data).toString(),
        fields,
        label: form.dataset.offlineLabel || document.title,
        state: "waiting",
        madeAt: Date.now(),
      });
      const note = el("p", { class: "alert alert-info", role: "status" },
        say(form.dataset.offlineQueue === "lesson" ? "queuedLesson" : "queued"));
      if (form.dataset.offlineQueue === "lesson") form.replaceWith(note);
      else form.prepend(note);
      await showQueue();
    });
  }

  // Photos are made smaller on the phone before they are kept (static/js/photos.js, on the
  // pages that take photos): the record page has done so when they were chosen, and does again
  // here for one sent before that was over.
  async function keptFields(data) {
    const smaller = self.lmsPhotos?.smaller;
    const fields = [];
    for (const [name, value] of data) {
      if (value instanceof File) {
        if (!value.name && !value.size) continue; // a file field left empty
        fields.push([name, smaller ? await smaller(value) : value]);
      } else {
        fields.push([name, value]);
      }
    }
    return fields;
  }

  function requestBody(item) {
    if (!item.fields) return item.body;
    const data = new FormData();
    item.fields.forEach(([name, value]) => {
      if (value instanceof Blob) data.append(name, value, value.name);
      else data.append(name, value);
    });
    return data;
  }

  async function mine() {
    const db = await offline.db();
    return (await db.getAll("queue")).filter((item) => item.user === user);
  }

  async function showQueue(extra) {
    if (!statusBox) return;
    const items = await mine();
    statusBox.replaceChildren();
    const waiting = items.filter((item) => item.state === "waiting").length;
    if (extra) statusBox.append(el("p", { class: "alert alert-success" }, extra));
    if (waiting) {
      statusBox.append(el("p", { class: "alert alert-info" }, say("waiting", { count: waiting })));
    }
    for (const item of items.filter((i) => i.state !== "waiting")) {
      const box = el("div", { class: "alert alert-warning", "data-offline-item": item.state });
      box.append(el("strong", {}, say(item.state === "conflict" ? "conflict" : "refused")));
      box.append(" ", el("span", {}, `${item.label}: ${item.message}`), " ");
      if (item.state === "conflict") {
        const open = el("button", { type: "button", class: "btn btn-sm btn-warning" },
          say("openChoose"));
        open.addEventListener("click", () => openToChoose(item));
        box.append(open, " ");
      }
      const dismiss = el("button", { type: "button", class: "btn btn-sm btn-outline-dark" },
        say("dismiss"));
      dismiss.addEventListener("click", async () => {
        await (await offline.db()).delete("queue", item.id);
        await showQueue();
      });
      box.append(dismiss);
      statusBox.append(box);
    }
  }

  async function freshToken() {
    const response = await fetch("/offline/csrf/", { credentials: "same-origin" });
    if (!response.ok) throw new Error("no token");
    return (await response.json()).token;
  }

  // The conflict is shown as on the online page: the same form sent the ordinary way, whose
  // answer shows both values side by side and asks the person to choose.
  async function openToChoose(item) {
    const token = await freshToken();
    const form = el("form", { method: "post", action: item.url, hidden: "" });
    const fields = new URLSearchParams(item.body);
    fields.set("csrfmiddlewaretoken", token);
    for (const [name, value] of fields) form.append(el("input", { type: "hidden", name, value }));
    document.body.append(form);
    await (await offline.db()).delete("queue", item.id);
    form.submit();
  }

  // A page that shows what the changes sent alter (the progress on "My learning") is drawn again
  // by the server once they are on it; what the sending said is kept across that reload.
  const SAID_KEY = "lms-offline-said";
  function keepSaid(told) {
    try {
      sessionStorage.setItem(SAID_KEY, told);
      return true;
    } catch {
      return false; // no session storage: said without drawing the page again
    }
  }
  function takeSaid() {
    try {
      const said = sessionStorage.getItem(SAID_KEY);
      sessionStorage.removeItem(SAID_KEY);
      return said || undefined;
    } catch {
      return undefined;
    }
  }

  // One sending at a time, in order; a call made meanwhile (the signal came back while the page
  // was starting, or a write was queued during the sending) sends again once it is over, so that
  // nothing waits for the next page.
  let sending = false;
  let again = false;
  let savingCourses = 0; // courses being saved for offline (saveCourse)
  async function send() {
    if (!navigator.onLine) return;
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    again = false;
    let waiting = [];
    try {
      waiting = (await mine()).filter((item) => item.state === "waiting");
    } catch {
      // The phone's storage could not be read: nothing to send this time.
    }
    if (!waiting.length) {
      sending = false;
      if (again) send();
      return;
    }
    let sent = 0;
    let loggedOut = false;
    const said = [];
    try {
      const token = await freshToken();
      for (const item of waiting) {
        const response = await fetch(item.url, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            ...(item.fields ? {} : { "Content-Type": "application/x-www-form-urlencoded" }),
            "X-CSRFToken": token,
            "Idempotency-Key": item.key,
          },
          body: requestBody(item),
        });
        const type = response.headers.get("Content-Type") || "";
        if (!type.includes("application/json")) {
          // Logged out meanwhile (the login page came back): keep it all for later.
          loggedOut = true;
          return;
        }
        const answer = await response.json();
        const db = await offline.db();
        if (answer.outcome === "done") {
          await db.delete("queue", item.id);
          sent += 1;
          said.push(answer.message);
        } else {
          await db.put("queue", { ...item, state: answer.outcome, message: answer.message });
        }
      }
    } catch {
      // No signal after all: the rest waits for the next time.
    } finally {
      sending = false;
      const told = sent ? [say("sent"), ...said].join(" ") : undefined;
      // Drawn again whenever something was sent: a write still waiting (a call made meanwhile)
      // is sent by the page drawn again, as by any page that opens.
      // Never while a course is being saved for offline: that would cut its copy short.
      const redraw = told && !loggedOut && !savingCourses &&
        document.querySelector("[data-offline-refresh]");
      if (redraw && keepSaid(told)) {
        location.reload();
      } else {
        await showQueue(told);
        if (loggedOut) {
          statusBox?.append(el("p", { class: "alert alert-warning" }, say("loginToSend")));
        }
        if (sent) {
          document.dispatchEvent(new CustomEvent("lms:offline-sent", { detail: { sent } }));
        }
        if (again) send();
      }
    }
  }
  self.addEventListener("online", send);

  // --- Courses saved for offline -----------------------------------------------------------
  const courseCache = (course) => `${offline.USER_CACHE_PREFIX}${user}-course-${course}`;

  async function saveCourse(pack, title) {
    savingCourses += 1;
    try {
      const cache = await caches.open(courseCache(pack.course));
      for (const url of pack.urls) {
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        await cache.put(url, response);
      }
    } finally {
      savingCourses -= 1;
    }
    const entry = { course: pack.course, version: pack.version, pages: pack.pages,
      urls: pack.urls, bytes: pack.bytes, title, savedAt: Date.now() };
    await (await offline.db()).put("saved", entry);
    return entry;
  }

  async function removeCourse(course) {
    await caches.delete(courseCache(course));
    await (await offline.db()).delete("saved", course);
  }

  async function courseSaver(box) {
    const course = Number(box.dataset.offlineCourse);
    const saveButton = box.querySelector("[data-offline-save]");
    const removeButton = box.querySelector("[data-offline-remove]");
    const status = box.querySelector("[data-offline-state]");
    const size = box.querySelector("[data-offline-size]");
    const title = box.dataset.offlineTitle || document.title;
    let pack;
    const db = await offline.db();
    let saved = await db.get("saved", course);
    const show = () => {
      status.textContent = saved ? say("saved", { date: dateText(saved.savedAt) }) : "";
      removeButton.hidden = !saved;
      saveButton.hidden = Boolean(saved);
      box.hidden = false;
    };
    if (navigator.onLine) {
      try {
        const response = await fetch(box.dataset.offlineUrl, { credentials: "same-origin" });
        if (response.ok) pack = await response.json();
      } catch {
        pack = undefined;
      }
    }
    if (pack) size.textContent = say("size", {
      size: new Intl.NumberFormat(root.lang || undefined,
        { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(pack.bytes / 1e6),
    });
    // The course changed since it was saved, and there is a signal: save it again.
    if (saved && pack && saved.version !== pack.version) {
      try {
        saved = await saveCourse(pack, title);
      } catch {
        /* the old copy stays */
      }
    }
    show();
    saveButton.disabled = !pack;
    saveButton.addEventListener("click", async () => {
      saveButton.disabled = true;
      status.textContent = say("saving");
      try {
        saved = await saveCourse(pack, title);
      } catch {
        status.textContent = say("saveFailed");
        saveButton.disabled = false;
        return;
      }
      show();
      removeButton.focus();
    });
    removeButton.addEventListener("click", async () => {
      await removeCourse(course);
      saved = undefined;
      show();
      status.textContent = say("removed");
      saveButton.disabled = !pack;
      saveButton.focus();
    });
  }

  // A saved page says when it was saved (on the lesson, or the offline page's list).
  async function listSaved() {
    const db = await offline.db();
    const entries = (await db.getAll("saved"));
    let here = entries.find((entry) => entry.pages.includes(location.pathname));
    const note = document.querySelector("[data-offline-saved-note]");
    if (here && note) {
      note.textContent = say("saved", { date: dateText(here.savedAt) });
      note.hidden = false;
      // The course changed since it was saved, and there is a signal: save it again.
      if (navigator.onLine && note.dataset.offlineUrl) {
        try {
          const response = await fetch(note.dataset.offlineUrl, { credentials: "same-origin" });
          const pack = response.ok ? await response.json() : undefined;
          if (pack && pack.version !== here.version) {
            here = await saveCourse(pack, here.title);
            note.textContent = say("saved", { date: dateText(here.savedAt) });
          }
        } catch {
          /* the saved copy stays as it is */
        }
      }
    }
    const list = document.getElementById("offline-saved-list");
    if (list && entries.length) {
      const items = list.querySelector("ul");
      entries.forEach((entry) => {
        const item = el("li");
        item.append(el("a", { href: entry.pages[0] }, entry.title), " ",
          el("span", { class: "small text-body-secondary" },
            say("saved", { date: dateText(entry.savedAt) })));
        items.append(item);
      });
      list.hidden = false;
    }
  }

  // --- Pages kept once opened with a signal (today's and tomorrow's roll call) -------------
  async function keepPage(node) {
    if (!navigator.onLine) return;
    const day = node.dataset.offlineKeep; // the session's date: kept until the day after
    const prefix = `${offline.USER_CACHE_PREFIX}${user}-day-`;
    const today = new Date().toISOString().slice(0, 10);
    for (const name of await caches.keys()) {
      if (name.startsWith(prefix) && name.slice(prefix.length) < today) await caches.delete(name);
    }
    const response = await fetch(location.href, { credentials: "same-origin" });
    if (response.ok && !response.redirected) {
      await (await caches.open(`${prefix}${day}`)).put(location.href, response);
      root.dataset.offlineKept = day;
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

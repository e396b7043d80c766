// The service worker (docs/offline.md), served at /sw.js by lms/offline/views.py, which fills in
// the shell's list and the scripts' addresses. Built on Workbox from npm (no CDN).
/* global workbox */
importScripts(...self.__WORKER_SCRIPTS);

const { precacheAndRoute, cleanupOutdatedCaches, matchPrecache } = workbox.precaching;
const { registerRoute } = workbox.routing;
const { StaleWhileRevalidate } = workbox.strategies;
const offline = self.lmsOffline;

self.skipWaiting();
workbox.core.clientsClaim();
cleanupOutdatedCaches();
// The app shell and the offline page in each language.
precacheAndRoute(self.__WB_MANIFEST);

async function currentUser() {
  const db = await offline.db();
  return (await db.get("meta", "user")) || offline.ANONYMOUS;
}

// A page the person saved (a lesson, a roll call), from their own caches only.
async function savedCopy(url) {
  const user = await currentUser();
  if (user === offline.ANONYMOUS) return undefined;
  const prefix = `${offline.USER_CACHE_PREFIX}${user}-`;
  for (const name of await caches.keys()) {
    if (!name.startsWith(prefix)) continue;
    const hit = await (await caches.open(name)).match(url, { ignoreVary: true });
    if (hit) return hit;
  }
  return undefined;
}

async function offlinePage() {
  const db = await offline.db();
  const lang = (await db.get("meta", "lang")) || "en";
  return (await matchPrecache(`/offline/${lang}/`)) || (await matchPrecache("/offline/en/"));
}

// Pages: always from the server when there is a signal (nothing personal is kept unless the
// person saved it); without one, the saved copy or the offline page.
registerRoute(
  ({ request }) => request.mode === "navigate",
  async ({ request }) => {
    let response;
    try {
      response = await fetch(request);
    } catch {
      return (await savedCopy(request.url)) || (await offlinePage()) || Response.error();
    }
    // The server says whose page this is: after a logout, or another person's login, the
    // previous person's saved pages go at once.
    const user = response.headers.get("Offline-User");
    if (user) await offline.switchUser(user);
    return response;
  },
);

// Lesson images: a saved copy first (they do not change under the same address).
registerRoute(
  ({ request, url }) =>
    request.destination === "image" && url.origin === self.location.origin &&
    url.pathname.startsWith("/media/"),
  async ({ request }) => (await savedCopy(request.url)) || fetch(request),
);

// The site's other static files (a page's own stylesheet or script), kept once seen.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/static/"),
  new StaleWhileRevalidate({ cacheName: "lms-static" }),
);

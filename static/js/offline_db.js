// The phone's own store of what works without a signal (docs/offline.md), shared by the pages
// (offline.js) and the service worker (sw.js), with idb from npm:
// - meta: "user" (whose saved pages these are, as the server names them) and "lang";
// - saved: one entry per course saved for offline (its pages in the Cache API);
// - queue: writes made without a signal, in the order they were made, sent when online.
/* global idb */
self.lmsOffline = {
  USER_CACHE_PREFIX: "lms-user-",
  ANONYMOUS: "anonymous",
  db() {
    return idb.openDB("lms-offline", 1, {
      upgrade(db) {
        db.createObjectStore("meta");
        db.createObjectStore("saved", { keyPath: "course" });
        db.createObjectStore("queue", { keyPath: "id", autoIncrement: true });
      },
    });
  },
  // Another person on this phone (or nobody, after a logout): wipe the previous person's saved
  // pages. Their unsent writes stay in the queue, marked with their name, and are only ever
  // sent in their own session.
  async switchUser(user) {
    const db = await self.lmsOffline.db();
    const before = await db.get("meta", "user");
    if (before === user) return false;
    for (const name of await caches.keys()) {
      if (name.startsWith(self.lmsOffline.USER_CACHE_PREFIX)) await caches.delete(name);
    }
    await db.clear("saved");
    await db.put("meta", user, "user");
    return true;
  },
};

/* Service worker of the kader app: the app shell and growth tables are cached so the app opens
   and computes without signal; the API is never cached (the app keeps its own outbox). */
const CACHE = "posyandu-kader-{{ version }}";
const SHELL = {{ shell|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k.startsWith("posyandu-kader-") && k !== CACHE).map((k) => caches.delete(k))
  )).then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  if (req.mode === "navigate") {
    // The page: fresh when online (and re-cached), the cached copy without signal.
    event.respondWith(fetch(req).then((resp) => {
      if (resp.ok) { const copy = resp.clone(); caches.open(CACHE).then((c) => c.put(req, copy)); }
      return resp;
    }).catch(() => caches.match(req, {ignoreSearch: true})));
    return;
  }
  event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
});

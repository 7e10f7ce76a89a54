/* A small IndexedDB wrapper for the kader app: the downloaded register, and the outbox of
   what was recorded offline (children, sessions, measurements), keyed by client-made ids. */
(function (global) {
  "use strict";
  var NAME = "terbuka-posyandu", VERSION = 1, db = null;

  function open() {
    if (db) return Promise.resolve(db);
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(NAME, VERSION);
      req.onupgradeneeded = function () {
        var d = req.result;
        d.createObjectStore("register", {keyPath: "posyandu"});
        d.createObjectStore("outbox", {keyPath: "uuid"});
      };
      req.onsuccess = function () { db = req.result; resolve(db); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function tx(store, mode, fn) {
    return open().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(store, mode), s = t.objectStore(store), result;
        var r = fn(s);
        if (r) r.onsuccess = function () { result = r.result; };
        t.oncomplete = function () { resolve(result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }

  global.KaderDB = {
    get: function (store, key) { return tx(store, "readonly", function (s) { return s.get(key); }); },
    put: function (store, value) { return tx(store, "readwrite", function (s) { return s.put(value); }); },
    all: function (store) { return tx(store, "readonly", function (s) { return s.getAll(); }); },
    del: function (store, key) { return tx(store, "readwrite", function (s) { return s.delete(key); }); }
  };
})(window);

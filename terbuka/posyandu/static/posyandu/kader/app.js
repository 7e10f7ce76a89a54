/* The offline kader app: download the register, record a whole session without signal,
   see z-scores and the KMS point at once, sync later. Plain JS, no framework. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("kader-config").textContent);
  var T = JSON.parse(document.getElementById("kader-text").textContent);
  var G = window.TerbukaGrowth, DB = window.KaderDB;
  var state = {posyandu: null, register: null, session: null, child: null};
  var $ = function (id) { return document.getElementById(id); };

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function today() { var d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 10); }
  function days(a, b) { return Math.round((Date.parse(b) - Date.parse(a)) / 86400000); }
  function month(d) { return d.slice(0, 7); }
  function prevMonth(m) { var y = +m.slice(0, 4), mo = +m.slice(5, 7) - 1; if (mo === 0) { y -= 1; mo = 12; } return y + "-" + String(mo).padStart(2, "0"); }
  function fmt(s, vals) { return s.replace(/%\((\w+)\)s/g, function (_, k) { return vals[k]; }); }
  function say(el, text, cls) { el.textContent = text; el.className = cls || ""; }
  function csrf() { var m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/); return m ? decodeURIComponent(m[1]) : ""; }
  function num(v) { if (v === "" || v === null || v === undefined) return null; var n = Number(String(v).replace(",", ".")); return isFinite(n) ? n : NaN; }

  function online(flag) {
    say($("net"), flag ? T.online : T.offline, flag ? "net on" : "net off");
  }
  window.addEventListener("online", function () { online(true); });
  window.addEventListener("offline", function () { online(false); });

  function loadTables() {
    return fetch(cfg.tables).then(function (r) { return r.json(); }).then(G.load);
  }

  /* --- register ------------------------------------------------------------------------ */
  function download() {
    say($("reg-status"), T.downloading);
    return fetch(cfg.api + "/" + state.posyandu + "/register", {credentials: "same-origin"})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { data.posyandu_id = state.posyandu; return DB.put("register", {posyandu: state.posyandu, data: data, at: new Date().toISOString()}); })
      .then(showRegister)
      .catch(function () { say($("reg-status"), T.download_failed, "error"); });
  }

  function showRegister() {
    return DB.get("register", state.posyandu).then(function (rec) {
      if (!rec) { say($("reg-status"), T.no_register); return; }
      state.register = rec.data;
      say($("reg-status"), fmt(T.register_from, {n: rec.data.children.length, at: rec.at.slice(0, 16).replace("T", " ")}));
      return DB.all("outbox").then(function (items) {
        items.filter(function (i) { return i.type === "child" && i.posyandu === state.posyandu && !state.register.children.some(function (c) { return c.uuid === i.uuid; }); })
          .forEach(function (i) { state.register.children.push(Object.assign({measurements: [], local: true}, i.body)); });
        renderChildren(items);
        renderOutbox(items);
      });
    });
  }

  function localMeasurements(items, childUuid) {
    return items.filter(function (i) { return i.type === "measurement" && i.body.child === childUuid; });
  }

  function renderChildren(items) {
    var ul = $("children"); ul.innerHTML = "";
    state.register.children.forEach(function (c) {
      var li = document.createElement("li");
      var btn = document.createElement("button");
      btn.type = "button"; btn.className = "child";
      var done = state.session && localMeasurements(items, c.uuid).some(function (i) { return i.body.session === state.session.uuid; });
      btn.textContent = c.name + " · " + c.birth_date + " · " + c.sex + (done ? " ✓" : "");
      btn.setAttribute("aria-label", fmt(T.measure_child, {name: c.name}));
      btn.addEventListener("click", function () { openChild(c); });
      li.appendChild(btn); ul.appendChild(li);
    });
  }

  /* --- session ------------------------------------------------------------------------- */
  function startSession(ev) {
    ev.preventDefault();
    var held = $("held-on").value || today();
    if (held > today()) { say($("session-status"), T.future_session, "error"); return; }
    DB.all("outbox").then(function (items) {
      var existing = items.find(function (i) { return i.type === "session" && i.posyandu === state.posyandu && month(i.body.held_on) === month(held); });
      var s = existing || {uuid: uuid(), type: "session", posyandu: state.posyandu, status: "pending", body: {uuid: null, held_on: held}};
      s.body.uuid = s.uuid;
      state.session = s.body;
      return (existing ? Promise.resolve() : DB.put("outbox", s)).then(function () {
        say($("session-status"), fmt(T.session_open, {date: held}), "ok");
        $("children-section").hidden = false;
        return refresh();
      });
    });
  }

  /* --- measuring ----------------------------------------------------------------------- */
  function history(c, items) {
    var rows = (c.measurements || []).map(function (m) { return {month: m.month.slice(0, 7), weight: m.weight_kg, length: m.length_cm}; });
    localMeasurements(items, c.uuid).forEach(function (i) {
      rows = rows.filter(function (r) { return r.month !== month(i.body.measured_on); });
      rows.push({month: month(i.body.measured_on), weight: num(i.body.weight_kg), length: num(i.body.length_cm), local: true, ageDays: days(c.birth_date, i.body.measured_on)});
    });
    return rows.sort(function (a, b) { return a.month < b.month ? -1 : 1; });
  }

  function openChild(c) {
    state.child = c;
    $("measure").hidden = false;
    $("measure-title").textContent = fmt(T.measure_child, {name: c.name});
    $("measure-form").reset();
    $("measured-on").value = state.session.held_on;
    say($("measure-errors"), "");
    $("result").innerHTML = "";
    $("weight").focus();
  }

  function check(values, c) {
    var errors = [];
    var w = values.weight, l = values.length;
    if (values.measured_on > today()) errors.push(T.future_measurement);
    if (values.measured_on < c.birth_date) errors.push(T.before_birth);
    if (month(values.measured_on) !== month(state.session.held_on)) errors.push(T.other_month);
    if (isNaN(w) || isNaN(l)) errors.push(T.not_a_number);
    if (w === null && l === null) errors.push(T.need_weight);
    if (w !== null && w > 40) errors.push(w / 1000 >= 0.5 && w / 1000 <= 40 ? fmt(T.grams, {value: w, kg: (w / 1000).toFixed(2)}) : fmt(T.weight_impossible, {value: w}));
    else if (w !== null && w < 0.5) errors.push(fmt(T.weight_low, {value: w}));
    if (l !== null && (l < 38 || l > 130)) errors.push(fmt(T.length_impossible, {value: l}));
    if (l !== null && !values.position) errors.push(T.need_position);
    return errors;
  }

  function readForm() {
    return {measured_on: $("measured-on").value, weight: num($("weight").value), length: num($("length").value),
      position: $("position").value, head: num($("head").value), muac: num($("muac").value)};
  }

  function evaluate(c, v, items) {
    var age = days(c.birth_date, v.measured_on);
    var z = G.compute({sex: c.sex, ageDays: age, weight: v.weight, lenhei: v.length, measure: v.position});
    var rows = history(c, items).filter(function (r) { return r.month < month(v.measured_on) && r.weight !== null && r.weight !== undefined; });
    var last = rows.find(function (r) { return r.month === prevMonth(month(v.measured_on)); });
    var st = v.weight === null ? "" : G.status(v.weight, age, last ? last.weight : null, !!last, rows.length > 0);
    return {age: age, z: z, status: st, history: rows};
  }

  function kmsSvg(c, points) {
    var sds = [-3, -2, 0, 2, 3], colours = {"-3": "#c00000", "-2": "#e08000", "0": "#1a7f37", "2": "#e08000", "3": "#c00000"};
    var xmax = points.some(function (p) { return p[0] > 22; }) ? 60 : 24, W = 320, H = 220, P = 28;
    var curves = sds.map(function (k) { return G.curve("wfa", c.sex, k).filter(function (p) { return p[0] <= xmax; }); });
    var ymax = Math.ceil(Math.max.apply(null, curves[4].map(function (p) { return p[1]; }).concat(points.map(function (p) { return p[1]; }))));
    var ymin = Math.floor(Math.min.apply(null, curves[0].map(function (p) { return p[1]; }).concat(points.map(function (p) { return p[1]; }))));
    function sx(x) { return P + x / xmax * (W - 2 * P); }
    function sy(y) { return H - P - (y - ymin) / (ymax - ymin) * (H - 2 * P); }
    var s = '<svg viewBox="0 0 ' + W + " " + H + '" width="100%" role="img" aria-label="' + T.kms_label + '"><rect width="' + W + '" height="' + H + '" fill="#fff"/>';
    curves.forEach(function (pts, i) {
      s += '<path fill="none" stroke-width="1.5" stroke="' + colours[sds[i]] + '" d="' + pts.map(function (p, j) { return (j ? "L" : "M") + sx(p[0]).toFixed(1) + "," + sy(p[1]).toFixed(1); }).join(" ") + '"/>';
    });
    s += '<path fill="none" stroke="#0b3d91" stroke-width="2" d="' + points.map(function (p, j) { return (j ? "L" : "M") + sx(p[0]).toFixed(1) + "," + sy(p[1]).toFixed(1); }).join(" ") + '"/>';
    points.forEach(function (p, j) { s += '<circle class="kms-point' + (j === points.length - 1 ? " now" : "") + '" r="' + (j === points.length - 1 ? 6 : 4) + '" fill="#0b3d91" cx="' + sx(p[0]).toFixed(1) + '" cy="' + sy(p[1]).toFixed(1) + '"/>'; });
    s += '<text x="' + P + '" y="' + (H - 6) + '" font-size="11">0</text><text x="' + (W - P) + '" y="' + (H - 6) + '" font-size="11" text-anchor="end">' + xmax + " " + T.months + "</text></svg>";
    return s;
  }

  function showResult(c, ev) {
    var z = ev.z, out = [];
    function line(label, val, cat) { return "<li><strong>" + label + "</strong>: " + (val === null ? "–" : val.toFixed(2)) + (cat ? " · " + cat : "") + "</li>"; }
    out.push('<ul class="zscores">');
    out.push(line(T.bb_u, z.zwei, z.kategori_bb_u));
    out.push(line(T.pb_u, z.zlen, z.kategori_pb_tb_u));
    out.push(line(T.bb_pb, z.zwfl, z.kategori_bb_pb_tb));
    if (ev.status) out.push('<li><strong>' + T.growth + '</strong>: <span class="status status-' + ev.status + '" id="growth-status">' + ev.status + "</span></li>");
    if (z.zwei !== null && z.zwei < -3) out.push('<li class="alert">' + T.bgm + "</li>");
    out.push("</ul>");
    var pts = ev.history.filter(function (r) { return r.ageDays !== undefined || true; }).map(function (r) {
      var a = r.ageDays !== undefined ? r.ageDays : days(c.birth_date, r.month + "-15"); return [a / 30.4375, r.weight]; });
    var v = readForm();
    if (v.weight !== null && !isNaN(v.weight)) pts.push([ev.age / 30.4375, v.weight]);
    out.push('<figure class="kms-mini">' + kmsSvg(c, pts) + "</figure>");
    $("result").innerHTML = out.join("");
  }

  function preview() {
    if (!state.child) return;
    var v = readForm();
    if (v.weight === null && v.length === null) { $("result").innerHTML = ""; return; }
    DB.all("outbox").then(function (items) {
      var errs = check(v, state.child);
      say($("measure-errors"), errs.join(" "), errs.length ? "error" : "");
      if (!errs.length) showResult(state.child, evaluate(state.child, v, items));
    });
  }

  function save(ev) {
    ev.preventDefault();
    var c = state.child, v = readForm();
    var errs = check(v, c);
    if (errs.length) { say($("measure-errors"), errs.join(" "), "error"); return; }
    DB.all("outbox").then(function (items) {
      var mine = localMeasurements(items, c.uuid).find(function (i) { return i.body.session === state.session.uuid; });
      var item = mine || {uuid: uuid(), type: "measurement", posyandu: state.posyandu};
      var imm = $("imm").value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
      item.status = "pending";
      item.body = {uuid: item.uuid, session: state.session.uuid, child: c.uuid, measured_on: v.measured_on,
        weight_kg: v.weight, length_cm: v.length, position: v.position || "", head_cm: v.head, muac_cm: v.muac,
        vitamin_a: $("vita").checked, asi_eksklusif: $("asi").checked ? true : null, pmt: $("pmt").checked,
        immunisations: imm, counselling: $("notes").value, base_version: mine && mine.server ? mine.server.version : null};
      var evald = evaluate(c, v, items);
      return DB.put("outbox", item).then(function () {
        showResult(c, evald);
        say($("measure-errors"), fmt(T.saved_offline, {name: c.name}), "ok");
        return refresh();
      });
    });
  }

  /* --- new child ----------------------------------------------------------------------- */
  function addChild(ev) {
    ev.preventDefault();
    var body = {uuid: uuid(), name: $("c-name").value.trim(), birth_date: $("c-birth").value, sex: $("c-sex").value,
      mother_name: $("c-mother").value.trim(), nik: $("c-nik").value.replace(/\s/g, "")};
    var errs = [];
    if (!body.name) errs.push(T.need_name);
    if (!body.birth_date) errs.push(T.need_birth);
    else if (body.birth_date > today()) errs.push(T.future_birth);
    if (body.nik && !/^[0-9]{16}$/.test(body.nik)) errs.push(T.nik_format);
    var key = function (s) { return (s || "").toLowerCase().replace(/[^a-z0-9 ]/g, "").replace(/\s+/g, " ").trim(); };
    var dup = state.register.children.find(function (c) { return key(c.name) === key(body.name) && c.birth_date === body.birth_date && key(c.mother_name) === key(body.mother_name); });
    if (dup) errs.push(fmt(T.duplicate_child, {name: dup.name}));
    if (errs.length) { say($("child-errors"), errs.join(" "), "error"); return; }
    DB.put("outbox", {uuid: body.uuid, type: "child", posyandu: state.posyandu, status: "pending", body: body}).then(function () {
      $("child-form").reset();
      say($("child-errors"), fmt(T.child_added, {name: body.name}), "ok");
      return showRegister();
    });
  }

  /* --- outbox and sync ----------------------------------------------------------------- */
  function renderOutbox(items) {
    var mine = items.filter(function (i) { return i.posyandu === state.posyandu; });
    var pending = mine.filter(function (i) { return i.status === "pending"; }).length;
    say($("pending"), fmt(T.pending, {n: pending}));
    var ul = $("problems"); ul.innerHTML = "";
    mine.filter(function (i) { return i.status === "conflict" || i.status === "error"; }).forEach(function (i) {
      var li = document.createElement("li");
      li.className = "problem " + i.status;
      var who = i.type === "measurement" ? (state.register.children.find(function (c) { return c.uuid === i.body.child; }) || {}).name : (i.body.name || i.body.held_on);
      li.textContent = (i.status === "conflict" ? T.conflict : T.error) + " · " + (who || "") + ": " + i.message;
      if (i.implausible) {
        var b = document.createElement("button"); b.type = "button"; b.textContent = T.confirm_resend;
        b.addEventListener("click", function () { i.body.confirm_unusual = true; i.status = "pending"; DB.put("outbox", i).then(refresh); });
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
  }

  function refresh() { return DB.all("outbox").then(function (items) { if (state.register) { renderChildren(items); renderOutbox(items); } }); }

  function syncNow() {
    if (!navigator.onLine) { say($("sync-status"), T.still_offline, "error"); return Promise.resolve(); }
    return DB.all("outbox").then(function (items) {
      var mine = items.filter(function (i) { return i.posyandu === state.posyandu && i.status === "pending"; });
      if (!mine.length) { say($("sync-status"), T.nothing_to_sync); return; }
      var pick = function (t) { return mine.filter(function (i) { return i.type === t; }).map(function (i) { return i.body; }); };
      var all = items.filter(function (i) { return i.posyandu === state.posyandu; });
      // A measurement needs its session on the server: send the session again (it is idempotent).
      var sessions = pick("session");
      pick("measurement").forEach(function (m) {
        if (!sessions.some(function (s) { return s.uuid === m.session; })) {
          var s = all.find(function (i) { return i.uuid === m.session; }); if (s) sessions.push(s.body);
        }
      });
      var payload = {children: pick("child"), sessions: sessions, measurements: pick("measurement")};
      say($("sync-status"), T.syncing);
      return fetch(cfg.api + "/" + state.posyandu + "/sync", {method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf()}, body: JSON.stringify(payload)})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (res) {
          var byId = {};
          ["children", "sessions", "measurements"].forEach(function (k) { res[k].forEach(function (x) { byId[x.uuid] = x; }); });
          return Promise.all(mine.map(function (i) {
            var r = byId[i.uuid]; if (!r) return null;
            i.status = r.status === "ok" ? "synced" : r.status; i.message = r.message; i.implausible = r.implausible;
            if (r.server) i.server = r.server;
            if (i.body.confirm_unusual && r.status === "ok") delete i.body.confirm_unusual;
            return DB.put("outbox", i);
          })).then(function () {
            var bad = mine.filter(function (i) { return i.status !== "synced"; }).length;
            say($("sync-status"), bad ? fmt(T.synced_with_problems, {n: mine.length - bad, bad: bad}) : fmt(T.synced, {n: mine.length}), bad ? "error" : "ok");
            return refresh();
          });
        })
        .catch(function () { say($("sync-status"), T.sync_failed, "error"); });
    });
  }

  /* --- start --------------------------------------------------------------------------- */
  function choose(id) {
    state.posyandu = +id;
    $("work").hidden = false;
    showRegister();
  }

  document.addEventListener("DOMContentLoaded", function () {
    online(navigator.onLine);
    if ("serviceWorker" in navigator) navigator.serviceWorker.register(cfg.sw, {scope: cfg.scope}).catch(function () {});
    loadTables().catch(function () { say($("reg-status"), T.tables_missing, "error"); });
    $("posyandu").addEventListener("change", function (e) { choose(e.target.value); });
    $("download").addEventListener("click", download);
    $("session-form").addEventListener("submit", startSession);
    $("measure-form").addEventListener("submit", save);
    $("measure-form").addEventListener("input", preview);
    $("child-form").addEventListener("submit", addChild);
    $("sync").addEventListener("click", syncNow);
    $("held-on").value = today();
    if (cfg.posyandu.length) choose($("posyandu").value);
  });
})();

/* WHO z-scores (0-5 years) and the KMS status in the browser, for the offline kader app.
   A port of the rules of terbuka/growth (who2006.py, lms.py, rounding.py, classes.py) and
   posyandu/growthstatus.py, reading the same shipped tables (served as growth-tables.json).
   Tested against the Python engine on a sample (tests/test_browser_kader_app.py). */
(function (global) {
  "use strict";
  var T = null;
  var DAYS_PER_MONTH = 30.4375;

  function index(rows, keyScale) {
    // rows: [[key, l, m, s], ...] -> {first, l[], m[], s[]} on the integer key axis
    var keys = rows.map(function (r) { return Math.round(r[0] * keyScale); });
    var first = Math.min.apply(null, keys), last = Math.max.apply(null, keys);
    var n = last - first + 1, t = {first: first, l: new Array(n), m: new Array(n), s: new Array(n)};
    rows.forEach(function (r, i) { var k = keys[i] - first; t.l[k] = r[1]; t.m[k] = r[2]; t.s[k] = r[3]; });
    return t;
  }

  function load(json) {
    T = {version: json.version, kbm: json.kbm, classes: json.classes};
    ["wfa", "lhfa", "wfl", "wfh"].forEach(function (name) {
      var scale = (name === "wfl" || name === "wfh") ? 10 : 1;
      T[name] = {1: index(json[name]["1"], scale), 2: index(json[name]["2"], scale)};
    });
  }

  function lms(t, key) {
    var i = key - t.first;
    if (i < 0 || i >= t.m.length || t.m[i] === undefined) return null;
    return [t.l[i], t.m[i], t.s[i]];
  }

  function sdValue(k, l, m, s) { return m * Math.pow(1 + l * s * k, 1 / l); }

  function zPlain(y, l, m, s) {
    if (l === 1) return (y / m - 1) / s;
    return (Math.pow(y / m, l) - 1) / (s * l);
  }

  function zRestricted(y, l, m, s) {
    var z = zPlain(y, l, m, s);
    if (Math.abs(z) <= 3) return z;
    var k = z > 3 ? 3 : -3;
    var sd3 = sdValue(k, l, m, s), sd2 = sdValue(k - Math.sign(k), l, m, s);
    var width = k > 0 ? sd3 - sd2 : sd2 - sd3;
    return k + (y - sd3) / width;
  }

  // R's round(x, 2) (nmath/fround.c, R >= 4): the nearer of floor/ceil candidates in double
  // arithmetic, the even last digit on an exact tie.
  function rRound(x) {
    if (x === null || !isFinite(x) || x === 0) return x;
    var sgn = x < 0 ? -1 : 1, ax = Math.abs(x), x10 = ax * 100, i10 = Math.floor(x10);
    var xd = i10 / 100, xu = Math.ceil(x10) / 100, du = xu - ax, dd = ax - xd;
    var up = du < dd || (i10 % 2 === 1 && du === dd);
    return sgn * (up ? xu : xd) + 0;
  }

  function roundHalfUp(x) { var f = Math.floor(x); return x - f >= 0.5 ? f + 1 : f; }

  function classify(index, z, ageMonths) {
    if (z === null) return null;
    if (ageMonths === null) { if (index.age_required) return null; }
    else if (ageMonths < index.age_min || (index.age_max_inclusive ? ageMonths > index.age_max : ageMonths >= index.age_max)) return null;
    for (var i = 0; i < index.categories.length; i++) {
      var c = index.categories[i], ok = true;
      if (c.lower !== null) ok = ok && (c.lower_inclusive ? z >= c.lower : z > c.lower);
      if (c.upper !== null) ok = ok && (c.upper_inclusive ? z <= c.upper : z < c.upper);
      if (ok) return c.label;
    }
    return null;
  }

  /* r: {sex: "L"|"P", ageDays, weight (kg), lenhei (cm), measure: "l"|"h"|"", oedema} */
  function compute(r) {
    var sex = r.sex === "L" ? 1 : r.sex === "P" ? 2 : 0;
    var out = {zwei: null, zlen: null, zwfl: null, fwei: null, flen: null, fwfl: null};
    if (!sex) return out;
    var ageDays = (r.ageDays === null || r.ageDays === undefined || r.ageDays < 0) ? null : roundHalfUp(r.ageDays);
    var ageMonths = ageDays === null ? null : r.ageDays / DAYS_PER_MONTH;
    var measure = r.measure || "";
    if (measure === "h" && ageMonths !== null && ageMonths < 9) measure = "";
    var len = (r.lenhei > 0) ? r.lenhei : null, wt = (r.weight > 0) ? r.weight : null;
    var clen = len;
    if (len !== null && ageDays !== null) {
      if (ageDays < 731 && measure === "h") clen = len + 0.7;
      else if (ageDays >= 731 && measure === "l") clen = len - 0.7;
    }
    var inWindow = ageDays !== null && ageDays >= 0 && ageDays <= 1856 && ageMonths < 60;
    if (inWindow && wt !== null && !r.oedema) {
      var p = lms(T.wfa[sex], ageDays);
      if (p) out.zwei = rRound(zRestricted(wt, p[0], p[1], p[2]));
    }
    if (inWindow && clen !== null) {
      var q = lms(T.lhfa[sex], ageDays);
      if (q) out.zlen = rRound(zPlain(clen, q[0], q[1], q[2]));
    }
    if (wt !== null && clen !== null && !r.oedema) {
      var useL, useH;
      if (ageDays !== null) { useL = ageDays <= 730; useH = !useL; }
      else if (measure) { useL = measure === "l"; useH = measure === "h"; }
      else { useL = clen < 87; useH = !useL; }
      var t = useL ? T.wfl[sex] : T.wfh[sex];
      var lo = Math.trunc(clen * 10), upT = Math.trunc(clen * 10 + 1);
      var diff = (clen - lo / 10) / 0.1;
      var a = lms(t, lo), b = lms(t, upT);
      var inRange = useL ? (clen >= 45 && clen <= 110) : (clen >= 65 && clen <= 120);
      var ageOk = ageDays === null || (ageDays <= 1856 && ageMonths < 60);
      if (a && inRange && ageOk) {
        var L = a[0], M = a[1], S = a[2];
        if (diff > 0) {
          if (!b) { L = M = S = NaN; }
          else { L = a[0] + diff * (b[0] - a[0]); M = a[1] + diff * (b[1] - a[1]); S = a[2] + diff * (b[2] - a[2]); }
        }
        var z = rRound(zRestricted(wt, L, M, S));
        out.zwfl = isFinite(z) ? z : null;
      }
    }
    out.fwei = out.zwei === null ? null : (out.zwei < -6 || out.zwei > 5 ? 1 : 0);
    out.flen = out.zlen === null ? null : (Math.abs(out.zlen) > 6 ? 1 : 0);
    out.fwfl = out.zwfl === null ? null : (Math.abs(out.zwfl) > 5 ? 1 : 0);
    (T.classes || []).forEach(function (ix) {
      out["kategori_" + ix.key] = classify(ix, out[ix.zscore], ageMonths);
    });
    out.ageMonths = ageMonths;
    return out;
  }

  /* N/T/O/B as posyandu/growthstatus.py decides it. */
  function status(weight, ageDays, prevWeight, weighedLastMonth, weighedBefore) {
    if (!weighedBefore) return "B";
    if (!weighedLastMonth || prevWeight === null || prevWeight === undefined) return "O";
    var months = Math.floor(ageDays / DAYS_PER_MONTH);
    var gain = Math.round((weight - prevWeight) * 1000);
    if (months < 1 || months >= T.kbm.length) return gain > 0 ? "N" : "T";
    return gain >= T.kbm[months] ? "N" : "T";
  }

  function curve(name, sex, k) {
    var t = T[name][sex === "L" ? 1 : 2], pts = [];
    for (var i = 0; i < t.m.length; i += (name === "wfa" ? 7 : 5)) {
      if (t.m[i] === undefined) continue;
      var x = name === "wfa" ? (t.first + i) / DAYS_PER_MONTH : (t.first + i) / 10;
      pts.push([x, sdValue(k, t.l[i], t.m[i], t.s[i])]);
    }
    return pts;
  }

  global.TerbukaGrowth = {load: load, compute: compute, status: status, rRound: rRound,
    curve: curve, loaded: function () { return T !== null; }};
})(typeof window !== "undefined" ? window : self);

// The checkpoint registration page: validation as the user types (mirroring the server's rules in
// frontline/checkpoints/plates.py, temperature.py and people/identifiers.py), and an offline queue in
// localStorage ("frontline:checkpoint-queue", cleared on logout by app.js). Every entry carries a
// client UUID, so a resend after a lost answer never creates a second record on the server.
(function () {
  "use strict";
  var QUEUE_KEY = "frontline:checkpoint-queue";
  var cfg = JSON.parse(document.getElementById("reg-config").textContent);
  var M = cfg.messages;
  var form = document.getElementById("reg-form");
  if (!form) { return; }
  var occBox = document.getElementById("occupants");
  var tpl = document.getElementById("occupant-tpl");
  var clockOffset = new Date(cfg.server_now).getTime() - Date.now();
  var flushing = false;
  var needsLogin = false;

  // ---- rules (keep in step with the server) ------------------------------------------------
  function nfkc(s) { return (s || "").normalize ? (s || "").normalize("NFKC") : (s || ""); }
  function normPlate(s) { return nfkc(s).replace(/[\s\u3000·•・.\-_]+/g, "").toUpperCase(); }
  var AL = "A-HJ-NP-Z0-9";
  var RE = {
    ordinary: new RegExp("^[A-HJ-NP-Z][" + AL + "]{5}$"),
    special: new RegExp("^[A-HJ-NP-Z][" + AL + "]{4}[学警挂港澳领]$"),
    nevSmall: new RegExp("^[A-HJ-NP-Z][DF][" + AL + "][0-9]{4}$"),
    nevLarge: /^[A-HJ-NP-Z][0-9]{5}[DF]$/,
    embassy: /^使[0-9]{6}$/
  };
  function checkPlate(raw) {
    var v = normPlate(raw);
    if (!v) { return { error: M.plate_required }; }
    if (RE.embassy.test(v)) { return { value: v, province: "" }; }
    var head = v.charAt(0), rest = v.slice(1);
    if (!cfg.provinces[head]) { return { error: M.plate_province }; }
    if (/[IO]/.test(rest)) { return { error: M.plate_io }; }
    if (rest.length === 6 && (RE.ordinary.test(rest) || RE.special.test(rest))) { return { value: v, province: cfg.provinces[head] }; }
    if (rest.length === 7) {
      if (RE.nevSmall.test(rest) || RE.nevLarge.test(rest)) { return { value: v, province: cfg.provinces[head] }; }
      return { error: M.plate_new_energy };
    }
    if (rest.length !== 6) { return { error: M.plate_length }; }
    return { error: M.plate_format };
  }
  var W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  function checkId(raw) {
    var v = nfkc(raw).replace(/[\s\u3000\-_.·]+/g, "").toUpperCase();
    if (!v) { return { error: M.id_required }; }
    if (v.length !== 18) { return { error: M.id_length }; }
    if (!/^\d{17}[\dX]$/.test(v)) { return { error: M.id_format }; }
    var y = +v.substr(6, 4), m = +v.substr(10, 2), d = +v.substr(12, 2);
    var birth = new Date(y, m - 1, d);
    if (birth.getFullYear() !== y || birth.getMonth() !== m - 1 || birth.getDate() !== d || y < 1890 ||
        birth.getTime() > Date.now() + clockOffset) { return { error: M.id_birth_date }; }
    var sum = 0;
    for (var i = 0; i < 17; i++) { sum += (+v.charAt(i)) * W[i]; }
    if ("10X98765432".charAt(sum % 11) !== v.charAt(17)) { return { error: M.id_checksum }; }
    return { value: v };
  }
  function checkPhone(raw, required) {
    var v = nfkc(raw).replace(/[\s\u3000\-_.·()]+/g, "");
    if (!v) { return required ? { error: M.phone_required } : { value: "" }; }
    v = v.replace(/^(\+86|0086)/, "");
    if (!/^1[3-9]\d{9}$/.test(v)) { return { error: M.phone_invalid }; }
    return { value: v };
  }
  function checkTemp(raw) {
    var v = nfkc(raw).replace(/\s/g, "").replace(",", ".").replace(/(°C|℃|°|C|度)$/i, "");
    if (!v) { return { error: M.temperature_required }; }
    if (!/^\d+(\.\d+)?$/.test(v)) { return { error: M.temperature_format }; }
    var t = Math.round(parseFloat(v) * 10) / 10;
    if (t < parseFloat(cfg.t_min) || t > parseFloat(cfg.t_max)) { return { error: M.temperature_range }; }
    return { value: t.toFixed(1), fever: t >= parseFloat(cfg.threshold) };
  }

  // ---- field feedback ------------------------------------------------------------------------
  function showError(input, box, message) {
    if (box) { box.textContent = message || ""; }
    if (input) { input.setAttribute("aria-invalid", message ? "true" : "false"); }
  }
  function errBox(name) { return form.querySelector('.err[data-for="' + name + '"]'); }
  var plateInput = document.getElementById("plate");
  var plateHint = document.getElementById("plate-hint");
  function validatePlate(final) {
    var r = checkPlate(plateInput.value);
    var partial = !final && r.error && normPlate(plateInput.value).length < 7 && r.error !== M.plate_province && r.error !== M.plate_io;
    showError(plateInput, errBox("plate"), partial ? "" : r.error);
    var prov = cfg.provinces[normPlate(plateInput.value).charAt(0)];
    plateHint.textContent = prov ? prov : "";
    return r;
  }
  plateInput.addEventListener("input", function () {
    var pos = plateInput.selectionStart;
    plateInput.value = plateInput.value.toUpperCase();
    try { plateInput.setSelectionRange(pos, pos); } catch (e) { /* type=search */ }
    validatePlate(false);
  });
  plateInput.addEventListener("blur", function () { if (plateInput.value) { validatePlate(true); } });
  document.getElementById("prov-keys").addEventListener("click", function (ev) {
    var p = ev.target.getAttribute("data-prov");
    if (!p) { return; }
    var v = normPlate(plateInput.value);
    plateInput.value = p + (cfg.provinces[v.charAt(0)] ? v.slice(1) : v);
    plateInput.focus();
    validatePlate(false);
  });

  function occupantCheck(fs, index, final) {
    var get = function (n) { return fs.querySelector('[name="' + n + '"]'); };
    var box = function (n) { return fs.querySelector('[data-occ="' + n + '"]'); };
    var out = {}, ok = true;
    var name = get("name").value.replace(/\s+/g, " ").trim();
    if (final || name) { showError(get("name"), box("name"), name ? "" : M.name_required); }
    if (!name) { ok = false; }
    out.name = name;
    [["id_number", checkId], ["phone", function (v) { return checkPhone(v, index === 0); }], ["temperature", checkTemp]].forEach(function (pair) {
      var input = get(pair[0]);
      var r = pair[1](input.value);
      if (final || input.value) { showError(input, box(pair[0]), r.error); }
      if (r.error) { ok = false; } else { out[pair[0]] = r.value; }
      if (pair[0] === "temperature") {
        fs.classList.toggle("fever", !!r.fever);
        box("temperature").textContent = r.error ? (final || input.value ? r.error : "") : (r.fever ? "⚠ " + M.fever + " ≥ " + cfg.threshold + " °C" : "");
      }
    });
    return ok ? out : null;
  }
  function renumber() {
    Array.prototype.forEach.call(occBox.children, function (fs, i) {
      fs.querySelector(".occ-title").textContent = i === 0 ? M.driver : M.occupant + " " + (i + 1);
      fs.querySelector(".occ-remove").hidden = occBox.children.length === 1;
      fs.setAttribute("data-index", i);
    });
  }
  function addOccupant(values) {
    var fs = tpl.content.firstElementChild.cloneNode(true);
    occBox.appendChild(fs);
    if (values) { ["name", "id_number", "phone", "temperature"].forEach(function (n) { fs.querySelector('[name="' + n + '"]').value = values[n] || ""; }); }
    fs.addEventListener("input", function () { occupantCheck(fs, +fs.getAttribute("data-index"), false); });
    fs.addEventListener("focusout", function (ev) {
      if (ev.target.value) { occupantCheck(fs, +fs.getAttribute("data-index"), false); }
    });
    fs.querySelector(".occ-remove").addEventListener("click", function () { fs.remove(); renumber(); });
    renumber();
    return fs;
  }
  document.getElementById("add-occupant").addEventListener("click", function () {
    addOccupant().querySelector('[name="name"]').focus();
  });

  // ---- place picker: provinces and cities offline, the county's divisions from the server ------
  function placeWidget(box) {
    var q = box.querySelector(".place-q"), list = box.querySelector(".place-results");
    var chip = box.querySelector(".place-chip"), text = box.querySelector(".place-text");
    var timer = null;
    box.value = function () { return { code: box.getAttribute("data-code") || "", text: text.value.trim() }; };
    box.set = function (code, name, t) {
      box.setAttribute("data-code", code || "");
      chip.hidden = !code; chip.querySelector("span").textContent = name || code || "";
      q.value = ""; list.hidden = true; list.innerHTML = "";
      if (t !== undefined) { text.value = t; }
      showError(q, errBox(box.getAttribute("data-field")), "");
    };
    function show(items) {
      list.innerHTML = "";
      items.slice(0, 12).forEach(function (it) {
        var li = document.createElement("li"), b = document.createElement("button");
        b.type = "button"; b.textContent = it.name; b.setAttribute("data-code", it.code);
        b.addEventListener("click", function () { box.set(it.code, it.name); });
        li.appendChild(b); list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    q.addEventListener("input", function () {
      var term = q.value.trim();
      clearTimeout(timer);
      if (!term) { show([]); return; }
      var local = cfg.static_places.filter(function (p) { return p.name.indexOf(term) >= 0; });
      show(local);
      if (!navigator.onLine) { return; }
      timer = setTimeout(function () {
        fetch(cfg.places, {
          method: "POST", credentials: "same-origin", body: new URLSearchParams({ q: term }),
          headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" }
        })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) {
            if (q.value.trim() !== term) { return; }
            var seen = {}; var merged = [];
            local.concat(data.items || []).forEach(function (p) { if (!seen[p.code]) { seen[p.code] = 1; merged.push(p); } });
            show(merged);
          }).catch(function () { /* offline: the local list stays */ });
      }, 250);
    });
    box.querySelector(".place-clear").addEventListener("click", function () { box.set("", ""); });
    return box;
  }
  var places = {};
  Array.prototype.forEach.call(form.querySelectorAll(".place"), function (box) {
    places[box.getAttribute("data-field")] = placeWidget(box);
  });

  // ---- the queue -----------------------------------------------------------------------------
  function load() { try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; } }
  function save(q) { if (q.length) { localStorage.setItem(QUEUE_KEY, JSON.stringify(q)); } else { localStorage.removeItem(QUEUE_KEY); } }
  function uuid4() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) { return decodeURIComponent(m[1]); }
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }
  function time(iso) { var d = new Date(iso); return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2); }

  function renderQueue() {
    var q = load();
    var box = document.getElementById("queue"), items = document.getElementById("queue-items");
    box.hidden = q.length === 0;
    document.getElementById("queue-count").textContent = M.pending.replace("%(n)s", q.length);
    items.innerHTML = "";
    q.forEach(function (e) {
      var li = document.createElement("li");
      li.setAttribute("data-uuid", e.client_uuid);
      var label = document.createElement("span");
      label.textContent = e.plate + " · " + time(e.registered_at) + " · " + e.occupants.length;
      li.appendChild(label);
      if (e.error) {
        var err = document.createElement("small"); err.className = "err"; err.textContent = M.rejected + ": " + e.error;
        var fix = document.createElement("button"); fix.type = "button"; fix.textContent = M.edit;
        fix.addEventListener("click", function () { edit(e.client_uuid); });
        var drop = document.createElement("button"); drop.type = "button"; drop.textContent = M.discard;
        drop.addEventListener("click", function () {
          if (window.confirm(M.discard_confirm)) { save(load().filter(function (x) { return x.client_uuid !== e.client_uuid; })); renderQueue(); }
        });
        li.appendChild(fix); li.appendChild(drop); li.appendChild(err);
      }
      items.appendChild(li);
    });
    var net = document.getElementById("net");
    net.textContent = navigator.onLine ? M.online : M.offline;
    net.className = "badge " + (navigator.onLine ? "ok" : "alert");
    document.getElementById("login-prompt").hidden = !needsLogin;
  }
  function addRecent(entry, data, status) {
    var li = document.createElement("li");
    var codes = (data && data.alerts) || [];
    li.textContent = entry.plate + " · " + time(entry.registered_at) + " · " + (status === 201 ? M.sent : M.already);
    codes.forEach(function (c) {
      var b = document.createElement("span"); b.className = "badge alert"; b.textContent = M.alerts[c] || c; li.appendChild(b);
    });
    if (!codes.length) { var ok = document.createElement("span"); ok.className = "badge ok"; ok.textContent = "✓"; li.appendChild(ok); }
    var recent = document.getElementById("recent");
    recent.insertBefore(li, recent.firstChild);
    while (recent.children.length > 20) { recent.removeChild(recent.lastChild); }
  }
  function payload(e) {
    return { client_uuid: e.client_uuid, checkpoint_id: e.checkpoint_id, plate: e.plate, vehicle_type: e.vehicle_type,
      direction: e.direction, origin: e.origin, destination: e.destination, registered_at: e.registered_at, occupants: e.occupants };
  }
  var lastSubmitted = null;
  function flush() {
    if (flushing || !navigator.onLine) { renderQueue(); return Promise.resolve(); }
    var pending = load().filter(function (e) { return !e.error; });
    if (!pending.length) { renderQueue(); return Promise.resolve(); }
    flushing = true;
    var i = 0;
    function next() {
      if (i >= pending.length) { return Promise.resolve(); }
      var e = pending[i++];
      return fetch(cfg.api, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), "X-Requested-With": "fetch" },
        body: JSON.stringify(payload(e))
      }).then(function (res) {
        if (res.status === 200 || res.status === 201) {
          return res.json().then(function (data) {
            needsLogin = false;
            save(load().filter(function (x) { return x.client_uuid !== e.client_uuid; }));
            addRecent(e, data, res.status);
            var note = document.getElementById("form-error");
            if (note.textContent === M.queued) { note.textContent = ""; }
            return next();
          });
        }
        if (res.status === 401 || res.status === 403) { needsLogin = true; return null; }
        if (res.status >= 400 && res.status < 500) {
          return res.json().catch(function () { return {}; }).then(function (data) {
            var q = load();
            q.forEach(function (x) { if (x.client_uuid === e.client_uuid) { x.error = data.message || String(res.status); x.errors = data.errors || []; } });
            save(q);
            if (e.client_uuid === lastSubmitted && formIsEmpty()) { edit(e.client_uuid); }
            return next();
          });
        }
        return null; // server trouble: try again later
      });
    }
    return next().catch(function () { /* network gone: keep everything */ })
      .then(function () { flushing = false; renderQueue(); });
  }

  // ---- form <-> entry --------------------------------------------------------------------------
  function radio(name) { var r = form.querySelector('input[name="' + name + '"]:checked'); return r ? r.value : ""; }
  function formIsEmpty() {
    return !plateInput.value && Array.prototype.every.call(occBox.querySelectorAll("input"), function (i) { return !i.value; });
  }
  function resetForm() {
    plateInput.value = ""; plateHint.textContent = "";
    showError(plateInput, errBox("plate"), "");
    Object.keys(places).forEach(function (k) { places[k].set("", "", ""); });
    occBox.innerHTML = ""; addOccupant();
    document.getElementById("form-error").textContent = "";
  }
  function edit(id) {
    var q = load(), e = null;
    q.forEach(function (x) { if (x.client_uuid === id) { e = x; } });
    if (!e) { return; }
    save(q.filter(function (x) { return x.client_uuid !== id; }));
    form.hidden = false;
    document.getElementById("checkpoint").value = e.checkpoint_id;
    plateInput.value = e.plate;
    form.querySelector('input[name="vehicle_type"][value="' + e.vehicle_type + '"]').checked = true;
    form.querySelector('input[name="direction"][value="' + e.direction + '"]').checked = true;
    places.origin.set(e.origin.code, e.origin.name, e.origin.text);
    places.destination.set(e.destination.code, e.destination.name, e.destination.text);
    occBox.innerHTML = "";
    e.occupants.forEach(function (o) { addOccupant(o); });
    editingUuid = e.client_uuid;
    editingAt = e.registered_at;
    (e.errors || []).forEach(function (err) {
      var m = /^occupants\.(\d+)\.(\w+)$/.exec(err.field);
      if (m && occBox.children[+m[1]]) {
        var fs = occBox.children[+m[1]];
        showError(fs.querySelector('[name="' + m[2] + '"]'), fs.querySelector('[data-occ="' + m[2] + '"]'), err.message);
      } else {
        var box = errBox(err.field) || document.getElementById("form-error");
        box.textContent = err.message;
      }
    });
    renderQueue();
    form.scrollIntoView();
  }
  var editingUuid = null, editingAt = null;

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var ok = true;
    var cp = document.getElementById("checkpoint");
    showError(cp, errBox("checkpoint_id"), cp.value ? "" : M.checkpoint_required);
    if (!cp.value) { ok = false; }
    var plate = validatePlate(true);
    if (plate.error) { ok = false; }
    var where = {};
    Object.keys(places).forEach(function (k) {
      var v = places[k].value();
      var name = places[k].querySelector(".place-chip span").textContent;
      where[k] = { code: v.code, text: v.text, name: v.code ? name : "" };
      var missing = !v.code && !v.text;
      showError(places[k].querySelector(".place-q"), errBox(k), missing ? M.place_required : "");
      if (missing) { ok = false; }
    });
    var occupants = [], ids = {};
    Array.prototype.forEach.call(occBox.children, function (fs, i) {
      var o = occupantCheck(fs, i, true);
      if (!o) { ok = false; return; }
      if (ids[o.id_number]) {
        showError(fs.querySelector('[name="id_number"]'), fs.querySelector('[data-occ="id_number"]'), M.id_duplicate);
        ok = false; return;
      }
      ids[o.id_number] = 1;
      occupants.push(o);
    });
    if (!ok) {
      document.getElementById("form-error").textContent = M.fix_errors;
      var bad = form.querySelector('[aria-invalid="true"]');
      if (bad) { bad.focus(); }
      return;
    }
    var entry = {
      client_uuid: editingUuid || uuid4(), checkpoint_id: +cp.value, plate: plate.value,
      vehicle_type: radio("vehicle_type"), direction: radio("direction"),
      origin: where.origin, destination: where.destination,
      registered_at: editingAt || new Date(Date.now() + clockOffset).toISOString(), occupants: occupants
    };
    editingUuid = null; editingAt = null;
    var q = load(); q.push(entry); save(q);
    lastSubmitted = entry.client_uuid;
    resetForm();
    if (!navigator.onLine) { document.getElementById("form-error").textContent = M.queued; }
    renderQueue();
    flush();
    plateInput.focus();
  });

  window.addEventListener("online", flush);
  window.addEventListener("offline", renderQueue);
  setInterval(flush, 20000);
  addOccupant();
  renderQueue();
  flush();
})();

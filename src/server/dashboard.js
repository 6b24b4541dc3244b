// The live class dashboard: polls /api/dashboard every second and redraws. Every name is
// written with textContent (never as HTML), so nothing a trainee types becomes markup.
"use strict";
(function () {
  var key = new URLSearchParams(location.search).get("key") || "";
  var q = "?key=" + encodeURIComponent(key);
  var STAGES = ["Prepare", "Prospect", "Progress", "Close"];
  var COLOURS = ["#0072B2", "#009E73", "#E69F00", "#CC79A7"];
  var secondsLeft = null, leftAt = 0, lastOk = 0;
  var $ = function (id) { return document.getElementById(id); };
  $("csv").href = "/report.csv" + q;
  $("html").href = "/report.html" + q;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(n) { return Math.round(n).toLocaleString("en-US"); }
  function clock() {
    var c = $("clock");
    if (secondsLeft === null) { c.textContent = ""; return; }
    var s = Math.max(0, Math.round(secondsLeft - (Date.now() - leftAt) / 1000));
    var m = Math.floor(s / 60), r = s % 60;
    c.textContent = m + ":" + (r < 10 ? "0" : "") + r;
    var small = el("small", null, s > 0 ? "left" : "time is up");
    c.appendChild(small);
    c.className = "clock" + (s < 60 ? " last" : "");
  }
  // Fits a list into its box on the projector: normal type, then compact, then dense; if
  // it still overflows, the last entries are left out and "+ N more" says so (never cut).
  function over(box) {
    return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
  }
  function fit(holder, box, items, more, what) {
    holder.classList.remove("compact", "dense", "narrow");
    more.textContent = "";
    var levels = ["compact", "dense", "narrow"];
    // too wide: the optional columns go first, so the type stays large; then smaller type
    if (box.scrollWidth > box.clientWidth + 1)
      holder.classList.add(levels[2]);
    for (var i = 0; i < 2 && over(box); i++)
      holder.classList.add(levels[i]);
    // rows are left out only for height; a table too wide stays dense (its flags wrap)
    var hidden = 0;
    for (var k = items.length - 1; k >= 0 && box.scrollHeight > box.clientHeight + 1; k--) {
      items[k].style.display = "none";
      hidden++;
    }
    if (hidden) more.textContent = "+ " + hidden + " more " + (hidden === 1 ? what.replace(/^trainees\b/, "trainee") : what);
  }
  function rows(d) {
    var body = $("rows"), list = [];
    body.textContent = "";
    (d.leaderboard.groups || []).forEach(function (g) {
      g.trainees.forEach(function (t) { list.push(t); });
    });
    $("rows-empty").style.display = list.length ? "none" : "";
    var ranked = list.filter(function (t) { return t.rank !== null; }).length;
    $("board-sub").textContent = ranked + " ranked" + (list.length > ranked ? ", " + (list.length - ranked) + " not ranked" : "");
    list.forEach(function (t) {
      var tr = el("tr", t.rank === null ? "unranked" : "");
      tr.appendChild(el("td", "rank", t.rank === null ? "–" : t.rank));
      tr.appendChild(el("td", "player", t.player || "(no name)"));
      var sc = el("td", "num", fmt(t.score));
      tr.appendChild(sc);
      tr.appendChild(el("td", "num", Math.round(t.attainment_pct) + "%"));
      tr.appendChild(el("td", "num opt", t.deals_won));
      tr.appendChild(el("td", "num opt", t.buyer_initiated));
      tr.appendChild(el("td", "num", t.frontload_pct + "%"));
      var fl = el("td", "flags");
      (t.flags ? t.flags.split("; ") : []).forEach(function (f) { fl.appendChild(el("span", "flag", f)); });
      tr.appendChild(fl);
      var rm = el("td");
      var b = el("button", "rm", "✕");
      b.title = "Remove this game (" + t.file + ")";
      b.onclick = function () {
        if (!confirm("Remove " + (t.player || "this") + "'s game " + t.file + " for good?")) return;
        fetch("/api/games/" + t.id + q, { method: "DELETE" }).then(poll);
      };
      rm.appendChild(b);
      tr.appendChild(rm);
      body.appendChild(tr);
    });
    fit($("board"), $("board-box"), [].slice.call(body.children), $("rows-more"),
        "(every game is in the class report)");
  }
  // Results files the server refused (failed verification: edited, or another game's):
  // how many, and the last one, who it says it is and why.
  function refused(d) {
    var r = d.refused, box = $("refused");
    box.textContent = "";
    if (!r || !r.count) return;
    var last = r.recent[0], ago = last.seconds_since < 60 ? "just now" : Math.round(last.seconds_since / 60) + " min ago";
    box.textContent = "✕ " + r.count + " game" + (r.count === 1 ? "" : "s") + " refused · last " + ago + ": " +
      (last.player || "(no name)") + " — " + last.why;
    box.title = r.recent.map(function (x) { return (x.player || "(no name)") + ": " + x.why; }).join("\n");
  }
  var ORDER = { playing: 0, quiet: 1, sending: 2, stopped: 3, finished: 4 };
  function people(d) {
    var box = $("people");
    box.textContent = "";
    $("people-empty").style.display = d.players.length ? "none" : "";
    $("people-sub").textContent = d.counts.playing + " playing · " + d.counts.finished + " finished";
    var list = d.players.slice().sort(function (a, b) {
      if (ORDER[a.status] !== ORDER[b.status]) return ORDER[a.status] - ORDER[b.status];
      if (a.status === "finished") return (a.rank || 1e9) - (b.rank || 1e9) || b.score - a.score;
      return (b.day || 0) - (a.day || 0);
    });
    var compact = list.length > 12;
    list.forEach(function (p) {
      var e = el("div", "person " + p.status);
      e.appendChild(el("div", "name", p.player || "(no name)"));
      var what;
      if (p.status === "finished")
        what = (compact ? "✓ " : "finished · ") + fmt(p.score) + (p.rank ? " · #" + p.rank : "");
      else if (p.status === "stopped") what = (compact ? "stopped · " : "stopped early · ") + fmt(p.score);
      else if (p.status === "sending") what = compact ? "✓ sending…" : "finished, sending…";
      else what = compact ? "day " + p.day + "/" + p.days : "day " + p.day + " of " + p.days;
      if (p.status === "quiet") what += " · quiet " + Math.round(p.seconds_since / 60) + " min";
      e.appendChild(el("div", "what", what));
      var bar = el("div", "bar"), i = el("i");
      var frac = p.status === "finished" || p.status === "stopped" || p.status === "sending" ? 1 : Math.min(1, (p.day - 1) / Math.max(1, p.days));
      i.style.width = (100 * frac).toFixed(1) + "%";
      bar.appendChild(i);
      e.appendChild(bar);
      box.appendChild(e);
    });
    fit(box, box.parentNode, [].slice.call(box.children), $("people-more"), "trainees");
    var hiddenLive = [].slice.call(box.children).filter(function (e) {
      return e.style.display === "none" && !/finished|stopped/.test(e.className);
    }).length;
    if ($("people-more").textContent && !hiddenLive)
      $("people-more").textContent += " (finished: on the leaderboard)";
  }
  function curve(d) {
    var svg = $("curve"), ns = "http://www.w3.org/2000/svg";
    svg.textContent = "";
    var c = d.curve, W = 720, L = 48, B = 220, T = 12, max = 60;
    [c.class_pct, c.sales1_pct, c.sales2_pct].forEach(function (a) { a.forEach(function (v) { if (v > max) max = Math.ceil(v / 10) * 10; }); });
    function y(v) { return B - (B - T) * v / max; }
    function add(tag, attrs, text) {
      var e = document.createElementNS(ns, tag);
      for (var k in attrs) e.setAttribute(k, attrs[k]);
      if (text !== undefined) e.textContent = text;
      svg.appendChild(e);
      return e;
    }
    for (var g = 0; g <= max; g += 20) {
      add("line", { x1: L, x2: W, y1: y(g), y2: y(g), stroke: g ? "#E2E6EB" : "#5B6574" });
      add("text", { x: L - 8, y: y(g) + 6, "text-anchor": "end", "font-size": 16, fill: "#5B6574" }, g + "%");
    }
    var slot = (W - L) / 4, bw = slot * 0.5;
    function cx(i) { return L + slot * i + slot / 2; }
    for (var s = 0; s < 4; s++) {
      var v = c.class_pct[s];
      add("rect", { x: cx(s) - bw / 2, y: y(v), width: bw, height: B - y(v), fill: COLOURS[s], rx: 3 });
      // the share inside its bar when the bar is tall enough (clear of the curves), else above it
      var inside = B - y(v) > 34;
      if (c.trainees) add("text", { x: cx(s), y: inside ? B - 10 : y(v) - 8, "text-anchor": "middle", "font-size": 20,
        "font-weight": 700, fill: inside ? (s < 2 ? "#FFFFFF" : "#1B2330") : "#1B2330" }, Math.round(v) + "%");
      add("text", { x: cx(s), y: B + 28, "text-anchor": "middle", "font-size": 20, fill: COLOURS[s], "font-weight": 700 }, STAGES[s]);
    }
    function line(a, dash, width) {
      var pts = a.map(function (v, i) { return cx(i) + "," + y(v); }).join(" ");
      var attrs = { points: pts, fill: "none", stroke: "#1B2330", "stroke-width": width, "stroke-linejoin": "round" };
      if (dash) attrs["stroke-dasharray"] = "8 6";
      add("polyline", attrs);
    }
    line(c.sales1_pct, true, 3);
    line(c.sales2_pct, false, 4);
    $("curve-sub").textContent = c.trainees ? "share of time, " + c.trainees + " trainee" + (c.trainees === 1 ? "" : "s") : "no effort yet";
  }
  function draw(d) {
    var cl = d.class;
    var title = cl.title ? cl.title : "any scenario";
    var head = $("class");
    head.textContent = title + (cl.seed !== null ? " · game " + cl.seed : "") + " · join at " + cl.server;
    if (cl.code) { /* what trainees type on Join a class: never cut */
      head.appendChild(document.createTextNode(" · "));
      head.appendChild(el("b", "code", "class code " + cl.code));
    }
    if (d.round.seconds_left === null || d.round.seconds_left === undefined) secondsLeft = null;
    else { secondsLeft = d.round.seconds_left; leftAt = Date.now(); }
    clock();
    rows(d);
    refused(d);
    people(d);
    curve(d);
  }
  function status() {
    var s = $("status");
    var ago = (Date.now() - lastOk) / 1000;
    if (!lastOk) { s.textContent = "connecting…"; s.className = "status"; }
    else if (ago > 5) { s.textContent = "no answer from the server for " + Math.round(ago) + " s"; s.className = "status down"; }
    else { s.textContent = "live · updated " + new Date(lastOk).toLocaleTimeString(); s.className = "status"; }
  }
  var busy = false;
  function poll() {
    if (busy) return;
    busy = true;
    fetch("/api/dashboard" + q, { cache: "no-store" }).then(function (r) {
      if (r.status === 403) throw new Error("wrong key: open the address the server printed");
      return r.json();
    }).then(function (d) { lastOk = Date.now(); draw(d); }).catch(function (e) {
      $("status").textContent = String(e.message || e);
    }).then(function () { busy = false; status(); document.body.setAttribute("data-updated", String(lastOk)); });
  }
  function round(minutes) {
    fetch("/api/round" + q, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ minutes: minutes }) }).then(poll);
  }
  $("start").onclick = function () { var m = parseInt($("minutes").value, 10); if (m > 0) round(m); };
  $("stop").onclick = function () { round(0); };
  poll();
  setInterval(poll, 1000);
  setInterval(function () { clock(); status(); }, 250);
})();

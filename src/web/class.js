// class.js — runs inside upfront.js before the game starts (emcc --pre-js, after pre.js):
// the live class from the page's side. A page served by `upfront serve --web DIR` asks
// GET /api/class as it loads (main waits up to 3 s for the answer); Module.upfrontClass is
// then that answer and src/web/main.c plays the class's scenario and seed. A 404, a
// network error or anything that is not the class server's answer leaves it null: the page
// is then the plain browser version, and nothing is shown. See src/web/main.c and
// docs/browser.md.
//
// What main.c hands over, as the native client (src/server/client.c) does with libcurl:
//   Module.upfrontClassProgress(json): a day's progress, POST /api/progress; the latest is
//     retried with growing pauses while the server cannot be reached;
//   Module.upfrontClassSend(dir): the results files queued in dir (the per-user folder's
//     outbox/, kept in IndexedDB), POST /api/results in name order; 201 and 200 remove one,
//     a network error or a 5xx keeps it and tries again after 1, 2, 4 ... 30 s; 422 (and
//     other refusals) moves it to dir/refused/ and tells the trainee why.

Module['upfrontClass'] = null;
(function () {
  var MAX_PAUSE_MS = 30000;
  var asked = null;
  if (typeof window !== 'undefined' && /^https?:$/.test(window.location.protocol) && typeof fetch === 'function') {
    asked = new Promise(function (resolve) {
      var timer = setTimeout(function () { resolve(null); }, 3000);
      fetch('/api/class', {cache: 'no-store', headers: {'Accept': 'application/json'}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (c) {
          // the class server's answer, not some other page's
          var ok = c && typeof c === 'object' && c.progress === '/api/progress' && c.results === '/api/results' &&
                   typeof c.server === 'string';
          resolve(ok ? c : null);
        }, function () { resolve(null); })
        .finally(function () { clearTimeout(timer); });
    });
  }
  if (asked) {
    Module['preRun'] = Module['preRun'] || [];
    Module['preRun'].push(function () {
      addRunDependency('upfront-class');
      asked.then(function (c) {
        Module['upfrontClass'] = c;
        if (c) console.log('upfront: playing for the class at ' + c.server);
        removeRunDependency('upfront-class');
      });
    });
  }

  function toast(text) {
    var n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    if (!p) return;
    stringToUTF8(text, p, n);
    Module['_upfront_web_toast'](p);
    _free(p);
  }
  function post(path, body) {
    return fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: body, cache: 'no-store'})
      .then(function (r) {
        return r.text().then(function (t) {
          var j = null;
          try { j = JSON.parse(t); } catch (e) {}
          return {status: r.status, body: j};
        });
      }, function () { return {status: 0, body: null}; });
  }

  // --- progress: the latest only ------------------------------------------------------
  var progress = null, progressBusy = false, progressPause = 1000, progressTimer = 0;
  function sendProgress() {
    if (progressBusy || progress === null) return;
    progressBusy = true;
    var body = progress;
    post('/api/progress', body).then(function (r) {
      progressBusy = false;
      if (progress === body) progress = null;
      if (r.status === 0 || r.status >= 500) {
        if (progress === null) progress = body; // not reached: tried again unless newer came
        progressTimer = setTimeout(function () { progressTimer = 0; sendProgress(); }, progressPause);
        progressPause = Math.min(progressPause * 2, MAX_PAUSE_MS);
        return;
      }
      progressPause = 1000;
      if (r.status >= 400) console.warn('upfront: the class server refused the progress:', r.body);
      if (progress !== null) sendProgress();
    });
  }
  Module['upfrontClassProgress'] = function (json) {
    progress = json;
    if (progressTimer) { clearTimeout(progressTimer); progressTimer = 0; }
    sendProgress();
  };

  // --- results files: from the outbox folder until the server has them --------------
  var sending = false, pause = 1000, timer = 0;
  Module['upfrontClassSend'] = function (dir) {
    if (sending) return; // the one being sent is followed by the rest
    if (timer) { clearTimeout(timer); timer = 0; }
    var names;
    try {
      names = FS.readdir(dir).filter(function (f) { return /^results-.*\.json$/.test(f); }).sort();
    } catch (e) {
      return; // no outbox yet: nothing queued
    }
    if (!names.length) return;
    sending = true;
    var path = dir + '/' + names[0], body;
    try {
      body = FS.readFile(path, {encoding: 'utf8'});
    } catch (e) {
      sending = false;
      return;
    }
    post('/api/results', body).then(function (r) {
      sending = false;
      if (r.status === 0 || r.status >= 500) {
        timer = setTimeout(function () { timer = 0; Module['upfrontClassSend'](dir); }, pause);
        pause = Math.min(pause * 2, MAX_PAUSE_MS);
        return;
      }
      pause = 1000;
      try {
        if (r.status === 201 || r.status === 200) {
          FS.unlink(path);
        } else {
          // refused: kept beside the queue with why, never sent again
          try { FS.mkdir(dir + '/refused'); } catch (e) {}
          FS.rename(path, dir + '/refused/' + names[0]);
          var why = r.body && (r.body.why || r.body.error) || ('HTTP ' + r.status);
          FS.writeFile(dir + '/refused/' + names[0].replace(/\.json$/, '.why.txt'), String(why) + '\n');
          toast('The class server did not take your game: ' + why);
        }
      } catch (e) {
        console.warn('upfront: the outbox', e);
      }
      Module['_upfront_web_outbox_changed'](); // written back to IndexedDB
      Module['upfrontClassSend'](dir); // the next one, if any
    });
  };
})();

// pre.js — runs inside upfront.js before the game starts (emcc --pre-js): the browser's
// storage under SDL's per-user folder, and files handed to the game. See src/web/main.c.

Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  // SDL_GetPrefPath("", "upfront") is /libsdl/upfront/ here (an earlier version's
  // /libsdl/upfront/upfront/ is moved up into it by the game as it starts): settings,
  // personal bests, the saved game and the results files live there, kept in IndexedDB.
  // Read it all before main runs; when the browser keeps nothing (IndexedDB refused), the
  // game still runs, in memory.
  FS.mkdir('/libsdl');
  Module['upfrontStorage'] = false;
  try {
    FS.mount(IDBFS, {}, '/libsdl');
  } catch (e) {
    console.warn('upfront: no persistent storage:', e);
    return;
  }
  addRunDependency('upfront-storage');
  var done = false;
  var finish = function (err) {
    if (done) return;
    done = true;
    if (err) console.warn('upfront: the browser storage could not be read:', err);
    else Module['upfrontStorage'] = true;
    removeRunDependency('upfront-storage');
  };
  try {
    FS.syncfs(true, finish);
  } catch (e) {
    finish(e);
  }
  // a browser that never answers must not keep the game from starting
  setTimeout(function () { finish('no answer in 5 s'); }, 5000);
});

// A file from this computer (the file picker, or dropped on the page): written into dir
// and handed to the game, which opens it as a scenario (SDL_DROPFILE).
Module['upfrontAddFile'] = function (file, dir) {
  var name = String(file.name || 'scenario.json').replace(/^.*[\\/]/, '').replace(/[^A-Za-z0-9._-]/g, '_');
  if (!/\.json$/i.test(name)) name += '.json';
  if (file.size > 16 * 1024 * 1024) {
    console.warn('upfront: ' + name + ' is larger than 16 MB: not opened');
    return;
  }
  file.arrayBuffer().then(function (buf) {
    try {
      FS.mkdirTree(dir);
    } catch (e) {
    }
    var path = dir + '/' + name;
    FS.writeFile(path, new Uint8Array(buf));
    var n = lengthBytesUTF8(path) + 1;
    var p = _malloc(n);
    stringToUTF8(path, p, n);
    Module['_upfront_web_dropped'](p);
    _free(p);
  }, function (e) {
    console.warn('upfront: cannot read ' + name, e);
  });
};

// The browser's file picker for a scenario file (the picker screen's "Open a scenario
// file", O). Browsers show it only inside a user's gesture: the page opens it from the O
// key's own keydown (below), since the game reads its keys a frame later; the game's own
// call for that key (fromGame) then finds it open already and does nothing.
Module['upfrontPickerByKey'] = 0;
Module['upfrontOpenPicker'] = function (dir, fromGame) {
  if (fromGame && Module['upfrontPickerByKey'] && Date.now() - Module['upfrontPickerByKey'] < 2000) {
    Module['upfrontPickerByKey'] = 0;
    return 0;
  }
  if (!fromGame) Module['upfrontPickerByKey'] = Date.now();
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.style.display = 'none';
  input.onchange = function () {
    if (input.files && input.files[0]) Module['upfrontAddFile'](input.files[0], dir);
    input.remove();
  };
  document.body.appendChild(input);
  input.click();
  return 0;
};

if (typeof document !== 'undefined') {
  window.addEventListener('keydown', function (e) {
    if ((e.key === 'o' || e.key === 'O') && !e.ctrlKey && !e.altKey && !e.metaKey && !e.repeat &&
        Module['calledRun'] && document.body.getAttribute('data-screen') === 'picker')
      Module['upfrontOpenPicker']('/libsdl/upfront/scenarios');
  }, true);
  document.addEventListener('dragover', function (e) { e.preventDefault(); });
  document.addEventListener('drop', function (e) {
    e.preventDefault();
    var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f && Module['calledRun']) Module['upfrontAddFile'](f, '/libsdl/upfront/scenarios');
  });
}

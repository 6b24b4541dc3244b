#!/usr/bin/env node
// test_web.js — the browser version (build-web/dist) in a real browser: Debian's chromium,
// headless, driven with puppeteer-core; the page served by `python3 -m http.server` on
// 127.0.0.1 only. Checks, each named as it runs:
//   - the title screen renders at 1280x720 (pixels, not a blank canvas) and keys move
//     between screens (title, picker, briefing, play, pause, help);
//   - the canvas fills the window, follows a resize and is drawn at the device pixel
//     ratio (2 with --force-device-scale-factor=2);
//   - ?scenario=tutorial&seed=42&player=Web&autoplay=sales2&from-week=99 plays the whole
//     game and leaves the results file in #upfront-results; the native `upfront verify`
//     passes it, and its score and state hash are the native `upfront run`'s (compared at
//     test time, never hard-coded);
//   - Download results (D) hands over the same file; it is still there after a reload
//     (IndexedDB), with the personal best;
//   - the picker's Open a scenario file (O) opens a scenario from this computer.
// Usage: node test_web.js --dist DIR --upfront NATIVE_BINARY --source SOURCE_TREE
//        [--out DIR] [--screenshots]
// Exit 0 when all pass, 1 when one fails, 77 (skipped) when the dist, chromium or
// puppeteer-core is missing, unless UPFRONT_WEB_REQUIRED=1 (then that is a failure).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const {execFileSync} = require('child_process');
const {harness, check, done, assert, sleep, servePlain, FLAGS, screen, waitScreen, key} = require('./harness');

const {args, chromium, puppeteer} = harness('test_web');
const dist = args.dist;
const upfront = args.upfront;
const source = args.source;
const out = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-web-test-'));
fs.mkdirSync(out, {recursive: true});

// --- a PNG decoder, enough for Chromium's screenshots (8-bit RGB or RGBA) -----------------
function decodePng(buf) {
  let pos = 8, w = 0, h = 0, type = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), kind = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      w = data.readUInt32BE(0); h = data.readUInt32BE(4); type = data[9];
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG');
    } else if (kind === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = type === 6 ? 4 : 3, stride = w * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const px = Buffer.alloc(h * stride);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)], row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp] : 0, b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      let v = row[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      px[y * stride + x] = v & 255;
    }
  }
  return {w, h, bpp, px};
}

// --- the run ------------------------------------------------------------------------------
async function launch(scale) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-chromium-'));
  const browser = await puppeteer.launch({executablePath: chromium, headless: true,
    args: [...FLAGS, `--user-data-dir=${profile}`, `--force-device-scale-factor=${scale}`]});
  return {browser, profile};
}

async function open(browser, url, scale) {
  const page = await browser.newPage();
  page.on('pageerror', e => console.log(`  page error: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error' && !/favicon/.test(m.text())) console.log(`  console: ${m.text()}`); });
  await page.setViewport({width: 1280, height: 720, deviceScaleFactor: scale});
  await page.goto(url, {waitUntil: 'load'});
  await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
  return page;
}

async function shot(page, name) {
  await sleep(400); // past a screen's 150 ms fade-in
  const file = path.join(out, `${name}.png`);
  const buf = Buffer.from(await page.screenshot({type: 'png'}));
  fs.writeFileSync(file, buf);
  return decodePng(buf);
}

function nativeJson(argv) {
  return execFileSync(upfront, argv, {cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

(async () => {
  const {py, port} = await servePlain(dist);
  const base = `http://127.0.0.1:${port}/index.html`;
  const {browser, profile} = await launch(1);
  try {
    let page;
    await check('title screen renders at 1280x720', async () => {
      page = await open(browser, base, 1);
      await waitScreen(page, 'title');
      const size = await page.evaluate(() => [Module.canvas.width, Module.canvas.height]);
      assert(size[0] === 1280 && size[1] === 720, `canvas is ${size[0]}x${size[1]}`);
      const img = await shot(page, 'title');
      assert(img.w === 1280 && img.h === 720, `screenshot is ${img.w}x${img.h}`);
      let ink = 0, dark = 0;
      for (let i = 0; i < img.w * img.h; i++) {
        const r = img.px[i * img.bpp], g = img.px[i * img.bpp + 1], b = img.px[i * img.bpp + 2];
        if (Math.abs(r - 0xf3) + Math.abs(g - 0xf4) + Math.abs(b - 0xf6) > 30) ink++;
        if (r + g + b < 240) dark++;
      }
      const share = ink / (img.w * img.h);
      assert(share > 0.02 && share < 0.6, `${(100 * share).toFixed(1)}% of the pixels drawn`);
      assert(dark > 2000, `${dark} dark (text) pixels`);
    });
    await check('nothing is drawn and nothing polls busily while idle', async () => {
      await sleep(500);
      await page.evaluate(() => { Module.upfrontFrames = []; Module.upfrontTicks = 0; });
      await sleep(2000);
      const [frames, loops] = await page.evaluate(() => [Module.upfrontFrames.length, Module.upfrontTicks]);
      assert(frames === 0, `${frames} frames drawn in 2 s on an idle title screen`);
      assert(loops <= 12, `the loop ran ${loops} times in 2 s (a timer of up to 250 ms: about 8)`);
      await page.evaluate(() => { delete Module.upfrontFrames; });
    });
    await check('keys move between screens', async () => {
      await key(page, 'Enter'); await waitScreen(page, 'briefing');
      await key(page, 'Escape'); await waitScreen(page, 'title');
      await key(page, 'c'); await waitScreen(page, 'picker');
      await key(page, 'Enter'); await waitScreen(page, 'briefing'); // the chosen card
      await key(page, 'Enter'); await waitScreen(page, 'play');
      await shot(page, 'play');
      await key(page, 'h'); await waitScreen(page, 'help');
      await key(page, 'Escape'); await waitScreen(page, 'play');
      await key(page, 'Escape'); await waitScreen(page, 'pause');
      await key(page, 'Escape'); await waitScreen(page, 'play');
    });
    await check('the canvas follows a resize', async () => {
      await page.setViewport({width: 1000, height: 700, deviceScaleFactor: 1});
      await page.waitForFunction(() => Module.canvas.width === 1000 && Module.canvas.height === 700, {timeout: 15000})
        .catch(async () => { throw new Error(`canvas ${await page.evaluate(() => Module.canvas.width + 'x' + Module.canvas.height)}`); });
      const img = await shot(page, 'play-1000x700');
      assert(img.w === 1000 && img.h === 700, `screenshot is ${img.w}x${img.h}`);
    });
    await check('the game in progress is kept after a reload and resumes', async () => {
      await page.bringToFront();
      await waitScreen(page, 'play');
      await sleep(2500);    // the day's banner has gone
      await key(page, 'e'); // the first day ends: the game is saved
      await sleep(1200);    // and written back to IndexedDB half a second later
      await page.goto(base, {waitUntil: 'load'});
      await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
      const saved = await page.evaluate(() => Module.FS.analyzePath('/libsdl/upfront/save.json').exists);
      assert(saved, 'no save.json after the reload');
      await waitScreen(page, 'title');
      await key(page, 'r'); await waitScreen(page, 'play');
    });
    await page.close();

    let browserJson = null;
    await check('an autoplayed game leaves its results in #upfront-results', async () => {
      page = await open(browser, `${base}?scenario=tutorial&seed=42&player=Web&autoplay=sales2&from-week=99`, 1);
      await page.waitForSelector('script#upfront-results[type="application/json"]', {timeout: 60000});
      browserJson = await page.$eval('#upfront-results', e => e.textContent);
      fs.writeFileSync(path.join(out, 'browser-results.json'), browserJson);
      JSON.parse(browserJson);
      await waitScreen(page, 'debrief');
      await shot(page, 'debrief');
    });
    await check('native upfront verify passes the browser\'s results file', async () => {
      assert(browserJson, 'no results from the browser');
      const text = nativeJson(['verify', path.join(out, 'browser-results.json')]);
      assert(/: ok \(score \d+\)/.test(text), text.trim());
    });
    await check('the browser\'s score and state hash are the native run\'s', async () => {
      assert(browserJson, 'no results from the browser');
      const nat = path.join(out, 'native-results.json');
      fs.rmSync(nat, {force: true});
      nativeJson(['run', 'scenarios/tutorial.json', '--strategy', 'sales2', '--seed', '42', '--player', 'Web',
                  '--out', nat]);
      const a = JSON.parse(browserJson), b = JSON.parse(fs.readFileSync(nat, 'utf8'));
      assert(a.score.total === b.score.total, `score ${a.score.total} in the browser, ${b.score.total} natively`);
      assert(a.state_hash === b.state_hash, `state hash ${a.state_hash} in the browser, ${b.state_hash} natively`);
      assert(JSON.stringify(a.score) === JSON.stringify(b.score), 'the score breakdowns differ');
      assert(JSON.stringify(a.actions) === JSON.stringify(b.actions), 'the action logs differ');
    });
    await check('Download results hands over the same file', async () => {
      const dl = fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-dl-'));
      const cdp = await page.createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', {behavior: 'allow', downloadPath: dl});
      await key(page, 'd');
      let files = [];
      for (let i = 0; i < 50 && files.length === 0; i++) {
        await sleep(100);
        files = fs.readdirSync(dl).filter(f => f.endsWith('.json'));
      }
      assert(files.length === 1, `downloaded: ${fs.readdirSync(dl).join(', ') || 'nothing'}`);
      assert(fs.readFileSync(path.join(dl, files[0]), 'utf8') === browserJson, 'the download differs from #upfront-results');
      fs.rmSync(dl, {recursive: true, force: true});
    });
    await check('results and settings are kept after a reload; a strategy\'s game is no personal best', async () => {
      await sleep(1200); // the folder goes back to IndexedDB half a second after a change
      await page.goto(base, {waitUntil: 'load'});
      await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
      const kept = await page.evaluate(() => Module.FS.readdir('/libsdl/upfront/results').filter(f => f.endsWith('.json')));
      assert(kept.length >= 1, 'no results file after the reload');
      const settings = await page.evaluate(() => Module.FS.readFile('/libsdl/upfront/settings.json', {encoding: 'utf8'}));
      assert(JSON.parse(settings).text_size !== undefined, 'settings.json: ' + settings);
      assert(!/tutorial/.test(settings), 'sales2\'s game was recorded as a personal best: ' + settings);
    });
    await check('an earlier version\'s /libsdl/upfront/upfront/ moves up after a reload, nothing replaced', async () => {
      // the old layout, kept in IndexedDB as an earlier version left it: a results file and
      // a settings file whose name the new folder already has
      await page.evaluate(() => new Promise((resolve, reject) => {
        Module.FS.mkdirTree('/libsdl/upfront/upfront/results');
        Module.FS.writeFile('/libsdl/upfront/upfront/results/old-web.json', '{"old": 1}');
        Module.FS.writeFile('/libsdl/upfront/upfront/settings.json', '{"old": 2}');
        Module.FS.syncfs(false, err => err ? reject(err) : resolve());
      }));
      await page.goto(base, {waitUntil: 'load'});
      await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
      const moved = await page.evaluate(() => Module.FS.readFile('/libsdl/upfront/results/old-web.json', {encoding: 'utf8'}));
      assert(moved === '{"old": 1}', `results/old-web.json: ${moved}`);
      const kept = await page.evaluate(() => Module.FS.readFile('/libsdl/upfront/upfront/settings.json', {encoding: 'utf8'}));
      assert(kept === '{"old": 2}', 'the old settings.json was not left in place');
      const settings = await page.evaluate(() => Module.FS.readFile('/libsdl/upfront/settings.json', {encoding: 'utf8'}));
      assert(settings !== '{"old": 2}' && JSON.parse(settings).text_size !== undefined, 'the new settings.json was replaced');
      const left = await page.evaluate(() => Module.FS.readdir('/libsdl/upfront/upfront').filter(f => f[0] !== '.'));
      assert(left.join() === 'settings.json', `in the old folder: ${left.join(', ')} (only settings.json should be left)`);
      // and the move was written back to IndexedDB: after another reload it is still there
      await sleep(1200);
      await page.goto(base, {waitUntil: 'load'});
      await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
      const again = await page.evaluate(() => Module.FS.analyzePath('/libsdl/upfront/results/old-web.json').exists &&
                                              !Module.FS.analyzePath('/libsdl/upfront/upfront/results').exists);
      assert(again, 'the move was not kept in IndexedDB');
      await page.evaluate(() => new Promise(resolve => {
        Module.FS.unlink('/libsdl/upfront/upfront/settings.json');
        Module.FS.rmdir('/libsdl/upfront/upfront');
        Module.FS.unlink('/libsdl/upfront/results/old-web.json');
        Module.FS.syncfs(false, () => resolve());
      }));
    });
    await check('a class link asks for the name, typed as on the desktop', async () => {
      const p3 = await open(browser, `${base}?class=RF00-01AR`, 1);
      await waitScreen(p3, 'class');
      await p3.keyboard.type('Web Tester');
      // Enter moves on from field to field (the code is filled in) and then joins
      for (let i = 0; i < 4 && (await screen(p3)) === 'class'; i++) await key(p3, 'Enter');
      await waitScreen(p3, 'briefing').catch(async e => { await shot(p3, 'class-failed'); throw e; });
      await shot(p3, 'briefing-class');
      await key(p3, 'Enter'); await waitScreen(p3, 'play');
      await p3.close();
    });
    await check('the mouse works as on the desktop', async () => {
      await page.bringToFront();
      await waitScreen(page, 'title');
      await page.mouse.click(640, 474); // "Choose a scenario"
      await waitScreen(page, 'picker');
      await key(page, 'Escape'); await waitScreen(page, 'title');
      await page.mouse.move(10, 10);
    });
    await check('the picker opens a scenario file from this computer', async () => {
      await waitScreen(page, 'title');
      await key(page, 'c'); await waitScreen(page, 'picker');
      await shot(page, 'picker');
      const mine = path.join(out, 'my-scenario.json');
      const sc = JSON.parse(fs.readFileSync(path.join(source, 'scenarios', 'tutorial.json'), 'utf8'));
      sc.id = 'my-scenario';
      sc.title = 'My own scenario';
      fs.writeFileSync(mine, JSON.stringify(sc, null, 2));
      // the page opens the picker from the O key's own keydown (pre.js), as browsers ask;
      // the chooser is watched for (a CDP command) before the key goes
      const watching = page.waitForFileChooser({timeout: 15000});
      await sleep(300);
      await key(page, 'o');
      const chooser = await watching;
      await chooser.accept([mine]);
      await waitScreen(page, 'briefing');
      await shot(page, 'briefing-own');
      await key(page, 'Enter'); await waitScreen(page, 'play');
    });
    await check('a scenario file dropped on the page opens its briefing', async () => {
      await page.goto(base, {waitUntil: 'load'});
      await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
      await waitScreen(page, 'title');
      const text = fs.readFileSync(path.join(out, 'my-scenario.json'), 'utf8').replace('My own scenario', 'Dropped on the page');
      await page.evaluate(t => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], 'dropped.json', {type: 'application/json'}));
        document.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
      }, text);
      await waitScreen(page, 'briefing');
      await shot(page, 'briefing-dropped');
    });
    await page.close();

    await check('sharp on a high-DPI screen (device pixel ratio 2)', async () => {
      const hi = await launch(2);
      try {
        const p2 = await open(hi.browser, base, 2);
        const size = await p2.evaluate(() => [Module.canvas.width, Module.canvas.height, devicePixelRatio]);
        assert(size[0] === 2560 && size[1] === 1440, `canvas is ${size[0]}x${size[1]} at ratio ${size[2]}`);
        const img = await shot(p2, 'title-2x');
        assert(img.w === 2560 && img.h === 1440, `screenshot is ${img.w}x${img.h}`);
        await p2.mouse.click(640, 474); // "Choose a scenario", in CSS pixels
        await waitScreen(p2, 'picker');
      } finally {
        await hi.browser.close();
        fs.rmSync(hi.profile, {recursive: true, force: true});
      }
    });
  } finally {
    await browser.close();
    fs.rmSync(profile, {recursive: true, force: true});
    py.kill();
  }
  console.log(`test_web: screenshots and results in ${out}`);
  done();
})().catch(e => { console.log(`test_web: ${e.stack || e}`); process.exit(1); });

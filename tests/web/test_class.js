#!/usr/bin/env node
// test_class.js — the browser version joins the class it was served for: the native
// `upfront serve --web DIST` (on 127.0.0.1 only, a fresh database in a temporary folder)
// serves build-web/dist, and Debian's chromium, headless (puppeteer-core), opens it:
//   - an autoplayed game (?autoplay=sales2&from-week=99&player=Web) plays the server's
//     scenario and seed and reaches the server's GET /api/leaderboard, even when its first
//     POST /api/results fails on the network (it waits in the outbox and is tried again);
//   - with no player in the URL the class screen asks for the name; a day's end reaches
//     the dashboard's live progress (GET /api/dashboard?key=KEY) with the day;
//   - a game the server refuses (422, answered here by interception) is moved to
//     outbox/refused/ with the server's why;
//   - the same page from a plain web server (python3 -m http.server) is the plain browser
//     version: the title screen, no class, nothing shown.
// Every wait is bounded. Usage: node test_class.js --dist DIR --upfront NATIVE_BINARY
// --source SOURCE_TREE [--out DIR]. Exit 0 when all pass, 1 when one fails, 77 (skipped)
// when the dist, chromium, puppeteer-core or the server (a build without libmicrohttpd)
// is missing, unless UPFRONT_WEB_REQUIRED=1.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const {spawn, execFileSync} = require('child_process');
const {harness, check, done, assert, sleep, servePlain, FLAGS, screen, waitScreen, key} = require('./harness');

const {args, skip, chromium, puppeteer} = harness('test_class');
const {dist, upfront, source} = args;
try {
  execFileSync(upfront, ['serve', '--help'], {stdio: 'ignore'});
} catch (e) {
  skip(`${upfront} has no class server (libmicrohttpd, libsqlite3)`);
}
const out = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-web-class-'));
fs.mkdirSync(out, {recursive: true});
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-class-db-'));

async function until(what, fn, ms) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn().catch(e => { last = e; return null; });
    if (last) return last;
    await sleep(250);
  }
  throw new Error(`${what}: not within ${ms / 1000} s`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

// upfront serve on 127.0.0.1: resolves with its dashboard key once it listens
function startServer(port) {
  return new Promise((resolve, reject) => {
    const srv = spawn(upfront, ['serve', '--host', '127.0.0.1', '--port', String(port),
      '--db', path.join(tmp, 'class.db'), '--scenario', 'scenarios/tutorial.json', '--seed', '42', '--web', dist],
    {cwd: source, stdio: ['ignore', 'pipe', 'pipe']});
    let text = '';
    const timer = setTimeout(() => { srv.kill(); reject(new Error(`upfront serve did not start: ${text}`)); }, 15000);
    const read = d => {
      text += d;
      const m = /dashboard\?key=([0-9A-Za-z_-]+)/.exec(text);
      if (m) { clearTimeout(timer); resolve({srv, key: m[1]}); }
    };
    srv.stdout.on('data', read);
    srv.stderr.on('data', d => { text += d; });
    srv.on('exit', c => { clearTimeout(timer); reject(new Error(`upfront serve exited ${c}: ${text}`)); });
  });
}

async function getJson(url) {
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), 5000);
  try {
    const r = await fetch(url, {signal: ctl.signal});
    return {status: r.status, body: await r.json().catch(() => null)};
  } finally {
    clearTimeout(t);
  }
}

async function open(browser, url, setup) {
  const page = await browser.newPage();
  page.on('pageerror', e => console.log(`  page error: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error' && !/favicon/.test(m.text())) console.log(`  console: ${m.text()}`); });
  await page.setViewport({width: 1280, height: 720, deviceScaleFactor: 1});
  if (setup) await setup(page);
  await page.goto(url, {waitUntil: 'load', timeout: 30000});
  await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
  return page;
}
async function shot(page, name) {
  await sleep(400);
  await page.screenshot({path: path.join(out, `${name}.png`), type: 'png'});
}

(async () => {
  const port = await freePort();
  const {srv, key: dashKey} = await startServer(port);
  const base = `http://127.0.0.1:${port}`;
  const {py, port: plainPort} = await servePlain(dist);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-chromium-'));
  const browser = await puppeteer.launch({executablePath: chromium, headless: true, protocolTimeout: 60000,
    args: [...FLAGS, `--user-data-dir=${profile}`, '--force-device-scale-factor=1']});
  try {
    await check('the page served by upfront serve plays the class\'s game and its results reach the leaderboard', async () => {
      let failedOnce = 0, posts = 0;
      const page = await open(browser, `${base}/?autoplay=sales2&from-week=99&player=Web`, async p => {
        await p.setRequestInterception(true);
        p.on('request', rq => {
          if (rq.method() === 'POST' && rq.url().endsWith('/api/results')) {
            posts++;
            if (!failedOnce++) return rq.abort('connectionrefused'); // the first try: not reached
          }
          rq.continue();
        });
      });
      const cls = await page.evaluate(() => Module.upfrontClass);
      assert(cls && cls.scenario === 'tutorial' && cls.seed === '42', `GET /api/class gave ${JSON.stringify(cls)}`);
      await page.waitForSelector('script#upfront-results[type="application/json"]', {timeout: 60000});
      const text = await page.$eval('#upfront-results', e => e.textContent);
      const res = JSON.parse(text);
      assert(res.scenario && (res.scenario.id || res.scenario) && String(res.seed) === '42',
             `the game played seed ${res.seed}, not the class's 42`);
      await waitScreen(page, 'debrief', 10000);
      const lb = await until('the game on GET /api/leaderboard', async () => {
        const r = await getJson(`${base}/api/leaderboard`);
        return r.status === 200 && JSON.stringify(r.body).includes('"Web"') ? r.body : null;
      }, 20000);
      fs.writeFileSync(path.join(out, 'leaderboard.json'), JSON.stringify(lb, null, 2));
      assert(posts >= 2, `${posts} POST /api/results (the first one failed: a second was due)`);
      const left = await until('the outbox emptied', () => page.evaluate(() => {
        try { return Module.FS.readdir('/libsdl/upfront/outbox').filter(f => /^results-/.test(f)).length === 0; } catch (e) { return true; }
      }), 10000);
      assert(left, 'the outbox still holds the game');
      await shot(page, 'class-debrief');
      await page.close();
    });

    await check('with no player in the URL the class screen asks for the name; a day\'s end reaches the dashboard', async () => {
      const page = await open(browser, `${base}/`);
      await waitScreen(page, 'class', 10000);
      await shot(page, 'class-served');
      await page.keyboard.type('Web Two');
      for (let i = 0; i < 4 && (await screen(page)) === 'class'; i++) await key(page, 'Enter');
      await waitScreen(page, 'briefing');
      await key(page, 'Enter'); await waitScreen(page, 'play');
      await sleep(2500); // the day's banner has gone
      await key(page, 'e'); // the first day ends: its progress goes to the server
      const who = await until('Web Two on the dashboard', async () => {
        const r = await getJson(`${base}/api/dashboard?key=${dashKey}`);
        const p = r.status === 200 && (r.body.players || []).find(x => x.player === 'Web Two');
        return p && p.day >= 2 ? p : null;
      }, 15000);
      assert(who.status === 'playing' && who.days >= who.day, `the dashboard says ${JSON.stringify(who)}`);
      await shot(page, 'class-play');
      await page.close();
    });

    await check('a game the server refuses (422) is kept in outbox/refused/ with why', async () => {
      const page = await open(browser, `${base}/?autoplay=sales2&from-week=99&player=Web%20Three`, async p => {
        await p.setRequestInterception(true);
        p.on('request', rq => {
          if (rq.method() === 'POST' && rq.url().endsWith('/api/results'))
            return rq.respond({status: 422, contentType: 'application/json',
                               body: JSON.stringify({status: 422, error: 'failed verification', why: 'refused by the test'})});
          rq.continue();
        });
      });
      await page.waitForSelector('script#upfront-results', {timeout: 60000});
      const why = await until('a refused game in outbox/refused/', () => page.evaluate(() => {
        try {
          const d = '/libsdl/upfront/outbox/refused';
          const f = Module.FS.readdir(d).find(n => n.endsWith('.why.txt'));
          return f ? Module.FS.readFile(`${d}/${f}`, {encoding: 'utf8'}) : null;
        } catch (e) { return null; }
      }), 10000);
      assert(/refused by the test/.test(why), `why: ${why}`);
      await shot(page, 'class-refused');
      await page.close();
    });

    await check('from a plain web server the page is the plain browser version', async () => {
      const bad = [];
      const page = await open(browser, `http://127.0.0.1:${plainPort}/index.html`, async p => {
        p.on('requestfailed', rq => bad.push(rq.url()));
      });
      await waitScreen(page, 'title', 10000);
      const cls = await page.evaluate(() => Module.upfrontClass);
      assert(cls === null, `upfrontClass is ${JSON.stringify(cls)}`);
      await sleep(1000);
      assert((await screen(page)) === 'title', `on the ${await screen(page)} screen`);
      assert(bad.length === 0, `failed requests: ${bad.join(', ')}`);
      await page.close();
    });
  } finally {
    await browser.close();
    fs.rmSync(profile, {recursive: true, force: true});
    srv.kill();
    py.kill();
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  console.log(`test_class: screenshots in ${out}`);
  done();
})().catch(e => { console.log(`test_class: ${e.stack || e}`); process.exit(1); });

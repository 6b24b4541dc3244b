#!/usr/bin/env node
// test_dashboard.js — the facilitator's dashboard in a real browser: Debian's chromium,
// headless, driven with puppeteer-core (installed by tests/web/setup.sh), on an
// `upfront serve` at 127.0.0.1. Checks, each named as it runs:
//   - at 1920x1080 (a projector) the page shows the class, the round's clock, the
//     leaderboard with the report's flags, who is on which day and who has finished, and
//     the class's effort curve, all within the window (no scrolling, nothing cut wider);
//   - a game posted while the page is open appears within 2 seconds, without a reload;
//   - a name with markup is shown as text, never run;
//   - with a wrong key the page says so.
// Screenshots go to --out (dashboard-1920x1080.png, dashboard-1366x768.png).
// Usage: node test_dashboard.js --upfront BIN --source DIR --out DIR
// Exit 0 when all pass, 1 on a failure, 77 (skipped) when chromium or puppeteer-core is
// missing, unless UPFRONT_SERVER_REQUIRED=1.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const {spawn, execFileSync} = require('child_process');

const args = {};
for (let i = 2; i < process.argv.length; i++)
  if (process.argv[i].startsWith('--')) args[process.argv[i].slice(2)] = process.argv[++i];
const required = process.env.UPFRONT_SERVER_REQUIRED === '1';
function skip(why) {
  console.log(`test_dashboard: ${required ? 'FAIL' : 'skipped'}: ${why}`);
  process.exit(required ? 1 : 77);
}
const modules = process.env.UPFRONT_WEB_NODE_MODULES ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'upfront-web/node/node_modules');
let puppeteer;
try { puppeteer = require(path.join(modules, 'puppeteer-core')); } catch (e) {
  skip(`no puppeteer-core in ${modules} (tests/web/setup.sh installs it)`);
}
const browserPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(p => fs.existsSync(p));
if (!browserPath) skip('no chromium (apt-get install chromium)');

let failed = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed++;
}

function request(port, method, p, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({host: '127.0.0.1', port, method, path: p,
      headers: body ? {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)} : {}},
      res => { let d = ''; res.on('data', c => d += c); res.on('end', () => resolve({status: res.statusCode, body: d})); });
    req.on('error', reject);
    req.setTimeout(30000, () => req.destroy(new Error('timeout')));
    if (body) req.write(body);
    req.end();
  });
}

async function main() {
  const upfront = args.upfront, source = args.source;
  const out = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'dash-out-'));
  fs.mkdirSync(out, {recursive: true});
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-dash-'));
  const scenario = path.join(source, 'scenarios', 'tutorial.json');
  const made = execFileSync('python3', [path.join(source, 'tests/server/test_server.py'), upfront,
    'make-games', path.join(tmp, 'games'), '13'], {encoding: 'utf8'}).trim().split('\n').map(l => l.split('\t'));
  const names = ['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson', 'Alan Turing', 'Edsger Dijkstra',
    'Barbara Liskov', 'Ken Thompson', 'Frances Allen', 'Donald Knuth', 'Margaret Hamilton',
    'Tim Berners-Lee', 'Radia Perlman', 'Late Comer'];
  // the games under people's names (the runs name them "Trainee NN": rewritten by replaying)
  const games = [];
  for (let i = 0; i < made.length; i++) {
    const file = path.join(tmp, `named-${i}.json`);
    execFileSync(upfront, ['run', scenario, '--actions', made[i][0], '--seed', '3', '--player', names[i], '--out', file]);
    games.push(file);
  }
  const srv = spawn(upfront, ['serve', '--host', '127.0.0.1', '--port', '0', '--db', path.join(tmp, 'class.db'),
    '--scenario', scenario, '--seed', '3'], {stdio: ['ignore', 'pipe', 'inherit']});
  let text = '';
  const url = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('serve printed no dashboard URL')), 30000);
    srv.stdout.on('data', c => {
      text += c;
      const m = /dashboard: (http:\/\/127\.0\.0\.1:(\d+)\/dashboard\?key=[0-9a-f]+)/.exec(text);
      if (m) { clearTimeout(t); resolve(m[1]); }
    });
  });
  const port = Number(/:(\d+)\//.exec(url)[1]);
  let browser;
  try {
    for (const g of games.slice(0, 12)) await request(port, 'POST', '/api/results', fs.readFileSync(g, 'utf8'));
    const playing = [['Linus Torvalds', 7], ['Hedy Lamarr', 5], ['<img src=x onerror="window.pwned=1">', 3],
      ['Sophie Wilson', 9], ['Dennis Ritchie', 2], ['Annie Easley', 6], ['John Backus', 8], ['Jean Bartik', 4]];
    for (const [player, day] of playing)
      await request(port, 'POST', '/api/progress', JSON.stringify({player, scenario: 'tutorial', seed: '3', day,
        days: 10, week: Math.ceil(day / 5), effort: {prepare: 60 * day, prospect: 45 * day, progress: 20 * day, close: 5 * day}}));
    await request(port, 'POST', '/api/round?key=' + url.split('key=')[1], JSON.stringify({minutes: 35}));

    browser = await puppeteer.launch({executablePath: browserPath, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage']});
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    for (const [w, h] of [[1366, 768], [1920, 1080]]) {
      await page.setViewport({width: w, height: h});
      await page.goto(url, {waitUntil: 'load'});
      await page.waitForFunction(() => document.querySelectorAll('#rows tr').length >= 12, {timeout: 10000});
      await new Promise(r => setTimeout(r, 300));
      await page.screenshot({path: path.join(out, `dashboard-${w}x${h}.png`)});
      const fit = await page.evaluate(() => ({sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight,
        w: innerWidth, h: innerHeight}));
      check(fit.sw <= fit.w && fit.sh <= fit.h, `${w}x${h}: the page fits the window (${fit.sw}x${fit.sh})`);
    }
    const seen = await page.evaluate(() => ({
      rows: [...document.querySelectorAll('#rows tr')].map(r => [...r.children].map(c => c.textContent)),
      people: [...document.querySelectorAll('.person')].map(p => p.textContent),
      clock: document.getElementById('clock').textContent,
      klass: document.getElementById('class').textContent,
      bars: document.querySelectorAll('#curve rect').length,
      lines: document.querySelectorAll('#curve polyline').length,
      pwned: window.pwned, imgs: document.querySelectorAll('img').length,
      fontPx: parseFloat(getComputedStyle(document.querySelector('td.player')).fontSize)}));
    check(seen.rows.length === 12, `the leaderboard has the 12 games (${seen.rows.length})`);
    check(seen.rows.some(r => r[0] === '1'), 'the leaderboard ranks');
    check(seen.rows.some(r => /strategy:/.test(r[7])), "a strategy's game shows the report's flag");
    check(seen.people.some(p => /Linus Torvalds.*day 7( of |\/)10/.test(p)), 'who is playing and on which day');
    check(seen.people.some(p => /Ada Lovelace.*(finished|\u2713)/.test(p)), 'who has finished');
    check(/^3[45]:\d\d/.test(seen.clock), `the round's time left (${seen.clock})`);
    check(/Tutorial/.test(seen.klass), `the class's scenario (${seen.klass})`);
    check(seen.bars === 4 && seen.lines === 2, 'the class effort bars against the Sales 1.0 and 2.0 curves');
    check(seen.people.some(p => p.includes('<img src=x')) && seen.pwned === undefined && seen.imgs === 0,
      'a name with markup is shown as text, never run');
    check(seen.fontPx >= 22, `large type for a projector (${seen.fontPx} px)`);

    // live: a game posted now shows within 2 seconds, without reloading
    await page.evaluate(() => { window.stillHere = 1; });
    const t0 = Date.now();
    await request(port, 'POST', '/api/results', fs.readFileSync(games[12], 'utf8'));
    await page.waitForFunction(() => [...document.querySelectorAll('#rows td.player')].some(td => td.textContent === 'Late Comer'),
      {timeout: 5000, polling: 50}).catch(() => {});
    const took = Date.now() - t0;
    const still = await page.evaluate(() => window.stillHere === 1 &&
      [...document.querySelectorAll('#rows td.player')].some(td => td.textContent === 'Late Comer'));
    check(still && took <= 2000, `a game posted while the page is open appears in ${took} ms, without a reload`);
    const t1 = Date.now();
    await request(port, 'POST', '/api/progress', JSON.stringify({player: 'Hedy Lamarr', scenario: 'tutorial', seed: 3, day: 6, days: 10}));
    await page.waitForFunction(() => [...document.querySelectorAll('.person')].some(p => /Hedy Lamarr.*day 6( of |\/)10/.test(p.textContent)),
      {timeout: 5000, polling: 50}).catch(() => {});
    const took2 = Date.now() - t1;
    check(took2 <= 2000, `a trainee's next day shows in ${took2} ms`);
    await page.screenshot({path: path.join(out, 'dashboard-1920x1080.png')});
    check(errors.length === 0, `no script errors (${errors.join('; ')})`);

    await page.goto(url.replace(/key=[0-9a-f]+/, 'key=nope'));
    const body = await page.evaluate(() => document.body.textContent);
    check(/key/.test(body), 'with a wrong key the page says it needs the key');
  } finally {
    if (browser) await browser.close();
    srv.kill('SIGTERM');
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  console.log(`screenshots in ${out}`);
  process.exit(failed ? 1 : 0);
}
main().catch(e => { console.log(`FAIL ${e.stack || e}`); process.exit(1); });

#!/usr/bin/env node
// measure.js — the browser version's figures for docs/performance.md (it asserts nothing):
// download sizes, page load to first frame, the game's frame time while animating, and
// CPU while idle, in Debian's chromium, headless, with the page served by
// `python3 -m http.server` on 127.0.0.1.
// Usage: node tests/web/measure.js --dist build-web/dist [--runs 5] [--idle-seconds 10]
// Needs what test_web.js needs (tests/web/setup.sh).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const {spawn} = require('child_process');

const args = {runs: '5', 'idle-seconds': '10'};
for (let i = 2; i < process.argv.length; i++)
  if (process.argv[i].startsWith('--')) args[process.argv[i].slice(2)] = process.argv[++i];
const dist = args.dist || 'build-web/dist';
const runs = Number(args.runs), idleSeconds = Number(args['idle-seconds']);
const modules = process.env.UPFRONT_WEB_NODE_MODULES ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'upfront-web', 'node', 'node_modules');
const puppeteer = require(path.join(modules, 'puppeteer-core'));
const chromium = process.env.UPFRONT_CHROMIUM || '/usr/bin/chromium';
const sleep = ms => new Promise(r => setTimeout(r, ms));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--mute-audio', '--enable-unsafe-swiftshader'];

function pct(a, p) {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))] : NaN;
}
const f2 = x => x.toFixed(2);

function serve(dir) {
  return new Promise((resolve, reject) => {
    const py = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir],
                     {stdio: ['ignore', 'pipe', 'ignore']});
    let text = '';
    py.stdout.on('data', d => { text += d; const m = /port (\d+)/.exec(text); if (m) resolve({py, port: Number(m[1])}); });
    py.on('exit', c => reject(new Error(`http.server exited ${c}`)));
  });
}

// CPU ticks (user + system) of a process and all its descendants
function treeTicks(root) {
  const kids = {};
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      (kids[f[1]] = kids[f[1]] || []).push({pid: d, ticks: Number(f[11]) + Number(f[12])});
    } catch (e) {}
  }
  let total = 0;
  const walk = pid => { for (const k of kids[pid] || []) { total += k.ticks; walk(k.pid); } };
  const self = fs.readFileSync(`/proc/${root}/stat`, 'utf8');
  const sf = self.slice(self.lastIndexOf(')') + 2).split(' ');
  total += Number(sf[11]) + Number(sf[12]);
  walk(String(root));
  return total;
}

(async () => {
  console.log('# Download (build-web/dist)');
  let total = 0, totalGz = 0;
  for (const f of fs.readdirSync(dist).sort()) {
    const b = fs.readFileSync(path.join(dist, f));
    const gz = zlib.gzipSync(b, {level: 9}).length;
    total += b.length; totalGz += gz;
    console.log(`${f.padEnd(14)} ${String(b.length).padStart(9)} bytes  (gzip -9: ${gz})`);
  }
  console.log(`${'total'.padEnd(14)} ${String(total).padStart(9)} bytes = ${(total / 1048576).toFixed(2)} MiB  (gzip -9: ${(totalGz / 1048576).toFixed(2)} MiB)`);

  const {py, port} = await serve(dist);
  const base = `http://127.0.0.1:${port}/index.html`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-measure-'));
  const browser = await puppeteer.launch({executablePath: chromium, headless: true,
    args: [...FLAGS, `--user-data-dir=${profile}`]});
  const bpid = browser.process().pid;
  try {
    console.log('\n# Page load to first frame (1280x720, cache off, served from 127.0.0.1)');
    const first = [], dcl = [], ready = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      await page.setCacheEnabled(false);
      await page.setViewport({width: 1280, height: 720});
      await page.goto(base, {waitUntil: 'load'});
      await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
      first.push(await page.evaluate(() => Module.firstFrameMs));
      ready.push(await page.evaluate(() => Module.runtimeReadyMs));
      dcl.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd));
      await page.close();
    }
    console.log(`first frame: median ${f2(pct(first, 50))} ms, min ${f2(Math.min(...first))}, max ${f2(Math.max(...first))} (runs: ${first.map(f2).join(', ')})`);
    console.log(`DOMContentLoaded: median ${f2(pct(dcl, 50))} ms; wasm compiled, data and storage loaded (the runtime ready): median ${f2(pct(ready, 50))} ms; ` +
                `from there to the first frame (main: SDL, fonts, scenarios, the title drawn): median ${f2(pct(first.map((f, i) => f - ready[i]), 50))} ms`);

    console.log('\n# Frames while animating (the game\'s own time per frame drawn: app_frame, recorded, compared, drawn, shown)');
    const page = await browser.newPage();
    await page.setViewport({width: 1280, height: 720});
    await page.goto(base, {waitUntil: 'load'});
    await page.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
    const press = async k => { await page.keyboard.press(k); await sleep(300); };
    await press('Enter'); await press('Enter'); // briefing, play
    await sleep(3000);
    const anim = async (label, keys, ms) => {
      await page.evaluate(() => {
        Module.upfrontFrames = [];
        window.__raf = [];
        let last = performance.now();
        const loop = t => { window.__raf.push(t - last); last = t; if (window.__raf.length < 2000) requestAnimationFrame(loop); };
        requestAnimationFrame(loop);
      });
      for (const k of keys) { await page.keyboard.press(k); await sleep(150); }
      await sleep(ms);
      const fr = await page.evaluate(() => Module.upfrontFrames);
      const raf = await page.evaluate(() => window.__raf.slice(1));
      console.log(`${label}: ${fr.length} frames drawn; p50 ${f2(pct(fr, 50))} ms, p95 ${f2(pct(fr, 95))} ms, max ${f2(Math.max(...fr))} ms` +
                  ` (the browser's frame interval meanwhile: p50 ${f2(pct(raf, 50))} ms, p95 ${f2(pct(raf, 95))} ms)`);
    };
    for (let i = 0; i < 3; i++)
      await anim(`play, the day's banner (E ends the day) #${i + 1}`, ['e'], 2500);
    await anim('play, the selection moving (Down every 150 ms, 20 times)', Array(20).fill('ArrowDown'), 500);
    await anim('play to the help screen and back, 5 times (fade-ins)', Array(5).fill(['h', 'Escape']).flat(), 500);

    console.log(`\n# CPU while idle (${idleSeconds} s; every chromium process, software GL; ${os.cpus().length} cores)`);
    const idle = async (label, prep, pg) => {
      if (prep) await prep();
      await sleep(3000);
      await pg.evaluate(() => { Module.upfrontFrames = []; Module.upfrontTicks = 0; });
      const a = treeTicks(bpid);
      await sleep(idleSeconds * 1000);
      const b = treeTicks(bpid);
      const frames = await pg.evaluate(() => Module.upfrontFrames.length);
      const loops = await pg.evaluate(() => Module.upfrontTicks || 0);
      const hz = 100;
      console.log(`${label}: ${b - a} ticks of 1/${hz} s = ${f2(100 * (b - a) / hz / idleSeconds)}% of a core; ` +
                  `${frames} frames drawn; the loop ran ${f2(loops / idleSeconds)} times a second`);
    };
    await idle('play (day 4), the first 10 s after the frames above', null, page);
    await idle('play (day 4), the next 10 s', null, page);
    await page.close();
    const title = await browser.newPage();
    await title.setViewport({width: 1280, height: 720});
    await title.goto(base, {waitUntil: 'load'});
    await title.waitForFunction(() => document.body.classList.contains('running'), {timeout: 30000});
    await idle('title', null, title);
    const blank = await browser.newPage();
    await title.close();
    await blank.goto('about:blank');
    const a = treeTicks(bpid); await sleep(idleSeconds * 1000); const b = treeTicks(bpid);
    console.log(`about:blank (the browser alone): ${b - a} ticks = ${f2((b - a) / idleSeconds)}% of a core`);
  } finally {
    await browser.close();
    fs.rmSync(profile, {recursive: true, force: true});
    py.kill();
  }
})().catch(e => { console.error(e); process.exit(1); });

// harness.js — what the browser tests (test_web.js, test_class.js) share: their options,
// the skip rule, puppeteer-core and chromium, named checks, a plain web server for a
// folder, and the page's screen (<body data-screen>). A test requires it and calls
// harness('test_name') first; nothing here holds a browser or a page.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const {spawn} = require('child_process');

// Options (--dist DIR --upfront BIN --source DIR --out DIR; --screenshots alone), the
// browser build, chromium and puppeteer-core, or exit 77 (skipped) without one of them —
// 1 when UPFRONT_WEB_REQUIRED=1, as .ci/run sets.
function harness(name) {
  const args = {};
  for (let i = 2; i < process.argv.length; i++) {
    const a = process.argv[i];
    if (a === '--screenshots') args.screenshots = true;
    else if (a.startsWith('--')) args[a.slice(2)] = process.argv[++i];
  }
  const required = process.env.UPFRONT_WEB_REQUIRED === '1';
  const skip = why => {
    console.log(`${name}: ${required ? 'FAIL' : 'skipped'}: ${why}`);
    process.exit(required ? 1 : 77);
  };
  if (!args.dist || !fs.existsSync(path.join(args.dist, 'index.html')))
    skip(`no browser build at ${args.dist} (scripts/build-web.sh makes it)`);
  const chromium = process.env.UPFRONT_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) skip(`no ${chromium} (apt-get install chromium)`);
  const modules = process.env.UPFRONT_WEB_NODE_MODULES ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'upfront-web', 'node', 'node_modules');
  let puppeteer;
  try {
    puppeteer = require(path.join(modules, 'puppeteer-core'));
  } catch (e) {
    skip(`no puppeteer-core in ${modules} (tests/web/setup.sh installs it)`);
  }
  return {args, skip, chromium, puppeteer};
}

// Named checks: each runs, prints "ok" or "FAIL" with why, and is counted; done() prints
// the counts and exits, 1 when one failed.
let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
  }
}
function done() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
function assert(cond, what) { if (!cond) throw new Error(what); }
const sleep = ms => new Promise(r => setTimeout(r, ms));

// python3 -m http.server on 127.0.0.1 and a free port, serving dir: {py, port}.
function servePlain(dir) {
  return new Promise((resolve, reject) => {
    const py = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir],
                     {stdio: ['ignore', 'pipe', 'pipe']});
    let text = '';
    const timer = setTimeout(() => reject(new Error('http.server did not start')), 10000);
    py.stdout.on('data', d => {
      text += d;
      const m = /port (\d+)/.exec(text);
      if (m) { clearTimeout(timer); resolve({py, port: Number(m[1])}); }
    });
    py.stderr.on('data', () => {});
    py.on('exit', c => reject(new Error(`http.server exited ${c}`)));
  });
}

// Headless chromium as the tests run it (no GPU: WebGL in SwiftShader).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--mute-audio', '--enable-unsafe-swiftshader'];

// The game's screen on top, as the page names it, and waiting for one.
async function screen(page) { return page.evaluate(() => document.body.getAttribute('data-screen')); }
async function waitScreen(page, name, ms = 15000) {
  await page.waitForFunction(n => document.body.getAttribute('data-screen') === n, {timeout: ms}, name)
    .catch(async () => { throw new Error(`expected the ${name} screen, on ${await screen(page)}`); });
}
async function key(page, k) { await page.keyboard.press(k); await sleep(120); }

module.exports = {harness, check, done, assert, sleep, servePlain, FLAGS, screen, waitScreen, key};

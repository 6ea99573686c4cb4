#!/usr/bin/env node
// check.mjs opens a resolve HTML report in Debian's headless chromium and
// checks that it works offline:
//
//   node testdata/browser-check/check.mjs REPORT.html [--screenshot OUT.png]
//        [--details-screenshot OUT.png] [--narrow-screenshot OUT.png]
//        [--filter TEXT] [--expect-rows N] [--open CLUSTER-ID] [--judgements-out FILE]
//        [--post-to SERVICE-URL [--token TOKEN]]
//
// It fails (exit 1) when the page logs a console error or warning, throws,
// or asks for anything but the file itself (and the blob: of a download);
// when the summary, the review bar and the clusters are not in that order,
// the run details are not folded away or the indicator chart is missing;
// when the table does not show one page of clusters, riskiest first; when
// the search does not leave exactly the clusters whose names, IDs, row IDs,
// addresses or carried columns hold the text (computed here from the JSON
// embedded in the page), or a page opened on the URL it leaves does not
// show the same; when a cluster URL does not open the cluster; when the
// severity filter, sorting or paging misbehave; when a cluster's details
// do not show its name, rows, registry matches, indicators with their
// titles and caveats, or show raw JSON or an internal function name; when
// marking a row "not this company" and the cluster "checked" does not
// download a judgements file with both (--judgements-out keeps it); when
// the uncertain links are not listed; when anything falls off a 400 px
// screen; or when axe-core finds a serious or critical WCAG 2 A/AA
// violation in the table or the details view. --open ID reviews that
// cluster instead of the riskiest. --post-to URL also sends the review's
// decisions to resolve serve at URL (with --token) from the review bar, and
// fails unless the "not this company" decision is recorded by the service,
// the "checked" one is kept for the download, a second send sends nothing,
// the token is in no storage, and the page asked nothing of the service
// but POST /judgements (and its preflights). The browser is /usr/bin/chromium (or
// $CHROMIUM) driven by playwright-core, with a new, empty profile directory.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const opts = { file: null, screenshot: null, detailsScreenshot: null, filter: null, expectRows: null, judgementsOut: null, narrowScreenshot: null, open: null, postTo: null, token: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--screenshot') opts.screenshot = next();
    else if (a === '--details-screenshot') opts.detailsScreenshot = next();
    else if (a === '--filter') opts.filter = next();
    else if (a === '--expect-rows') opts.expectRows = Number(next());
    else if (a === '--judgements-out') opts.judgementsOut = next();
    else if (a === '--narrow-screenshot') opts.narrowScreenshot = next();
    else if (a === '--open') opts.open = next();
    else if (a === '--post-to') opts.postTo = next();
    else if (a === '--token') opts.token = next();
    else if (!opts.file && !a.startsWith('--')) opts.file = a;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.file) throw new Error('usage: node check.mjs REPORT.html [--screenshot OUT.png] [--details-screenshot OUT.png] [--filter TEXT] [--expect-rows N]');
  return opts;
}

const failures = [];
function check(ok, msg) {
  if (!ok) failures.push(msg);
  return ok;
}
const started = Date.now();
function log(msg) { process.stderr.write(`browser-check: [${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`); }

// Same rule as the viewer: every whitespace-separated term must occur in the
// lower-cased canonical name, variants, cluster ID, or a row's ID, address or
// carried columns.
function matches(c, q) {
  const rows = (c.members || []).flatMap((m) => [m.id || '', m.address || '', ...Object.values(m.extra || {})]);
  const hay = [c.canonical_name || '', ...(c.variants || []).map((v) => v.name || ''), ...rows, c.id || ''].join('\n').toLowerCase();
  return q.toLowerCase().trim().split(/\s+/).filter(Boolean).every((t) => hay.includes(t));
}

// axeCheck runs axe-core's WCAG 2 A/AA rules on the page as it stands and
// records every serious or critical violation. The script goes in through
// DevTools (page.evaluate), which the page's CSP does not govern.
async function axeCheck(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  }
  const res = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
  for (const v of res.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      check(false, `accessibility (${where}): ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  log(`axe ${where}: ${res.violations.length} violations, ${res.passes.length} rules passed`);
}

// readReport returns the report embedded in the page's data block.
function readReport(file) {
  const html = readFileSync(file, 'utf8');
  const open = '<script type="application/json" id="report-data">';
  const start = html.indexOf(open);
  if (start < 0 || html.indexOf(open, start + 1) >= 0) throw new Error('want exactly one report-data block');
  const end = html.indexOf('</script>', start);
  const report = JSON.parse(html.slice(start + open.length, end));
  // Clusters the page lists by name only follow in report-rest.
  const ropen = '<script type="application/json" id="report-rest">';
  const rs = html.indexOf(ropen, end);
  if (rs >= 0) {
    const rest = JSON.parse(html.slice(rs + ropen.length, html.indexOf('</script>', rs)));
    report.rest = rest;
    report.clusters = (report.clusters || []).concat(rest.clusters.map((e) => ({ id: e[0], canonical_name: e[1], size: e[2], countries: e[3],
      risk: { score: e[4] }, flags: e[5].map((f) => ({ code: f[0], severity: f[1], title: f[2] })), variants: [], members: [] })));
  }
  return report;
}

async function run(opts) {
  const file = path.resolve(opts.file);
  const url = pathToFileURL(file).href;
  const profile = mkdtempSync(path.join(tmpdir(), 'resolve-browser-check-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(120000); // two shared cores under load: clicks on a large page can take long
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') check(false, `console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => check(false, `uncaught exception: ${e.message}`));
    const service = opts.postTo ? new URL('judgements', opts.postTo.replace(/\/?$/, '/')).href : null;
    page.on('request', (r) => {
      const u = r.url();
      if (service && u === service && (r.method() === 'POST' || r.method() === 'OPTIONS')) return;
      if (u !== url && !u.startsWith(url + '#') && !u.startsWith('data:') && !u.startsWith('blob:')) check(false, `the page requested ${r.method()} ${u}`);
    });

    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
    log(`loaded ${path.basename(file)} in ${Date.now() - t0} ms`);
    // Expected values come from the file itself, read here, not from the viewer.
    const report = readReport(file);
    const clusters = report.clusters || [];
    const pageSize = 100;
    const rowCount = () => page.locator('#cluster-rows tr[data-id]').count();
    const countText = () => page.locator('#result-count').textContent();

    // Triage first: the summary, then the review bar and the clusters; run
    // metadata folded away.
    check(await page.locator('#summary .card').count() >= 4, 'summary cards missing');
    const order = await page.evaluate(() => ['summary', 'review-bar', 'clusters-table'].map((id) => document.getElementById(id).getBoundingClientRect().top));
    check(order[0] < order[1] && order[1] < order[2], `summary, review and clusters not in that order: ${order.join(', ')}`);
    check(!(await page.locator('#run-details').evaluate((d) => d.open)), 'run details are not folded away');
    // Opened without a hash, the page stays at its top, on the summary (a
    // #clusters written into the URL at load scrolled it to the clusters).
    const top = await page.evaluate(() => [window.scrollY, location.hash]);
    check(top[0] === 0 && top[1] === '', `the page opened scrolled to ${top[0]} px with hash "${top[1]}"`);
    const tableTop = await page.locator('#clusters-table').evaluate((t) => t.getBoundingClientRect().top + window.scrollY);
    log(`clusters table starts ${Math.round(tableTop)} px down`);
    const flaggedN = clusters.filter((c) => (c.flags || []).length).length;
    if (flaggedN) {
      check(await page.locator('#summary figure.chart li').count() > 0, 'no chart of the indicators');
      check((await page.locator('#summary .card').first().textContent()).startsWith(flaggedN.toLocaleString('en')), 'first card is not the flagged clusters');
    }
    check(await rowCount() === Math.min(pageSize, clusters.length), `first page shows ${await rowCount()} rows, want ${Math.min(pageSize, clusters.length)}`);
    check((await countText()).startsWith(`${clusters.length.toLocaleString('en')} of ${clusters.length.toLocaleString('en')} clusters`), `count line reads "${await countText()}"`);
    const maxRisk = clusters.reduce((m, c) => Math.max(m, (c.risk && c.risk.score) || 0), 0);
    if (clusters.length) {
      const firstID = await page.locator('#cluster-rows tr[data-id]').first().getAttribute('data-id');
      const first = clusters.find((c) => c.id === firstID);
      check(first && ((first.risk && first.risk.score) || 0) === maxRisk, 'default order is not by risk score, highest first');
    }

    if (report.rest) check(await page.locator('#short-note').count() === 1, 'the page does not say it lists some clusters by name only');
    // Decisions of earlier reviews the run applied are said.
    if (report.judgements) {
      const j = await page.locator('#judgements').textContent().catch(() => '');
      check(j.includes(`${(report.judgements.applied || 0).toLocaleString('en')} decisions`), `applied judgements not shown: "${j}"`);
    }
    log('summary and first page checked');
    await axeCheck(page, 'overview');
    // Paging.
    if (clusters.length > pageSize) {
      await page.click('#next');
      check(/^Page 2 of /.test(await page.locator('#page-info').textContent()), 'next page did not move to page 2');
      check(await rowCount() === Math.min(pageSize, clusters.length - pageSize), 'second page has the wrong number of rows');
      await page.click('#prev');
    }

    log('paging checked');
    // Name filter.
    let term = opts.filter;
    if (!term) {
      for (const c of clusters) {
        const w = (c.canonical_name || '').match(/\p{L}{4,}/u);
        if (w) { term = w[0].toLowerCase(); break; }
      }
    }
    if (term) {
      const want = clusters.filter((c) => matches(c, term));
      await page.fill('#f-name', term);
      const prefix = `${want.length.toLocaleString('en')} of ${clusters.length.toLocaleString('en')} clusters`;
      await page.waitForFunction((p) => document.getElementById('result-count').textContent.startsWith(p), prefix, { timeout: 30000 })
        .catch(async () => check(false, `after filtering on "${term}" the count reads "${await countText()}", want it to start "${prefix}"`));
      const ids = await page.locator('#cluster-rows tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
      check(ids.length === Math.min(pageSize, want.length), `filter "${term}": ${ids.length} rows shown, want ${Math.min(pageSize, want.length)}`);
      const wantIDs = new Set(want.map((c) => c.id));
      check(ids.every((id) => wantIDs.has(id)), `filter "${term}" shows clusters whose names lack it`);
      if (opts.expectRows !== null) check(want.length === opts.expectRows, `filter "${term}" matches ${want.length} clusters, expected ${opts.expectRows}`);
      log(`filter "${term}": ${want.length} clusters`);
      // The filter lives in the URL: a second page opened on it shows the same.
      const shared = page.url();
      check(new URL(shared).hash.includes('q=' + encodeURIComponent(term).replace(/%20/g, '+')), `filter not in the URL: ${shared}`);
      const p2 = await context.newPage();
      p2.on('pageerror', (e) => check(false, `uncaught exception (shared URL): ${e.message}`));
      await p2.goto(shared, { waitUntil: 'load' });
      await p2.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
      check((await p2.inputValue('#f-name')) === term, 'shared URL did not fill the search box');
      check((await p2.locator('#result-count').textContent()).startsWith(prefix), `shared URL shows "${await p2.locator('#result-count').textContent()}"`);
      if (want.length) {
        const u = new URL(shared); u.hash = 'cluster=' + encodeURIComponent(want[0].id);
        await p2.goto(u.href, { waitUntil: 'load' });
        await p2.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
        check(await p2.locator('#details').isVisible(), 'a cluster URL does not open the cluster');
      }
      await p2.close();
      log('filter in the URL checked');

      // Sort the filtered rows by size, largest first.
      log('filter checked');
      await page.click('th[data-sort="size"] button');
      check(await page.getAttribute('th[data-sort="size"]', 'aria-sort') === 'descending', 'size column not marked as sorted descending');
      const sizes = await page.locator('#cluster-rows tr[data-id] td:nth-child(3)').allTextContents();
      const nums = sizes.map(Number);
      check(nums.every((n, i) => i === 0 || nums[i - 1] >= n), `sizes not in descending order: ${nums.join(',')}`);
      check(nums[0] === want.reduce((m, c) => Math.max(m, c.size), 0), 'largest matching cluster not first');
      await page.click('th[data-sort="risk"] button');
      await page.fill('#f-name', '');
      await page.waitForFunction((n) => document.querySelectorAll('#cluster-rows tr[data-id]').length === n, Math.min(pageSize, clusters.length));
    }

    log('sorting checked');
    // Severity filter.
    const high = clusters.filter((c) => (c.flags || []).some((f) => f.severity === 'high'));
    await page.selectOption('#f-sev', 'high');
    check(await rowCount() === Math.min(pageSize, high.length), `severity "high" shows ${await rowCount()} rows, want ${Math.min(pageSize, high.length)}`);
    await page.selectOption('#f-sev', '');

    if (opts.screenshot) {
      // The top of the page: summary and the first rows of the table.
      const height = await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); return document.documentElement.scrollHeight; });
      await page.screenshot({ path: opts.screenshot, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 1800) } });
      log(`wrote ${opts.screenshot}`);
    }

    log('severity filter checked');
    // Details of the first cluster shown (highest risk).
    if (clusters.length) {
      // The cluster opened: --open ID (searched for first), else the riskiest.
      if (opts.open) {
        await page.fill('#f-name', opts.open);
        await page.waitForFunction((id) => document.querySelector(`#cluster-rows tr[data-id="${id}"]`), opts.open, { timeout: 30000 });
        // The search applies after a pause and writes the URL; a click
        // before that loses its hash to the replaced URL under load.
        await page.waitForFunction(() => location.hash.includes('q='), null, { timeout: 30000 });
      }
      const row = opts.open ? page.locator(`#cluster-rows tr[data-id="${opts.open}"]`) : page.locator('#cluster-rows tr[data-id]').first();
      const link = row.locator('a').first();
      const id = await row.getAttribute('data-id');
      const c = clusters.find((x) => x.id === id);
      await link.click();
      await page.waitForSelector('#details:not([hidden])');
      check(await page.locator('#overview').isHidden(), 'table still visible with details open');
      check((await page.locator('#details-title').textContent()) === (c.canonical_name || c.id), 'details heading is not the canonical name');
      check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'details-title', 'focus did not move to the details heading');
      const body = page.locator('#details-body');
      const memberRows = await body.locator('#members table tbody tr').count();
      check(memberRows === Math.min(200, (c.members || []).length), `details show ${memberRows} member rows, want ${Math.min(200, (c.members || []).length)}`);
      check(await body.locator('.registry-match').count() === (c.registry_matches || []).length, 'registry matches missing');
      check(await body.locator('.flag').count() === (c.flags || []).length, 'indicators missing');
      for (const m of c.registry_matches || []) {
        if (m.record && /^https?:/.test(m.record.url || '')) {
          check(await body.locator(`a[href="${m.record.url}"]`).count() > 0, `no link to ${m.record.url}`);
        }
      }
      const text = await body.textContent();
      // A cluster an earlier review checked says so, and whether its members changed since.
      if (c.checked) {
        const note = await body.locator('#checked-note').textContent().catch(() => '');
        check(note.includes('Checked') && note.includes(c.checked.members_changed ? 'members changed since' : 'members are the same'),
          `the checked cluster's note reads "${note}"`);
      }
      for (const want of ['Names', 'Input rows and why they were merged', 'Registry matches', 'Coverage', 'Web findings', 'Indicators', 'Changes since the last run']) {
        check(text.includes(want), `details lack the "${want}" section`);
      }
      // Schema 2: a cluster without coverage of its own shows the run's.
      const cov = Array.isArray(c.coverage) ? c.coverage : ((report.run || {}).coverage || []);
      check(cov.length > 0 || text.includes('No source was asked'), 'empty coverage not said');
      const human = (k) => { k = String(k || '').replace(/_/g, ' '); return k.charAt(0).toUpperCase() + k.slice(1); };
      for (const x of cov) check(text.includes(`${x.source}${human(x.status)}`), `coverage of ${x.source} (${x.status}) not shown`);
      for (const m of (c.members || []).slice(0, 200)) {
        if (m.evidence) check(text.includes(`linked to row ${m.evidence.linked_to_row}`), `evidence of row ${m.row} not shown`);
      }
      for (const f of c.flags || []) if (f.caveat) check(text.includes(f.caveat), `caveat of ${f.code} not shown`);
      const flagText = (await body.locator('.flag').allInnerTexts()).join('\n');
      const internal = flagText.match(/\b[a-z]+\.[A-Z][A-Za-z]+\b/);
      check(!internal, `indicators show an internal name: ${internal && internal[0]}`);
      check(!/[{\[]\s*"/.test(text), 'details show raw JSON');
      const badges = await page.locator('#details-body dl .badge').allTextContents();
      for (const f of c.flags || []) check(badges.includes(f.title || ''), `badge of ${f.code} does not show its title`);
      await axeCheck(page, 'details');
      check(!/shell compan/i.test(text), 'details speak of shell companies');
      if (opts.detailsScreenshot) {
        await page.screenshot({ path: opts.detailsScreenshot, fullPage: true });
        log(`wrote ${opts.detailsScreenshot}`);
      }
      // Review: a row is not this company, the cluster is checked.
      const split = body.locator('button.split').last();
      let splitRow = null;
      if (await split.count()) {
        splitRow = await split.getAttribute('data-row');
        await page.fill('#review-note', 'different consignee and address');
        await split.click();
      }
      await page.click('#mark-checked');
      check(/Recorded/.test(await page.locator('#review-status').textContent()), 'review decision not acknowledged');
      await page.click('#back');
      await page.waitForSelector('#overview:not([hidden])');
      check(await page.locator('#details').isHidden(), 'details still visible after going back');
      log(`details of ${id}: ${memberRows} rows, ${(c.flags || []).length} indicators`);
      const decisions = await page.locator('#decisions li').count();
      check(decisions === (splitRow ? 2 : 1), `review lists ${decisions} decisions`);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-judgements')]);
      const got = readFileSync(await dl.path(), 'utf8');
      check(/^kind,a,b,note$/m.test(got), 'judgements file lacks its header');
      check(got.includes(`\nchecked,${id},${report.run && report.run.id ? report.run.id : ''},`), 'judgements file lacks the checked cluster');
      if (splitRow) {
        const m = c.members.find((x) => String(x.row) === splitRow);
        check(got.split('\n').some((l) => l.startsWith('different,') && l.includes(m.name.includes(',') ? `"${m.name}"` : m.name) && l.endsWith('different consignee and address')),
          `judgements file lacks the split of row ${splitRow}:\n${got}`);
      }
      if (opts.judgementsOut) writeFileSync(opts.judgementsOut, got);
      log(`review: ${decisions} decisions downloaded`);
      if (opts.postTo) await postToService(page, opts, splitRow ? 1 : 0);
      // Uncertain links, one click away.
      await page.click('#show-uncertain');
      const links = clusters.reduce((n, x) => n + (x.members || []).filter((m) => m.evidence && !m.evidence.judgement).length, 0);
      check(await page.locator('#uncertain tbody tr').count() === Math.min(200, links), 'uncertain links not listed');
      await page.click('#show-uncertain');
      // Usable at 400 px: nothing falls off the right edge.
      await page.setViewportSize({ width: 400, height: 800 });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (!check(wide <= 400, `at 400 px the page is ${wide} px wide`)) {
        const culprit = await page.evaluate(() => [...document.querySelectorAll('#overview *')].filter((e) => e.getBoundingClientRect().right > 401)
          .map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60)).slice(-3).join(' | '));
        check(false, `wider than 400 px: ${culprit}`);
      }
      const right = await page.locator('#cluster-rows tr[data-id] td:last-child').first().evaluate((td) => td.getBoundingClientRect().right);
      check(right <= 400, `at 400 px the risk column ends at ${Math.round(right)} px`);
      if (opts.narrowScreenshot) await page.screenshot({ path: opts.narrowScreenshot });
      // And a cluster's details: wide tables scroll in their own box.
      await page.locator(`#cluster-rows tr[data-id="${id}"] a`).first().click().catch(() => page.locator('#cluster-rows tr[data-id] a').first().click());
      await page.waitForSelector('#details:not([hidden])');
      const wideDetails = await page.evaluate(() => document.documentElement.scrollWidth);
      check(wideDetails <= 400, `at 400 px a cluster's details are ${wideDetails} px wide`);
      await page.click('#back');
      await page.waitForSelector('#overview:not([hidden])');
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// postToService sends the review's decisions to resolve serve from the
// review bar and checks what the page says of them.
async function postToService(page, opts, want) {
  await page.click('#review-service summary');
  // An address off this machine is refused in the page (the CSP would block it).
  await page.fill('#service-url', 'https://desk.example/');
  await page.click('#post-judgements');
  check(/Give the address of resolve serve on this machine/.test(await page.locator('#post-status').textContent()), 'a service address off loopback was not refused');
  await page.fill('#service-url', opts.postTo);
  await page.fill('#service-token', opts.token);
  await page.click('#post-judgements');
  await page.waitForFunction(() => /recorded by the service|No answer|Give|Start/.test(document.getElementById('post-status').textContent), null, { timeout: 60000 });
  const status = await page.locator('#post-status').textContent();
  check(status.startsWith(`${want} recorded by the service`), `sending the decisions: "${status}", want ${want} recorded`);
  check(/1 \u201cchecked\u201d for the download only/.test(status), `the checked decision is not said to stay for the download: "${status}"`);
  const posted = await page.locator('#decisions li .posted').count();
  check(posted === want, `the review list marks ${posted} decisions recorded by the service, want ${want}`);
  check(await page.locator('#decisions li .post-error').count() === 0, 'the review list shows a decision the service refused');
  await page.click('#post-judgements');
  await page.waitForFunction(() => /No decision to send/.test(document.getElementById('post-status').textContent), null, { timeout: 30000 });
  if (opts.token) {
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(window.localStorage)) + JSON.stringify(Object.entries(window.sessionStorage)));
    check(!stored.includes(opts.token), 'the token is kept in the browser\u2019s storage');
  }
  await axeCheck(page, 'review service');
  log(`review: ${posted} decisions recorded by ${opts.postTo}`);
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}
try {
  await run(opts);
} catch (e) {
  failures.push(`error: ${e.message}`);
}
for (const f of failures) process.stdout.write(`FAIL ${f}\n`);
log(failures.length ? `${failures.length} failures` : 'ok');
process.exitCode = failures.length ? 1 : 0;

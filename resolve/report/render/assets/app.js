// resolve HTML report viewer. Reads the report embedded as JSON in the
// script element with id "report-data", shows a summary, a paged, sortable and
// filterable table of clusters, and one cluster's details at #cluster/<id>.
// Builds every node with textContent: report strings are never parsed as HTML.
(function () {
  'use strict';

  var PAGE_SIZE = 100;
  var MEMBER_STEP = 200;
  var SEV_RANK = { high: 3, medium: 2, low: 1 };

  var report = JSON.parse(document.getElementById('report-data').textContent);
  var clusters = report.clusters || [];
  // Past a number of rows the page carries the clusters that need a look
  // first in full and the others as short entries (resolve/report/render
  // html.go): [id, name, size, countries, risk, [[code, severity, title]]].
  // They join the table as clusters without rows.
  var restEl = document.getElementById('report-rest'), rest = null;
  if (restEl) {
    rest = JSON.parse(restEl.textContent);
    // Few objects a short entry: a million of them must build in well under a second.
    var NONE = [], NO_RISK = { score: 0, outcome: 'no indicators' };
    rest.clusters.forEach(function (e) {
      clusters.push({ id: e[0], canonical_name: e[1], size: e[2], countries: e[3],
        risk: e[5].length || e[4] ? { score: e[4], outcome: e[5].length ? 'indicators present' : 'no indicators' } : NO_RISK,
        flags: e[5].length ? e[5].map(function (f) { return { code: f[0], severity: f[1], title: f[2] }; }) : NONE,
        short: true });
    });
  }
  var byID = new Map();
  clusters.forEach(function (c, i) { byID.set(c.id, i); });
  var changes = report.changes || null;

  // ---- small helpers ----
  function el(tag, attrs) {
    var n = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') n.textContent = v;
        else if (k === 'class') n.className = v;
        else if (k === 'onclick') n.addEventListener('click', v);
        else n.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(n, arguments[i]);
    return n;
  }
  function append(n, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { append(n, x); }); return; }
    n.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  function $(id) { return document.getElementById(id); }
  function list(a) { return Array.isArray(a) ? a : []; }
  function num(n) { return typeof n === 'number' ? n.toLocaleString('en') : '—'; }
  function score(x) { return typeof x === 'number' ? x.toFixed(2) : '—'; }
  function safeURL(u) { return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null; }
  function link(u, text) {
    var href = safeURL(u);
    if (!href) return el('span', { class: 'mono', text: text || u || '' });
    return el('a', { href: href, rel: 'noopener noreferrer nofollow', target: '_blank', text: text || u });
  }
  function clusterLink(id, text) {
    if (!byID.has(id)) return el('span', { class: 'mono', text: text || id });
    return el('a', { href: hashFor(id), text: text || id });
  }
  function kv(pairs) {
    var dl = el('dl', { class: 'kv' });
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === '' || (Array.isArray(p[1]) && !p[1].length)) return;
      dl.appendChild(el('dt', { text: p[0] }));
      dl.appendChild(el('dd', null, p[1]));
    });
    return dl;
  }
  function table(caption, headers, rows, numeric) {
    numeric = numeric || [];
    var t = el('table');
    if (caption) t.appendChild(el('caption', { text: caption }));
    var tr = el('tr');
    headers.forEach(function (h, i) { tr.appendChild(el('th', { scope: 'col', class: numeric.indexOf(i) >= 0 ? 'num' : null, text: h })); });
    t.appendChild(el('thead', null, tr));
    var tb = el('tbody');
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (v, i) { row.appendChild(el('td', { class: numeric.indexOf(i) >= 0 ? 'num' : null }, v)); });
      tb.appendChild(row);
    });
    t.appendChild(tb);
    return el('div', { class: 'scroll' }, t);
  }
  // Titles for the indicator codes the verify stage raises; a code not
  // listed here is shown with its underscores as spaces.
  var CODE_TITLES = {
    appears_in_offshore_leaks: 'Appears in offshore leaks',
    colocated_with_listed_party: 'Shares an address with a listed party',
    dissolved_or_struck_off: 'Dissolved or struck off',
    incorporated_after_2022_02_24: 'Incorporated after 24 February 2022',
    listed_party_lookalike: 'Name like a listed party',
    mass_registration_address: 'Address shared by many companies',
    no_web_presence: 'No web presence',
    not_found_in_registry: 'Not found in the registry',
    parked_domain: 'Website is a parked domain',
    recently_incorporated: 'Recently incorporated',
    residential_po_box_or_virtual_address: 'PO box, residential or virtual address',
    sanctions_hit: 'Sanctions list match',
    sanctions_possible_match: 'Possible sanctions list match',
    service_provider_address: 'Address of a company-formation agent',
    site_does_not_mention_company: 'Website does not mention the company',
    strike_off_proposed: 'Strike-off proposed'
  };
  function human(k) {
    k = String(k || '').replace(/_/g, ' ');
    return k.charAt(0).toUpperCase() + k.slice(1);
  }
  function codeTitle(code) { return CODE_TITLES[code] || human(code); }
  function badge(f) {
    return el('span', { class: 'badge sev-' + (SEV_RANK[f.severity] ? f.severity : 'low'), title: f.severity + ' severity', text: f.title || codeTitle(f.code) });
  }
  function outcome(risk) {
    var present = risk && risk.outcome === 'indicators present';
    return el('span', { class: present ? 'outcome-present' : 'outcome-none', text: risk && risk.outcome ? risk.outcome : 'no indicators' });
  }
  // Evidence is a map from the verify stage. It is shown as sentences and
  // tables: keys become labels, lists of records become rows, addresses
  // of web pages become links, and the names of the tool's own functions
  // in parentheses are left out.
  var EVIDENCE_LABELS = {
    listed_party: 'Listed party', listed_id: 'Listed ID', max_companies: 'Most companies at one address',
    threshold_min: 'Flagged from (companies)', threshold_high: 'High from (companies)', counted_in: 'Counted in',
    compared_at: 'Compared', score_needed: 'Score needed for a match', cluster_countries: 'Cluster countries',
    input_last_seen: 'Last seen in the input', names_searched: 'Names searched', companies_at_address: 'Companies at the address',
    first_seen: 'First seen in the input', incorporated_on: 'Incorporated', retrieved_at: 'Retrieved', url: 'Record',
    id: 'ID', programs: 'Programmes', topics: 'Lists', datasets: 'Datasets', normalised: 'Compared as', from: 'From'
  };
  function label(k) { return EVIDENCE_LABELS[k] || human(k); }
  function words(s) { return String(s).replace(/\s*\([a-z]+\.[A-Z][A-Za-z]*\)/g, ''); }
  function scalar(v, k) {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (typeof v === 'number') return Number.isInteger(v) ? num(v) : v.toFixed(2);
    if (Array.isArray(v)) return v.map(function (x, i) { return [i ? ', ' : '', scalar(x, k)]; });
    if (typeof v === 'object') return Object.keys(v).sort().map(function (x, i) { return [i ? '; ' : '', label(x) + ': ', scalar(v[x], x)]; });
    if (safeURL(v)) return link(v);
    return words(v);
  }
  function isRecordList(v) { return Array.isArray(v) && v.length > 0 && v.every(function (x) { return x && typeof x === 'object' && !Array.isArray(x); }); }
  function evidenceBlock(ev) {
    var keys = Object.keys(ev || {}).sort();
    var plain = keys.filter(function (k) { return !isRecordList(ev[k]) && !/_version$/.test(k); });
    var out = [];
    if (plain.length) out.push(kv(plain.map(function (k) { return [label(k), scalar(ev[k], k)]; })));
    keys.filter(function (k) { return isRecordList(ev[k]); }).forEach(function (k) {
      var rows = ev[k], cols = [];
      rows.forEach(function (r) { Object.keys(r).forEach(function (c) { if (cols.indexOf(c) < 0) cols.push(c); }); });
      out.push(table(label(k) + ' (' + rows.length + ')', cols.map(label),
        rows.slice(0, 200).map(function (r) { return cols.map(function (c) { return scalar(r[c], c); }); })));
    });
    var versions = keys.filter(function (k) { return /_version$/.test(k); });
    if (versions.length) out.push(el('p', { class: 'muted', text: versions.map(function (k) { return label(k) + ' ' + ev[k]; }).join(' \u00b7 ') }));
    return out;
  }
  function reasons(rs) {
    rs = list(rs);
    if (!rs.length) return el('span', { class: 'muted', text: 'no reasons recorded' });
    return el('ul', { class: 'reasons' }, rs.map(function (r) {
      var eff = typeof r.effect === 'number' ? r.effect : 0;
      return el('li', null,
        el('span', { class: 'reason-kind', text: human(r.kind) }), ': ', r.detail || '',
        (r.left || r.right) ? [' (', el('span', { class: 'mono', text: (r.left || '') + ' \u2194 ' + (r.right || '') }), ')'] : null,
        ' ', el('span', { class: eff >= 0 ? 'pos' : 'neg', text: (eff >= 0 ? '+' : '') + eff.toFixed(2) }));
    }));
  }

  // ---- index for the table ----
  var NO_CODES = [];
  var index = clusters.map(function (c, i) {
    if (c.short && !c.flags.length) {
      return { i: i, id: c.id || '', name: c.canonical_name || '', size: c.size || 0, countries: list(c.countries).join(', '),
        codes: NO_CODES, sev: 0, nflags: 0, sevs: NO_CODES, risk: c.risk.score || 0,
        search: ((c.canonical_name || '') + '\n' + (c.id || '')).toLowerCase() };
    }
    var flags = list(c.flags);
    var sev = 0, codes = [];
    flags.forEach(function (f) {
      sev = Math.max(sev, SEV_RANK[f.severity] || 0);
      if (codes.indexOf(f.code) < 0) codes.push(f.code);
    });
    // Search covers names, the cluster ID, and each row's ID, address and
    // carried columns.
    var names = [c.canonical_name || ''];
    list(c.variants).forEach(function (v) { names.push(v.name || ''); });
    list(c.members).forEach(function (m) {
      if (m.id) names.push(m.id);
      if (m.address) names.push(m.address);
      if (m.extra) Object.keys(m.extra).forEach(function (k) { if (m.extra[k]) names.push(m.extra[k]); });
    });
    return {
      i: i, id: c.id || '', name: c.canonical_name || '', size: c.size || 0,
      countries: list(c.countries).join(', '), codes: codes, sev: sev, nflags: flags.length,
      sevs: flags.map(function (f) { return f.severity; }),
      risk: c.risk && typeof c.risk.score === 'number' ? c.risk.score : 0,
      search: (names.join('\n') + '\n' + (c.id || '')).toLowerCase()
    };
  });

  var collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  var SORTS = {
    id: function (a, b) { return collator.compare(a.id, b.id); },
    name: function (a, b) { return collator.compare(a.name, b.name); },
    size: function (a, b) { return a.size - b.size; },
    countries: function (a, b) { return collator.compare(a.countries, b.countries); },
    flags: function (a, b) { return (a.sev - b.sev) || (a.nflags - b.nflags); },
    risk: function (a, b) { return a.risk - b.risk; }
  };
  var state = { q: '', code: '', sev: '', country: '', sort: 'risk', dir: -1, page: 0 };
  var view = index.slice();

  function applyFilters() {
    var q = state.q.trim().toLowerCase();
    var terms = q ? q.split(/\s+/) : [];
    view = index.filter(function (x) {
      for (var t = 0; t < terms.length; t++) if (x.search.indexOf(terms[t]) < 0) return false;
      if (state.code && x.codes.indexOf(state.code) < 0) return false;
      if (state.sev === 'any' && !x.nflags) return false;
      if (state.sev === 'none' && x.nflags) return false;
      if (SEV_RANK[state.sev] && x.sevs.indexOf(state.sev) < 0) return false;
      if (state.country && (', ' + x.countries + ',').indexOf(', ' + state.country + ',') < 0) return false;
      return true;
    });
    sortView();
  }
  function sortView() {
    var cmp = SORTS[state.sort], dir = state.dir;
    view.sort(function (a, b) {
      // Ties by size, then by ID compared as plain text: a collator here
      // costs seconds at a million clusters.
      return dir * cmp(a, b) || (b.size - a.size) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
  }

  // ---- summary ----
  // covOf is what each source did for cluster c (schema 2: a cluster carries
  // coverage only where it differs from the run's list).
  function covOf(c) { return Array.isArray(c.coverage) ? c.coverage : list((report.run || {}).coverage); }

  // bars is a small chart: one row a label, a bar and a count; choosing a
  // row applies its filter to the table.
  function bars(caption, rows) {
    var max = Math.max(1, Math.max.apply(null, rows.map(function (r) { return r.n; })));
    return el('figure', { class: 'chart' }, el('figcaption', { text: caption }),
      el('ul', null, rows.map(function (r) {
        var w = Math.max(2, Math.round(200 * r.n / max));
        var bar = el('span', { class: 'bar ' + (r.cls || ''), 'aria-hidden': 'true' });
        bar.style.width = (w / 2) + '%'; // CSSOM, which the page's CSP allows
        return el('li', null,
          el('button', { type: 'button', class: 'linkish ' + (r.cls || ''), onclick: r.pick, text: r.label }),
          el('span', { class: 'track' }, bar), el('span', { class: 'count', text: num(r.n) }));
      })));
  }

  function renderSummary() {
    var run = report.run || {}, input = run.input || {}, rows = run.rows || {}, s = report.summary || {};
    $('run-title').textContent = 'Input: ' + (input.path || 'unknown') + (run.id ? ' \u00b7 run ' + run.id : '');
    var flagged = index.filter(function (x) { return x.nflags; }).length;
    var cards = [
      ['Clusters with indicators', flagged], ['Clusters', index.length], ['Rows read', rows.read],
      ['Rows rejected', rows.rejected], ['Largest cluster', s.largest_cluster]
    ];
    var box = $('summary');
    if (rest) {
      box.appendChild(el('p', { id: 'short-note', class: 'panel' }, 'To open quickly, this page carries ', num(rest.inline_rows), ' input rows in full: the clusters with indicators first, riskiest first, then the largest. ',
        num(rest.clusters.length), ' other clusters (', num(rest.rows), ' rows) are listed by ID, name, size, countries and indicators only; the search finds them by name or ID, and the JSON and CSV outputs hold their rows.'));
    }
    box.appendChild(el('div', { class: 'cards' }, cards.map(function (c, k) {
      return el('div', { class: 'card' + (k === 0 && flagged ? ' card-flagged' : '') }, el('span', { class: 'n', text: num(c[1]) }), el('span', { class: 'l', text: c[0] }));
    })));

    // Clusters by their highest severity, and by indicator.
    var bySev = { high: 0, medium: 0, low: 0 }, byCode = {};
    index.forEach(function (x) {
      if (x.sev === 3) bySev.high++; else if (x.sev === 2) bySev.medium++; else if (x.sev === 1) bySev.low++;
      x.codes.forEach(function (c) { byCode[c] = (byCode[c] || 0) + 1; });
    });
    var charts = el('div', { class: 'cols' });
    if (!flagged) {
      charts.appendChild(el('p', { class: 'muted', text: 'No indicators were raised in this run.' }));
    } else {
      charts.appendChild(bars('Clusters by their most severe indicator', ['high', 'medium', 'low'].filter(function (k) { return bySev[k]; }).map(function (k) {
        return { label: human(k), n: bySev[k], cls: 'sev-' + k, pick: function () { setFilter({ sev: k }); } };
      })));
      charts.appendChild(bars('Clusters by indicator', Object.keys(byCode).sort(function (p, q) { return byCode[q] - byCode[p] || collator.compare(p, q); }).map(function (k) {
        return { label: codeTitle(k), n: byCode[k], pick: function () { setFilter({ code: k }); } };
      })));
    }
    box.appendChild(charts);

    // Sources used and what they covered.
    var srcs = list(run.sources);
    var cov = {};
    clusters.forEach(function (c) {
      covOf(c).forEach(function (x) {
        var m = cov[x.source] || (cov[x.source] = {});
        m[x.status] = (m[x.status] || 0) + 1;
      });
    });
    var used = srcs.filter(function (x) { return x.enabled; }), unused = srcs.filter(function (x) { return !x.enabled; });
    var srcSec = el('section', { 'aria-labelledby': 'h-sources' }, el('h3', { id: 'h-sources', text: 'Sources used and their coverage' }));
    if (!used.length) srcSec.appendChild(el('p', { class: 'muted', text: 'No verification source was used in this run: indicators that need a registry could not be raised.' }));
    else {
      srcSec.appendChild(table('Clusters each source found, did not find, skipped or failed on', ['Source', 'Found', 'Not found', 'Skipped', 'Failed', 'Calls', 'Cache hits', 'Note'],
        used.map(function (x) {
          var m = cov[x.name] || {};
          return [x.name, num(m.found || 0), num(m.not_found || 0), num(m.skipped || 0), num(m.failed || 0), num(x.calls), num(x.cache_hits), x.note || ''];
        }), [1, 2, 3, 4, 5, 6]));
    }
    if (unused.length) {
      srcSec.appendChild(el('p', { class: 'muted' }, 'Not used: ', unused.map(function (x, k) { return [k ? '; ' : '', x.name + (x.note ? ' (' + x.note + ')' : '')]; }), '.'));
    }
    var ver = s.verification;
    if (ver) srcSec.appendChild(el('p', null, 'Verification ', el('strong', { text: human(ver.outcome || '') }),
      ver.clusters_incomplete ? ': ' + num(ver.clusters_incomplete) + ' clusters incomplete' : '',
      list(ver.sources_failed).length ? ' (failed: ' + ver.sources_failed.join(', ') + ')' : '', '.'));
    box.appendChild(srcSec);
    if (report.judgements) box.appendChild(renderJudgements(report.judgements));
    if (changes) box.appendChild(renderChanges());

    // Run metadata, folded away.
    var meta = $('run-meta');
    meta.appendChild(kv([
      ['Tool', (run.tool || '') + ' ' + (run.version || '')], ['Run ID', run.id], ['Started', run.started_at],
      ['Finished', run.finished_at], ['Input file', input.path], ['SHA-256', el('span', { class: 'mono', text: input.sha256 || '' })],
      ['Format', input.format], ['Encoding', input.encoding], ['Columns', list(input.columns).join(', ')],
      ['Rows clustered', num(rows.clustered)], ['Rows ignored', num(rows.ignored)], ['Singletons', num(s.singletons)],
      ['Candidate pairs', num(s.candidate_pairs)],
      ['Config digest', el('span', { class: 'mono', text: run.config_digest || '' })],
      ['Schema version', String(report.schema_version)]
    ]));
    if (srcs.length) {
      meta.appendChild(table('What each verification source did in this run',
        ['Source', 'Enabled', 'Calls', 'Cache hits', 'Skipped', 'Failed', 'Note'],
        srcs.map(function (x) { return [x.name, x.enabled ? 'yes' : 'no', num(x.calls), num(x.cache_hits), num(x.skipped), num(x.failed), x.note || '']; }),
        [2, 3, 4, 5]));
    }
    if (run.reuse) {
      var ru = run.reuse;
      meta.appendChild(el('h3', { text: 'Reused from the previous run' }));
      meta.appendChild(kv([['Previous run', ru.previous_run_id], ['Names new / reused', num(ru.names_new) + ' / ' + num(ru.names_reused)],
        ['Pairs scored / reused', num(ru.pairs_scored) + ' / ' + num(ru.pairs_reused)],
        ['Clusters verified / reused', num(ru.clusters_verified) + ' / ' + num(ru.clusters_reused)]]));
    }
    var rej = list(report.rejected_rows);
    if (rej.length) {
      var shown = rej.slice(0, 500);
      meta.appendChild(el('details', null,
        el('summary', { text: 'Rejected rows (' + num(rej.length) + ')' }),
        rej.length > shown.length ? el('p', { class: 'muted', text: 'First ' + shown.length + ' shown; the CSV output lists them all.' }) : null,
        table('Input rows that could not be used', ['Row', 'Column', 'Reason', 'Raw'],
          shown.map(function (r) { return [String(r.row), r.column || '', r.reason || '', el('span', { class: 'mono', text: r.raw || '' })]; }), [0])));
    }
  }

  function renderJudgements(j) {
    var sec = el('section', { id: 'judgements', 'aria-labelledby': 'h-judgements' }, el('h3', { id: 'h-judgements', text: 'Investigators\u2019 decisions applied' }));
    sec.appendChild(el('p', null, num(j.applied || 0) + ' decisions from ', el('span', { class: 'mono', text: j.file || '' }), ' were applied in this run.'));
    if (list(j.conflicts).length) sec.appendChild(el('div', null, el('p', { text: 'Decisions that contradict each other (the \u201cdifferent\u201d one wins):' }),
      el('ul', null, j.conflicts.map(function (x) { return el('li', { text: x }); }))));
    if (list(j.unresolved).length) sec.appendChild(el('div', null, el('p', { text: 'Decisions naming a cluster no run had:' }),
      el('ul', null, j.unresolved.map(function (x) { return el('li', { text: x }); }))));
    return sec;
  }

  function renderChanges() {
    var c = changes;
    var sec = el('details', { id: 'changes' }, el('summary', { text: 'Changes since run ' + (c.previous_run_id || '(unknown)') }));
    var counts = [['New clusters', list(c.new_clusters).length], ['Removed clusters', list(c.removed_clusters).length],
      ['Merged', list(c.merged).length], ['Split', list(c.split).length], ['New indicators', list(c.new_flags).length],
      ['Cleared indicators', list(c.cleared_flags).length], ['Registry status changes', list(c.status_changes).length]];
    sec.appendChild(el('div', { class: 'cards' }, counts.map(function (x) {
      return el('div', { class: 'card' }, el('span', { class: 'n', text: num(x[1]) }), el('span', { class: 'l', text: x[0] }));
    })));
    function ids(a) { return list(a).slice(0, 200).map(function (id, k) { return [k ? ', ' : '', clusterLink(id)]; }); }
    if (list(c.new_clusters).length) sec.appendChild(el('p', null, 'New clusters: ', ids(c.new_clusters)));
    if (list(c.removed_clusters).length) sec.appendChild(el('p', null, 'Removed clusters: ', ids(c.removed_clusters)));
    var moves = list(c.merged).map(function (m) { return ['merged', ids(m.from), ids(m.to)]; })
      .concat(list(c.split).map(function (m) { return ['split', ids(m.from), ids(m.to)]; }));
    if (moves.length) sec.appendChild(table('Clusters merged or split', ['Change', 'From', 'To'], moves.slice(0, 500)));
    var fl = list(c.new_flags).map(function (f) { return ['new', clusterLink(f.cluster_id), codeTitle(f.code)]; })
      .concat(list(c.cleared_flags).map(function (f) { return ['cleared', clusterLink(f.cluster_id), codeTitle(f.code)]; }));
    if (fl.length) sec.appendChild(table('Indicators that appeared or cleared', ['Change', 'Cluster', 'Indicator'], fl.slice(0, 500)));
    var st = list(c.status_changes).map(function (s) { return [clusterLink(s.cluster_id), s.source, s.record_id, s.from, s.to]; });
    if (st.length) sec.appendChild(table('Registry status changes', ['Cluster', 'Source', 'Record', 'From', 'To'], st.slice(0, 500)));
    return sec;
  }

  // ---- clusters table ----
  function fillFilterOptions() {
    var codes = {}, countries = {};
    index.forEach(function (x) {
      x.codes.forEach(function (c) { codes[c] = (codes[c] || 0) + 1; });
      list(clusters[x.i].countries).forEach(function (c) { countries[c] = (countries[c] || 0) + 1; });
    });
    Object.keys(codes).sort().forEach(function (c) {
      $('f-code').appendChild(el('option', { value: c, text: codeTitle(c) + ' (' + codes[c] + ')' }));
    });
    Object.keys(countries).sort().forEach(function (c) {
      $('f-country').appendChild(el('option', { value: c, text: c + ' (' + countries[c] + ')' }));
    });
  }

  function renderTable() {
    var pages = Math.max(1, Math.ceil(view.length / PAGE_SIZE));
    if (state.page >= pages) state.page = pages - 1;
    var start = state.page * PAGE_SIZE;
    var rows = view.slice(start, start + PAGE_SIZE);
    var tb = el('tbody', { id: 'cluster-rows' });
    rows.forEach(function (x) {
      var c = clusters[x.i];
      var chk = review.checked[x.id] || c.checked;
      tb.appendChild(el('tr', { 'data-id': x.id, class: chk ? 'checked' : null },
        el('td', { class: 'mono', 'data-label': 'ID' }, x.id),
        el('td', { 'data-label': 'Name' }, el('a', { href: hashFor(x.id), text: x.name || '(no name)' }),
          chk ? el('span', { class: 'muted', text: ' \u2713 checked' + (c.checked && c.checked.members_changed ? ', changed since' : '') }) : null),
        el('td', { class: 'num', 'data-label': 'Size', text: String(x.size) }),
        el('td', { 'data-label': 'Countries', text: x.countries }),
        el('td', { 'data-label': 'Indicators' }, list(c.flags).map(badge)),
        el('td', { class: 'num', 'data-label': 'Risk' }, score(x.risk), ' ', outcome(c.risk))));
    });
    if (!rows.length) {
      tb.appendChild(el('tr', null, el('td', { colspan: '6', class: 'muted', text: 'No cluster matches these filters.' })));
    }
    $('cluster-rows').replaceWith(tb);
    var msg = num(view.length) + ' of ' + num(index.length) + ' clusters' +
      (view.length ? ', showing ' + num(start + 1) + '\u2013' + num(start + rows.length) : '');
    $('result-count').textContent = msg;
    syncURL();
    $('page-info').textContent = 'Page ' + (state.page + 1) + ' of ' + pages;
    $('prev').disabled = state.page === 0;
    $('next').disabled = state.page >= pages - 1;
    document.querySelectorAll('#clusters-table th[data-sort]').forEach(function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-sort') === state.sort ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }

  // ---- the view in the URL ----------------------------------------------
  // The hash holds the filters, the sort, the page and the open cluster:
  // #q=harbour&sev=high&sort=-risk&page=2&cluster=C0001. #cluster/<id>, the
  // form of earlier reports, still opens a cluster.
  var DEFAULT_SORT = 'risk', openID = null;
  function stateHash(id) {
    var p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    if (state.code) p.set('code', state.code);
    if (state.sev) p.set('sev', state.sev);
    if (state.country) p.set('country', state.country);
    if (state.sort !== DEFAULT_SORT || state.dir !== -1) p.set('sort', (state.dir < 0 ? '-' : '') + state.sort);
    if (state.page) p.set('page', String(state.page + 1));
    if (id) p.set('cluster', id);
    var h = p.toString();
    return h ? '#' + h : '#clusters';
  }
  function hashFor(id) { return stateHash(id); }
  function syncURL() {
    if (!urlReady) return;
    var h = stateHash(openID);
    // No hash stays none: #clusters would scroll past the summary.
    if (h === '#clusters' && location.hash === '') return;
    if (location.hash !== h) history.replaceState(null, '', h);
  }
  function readHash() {
    var h = location.hash.replace(/^#/, '');
    var m = /^cluster\/(.+)$/.exec(h);
    if (m) { try { return { cluster: decodeURIComponent(m[1]) }; } catch (e) { return { cluster: null }; } }
    if (h === 'clusters' || h.indexOf('=') < 0) return {};
    var p = new URLSearchParams(h), out = { cluster: p.get('cluster') };
    out.q = p.get('q') || ''; out.code = p.get('code') || ''; out.sev = p.get('sev') || ''; out.country = p.get('country') || '';
    var so = p.get('sort') || '';
    out.dir = so.charAt(0) === '-' || !so ? -1 : 1;
    out.sort = SORTS[so.replace(/^-/, '')] ? so.replace(/^-/, '') : DEFAULT_SORT;
    out.page = Math.max(0, (parseInt(p.get('page'), 10) || 1) - 1);
    return out;
  }
  // applyHash takes the filters of the URL into the form and the table;
  // it returns the cluster to open, if any.
  function applyHash() {
    var h = readHash();
    if ('q' in h) {
      var changed = ['q', 'code', 'sev', 'country', 'sort', 'dir', 'page'].some(function (k) { return state[k] !== h[k]; });
      if (changed) {
        ['q', 'code', 'sev', 'country', 'sort', 'dir', 'page'].forEach(function (k) { state[k] = h[k]; });
        $('f-name').value = state.q; $('f-code').value = state.code; $('f-sev').value = state.sev; $('f-country').value = state.country;
        var page = state.page;
        applyFilters(); state.page = page; renderTable();
      }
    }
    return h.cluster || null;
  }
  // setFilter is what the summary's charts call: filter the table, show it.
  function setFilter(f) {
    state.q = ''; state.code = f.code || ''; state.sev = f.sev || ''; state.country = '';
    $('f-name').value = ''; $('f-code').value = state.code; $('f-sev').value = state.sev; $('f-country').value = '';
    state.page = 0; applyFilters(); renderTable();
    $('h-clusters').scrollIntoView();
  }

  function wireTable() {
    var timer = null;
    $('f-name').addEventListener('input', function (e) {
      clearTimeout(timer);
      var v = e.target.value;
      timer = setTimeout(function () { state.q = v; state.page = 0; applyFilters(); renderTable(); }, 120);
    });
    [['f-code', 'code'], ['f-sev', 'sev'], ['f-country', 'country']].forEach(function (p) {
      $(p[0]).addEventListener('change', function (e) { state[p[1]] = e.target.value; state.page = 0; applyFilters(); renderTable(); });
    });
    document.querySelectorAll('#clusters-table th[data-sort] button').forEach(function (b) {
      b.addEventListener('click', function () {
        var key = b.parentNode.getAttribute('data-sort');
        if (state.sort === key) state.dir = -state.dir;
        else { state.sort = key; state.dir = (key === 'id' || key === 'name' || key === 'countries') ? 1 : -1; }
        state.page = 0; sortView(); renderTable();
      });
    });
    $('prev').addEventListener('click', function () { if (state.page > 0) { state.page--; renderTable(); } });
    $('next').addEventListener('click', function () { state.page++; renderTable(); });
  }

  // ---- cluster details ----
  function memberRows(c, upto) {
    return list(c.members).slice(0, upto).map(function (m) {
      var ev = m.evidence;
      var why;
      if (!ev) why = el('span', { class: 'muted', text: 'seed or exact repeat of the name' });
      else {
        why = el('div', null,
          el('div', null, 'linked to row ', String(ev.linked_to_row), ' \u201c', ev.linked_to_name || '', '\u201d, score ', score(ev.score)),
          ev.judgement ? el('div', null, 'investigator judgement: ', el('strong', { text: ev.judgement })) : null,
          reasons(ev.reasons));
      }
      var extra = m.extra ? Object.keys(m.extra).sort().map(function (k) { return el('div', null, el('span', { class: 'muted', text: k + ': ' }), m.extra[k]); }) : [];
      return [String(m.row), el('span', { class: 'mono', text: m.id || '' }), m.name || '', m.country || '', m.address || '', m.date || '', extra, why, splitButton(c, m)];
    });
  }

  function renderDetails(i) {
    var c = clusters[i];
    var box = $('details-body');
    box.textContent = '';
    var flags = list(c.flags);
    box.appendChild(el('h2', { id: 'details-title', tabindex: '-1', text: c.canonical_name || c.id }));
    box.appendChild(kv([
      ['Cluster ID', el('span', { class: 'mono', text: c.id })], ['Rows', num(c.size)],
      ['Countries', list(c.countries).join(', ')],
      ['Risk score', [score(c.risk && c.risk.score), ' \u2014 ', outcome(c.risk)]],
      ['Indicators', flags.length ? flags.map(badge) : 'none']
    ]));
    if (c.short) {
      box.appendChild(el('p', { class: 'panel short', text: 'This page lists this cluster by name only, to open quickly: its ' + num(c.size) +
        ' rows, evidence and registry matches are in the JSON and CSV outputs of the run.' }));
      box.appendChild(reviewPanel(c));
      return;
    }
    if (c.checked) box.appendChild(checkedPanel(c.checked));
    box.appendChild(reviewPanel(c));

    box.appendChild(el('h3', { text: 'Indicators' }));
    if (!flags.length) box.appendChild(el('p', { class: 'muted', text: 'No indicators present.' }));
    flags.forEach(function (f) {
      var ev = f.evidence || {};
      box.appendChild(el('div', { class: 'flag sev-' + (SEV_RANK[f.severity] ? f.severity : 'low') },
        el('h4', null, f.title || codeTitle(f.code), ' ', el('span', { class: 'badge', text: f.severity + ' severity' })),
        el('div', { class: 'body' },
          evidenceBlock(ev),
          list(f.sources).length ? el('div', null, 'Sources: ', list(f.sources).map(function (u, k) { return [k ? ', ' : '', link(u)]; })) : null,
          f.caveat ? el('p', { class: 'caveat', text: 'Caveat: ' + f.caveat }) : null)));
    });


    box.appendChild(el('h3', { text: 'Names' }));
    box.appendChild(table('Distinct spellings of the name and how often each occurs', ['Name', 'Rows', 'Normalised', 'Legal form'],
      list(c.variants).map(function (v) { return [v.name, num(v.count), el('span', { class: 'mono', text: v.normalised || '' }), v.legal_form || '']; }), [1]));

    box.appendChild(el('h3', { text: 'Input rows and why they were merged' }));
    var members = list(c.members);
    var upto = Math.min(MEMBER_STEP, members.length);
    var holder = el('div', { id: 'members' });
    var more = el('button', { class: 'btn', type: 'button' });
    function drawMembers() {
      holder.textContent = '';
      holder.appendChild(table('Rows of the input file in this cluster (' + num(members.length) + ')',
        ['Row', 'ID', 'Name', 'Country', 'Address', 'Date', 'Carried columns', 'Why it is in this cluster', 'Review'], memberRows(c, upto), [0]));
      more.hidden = upto >= members.length;
      more.textContent = 'Show ' + Math.min(MEMBER_STEP, members.length - upto) + ' more of ' + num(members.length - upto) + ' remaining rows';
    }
    more.addEventListener('click', function () { upto = Math.min(upto + MEMBER_STEP, members.length); drawMembers(); });
    drawMembers();
    box.appendChild(holder);
    box.appendChild(more);

    box.appendChild(el('h3', { text: 'Registry matches' }));
    var rm = list(c.registry_matches);
    if (!rm.length) box.appendChild(el('p', { class: 'muted', text: 'No registry record matched.' }));
    rm.forEach(function (m) {
      var r = m.record || {};
      box.appendChild(el('div', { class: 'panel registry-match' },
        el('h4', null, link(r.url, r.name || r.id), ' ', el('span', { class: 'muted', text: '(' + m.source + ', score ' + score(m.score) + ')' })),
        kv([
          ['Record ID', el('span', { class: 'mono', text: r.id || '' })], ['Record', r.url ? link(r.url) : null],
          ['Other names', list(r.other_names).join('; ')], ['Jurisdiction', r.jurisdiction], ['Legal form', r.legal_form],
          ['Status', r.status], ['Incorporated', r.incorporated_on], ['Dissolved', r.dissolved_on],
          ['Registered address', r.registered_address], ['Head office', r.head_office_address],
          ['Identifiers', list(r.identifiers).map(function (x) { return el('div', { class: 'mono', text: x.scheme + ': ' + x.value }); })],
          ['Officers', list(r.officers).map(function (o) { return el('div', { text: o.name + ' (' + o.role + ')' }); })],
          ['Websites', list(r.websites).map(function (u) { return el('div', null, link(u)); })],
          ['Topics', list(r.topics).join(', ')], ['Datasets', list(r.datasets).join(', ')], ['Retrieved', r.retrieved_at],
          ['Why it matched', reasons(m.reasons)]
        ])));
    });

    box.appendChild(el('h3', { text: 'Coverage' }));
    // Schema 2: a cluster carries coverage only where it differs from the run's.
    var cov = Array.isArray(c.coverage) ? c.coverage : list((report.run || {}).coverage);
    box.appendChild(cov.length ? table('What each source did for this cluster', ['Source', 'Status', 'Reason'],
      cov.map(function (x) { return [x.source, human(x.status), x.reason || '']; })) : el('p', { class: 'muted', text: 'No source was asked about this cluster.' }));

    box.appendChild(el('h3', { text: 'Web findings' }));
    var web = list(c.web);
    if (!web.length) box.appendChild(el('p', { class: 'muted', text: 'No website was checked.' }));
    web.forEach(function (w) {
      var dns = w.dns ? [list(w.dns.a).length ? 'A ' + w.dns.a.join(' ') : '', list(w.dns.aaaa).length ? 'AAAA ' + w.dns.aaaa.join(' ') : '',
        list(w.dns.ns).length ? 'NS ' + w.dns.ns.join(' ') : '', w.dns.cname ? 'CNAME ' + w.dns.cname : ''].filter(Boolean).join(' \u00b7 ') : '';
      box.appendChild(el('div', { class: 'panel web-site' },
        el('h4', null, link(w.url), ' ', el('span', { class: 'muted', text: '(' + w.status + ')' })),
        kv([['From', w.from], ['HTTP status', w.http_status ? String(w.http_status) : ''], ['Final URL', w.final_url ? link(w.final_url) : null],
          ['TLS', w.tls ? 'yes' : 'no'], ['DNS', dns], ['Parked', w.parked ? 'yes' + (w.parked_reason ? ': ' + w.parked_reason : '') : 'no'],
          ['Pages fetched', String(w.pages_fetched || 0)], ['Error', w.error], ['Checked', w.checked_at],
          ['Mentions', list(w.mentions).map(function (m) { return el('div', null, el('span', { class: 'muted', text: m.what + ' on ' }), link(m.page), ': \u201c', m.text, '\u201d'); })]])));
    });

    box.appendChild(el('h3', { text: 'Changes since the last run' }));
    box.appendChild(clusterChanges(c.id));
  }

  function clusterChanges(id) {
    if (!changes) return el('p', { class: 'muted', text: 'This report has no previous run to compare with.' });
    var items = [];
    if (list(changes.new_clusters).indexOf(id) >= 0) items.push('New in this run.');
    list(changes.merged).forEach(function (m) {
      if (list(m.to).indexOf(id) >= 0) items.push(['Merged from ', list(m.from).join(', '), '.']);
      if (list(m.from).indexOf(id) >= 0) items.push(['Merged into ', list(m.to).map(function (x, k) { return [k ? ', ' : '', clusterLink(x)]; }), '.']);
    });
    list(changes.split).forEach(function (m) {
      if (list(m.to).indexOf(id) >= 0) items.push(['Split from ', list(m.from).join(', '), ' (now also ', list(m.to).filter(function (x) { return x !== id; }).map(function (x, k) { return [k ? ', ' : '', clusterLink(x)]; }), ').']);
    });
    list(changes.new_flags).forEach(function (f) { if (f.cluster_id === id) items.push(['New indicator: ', codeTitle(f.code), '.']); });
    list(changes.cleared_flags).forEach(function (f) { if (f.cluster_id === id) items.push(['Indicator cleared: ', codeTitle(f.code), '.']); });
    list(changes.status_changes).forEach(function (s) {
      if (s.cluster_id === id) items.push(['Registry status at ' + s.source + ' (record ' + s.record_id + ') changed from ', el('strong', { text: s.from || '?' }), ' to ', el('strong', { text: s.to || '?' }), '.']);
    });
    if (!items.length) return el('p', { class: 'muted', text: 'No change since run ' + (changes.previous_run_id || '') + '.' });
    return el('ul', { class: 'cluster-changes' }, items.map(function (x) { return el('li', null, x); }));
  }

  // ---- review ----
  // An investigator's decisions, kept in the page (and in the browser's
  // storage for this run) until downloaded as a judgements file in the
  // format `resolve --judgements` reads: CSV with the header kind,a,b,note.
  // "Not this company" is a "different" decision between the row's name and
  // the cluster's name; "same company" a "same" decision between the two
  // clusters' names; "checked" is checked,CLUSTER_ID,RUN_ID,note.
  var storeKey = 'resolve-review:' + ((report.run || {}).id || (report.run && report.run.input && report.run.input.sha256) || '');
  var review = { decisions: [], checked: {} };
  try {
    var saved = JSON.parse(window.localStorage.getItem(storeKey) || 'null');
    if (saved && Array.isArray(saved.decisions)) review = { decisions: saved.decisions, checked: saved.checked || {} };
  } catch (e) { /* storage unavailable: decisions live as long as the page */ }
  function saveReview() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(review)); } catch (e) { /* see above */ }
    renderReviewBar();
  }
  function fold(x) { return String(x || '').toLowerCase().replace(/\s+/g, ' ').trim(); }
  function noteValue() { var n = $('review-note'); return n ? n.value.trim() : ''; }
  function addDecision(d) {
    review.decisions.push(d);
    saveReview();
    if ($('review-note')) $('review-note').value = '';
    var st = $('review-status');
    if (st) st.textContent = 'Recorded: ' + describe(d) + '. Download the judgements file from the overview when you are done.';
  }
  function describe(d) {
    if (d.kind === 'checked') return 'cluster ' + d.a + ' checked';
    if (d.kind === 'different') return '\u201c' + d.a + '\u201d is not \u201c' + d.b + '\u201d';
    return '\u201c' + d.a + '\u201d and \u201c' + d.b + '\u201d are the same company';
  }
  // otherName is a name of cluster c other than name, to set a row apart from.
  function otherName(c, name) {
    var names = [c.canonical_name || ''].concat(list(c.variants).map(function (v) { return v.name || ''; }));
    for (var i = 0; i < names.length; i++) if (names[i] && fold(names[i]) !== fold(name)) return names[i];
    return null;
  }
  function splitButton(c, m) {
    var other = otherName(c, m.name);
    if (!other) return el('span', { class: 'muted', text: 'only spelling of the cluster' });
    return el('button', { class: 'btn split', type: 'button', 'data-row': String(m.row), text: 'Not this company',
      'aria-label': 'Row ' + m.row + ' is not this company', title: 'Every row named \u201c' + m.name + '\u201d is set apart from \u201c' + other + '\u201d',
      onclick: function () { addDecision({ kind: 'different', a: m.name, b: other, note: noteValue(), cluster: c.id, row: m.row }); } });
  }
  function checkedPanel(ch) {
    var now = ch.unknown ? 'its members then are unknown'
      : !ch.members_changed ? 'its members are the same'
      : 'its members changed since' + (ch.added ? '; joined: ' + ch.added.join('; ') : '') + (ch.removed ? '; left: ' + ch.removed.join('; ') : '');
    return el('p', { class: 'panel', id: 'checked-note' }, '\u2713 Checked' + (ch.cluster ? ' as part of ' + ch.cluster : '') +
      (ch.reviewed_run ? ' in run ' + ch.reviewed_run + (ch.reviewed_at ? ' (' + ch.reviewed_at.slice(0, 10) + ')' : '') : '') +
      (ch.note ? ': \u201c' + ch.note + '\u201d' : '') + ' (' + ch.judgement + '); ' + now + '.');
  }
  function reviewPanel(c) {
    var input = el('input', { id: 'merge-with', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'cluster ID, e.g. C0002' });
    var panel = el('section', { class: 'panel review', 'aria-labelledby': 'h-review' },
      el('h3', { id: 'h-review', text: 'Review' }),
      el('label', { for: 'review-note', text: 'Note kept with your next decision' }),
      el('textarea', { id: 'review-note', rows: '2' }),
      el('div', { class: 'review-actions' },
        el('button', { class: 'btn', id: 'mark-checked', type: 'button', text: review.checked[c.id] ? 'Checked \u2713 (mark again)' : 'Mark checked',
          onclick: function () {
            review.checked[c.id] = noteValue() || true;
            addDecision({ kind: 'checked', a: c.id, b: (report.run || {}).id || '', note: noteValue(), cluster: c.id });
            $('mark-checked').textContent = 'Checked \u2713 (mark again)';
          } }),
        el('label', { for: 'merge-with', class: 'inline', text: 'Same company as' }), input,
        el('button', { class: 'btn', id: 'merge', type: 'button', text: 'Mark same company',
          onclick: function () {
            var v = input.value.trim(), other = byID.has(v) ? clusters[byID.get(v)] : null;
            if (!other) {
              var f = fold(v);
              for (var i = 0; i < clusters.length && !other; i++) if (fold(clusters[i].canonical_name) === f) other = clusters[i];
            }
            if (!other || other.id === c.id) { $('review-status').textContent = v ? 'No other cluster with the ID or name \u201c' + v + '\u201d.' : 'Give the other cluster\u2019s ID or name.'; return; }
            if (fold(other.canonical_name) === fold(c.canonical_name)) { $('review-status').textContent = 'The two clusters have the same name; give the rows\u2019 names to the judge command instead.'; return; }
            addDecision({ kind: 'same', a: c.canonical_name, b: other.canonical_name, note: noteValue(), cluster: c.id, other: other.id });
          } })),
      el('p', { id: 'review-status', class: 'status', role: 'status', 'aria-live': 'polite' }));
    return panel;
  }
  function csvField(v) {
    v = String(v === undefined || v === null ? '' : v);
    return /[",\r\n#]|^\s|\s$/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function judgementsFile() {
    var run = report.run || {};
    var lines = ['# judgements from the review of run ' + (run.id || '(no id)') + ' of ' + ((run.input || {}).path || 'the input') + '; apply with: resolve --judgements FILE',
      'kind,a,b,note'];
    review.decisions.forEach(function (d) {
      lines.push([d.kind, d.a, d.b, d.note].map(csvField).join(','));
    });
    return lines.join('\n') + '\n';
  }
  function download() {
    var blob = new Blob([judgementsFile()], { type: 'text/csv' });
    var a = el('a', { href: URL.createObjectURL(blob), download: 'judgements.csv' });
    document.body.appendChild(a);
    a.click();
    a.remove(); // a nameless link left in the page would fail the accessibility check
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  // ---- sending decisions to resolve serve (see doc.go) -----------------
  var serviceKey = 'resolve-review-service';
  function serviceURL(v) {
    var u;
    try { u = new URL(v); } catch (e) { return null; }
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost')) return null;
    if (!/\/$/.test(u.pathname)) u.pathname += '/';
    return u;
  }
  function postStatus(t) { $('post-status').textContent = t; }
  function postOne(endpoint, token, d) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(endpoint, { method: 'POST', mode: 'cors', credentials: 'omit', cache: 'no-store', redirect: 'error', headers: headers,
      body: JSON.stringify({ kind: d.kind, a: d.a, b: d.b, note: d.note || '' }) })
      .then(function (resp) {
        return resp.json().catch(function () { return {}; }).then(function (body) { return { status: resp.status, body: body || {} }; });
      });
  }
  function postDecisions() {
    var u = serviceURL($('service-url').value.trim());
    if (!u) { postStatus('Give the address of resolve serve on this machine, e.g. http://127.0.0.1:8080/'); return; }
    try { window.localStorage.setItem(serviceKey, u.href); } catch (e) { /* storage unavailable */ }
    var token = $('service-token').value.trim();
    var todo = review.decisions.filter(function (d) { return (d.kind === 'same' || d.kind === 'different') && !d.posted; });
    var kept = review.decisions.filter(function (d) { return d.kind === 'checked'; }).length;
    if (!todo.length) { postStatus('No decision to send.'); return; }
    var endpoint = new URL('judgements', u).href, sent = 0, refused = 0, stop = '';
    $('post-judgements').disabled = true;
    postStatus('Sending\u2026');
    var chain = Promise.resolve();
    todo.forEach(function (d) {
      chain = chain.then(function () {
        if (stop) return null;
        return postOne(endpoint, token, d).then(function (r) {
          if (r.status === 201) { d.posted = true; delete d.postError; sent++; return; }
          if (r.status === 401) { stop = 'Give the service\u2019s token.'; return; }
          if (r.status === 404) { stop = 'Start the service with --judgements FILE.'; return; }
          refused++;
          d.postError = r.status === 409 ? 'contradicts ' + list(r.body.conflicts).join('; ') : (r.body.error || 'HTTP ' + r.status);
        });
      });
    });
    chain.catch(function (e) {
      stop = 'No answer (' + e.message + '): is resolve serve running there with --allow-origin ' + (location.protocol === 'file:' ? 'null' : location.origin) + '?';
    }).then(function () {
      $('post-judgements').disabled = false;
      saveReview();
      var parts = [num(sent) + ' recorded by the service'];
      if (refused) parts.push(num(refused) + ' refused (see the list)');
      if (kept) parts.push(num(kept) + ' \u201cchecked\u201d for the download only');
      postStatus(parts.join('; ') + '.' + (stop ? ' ' + stop : ''));
    });
  }
  (function () {
    var saved = null;
    try { saved = window.localStorage.getItem(serviceKey); } catch (e) { /* storage unavailable */ }
    if (saved) $('service-url').value = saved;
    $('post-judgements').addEventListener('click', postDecisions);
  })();
  function renderReviewBar() {
    var bar = $('review-bar');
    bar.textContent = '';
    var n = review.decisions.length;
    bar.appendChild(el('p', null, n ? num(n) + (n === 1 ? ' decision' : ' decisions') + ' in this review. ' : 'No review decision yet: open a cluster to mark a row \u201cnot this company\u201d, two clusters the same, or a cluster checked. ',
      el('button', { class: 'btn', id: 'download-judgements', type: 'button', disabled: !n, text: 'Download judgements file', onclick: download }), ' ',
      el('button', { class: 'btn', id: 'show-uncertain', type: 'button', 'aria-expanded': String(!$('uncertain').hidden), text: 'Uncertain links',
        onclick: function () { $('uncertain').hidden = !$('uncertain').hidden; if (!$('uncertain').hidden) renderUncertain(); renderReviewBar(); } })));
    if (n) {
      bar.appendChild(el('ul', { id: 'decisions' }, review.decisions.map(function (d, k) {
        return el('li', null, clusterLink(d.cluster), ': ', describe(d), d.note ? ' \u2014 ' + d.note : '',
          d.posted ? el('span', { class: 'muted posted', text: ' (recorded by the service)' }) : null,
          d.postError ? el('span', { class: 'post-error', text: ' (not recorded by the service: ' + d.postError + ')' }) : null, ' ',
          el('button', { class: 'btn small', type: 'button', text: 'Remove', 'aria-label': 'Remove decision ' + (k + 1),
            onclick: function () {
              var x = review.decisions.splice(k, 1)[0];
              if (x && x.kind === 'checked' && !review.decisions.some(function (y) { return y.kind === 'checked' && y.a === x.a; })) delete review.checked[x.a];
              saveReview();
            } }));
      })));
    }
  }
  // Uncertain links: the links with the lowest scores, and those made
  // although a part of the score was against them.
  var UNCERTAIN_MAX = 200;
  function renderUncertain() {
    var links = [];
    clusters.forEach(function (c) {
      list(c.members).forEach(function (m) {
        var ev = m.evidence;
        if (!ev || ev.judgement || typeof ev.score !== 'number') return;
        var against = list(ev.reasons).filter(function (r) { return typeof r.effect === 'number' && r.effect < 0; });
        links.push({ c: c, m: m, ev: ev, against: against });
      });
    });
    links.sort(function (p, q) { return (q.against.length ? 1 : 0) - (p.against.length ? 1 : 0) || p.ev.score - q.ev.score; });
    var box = $('uncertain');
    box.textContent = '';
    box.appendChild(el('h3', { text: 'Uncertain links' }));
    if (!links.length) { box.appendChild(el('p', { class: 'muted', text: 'No row was linked by a score.' })); return; }
    box.appendChild(table('Links made although a reason was against them first, then the lowest scores (' + num(Math.min(UNCERTAIN_MAX, links.length)) + ' of ' + num(links.length) + ')',
      ['Cluster', 'Row', 'Name', 'Linked to', 'Score', 'Against'],
      links.slice(0, UNCERTAIN_MAX).map(function (x) {
        return [clusterLink(x.c.id, x.c.canonical_name || x.c.id), String(x.m.row), x.m.name || '', x.ev.linked_to_name || '', score(x.ev.score),
          x.against.map(function (r, k) { return [k ? '; ' : '', r.detail || human(r.kind)]; })];
      }), [1, 4]));
  }

  // ---- routing ----
  var lastCluster = null;
  function route() {
    var id = applyHash();
    if (id !== null && byID.has(id)) {
      openID = id;
      renderDetails(byID.get(id));
      $('overview').hidden = true;
      $('details').hidden = false;
      $('back').setAttribute('href', stateHash(null));
      document.title = (clusters[byID.get(id)].canonical_name || id) + ' \u2014 ' + baseTitle;
      $('details-title').focus();
      lastCluster = id;
      window.scrollTo(0, 0);
      syncURL();
      return;
    }
    openID = null;
    $('details').hidden = true;
    $('overview').hidden = false;
    document.title = baseTitle;
    if (id !== null) $('result-count').textContent = 'No cluster with ID ' + id + '.';
    if (lastCluster) {
      renderTable();
      var a = document.querySelector('#cluster-rows tr[data-id="' + CSS.escape(lastCluster) + '"] a');
      if (a) a.focus();
      lastCluster = null;
    }
  }

  var baseTitle = document.title, urlReady = false;
  renderSummary();
  fillFilterOptions();
  wireTable();
  applyFilters();
  renderTable();
  renderReviewBar();
  window.addEventListener('hashchange', route);
  route();
  urlReady = true;
  syncURL();
  document.body.setAttribute('data-ready', 'true');
})();

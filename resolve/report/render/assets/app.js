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
  var byID = new Map();
  clusters.forEach(function (c, i) { byID.set(c.id, i); });
  var changes = report.changes || null;

  // ---- small helpers ----------------------------------------------------
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
    return el('a', { href: '#cluster/' + encodeURIComponent(id), text: text || id });
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
  function badge(f) {
    return el('span', { class: 'badge sev-' + (SEV_RANK[f.severity] ? f.severity : 'low'), title: (f.title || '') + ' (' + f.severity + ')', text: f.code });
  }
  function outcome(risk) {
    var present = risk && risk.outcome === 'indicators present';
    return el('span', { class: present ? 'outcome-present' : 'outcome-none', text: risk && risk.outcome ? risk.outcome : 'no indicators' });
  }
  function evidenceValue(v) {
    if (v === null || v === undefined) return '';
    if (Array.isArray(v) && v.every(function (x) { return x === null || typeof x !== 'object'; })) return v.join(', ');
    if (typeof v === 'object') return el('pre', { class: 'mono', text: JSON.stringify(v, null, 2) });
    return String(v);
  }
  function reasons(rs) {
    rs = list(rs);
    if (!rs.length) return el('span', { class: 'muted', text: 'no reasons recorded' });
    return el('ul', { class: 'reasons' }, rs.map(function (r) {
      var eff = typeof r.effect === 'number' ? r.effect : 0;
      return el('li', null,
        el('span', { class: 'mono', text: r.kind }), ': ', r.detail || '',
        (r.left || r.right) ? [' (', el('span', { class: 'mono', text: (r.left || '') + ' \u2194 ' + (r.right || '') }), ')'] : null,
        ' ', el('span', { class: eff >= 0 ? 'pos' : 'neg', text: (eff >= 0 ? '+' : '') + eff.toFixed(2) }));
    }));
  }

  // ---- index for the table ---------------------------------------------
  var index = clusters.map(function (c, i) {
    var flags = list(c.flags);
    var sev = 0, codes = [];
    flags.forEach(function (f) {
      sev = Math.max(sev, SEV_RANK[f.severity] || 0);
      if (codes.indexOf(f.code) < 0) codes.push(f.code);
    });
    var names = [c.canonical_name || ''];
    list(c.variants).forEach(function (v) { names.push(v.name || ''); });
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
      return dir * cmp(a, b) || (b.size - a.size) || collator.compare(a.id, b.id);
    });
  }

  // ---- summary ----------------------------------------------------------
  function renderSummary() {
    var run = report.run || {}, input = run.input || {}, rows = run.rows || {}, s = report.summary || {};
    $('run-title').textContent = 'Input: ' + (input.path || 'unknown') + (run.id ? ' \u00b7 run ' + run.id : '');
    var cards = [
      ['Rows read', rows.read], ['Rows clustered', rows.clustered], ['Rows rejected', rows.rejected],
      ['Rows ignored', rows.ignored], ['Clusters', s.clusters], ['Singletons', s.singletons],
      ['Largest cluster', s.largest_cluster], ['Candidate pairs', s.candidate_pairs],
      ['Clusters with indicators present', s.clusters_flagged]
    ];
    var box = $('summary');
    box.appendChild(el('div', { class: 'cards' }, cards.map(function (c) {
      return el('div', { class: 'card' }, el('span', { class: 'n', text: num(c[1]) }), el('span', { class: 'l', text: c[0] }));
    })));
    var runInfo = el('section', { 'aria-labelledby': 'h-run' }, el('h3', { id: 'h-run', text: 'Run' }), kv([
      ['Tool', (run.tool || '') + ' ' + (run.version || '')], ['Run ID', run.id], ['Started', run.started_at],
      ['Finished', run.finished_at], ['Input file', input.path], ['SHA-256', el('span', { class: 'mono', text: input.sha256 || '' })],
      ['Format', input.format], ['Encoding', input.encoding], ['Columns', list(input.columns).join(', ')],
      ['Config digest', el('span', { class: 'mono', text: run.config_digest || '' })],
      ['Schema version', String(report.schema_version)]
    ]));
    var flagsSec = el('section', { 'aria-labelledby': 'h-flags' }, el('h3', { id: 'h-flags', text: 'Indicators' }));
    var bySev = s.flags_by_severity || {}, byCode = s.flags_by_code || {};
    if (!Object.keys(byCode).length && !Object.keys(bySev).length) {
      flagsSec.appendChild(el('p', { class: 'muted', text: 'No indicators were raised in this run.' }));
    } else {
      flagsSec.appendChild(table('Indicators by severity', ['Severity', 'Count'],
        ['high', 'medium', 'low'].filter(function (k) { return k in bySev; }).map(function (k) {
          return [el('span', { class: 'sev-' + k, text: k }), num(bySev[k])];
        }), [1]));
      flagsSec.appendChild(table('Indicators by code', ['Code', 'Count'],
        Object.keys(byCode).sort().map(function (k) { return [el('span', { class: 'mono', text: k }), num(byCode[k])]; }), [1]));
    }
    box.appendChild(el('div', { class: 'cols' }, runInfo, flagsSec));

    var srcs = list(run.sources);
    if (srcs.length) {
      box.appendChild(el('h3', { text: 'Sources' }));
      box.appendChild(table('What each verification source did in this run',
        ['Source', 'Enabled', 'Calls', 'Cache hits', 'Skipped', 'Failed', 'Note'],
        srcs.map(function (x) { return [x.name, x.enabled ? 'yes' : 'no', num(x.calls), num(x.cache_hits), num(x.skipped), num(x.failed), x.note || '']; }),
        [2, 3, 4, 5]));
    }
    if (run.reuse) {
      var ru = run.reuse;
      box.appendChild(el('h3', { text: 'Reused from the previous run' }));
      box.appendChild(kv([['Previous run', ru.previous_run_id], ['Names new / reused', num(ru.names_new) + ' / ' + num(ru.names_reused)],
        ['Pairs scored / reused', num(ru.pairs_scored) + ' / ' + num(ru.pairs_reused)],
        ['Clusters verified / reused', num(ru.clusters_verified) + ' / ' + num(ru.clusters_reused)]]));
    }
    if (changes) box.appendChild(renderChanges());
    var rej = list(report.rejected_rows);
    if (rej.length) {
      var shown = rej.slice(0, 500);
      box.appendChild(el('details', null,
        el('summary', { text: 'Rejected rows (' + num(rej.length) + ')' }),
        rej.length > shown.length ? el('p', { class: 'muted', text: 'First ' + shown.length + ' shown; the CSV output lists them all.' }) : null,
        table('Input rows that could not be used', ['Row', 'Column', 'Reason', 'Raw'],
          shown.map(function (r) { return [String(r.row), r.column || '', r.reason || '', el('span', { class: 'mono', text: r.raw || '' })]; }), [0])));
    }
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
    var fl = list(c.new_flags).map(function (f) { return ['new', clusterLink(f.cluster_id), f.code]; })
      .concat(list(c.cleared_flags).map(function (f) { return ['cleared', clusterLink(f.cluster_id), f.code]; }));
    if (fl.length) sec.appendChild(table('Indicators that appeared or cleared', ['Change', 'Cluster', 'Code'], fl.slice(0, 500)));
    var st = list(c.status_changes).map(function (s) { return [clusterLink(s.cluster_id), s.source, s.record_id, s.from, s.to]; });
    if (st.length) sec.appendChild(table('Registry status changes', ['Cluster', 'Source', 'Record', 'From', 'To'], st.slice(0, 500)));
    return sec;
  }

  // ---- clusters table ---------------------------------------------------
  function fillFilterOptions() {
    var codes = {}, countries = {};
    index.forEach(function (x) {
      x.codes.forEach(function (c) { codes[c] = (codes[c] || 0) + 1; });
      list(clusters[x.i].countries).forEach(function (c) { countries[c] = (countries[c] || 0) + 1; });
    });
    Object.keys(codes).sort().forEach(function (c) {
      $('f-code').appendChild(el('option', { value: c, text: c + ' (' + codes[c] + ')' }));
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
      tb.appendChild(el('tr', { 'data-id': x.id },
        el('td', { class: 'mono' }, x.id),
        el('td', null, el('a', { href: '#cluster/' + encodeURIComponent(x.id), text: x.name || '(no name)' })),
        el('td', { class: 'num', text: String(x.size) }),
        el('td', { text: x.countries }),
        el('td', null, list(c.flags).map(badge)),
        el('td', { class: 'num' }, score(x.risk), ' ', outcome(c.risk))));
    });
    if (!rows.length) {
      tb.appendChild(el('tr', null, el('td', { colspan: '6', class: 'muted', text: 'No cluster matches these filters.' })));
    }
    $('cluster-rows').replaceWith(tb);
    var msg = num(view.length) + ' of ' + num(index.length) + ' clusters' +
      (view.length ? ', showing ' + num(start + 1) + '\u2013' + num(start + rows.length) : '');
    $('result-count').textContent = msg;
    $('page-info').textContent = 'Page ' + (state.page + 1) + ' of ' + pages;
    $('prev').disabled = state.page === 0;
    $('next').disabled = state.page >= pages - 1;
    document.querySelectorAll('#clusters-table th[data-sort]').forEach(function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-sort') === state.sort ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
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

  // ---- cluster details --------------------------------------------------
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
      return [String(m.row), el('span', { class: 'mono', text: m.id || '' }), m.name || '', m.country || '', m.address || '', m.date || '', extra, why];
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

    box.appendChild(el('h3', { text: 'Names' }));
    box.appendChild(table('Distinct spellings of the name and how often each occurs', ['Name', 'Rows', 'Normalised', 'Legal form'],
      list(c.variants).map(function (v) { return [v.name, num(v.count), el('span', { class: 'mono', text: v.normalised || '' }), v.legal_form || '']; }), [1]));

    box.appendChild(el('h3', { text: 'Input rows and why they were merged' }));
    var members = list(c.members);
    var upto = Math.min(MEMBER_STEP, members.length);
    var holder = el('div');
    var more = el('button', { class: 'btn', type: 'button' });
    function drawMembers() {
      holder.textContent = '';
      holder.appendChild(table('Rows of the input file in this cluster (' + num(members.length) + ')',
        ['Row', 'ID', 'Name', 'Country', 'Address', 'Date', 'Carried columns', 'Why it is in this cluster'], memberRows(c, upto), [0]));
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
      cov.map(function (x) { return [x.source, x.status, x.reason || '']; })) : el('p', { class: 'muted', text: 'No source was asked about this cluster.' }));

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

    box.appendChild(el('h3', { text: 'Indicators' }));
    if (!flags.length) box.appendChild(el('p', { class: 'muted', text: 'No indicators present.' }));
    flags.forEach(function (f) {
      var ev = f.evidence || {};
      box.appendChild(el('div', { class: 'flag sev-' + (SEV_RANK[f.severity] ? f.severity : 'low') },
        el('h4', null, f.title || f.code, ' ', el('span', { class: 'badge', text: f.severity }), ' ', el('span', { class: 'mono', text: f.code })),
        el('div', { class: 'body' },
          kv(Object.keys(ev).sort().map(function (k) { return [k, evidenceValue(ev[k])]; })),
          list(f.sources).length ? el('div', null, 'Sources: ', list(f.sources).map(function (u, k) { return [k ? ', ' : '', link(u)]; })) : null,
          f.caveat ? el('p', { class: 'caveat', text: 'Caveat: ' + f.caveat }) : null)));
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
    list(changes.new_flags).forEach(function (f) { if (f.cluster_id === id) items.push(['New indicator: ', el('span', { class: 'mono', text: f.code }), '.']); });
    list(changes.cleared_flags).forEach(function (f) { if (f.cluster_id === id) items.push(['Indicator cleared: ', el('span', { class: 'mono', text: f.code }), '.']); });
    list(changes.status_changes).forEach(function (s) {
      if (s.cluster_id === id) items.push(['Registry status at ' + s.source + ' (record ' + s.record_id + ') changed from ', el('strong', { text: s.from || '?' }), ' to ', el('strong', { text: s.to || '?' }), '.']);
    });
    if (!items.length) return el('p', { class: 'muted', text: 'No change since run ' + (changes.previous_run_id || '') + '.' });
    return el('ul', { class: 'cluster-changes' }, items.map(function (x) { return el('li', null, x); }));
  }

  // ---- routing ----------------------------------------------------------
  var lastCluster = null;
  function route() {
    var m = /^#cluster\/(.+)$/.exec(location.hash);
    var id = null;
    if (m) { try { id = decodeURIComponent(m[1]); } catch (e) { id = null; } }
    if (id !== null && byID.has(id)) {
      renderDetails(byID.get(id));
      $('overview').hidden = true;
      $('details').hidden = false;
      document.title = (clusters[byID.get(id)].canonical_name || id) + ' \u2014 ' + baseTitle;
      $('details-title').focus();
      lastCluster = id;
      window.scrollTo(0, 0);
      return;
    }
    $('details').hidden = true;
    $('overview').hidden = false;
    document.title = baseTitle;
    if (id !== null) $('result-count').textContent = 'No cluster with ID ' + id + '.';
    if (lastCluster) {
      var a = document.querySelector('#cluster-rows tr[data-id="' + CSS.escape(lastCluster) + '"] a');
      if (a) a.focus();
      lastCluster = null;
    }
  }

  var baseTitle = document.title;
  renderSummary();
  fillFilterOptions();
  wireTable();
  applyFilters();
  renderTable();
  window.addEventListener('hashchange', route);
  route();
  document.body.setAttribute('data-ready', 'true');
})();

// The incident workspace: swim-lane timeline (vis-timeline), event density (ECharts) whose brushed range filters the
// entries table, facet filters, event details with the raw record, and curation with keyboard shortcuts.
// Every text from sources goes into the page as text (textContent / DOM nodes), never as HTML.
(function () {
  var main = document.querySelector('main.workspace');
  if (!main) { return; }
  var key = main.getAttribute('data-key');
  var api = '/api/incidents/' + encodeURIComponent(key);
  var csrfToken = (document.querySelector('meta[name="csrf-token"]') || {}).content;
  var csrfHeader = (document.querySelector('meta[name="csrf-header"]') || {}).content;
  var rows = Array.prototype.slice.call(document.querySelectorAll('#entries tbody tr'));
  var range = null; // [fromMillis, toMillis] brushed on the density chart
  var timeline = null;

  function toast(message, error) {
    var t = document.getElementById('toast');
    t.textContent = message; t.hidden = false; t.className = 'toast' + (error ? ' error' : '');
    clearTimeout(toast.timer); toast.timer = setTimeout(function () { t.hidden = true; }, 3000);
  }

  function send(method, url, body) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrfHeader && csrfToken) { headers[csrfHeader] = csrfToken; }
    return fetch(url, { method: method, headers: headers, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) {
          return r.json().catch(function () { return {}; }).then(function (p) { throw new Error(p.detail || ('HTTP ' + r.status)); });
        }
        return r.json();
      });
  }

  function reloadKeeping(id, message) {
    if (id) { sessionStorage.setItem('hindsight.selected', id); }
    sessionStorage.setItem('hindsight.toast', message);
    location.reload();
  }

  // ---- filters: facets, pinned only, brushed time range
  function applyFilters() {
    var wanted = {};
    document.querySelectorAll('[data-filter]').forEach(function (s) { wanted[s.getAttribute('data-filter')] = s.value; });
    var pinnedOnly = document.getElementById('pinned-only').checked;
    var shown = 0;
    rows.forEach(function (tr) {
      var at = Date.parse(tr.getAttribute('data-at'));
      var ok = Object.keys(wanted).every(function (f) { return !wanted[f] || tr.getAttribute('data-' + f) === wanted[f]; })
        && (!pinnedOnly || tr.getAttribute('data-pinned') === 'true')
        && (!range || (at >= range[0] && at <= range[1]));
      tr.hidden = !ok;
      if (ok) { shown++; }
    });
    document.getElementById('filter-count').textContent = shown + ' of ' + rows.length + ' entries';
    document.getElementById('clear-range').hidden = !range;
  }
  document.querySelectorAll('[data-filter]').forEach(function (s) { s.addEventListener('change', applyFilters); });
  document.getElementById('pinned-only').addEventListener('change', applyFilters);
  document.getElementById('clear-range').addEventListener('click', function () { range = null; if (density) { density.dispatchAction({ type: 'brush', areas: [] }); } applyFilters(); });

  // ---- selection and keyboard
  var selected = null;
  function select(tr, scroll) {
    if (selected) { selected.classList.remove('selected'); }
    selected = tr;
    if (tr) { tr.classList.add('selected'); tr.focus({ preventScroll: !scroll }); if (scroll) { tr.scrollIntoView({ block: 'center' }); } }
  }
  function visibleRows() { return rows.filter(function (r) { return !r.hidden; }); }
  function move(step) {
    var list = visibleRows();
    if (!list.length) { return; }
    var i = selected ? list.indexOf(selected) : -1;
    select(list[Math.max(0, Math.min(list.length - 1, i + step))], true);
  }
  rows.forEach(function (tr) { tr.addEventListener('click', function () { select(tr, false); }); });

  function edit(tr, body, message) {
    var id = tr.getAttribute('data-id');
    send('PATCH', api + '/entries/' + encodeURIComponent(id), body)
      .then(function () { reloadKeeping(id, message); })
      .catch(function (e) { toast(e.message, true); });
  }
  // curations that need words open one small form (a dialog), in the viewer's zone, with names people read
  var dialog = document.getElementById('curate-dialog');
  var form = document.getElementById('curate-form');
  function zoned(iso) { // an instant as a datetime-local value in the viewer's zone
    var zone = window.hindsightZone ? window.hindsightZone() : 'UTC';
    var p = {};
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso)).forEach(function (x) { p[x.type] = x.value; });
    return p.year + '-' + p.month + '-' + p.day + 'T' + p.hour + ':' + p.minute + ':' + p.second;
  }
  function ask(tr, which, fill, toBody, message) {
    form.querySelectorAll('label[data-for]').forEach(function (l) { l.hidden = l.getAttribute('data-for') !== which; });
    form.querySelector('.curate-entry').textContent = tr.querySelector('button.detail').textContent;
    document.getElementById('curate-heading').textContent = { note: 'Note on this entry', mark: 'Mark as a key moment',
      retime: 'Correct the time', storyline: 'Move to a storyline' }[which];
    fill(form);
    dialog.onclose = function () {
      if (dialog.returnValue === 'save') { edit(tr, toBody(form), message); }
      tr.focus();
    };
    dialog.returnValue = '';
    dialog.showModal();
    var first = form.querySelector('label[data-for="' + which + '"] textarea, label[data-for="' + which + '"] select, label[data-for="' + which + '"] input');
    if (first) { first.focus(); }
  }
  var actions = {
    pin: function (tr) { var on = tr.getAttribute('data-pinned') !== 'true'; edit(tr, { pinned: on }, on ? 'Pinned' : 'Unpinned'); },
    note: function (tr) {
      var current = tr.querySelector('.note-text');
      ask(tr, 'note', function (f) { f.note.value = current ? current.textContent : ''; },
        function (f) { return { note: f.note.value }; }, 'Note saved');
    },
    hide: function (tr) { edit(tr, { hidden: true }, 'Hidden: find it under "hidden entries" below'); },
    mark: function (tr) {
      ask(tr, 'mark', function (f) { f.moment.value = 'MITIGATED'; },
        function (f) { return { moment: f.moment.value }; }, 'Moment marked');
    },
    retime: function (tr) {
      ask(tr, 'retime', function (f) { f.retimedAt.value = zoned(tr.getAttribute('data-at')); },
        function (f) { return { retimedAt: f.retimedAt.value, zone: window.hindsightZone ? window.hindsightZone() : 'UTC' }; },
        'Re-timed');
    },
    storyline: function (tr) {
      ask(tr, 'storyline', function (f) { f.storyline.value = tr.getAttribute('data-storyline'); f.newStoryline.value = ''; },
        function (f) { return { storyline: f.newStoryline.value.trim() || f.storyline.value }; }, 'Moved');
    }
  };
  document.querySelectorAll('#entries button[data-act]').forEach(function (b) {
    b.addEventListener('click', function (ev) { ev.stopPropagation(); var tr = b.closest('tr'); select(tr, false); actions[b.getAttribute('data-act')](tr); });
  });
  document.querySelectorAll('.hidden-entries button[data-act="unhide"]').forEach(function (b) {
    b.addEventListener('click', function () {
      var id = b.closest('li').getAttribute('data-id');
      send('PATCH', api + '/entries/' + encodeURIComponent(id), { hidden: false }).then(function () { reloadKeeping(id, 'Shown again'); })
        .catch(function (e) { toast(e.message, true); });
    });
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.target.closest('input, textarea, select') || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var map = { j: function () { move(1); }, k: function () { move(-1); }, Enter: function () { if (selected) { openDetail(selected.getAttribute('data-id')); } },
      Escape: closeDetail, p: 'pin', n: 'note', h: 'hide', m: 'mark', t: 'retime', s: 'storyline',
      '+': function () { if (timeline) { timeline.zoomIn(0.5); } }, '-': function () { if (timeline) { timeline.zoomOut(0.5); } },
      '0': function () { if (window.hindsightFitIncident) { window.hindsightFitIncident(); } } };
    var a = map[ev.key];
    if (!a) { return; }
    ev.preventDefault();
    if (typeof a === 'function') { a(); } else if (selected && document.querySelector('#entries button[data-act]')) { actions[a](selected); }
  });

  // ---- details: the event, why it is here, its raw record
  var detail = document.getElementById('detail');
  function closeDetail() { detail.hidden = true; }
  detail.querySelector('.close').addEventListener('click', closeDetail);
  function openDetail(id) {
    var tr = rows.find(function (r) { return r.getAttribute('data-id') === id; });
    detail.hidden = false;
    detail.querySelector('.d-title').textContent = 'Loading…';
    detail.querySelector('.d-why').textContent = tr ? tr.title : '';
    fetch('/api/events/' + encodeURIComponent(id), { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (e) {
      detail.querySelector('.d-title').textContent = e.title;
      var dl = detail.querySelector('.d-fields');
      dl.textContent = '';
      [['When (UTC)', e.at], ['Source said', e.originalTime ? e.originalTime + (e.originalZone ? ' (' + e.originalZone + (e.zoneAssumed ? ', assumed' : '') + ')' : '') : null],
        ['Source', e.source + (e.provider ? ' (provider)' : '')], ['Kind', e.kind], ['Actor', e.actor], ['Service', e.service], ['Host', e.host],
        ['Site', e.location], ['Severity', e.severity], ['Text', e.text], ['Labels', Object.keys(e.labels || {}).map(function (k) { return k + '=' + e.labels[k]; }).join(', ')],
        ['Ingested', e.ingestedAt], ['Event id', e.id], ['Dedup key', e.dedupKey]].forEach(function (f) {
        if (!f[1]) { return; }
        var dt = document.createElement('dt'); dt.textContent = f[0];
        var dd = document.createElement('dd'); dd.textContent = f[1];
        dl.appendChild(dt); dl.appendChild(dd);
      });
    }).catch(function () { detail.querySelector('.d-title').textContent = 'Could not load the event'; });
    fetch('/api/events/' + encodeURIComponent(id) + '/raw', { credentials: 'same-origin' }).then(function (r) {
      detail.querySelector('.d-origin').textContent = 'From ' + (r.headers.get('X-Hindsight-Origin') || 'unknown') + ', parser ' + (r.headers.get('X-Hindsight-Parser') || '?')
        + (r.headers.get('X-Hindsight-Truncated') === 'true' ? ' (truncated copy)' : '');
      return r.text();
    }).then(function (raw) { detail.querySelector('.d-raw').textContent = raw; })
      .catch(function () { detail.querySelector('.d-raw').textContent = 'No raw record kept.'; });
  }
  document.querySelectorAll('#entries button.detail').forEach(function (b) {
    b.addEventListener('click', function () { var tr = b.closest('tr'); select(tr, false); openDetail(tr.getAttribute('data-id')); });
  });

  // ---- manual events
  var manual = document.getElementById('manual-event');
  if (manual) {
    manual.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var at = new Date(manual.elements.at.value);
      if (isNaN(at)) { toast('Give the time of the event', true); return; }
      send('POST', api + '/events', { at: at.toISOString(), title: manual.elements.title.value })
        .then(function () { reloadKeeping(null, 'Manual event added'); })
        .catch(function (e) { toast(e.message, true); });
    });
  }

  // ---- the timeline island and the density chart
  var density = null;
  function text(s) { var span = document.createElement('span'); span.textContent = s; return span; }
  function drawTimeline(data, laneMode) {
    var container = document.getElementById('timeline');
    if (!container || !window.vis || !data.entries.length) { return; }
    var titles = {};
    data.storylines.forEach(function (s) { titles[s.id] = s.id + ' · ' + s.title; });
    var lanes = {};
    var items = data.entries.map(function (e) {
      var lane = laneMode === 'source' ? e.source : e.storyline;
      lanes[lane] = laneMode === 'source' ? e.source : (titles[lane] || lane);
      var label = e.title.length > 60 ? e.title.substring(0, 59) + '…' : e.title;
      var item = { id: e.id, group: lane, start: e.at, content: text((e.pinned ? '★ ' : '') + label + (e.count > 1 ? ' ×' + e.count : '')),
        title: e.title, className: e.pinned ? 'pinned' : '' };
      if (e.until && e.until !== e.at) { item.end = e.until; item.type = 'range'; } else { item.type = 'point'; }
      return item;
    });
    // an alert that fired and later resolved, or a page triggered and later resolved, is one range on its lane
    var byId = {};
    items.forEach(function (it) { byId[it.id] = it; });
    var open = {};
    // what an alert is about, without its state: "lb1/HTTPS CRITICAL: ..." and "lb1/HTTPS OK: ..." are one check
    function subject(title) {
      return title.split(':')[0].replace(/\b(CRITICAL|WARNING|OK|UNKNOWN|DOWN|UP|UNREACHABLE|FIRING|RESOLVED)\b/gi, '').trim();
    }
    data.entries.forEach(function (e) {
      var lane = byId[e.id].group;
      var key = e.kind === 'ALERT_FIRING' || e.kind === 'ALERT_RESOLVED' ? 'a|' + lane + '|' + subject(e.title) : 'p|' + lane;
      if (e.kind === 'ALERT_FIRING' && !open[key]) { open[key] = e; }
      if (e.kind === 'PAGE_TRIGGERED' && !open[key]) { open[key] = e; }
      var start = e.kind === 'ALERT_RESOLVED' || e.kind === 'PAGE_RESOLVED' ? open[key] : null;
      if (start && byId[start.id] && Date.parse(e.at) > Date.parse(start.at)) {
        var range = byId[start.id];
        range.type = 'range';
        range.end = e.at;
        range.title = start.title + ' (until ' + e.at.replace('T', ' ').replace('Z', ' UTC') + ')';
        range.className = (range.className + ' span').trim();
        delete open[key];
      }
    });
    var groups = Object.keys(lanes).map(function (id) { return { id: id, content: text(lanes[id]) }; });
    // open on the incident's window (Fit shows every entry, a provider's late RFO included), with a little room
    var first = Date.parse(data.incident.from), last = Date.parse(data.incident.to);
    var pad = Math.max(5 * 60 * 1000, (last - first) * 0.03);
    var options = { stack: true, orientation: 'top', zoomMin: 60 * 1000, maxHeight: 520, margin: { item: 4 },
      start: new Date(first - pad), end: new Date(last + pad),
      cluster: { maxItems: 4, titleTemplate: '{count} entries: zoom in to see them' },
      tooltip: { followMouse: true }, xss: { disabled: false } };
    if ((window.hindsightZone && window.hindsightZone()) === 'UTC') { options.moment = function (d) { return vis.moment(d).utc(); }; }
    if (timeline) { timeline.destroy(); }
    timeline = new vis.Timeline(container, new vis.DataSet(items), new vis.DataSet(groups), options);
    window.hindsightTimeline = timeline; // for the browser tests and the console
    // moments at (nearly) the same time share one marker, so their labels never overlap
    var markers = [];
    data.moments.slice().sort(function (a, b) { return Date.parse(a.at) - Date.parse(b.at); }).forEach(function (m) {
      var near = markers.find(function (k) { return Math.abs(Date.parse(k.at) - Date.parse(m.at)) < 2 * 60 * 1000; });
      if (near) { near.kinds.push(m.kind); } else { markers.push({ at: m.at, kinds: [m.kind] }); }
    });
    markers.forEach(function (k) {
      var id = 'moment-' + k.kinds.join('-');
      timeline.addCustomTime(k.at, id);
      timeline.setCustomTimeMarker(k.kinds.map(function (x) { return x.replace('_', ' ').toLowerCase(); }).join(' · '), id, false);
      timeline.setCustomTimeTitle(k.kinds.join(', ') + ' ' + k.at, id);
    });
    timeline.on('select', function (p) {
      if (!p.items.length) { return; }
      var tr = rows.find(function (r) { return r.getAttribute('data-id') === p.items[0]; });
      if (tr) { select(tr, true); }
      openDetail(p.items[0]);
    });
    document.getElementById('zoom-in').onclick = function () { timeline.zoomIn(0.5); };
    document.getElementById('zoom-out').onclick = function () { timeline.zoomOut(0.5); };
    // Fit shows the incident's window (with a little room); All shows every entry, a provider's late RFO included
    window.hindsightFitIncident = function () { timeline.setWindow(new Date(first - pad), new Date(last + pad)); };
    document.getElementById('zoom-fit').onclick = window.hindsightFitIncident;
    var all = document.getElementById('zoom-all');
    if (all) { all.onclick = function () { timeline.fit(); }; }
  }

  function drawDensity(data) {
    var el = document.getElementById('density');
    if (!el || !window.echarts || !data.entries.length) { return; }
    // the incident's window sets the scale: a late RFO or a status change made today would squeeze the incident
    // into a sliver of the chart; entries outside it are counted in the note below the chart instead
    var times = data.entries.map(function (e) { return Date.parse(e.at); });
    var windowFrom = Date.parse(data.incident.from), windowTo = Date.parse(data.incident.to);
    var padding = Math.max(5 * 60 * 1000, (windowTo - windowFrom) * 0.03);
    var from = Math.max(Math.min.apply(null, times), windowFrom - padding);
    var to = Math.min(Math.max.apply(null, times), windowTo + padding);
    if (to <= from) { from = windowFrom - padding; to = windowTo + padding; }
    var outside = times.filter(function (t) { return t < from || t > to; }).length;
    var note = document.getElementById('density-outside');
    if (note) { note.textContent = outside ? outside + (outside === 1 ? ' entry lies' : ' entries lie') + ' outside the incident\'s window and are not in this chart (see All on the timeline).' : ''; }
    var bucket = Math.max(60 * 1000, Math.ceil((to - from) / 60 / 60000) * 60000);
    // one row of buckets shared by every source, zeros included, so the bars stack
    var buckets = [];
    for (var t = from; t <= to; t += bucket) { buckets.push(t); }
    var sources = {};
    data.entries.forEach(function (e) {
      var at = Date.parse(e.at);
      if (at < from || at > to) { return; }
      var i = Math.floor((at - from) / bucket);
      var s = sources[e.source] || (sources[e.source] = buckets.map(function () { return 0; }));
      s[i] += e.count;
    });
    density = echarts.init(el);
    density.setOption({
      grid: { left: 40, right: 10, top: 24, bottom: 24 }, legend: { top: 0, type: 'scroll' }, tooltip: { trigger: 'axis', renderMode: 'richText' },
      xAxis: { type: 'time' }, yAxis: { type: 'value', minInterval: 1 },
      toolbox: { show: false }, brush: { xAxisIndex: 0, brushType: 'lineX', brushMode: 'single', throttleType: 'debounce', throttleDelay: 200 },
      series: Object.keys(sources).map(function (s) {
        return { name: s, type: 'bar', stack: 'all', barMaxWidth: 14,
          data: buckets.map(function (b, i) { return [b + bucket / 2, sources[s][i]]; }) };
      })
    });
    density.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
    density.on('brushEnd', function (p) {
      var area = p.areas && p.areas[0];
      range = area ? [area.coordRange[0], area.coordRange[1]] : null;
      applyFilters();
      if (range && timeline) { timeline.setWindow(range[0], range[1]); }
    });
    window.addEventListener('resize', function () { density.resize(); });
  }

  fetch(api + '/timeline', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (data) {
    var laneMode = document.getElementById('lane-mode');
    drawTimeline(data, laneMode ? laneMode.value : 'storyline');
    if (laneMode) { laneMode.addEventListener('change', function () { drawTimeline(data, laneMode.value); }); }
    document.addEventListener('hindsight:zone', function () { drawTimeline(data, laneMode ? laneMode.value : 'storyline'); });
    drawDensity(data);
  }).catch(function () { toast('Could not load the timeline', true); });

  // ---- after a reload: restore the selection and say what happened
  var message = sessionStorage.getItem('hindsight.toast');
  if (message) { sessionStorage.removeItem('hindsight.toast'); toast(message); }
  var keep = sessionStorage.getItem('hindsight.selected');
  if (keep) {
    sessionStorage.removeItem('hindsight.selected');
    var tr = rows.find(function (r) { return r.getAttribute('data-id') === keep; });
    if (tr) { select(tr, true); }
  }
  applyFilters();
})();

// Fills each listed incident's response metrics from its timeline, a few at a time, so the list shows at once.
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-key]')).slice(0, 50);
  function duration(s) {
    if (s == null) { return '–'; }
    var m = Math.floor(s / 60);
    if (m < 1) { return s + ' s'; }
    if (m < 60) { return m + ' min'; }
    var h = Math.floor(m / 60);
    return h < 48 ? h + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '') : Math.floor(h / 24) + ' days';
  }
  function next() {
    var tr = rows.shift();
    if (!tr) { return; }
    fetch('/api/incidents/' + encodeURIComponent(tr.getAttribute('data-key')) + '/timeline', { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (t) {
        tr.querySelectorAll('td[data-metric]').forEach(function (td) { td.textContent = duration(t.metrics[td.getAttribute('data-metric')]); });
      })
      .catch(function () { tr.querySelectorAll('td[data-metric]').forEach(function (td) { td.textContent = '?'; td.title = 'could not build the timeline'; }); })
      .then(next);
  }
  next(); next();
})();

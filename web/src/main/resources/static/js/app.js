// Times are rendered in UTC by the server; show them in the zone the viewer chose (default: the browser's), UTC on hover.
(function () {
  var KEY = 'hindsight.zone';
  var browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var zone = localStorage.getItem(KEY) || browserZone;

  // instants written into text (findings, claims, reasons) become <time> elements too, built as nodes, never as HTML
  var INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;
  function timesInText() {
    document.querySelectorAll('.findings, [data-times], .flag, .impact, .doc, .banner').forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      var texts = [];
      while (walker.nextNode()) {
        if (!walker.currentNode.parentElement.closest('time') && INSTANT.test(walker.currentNode.nodeValue)) { texts.push(walker.currentNode); }
        INSTANT.lastIndex = 0;
      }
      texts.forEach(function (node) {
        var text = node.nodeValue, last = 0, out = document.createDocumentFragment(), m;
        INSTANT.lastIndex = 0;
        while ((m = INSTANT.exec(text)) !== null) {
          out.appendChild(document.createTextNode(text.slice(last, m.index)));
          var t = document.createElement('time');
          t.setAttribute('datetime', m[0]);
          t.textContent = m[0];
          out.appendChild(t);
          last = m.index + m[0].length;
        }
        out.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(out, node);
      });
    });
  }

  // the server renders previews and exports in the viewer's zone too: it reads it from this cookie
  function remember() {
    document.cookie = 'hindsight_zone=' + encodeURIComponent(zone) + '; path=/; SameSite=Lax';
  }

  function render() {
    var format;
    try {
      format = new Intl.DateTimeFormat(undefined, {
        year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
        timeZoneName: 'short', timeZone: zone
      });
    } catch (e) { zone = browserZone; return render(); }
    document.querySelectorAll('time[datetime]').forEach(function (el) {
      var when = new Date(el.getAttribute('datetime'));
      if (isNaN(when)) { return; }
      el.title = el.getAttribute('datetime').replace('T', ' ').replace('Z', '') + ' UTC';
      el.textContent = format.format(when);
    });
    document.querySelectorAll('.zone-note').forEach(function (note) { note.textContent = 'Times in ' + zone + ' (UTC on hover)'; });
  }

  var select = document.getElementById('zone-select');
  if (select) {
    var zones = ['UTC', browserZone, 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin',
      'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];
    if (zones.indexOf(zone) < 0) { zones.push(zone); }
    zones.filter(function (z, i) { return zones.indexOf(z) === i; }).forEach(function (z) {
      var option = document.createElement('option');
      option.value = z; option.textContent = z; option.selected = z === zone;
      select.appendChild(option);
    });
    select.addEventListener('change', function () {
      zone = select.value; localStorage.setItem(KEY, zone); remember(); render();
      document.dispatchEvent(new CustomEvent('hindsight:zone', { detail: zone }));
    });
  }
  window.hindsightZone = function () { return zone; };
  remember();
  timesInText();
  render();
})();

// Forms with date-time fields send the zone their times are meant in: the one picked in the top bar.
(function () {
  // a UTC instant as the value of a datetime-local field, on the viewer's clock
  function local(iso, zone) {
    var parts = {};
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso))
      .forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + 'T' + parts.hour + ':' + parts.minute;
  }
  function fill() {
    var zone = window.hindsightZone ? window.hindsightZone() : 'UTC';
    document.querySelectorAll('input[data-viewer-zone]').forEach(function (el) { el.value = zone; });
    document.querySelectorAll('input[type=datetime-local][data-utc]').forEach(function (el) {
      if (!el.dataset.touched) { el.value = local(el.dataset.utc, zone); }
    });
  }
  document.querySelectorAll('input[type=datetime-local][data-utc]').forEach(function (el) {
    el.addEventListener('input', function () { el.dataset.touched = 'yes'; });
  });
  document.addEventListener('hindsight:zone', fill);
  fill();
  // the attach form posts to the incident picked in its list
  var attach = document.getElementById('attach');
  var to = document.getElementById('attach-to');
  if (attach && to) {
    attach.addEventListener('submit', function () {
      attach.action = attach.action.replace(/\/incidents\/[^/]*\/attach$/, '/incidents/' + encodeURIComponent(to.value) + '/attach');
    });
  }
})();

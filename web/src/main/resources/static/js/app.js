// Times are rendered in UTC by the server; show them in the viewer's zone, with UTC kept on hover.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var format = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
  });
  document.querySelectorAll('time[datetime]').forEach(function (el) {
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when)) { return; }
    el.title = el.getAttribute('datetime').replace('T', ' ') + ' (UTC)';
    el.textContent = format.format(when);
  });
  var note = document.querySelector('.zone-note');
  if (note) { note.textContent = 'Times in ' + zone + ' (UTC on hover)'; }
})();

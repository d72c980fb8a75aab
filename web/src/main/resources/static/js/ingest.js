// Uploads with a progress bar for the transfer and, once the server has the files, for the import itself
// (polled from /api/imports/{id}); dead letters replayed in place.
(function () {
  var csrfToken = (document.querySelector('meta[name="csrf-token"]') || {}).content;
  var csrfHeader = (document.querySelector('meta[name="csrf-header"]') || {}).content;
  var form = document.getElementById('upload');
  var list = document.getElementById('uploads');

  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) { e.className = cls; } if (text != null) { e.textContent = text; } return e; }

  function upload(files) {
    if (!files.length) { return; }
    var data = new FormData();
    Array.prototype.forEach.call(files, function (f) { data.append('file', f); });
    ['incident', 'format', 'zone', 'provider'].forEach(function (n) { var v = form.elements[n].value; if (v) { data.append(n, v); } });
    var card = el('div', 'upload-card');
    var name = Array.prototype.map.call(files, function (f) { return f.name; }).join(', ');
    card.appendChild(el('strong', null, name));
    var bar = el('progress'); bar.max = 100; bar.value = 0; bar.setAttribute('aria-label', 'Progress of ' + name);
    var status = el('div', 'note', 'Uploading…');
    card.appendChild(bar); card.appendChild(status);
    list.prepend(card);

    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    if (csrfHeader && csrfToken) { xhr.setRequestHeader(csrfHeader, csrfToken); }
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = Math.round(50 * e.loaded / e.total); } };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status >= 300) { status.textContent = 'Refused: ' + (body.detail || xhr.statusText); status.className = 'error'; return; }
      poll(body.id, bar, status, card);
    };
    xhr.onerror = function () { status.textContent = 'Upload failed: the server did not answer'; status.className = 'error'; };
    xhr.send(data);
  }

  function poll(id, bar, status, card) {
    fetch('/api/imports/' + encodeURIComponent(id), { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (job) {
      var p = job.progress;
      if (p && p.bytesTotal > 0) { bar.value = 50 + Math.round(50 * p.bytesDone / p.bytesTotal); }
      status.textContent = job.status + ': ' + job.accepted + ' accepted, ' + job.duplicates + ' duplicates, ' + job.rejected + ' rejected'
        + (p && p.file ? ' (reading ' + p.file + ')' : '');
      if (job.status === 'DONE' || job.status === 'FAILED') {
        bar.value = 100;
        if (job.error) { card.appendChild(el('div', 'error', job.error)); }
        if (job.rejections && job.rejections.length) {
          var ul = el('ul', 'rejections');
          job.rejections.forEach(function (r) { ul.appendChild(el('li', 'error', r.source + ': ' + r.reason)); });
          card.appendChild(ul);
        }
        return;
      }
      setTimeout(function () { poll(id, bar, status, card); }, 400);
    }).catch(function () { status.textContent = 'Lost track of the import; see the list below after a reload'; });
  }

  if (form) {
    var input = document.getElementById('upload-files');
    input.addEventListener('change', function () { upload(input.files); input.value = ''; });
    ['dragenter', 'dragover'].forEach(function (t) { form.addEventListener(t, function (e) { e.preventDefault(); form.classList.add('over'); }); });
    ['dragleave', 'drop'].forEach(function (t) { form.addEventListener(t, function (e) { e.preventDefault(); form.classList.remove('over'); }); });
    form.addEventListener('drop', function (e) { upload(e.dataTransfer.files); });
  }

  document.querySelectorAll('button.replay').forEach(function (b) {
    b.addEventListener('click', function () {
      var id = b.closest('tr').getAttribute('data-id');
      var headers = { 'Accept': 'application/json' };
      if (csrfHeader && csrfToken) { headers[csrfHeader] = csrfToken; }
      fetch('/api/dead-letters/' + encodeURIComponent(id) + '/replay', { method: 'POST', headers: headers, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (res) {
          var cell = b.parentNode;
          cell.textContent = '';
          cell.appendChild(el('span', res.replayed ? 'status DONE' : 'error', res.replayed ? 'replayed: ' + res.accepted + ' accepted' : 'still failing: ' + res.reason));
        });
    });
  });
})();

// Draws the dashboard's charts from the JSON the page carries; the same numbers are in the tables under each chart.
(function () {
  var node = document.getElementById('dashboard-data');
  if (!node || !window.echarts) { return; }
  var d = JSON.parse(node.textContent);
  function minutes(s) { return s == null ? null : Math.round(s / 6) / 10; }
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el);
    c.setOption(option);
    window.addEventListener('resize', function () { c.resize(); });
  }
  var keys = d.incidents.map(function (i) { return i.key; });
  chart('chart-response', {
    tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 }, grid: { left: 50, right: 10, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: keys }, yAxis: { type: 'log', name: 'min', min: 0.1 },
    series: [['TTD', 'ttd'], ['TTA', 'tta'], ['TTM', 'ttm'], ['TTR', 'ttr']].map(function (m) {
      return { name: m[0], type: 'bar', data: d.incidents.map(function (i) { return minutes(i[m[1]]); }) };
    })
  });
  chart('chart-teams', {
    tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 }, grid: { left: 80, right: 10, top: 30 },
    yAxis: { type: 'category', data: d.teams.map(function (t) { return t.team; }) }, xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'closed', type: 'bar', stack: 'n', data: d.teams.map(function (t) { return t.closed; }) },
      { name: 'open', type: 'bar', stack: 'n', data: d.teams.map(function (t) { return t.total - t.closed; }) }
    ]
  });
  chart('chart-severity', {
    tooltip: { renderMode: 'richText' }, series: [{ type: 'pie', radius: ['35%', '65%'],
      data: Object.keys(d.bySeverity).map(function (k) { return { name: k, value: d.bySeverity[k] }; }) }]
  });
})();

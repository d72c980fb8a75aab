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
  // trends: the median and p90 response times per period, and incident counts per period by severity
  function trend(period) {
    var t = period === 'quarter' ? d.quarterly : d.monthly;
    var all = t.rows.filter(function (r) { return r.dimension === 'all'; });
    var periods = all.map(function (r) { return r.period; });
    chart('chart-trend', {
      tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 }, grid: { left: 50, right: 10, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: periods }, yAxis: { type: 'value', name: 'min' },
      series: [['TTD median', 'ttd', 'median'], ['TTA median', 'tta', 'median'], ['TTR median', 'ttr', 'median'],
        ['TTR p90', 'ttr', 'p90']].map(function (m) {
        return { name: m[0], type: 'line', connectNulls: true, lineStyle: m[2] === 'p90' ? { type: 'dashed' } : undefined,
          data: all.map(function (r) { return minutes(r[m[1]][m[2]]); }) };
      })
    });
    var bySeverity = t.rows.filter(function (r) { return r.dimension === 'severity'; });
    var severities = Array.from(new Set(bySeverity.map(function (r) { return r.value; }))).sort();
    chart('chart-counts', {
      tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: periods }, yAxis: { type: 'value', minInterval: 1 },
      series: severities.map(function (sev) {
        return { name: sev, type: 'bar', stack: 'n', data: periods.map(function (p) {
          var row = bySeverity.find(function (r) { return r.period === p && r.value === sev; });
          return row ? row.incidents : 0; }) };
      })
    });
  }
  var periodPicker = document.getElementById('trend-period');
  trend(periodPicker ? periodPicker.value : 'month');
  if (periodPicker) {
    periodPicker.addEventListener('change', function () {
      ['chart-trend', 'chart-counts'].forEach(function (id) { var c = echarts.getInstanceByDom(document.getElementById(id)); if (c) { c.dispose(); } });
      trend(periodPicker.value);
    });
  }
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

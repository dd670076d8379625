/**
 * The report page's own script (plain browser JavaScript, inlined after the lightweight-charts bundle):
 * reads the chart JSON, draws candles with fill markers, equity and drawdown as three charts on one time
 * grid, keeps their visible ranges and crosshairs in step, and shows the hovered values in a legend.
 * When done drawing it sets `data-charts-ready` on <body>, which the browser test waits for.
 * It is a string, not a module, because the page must work from file:// with no loader.
 */
export const REPORT_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var L = window.LightweightCharts;
  var d = JSON.parse(document.getElementById('atb-chart-data').textContent);
  var n = d.time.length;
  var ready = function (state) {
    requestAnimationFrame(function () { requestAnimationFrame(function () { document.body.setAttribute('data-charts-ready', state); }); });
  };
  if (n === 0) { ready('empty'); return; }

  var intraday = d.bucketMs === null ? !/[dwM]$/.test(d.timeframe) : d.bucketMs < 86400000;
  var options = function (showTime) {
    return {
      autoSize: true,
      layout: { background: { type: L.ColorType.Solid, color: '#ffffff' }, textColor: '#334155', fontSize: 12,
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
      grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
      rightPriceScale: { borderColor: '#e2e8f0', minimumWidth: 90 },
      // A small minimum bar spacing lets fitContent show the whole run (up to 5,000 candles) at once.
      timeScale: { borderColor: '#e2e8f0', visible: showTime, minBarSpacing: 0.05, timeVisible: intraday, secondsVisible: /s$/.test(d.timeframe) && d.bucketMs === null },
      crosshair: { mode: L.CrosshairMode.Normal },
    };
  };
  var make = function (id, showTime) { return L.createChart(document.getElementById(id), options(showTime)); };

  var priceChart = make('chart-candles', true);
  var candles = priceChart.addSeries(L.CandlestickSeries, {
    upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
    priceFormat: { type: 'price', precision: d.pricePrecision, minMove: Math.pow(10, -d.pricePrecision) },
  });
  var volume = priceChart.addSeries(L.HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: 'volume', color: 'rgba(100, 116, 139, 0.18)', lastValueVisible: false, priceLineVisible: false });
  priceChart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  var candleData = new Array(n);
  var volumeData = new Array(n);
  for (var i = 0; i < n; i += 1) {
    candleData[i] = { time: d.time[i], open: d.open[i], high: d.high[i], low: d.low[i], close: d.close[i] };
    volumeData[i] = { time: d.time[i], value: d.volume[i] };
  }
  candles.setData(candleData);
  volume.setData(volumeData);
  var allMarkers = d.markers.map(function (m) {
    var buy = m[1] === 'B';
    return { time: d.time[m[0]], position: buy ? 'belowBar' : 'aboveBar', shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? '#2563eb' : '#db2777', text: m[2] > 1 && d.markers.length <= 500 ? '\u00d7' + m[2] : '' };
  });
  var markerApi = L.createSeriesMarkers(candles, []);

  var line = function (values) {
    var out = new Array(n);
    for (var j = 0; j < n; j += 1) out[j] = values[j] === null ? { time: d.time[j] } : { time: d.time[j], value: values[j] };
    return out;
  };
  var equityChart = make('chart-equity', false);
  var equity = equityChart.addSeries(L.LineSeries, { color: '#4f46e5', lineWidth: 2, priceLineVisible: false });
  equity.setData(line(d.equity));
  if (d.equityLow !== null) {
    equityChart.addSeries(L.LineSeries, { color: 'rgba(79, 70, 229, 0.35)', lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false })
      .setData(line(d.equityLow));
  }
  var ddChart = make('chart-drawdown', true);
  var drawdown = ddChart.addSeries(L.BaselineSeries, {
    baseValue: { type: 'price', price: 0 }, topLineColor: 'rgba(0,0,0,0)', topFillColor1: 'rgba(0,0,0,0)', topFillColor2: 'rgba(0,0,0,0)',
    bottomLineColor: '#dc2626', bottomFillColor1: 'rgba(220, 38, 38, 0.10)', bottomFillColor2: 'rgba(220, 38, 38, 0.45)',
    lineWidth: 1, priceLineVisible: false, priceFormat: { type: 'custom', minMove: 0.01, formatter: function (v) { return v.toFixed(2) + ' %'; } },
  });
  drawdown.setData(line(d.drawdown));

  // The three charts share one time grid (every series has a point or whitespace at each bucket), so a
  // logical range means the same bars in all of them.
  var charts = [priceChart, equityChart, ddChart];
  var mainSeries = [candles, equity, drawdown];
  var syncing = false;
  charts.forEach(function (chart) {
    chart.timeScale().subscribeVisibleLogicalRangeChange(function (range) {
      if (syncing || range === null) return;
      syncing = true;
      charts.forEach(function (other) { if (other !== chart) other.timeScale().setVisibleLogicalRange(range); });
      syncing = false;
    });
  });
  // Arrows for thousands of fills would bury the candles: they are drawn only while at most
  // MAX_ARROWS_IN_VIEW of them fall in the visible range, and a hint asks to zoom in otherwise.
  var MAX_ARROWS_IN_VIEW = 400;
  var hint = document.getElementById('marker-hint');
  var firstAtOrAfter = function (index) {
    var lo = 0, hi = d.markers.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (d.markers[mid][0] < index) lo = mid + 1; else hi = mid; }
    return lo;
  };
  var arrowsShown = null;
  var updateArrows = function (range) {
    var from = range === null ? 0 : Math.floor(range.from);
    var to = range === null ? n - 1 : Math.ceil(range.to);
    var inView = firstAtOrAfter(to + 1) - firstAtOrAfter(from);
    var show = inView <= MAX_ARROWS_IN_VIEW;
    hint.textContent = show ? '' : inView + ' trade arrows in view are too many to draw: zoom in (mouse wheel) to see them.';
    if (show === arrowsShown) return;
    arrowsShown = show;
    markerApi.setMarkers(show ? allMarkers : []);
  };
  priceChart.timeScale().subscribeVisibleLogicalRangeChange(updateArrows);
  priceChart.timeScale().fitContent();
  updateArrows(priceChart.timeScale().getVisibleLogicalRange());

  var legend = document.getElementById('chart-legend');
  var fmt = function (v, digits) { return v === null || v === undefined ? '\u2013' : Number(v).toFixed(digits); };
  var show = function (index) {
    if (index < 0 || index >= n) { legend.textContent = ''; return; }
    var t = new Date(d.time[index] * 1000).toISOString().replace('T', ' ').replace(/\.000Z$/, ' UTC');
    legend.textContent = t + '   O ' + fmt(d.open[index], d.pricePrecision) + '  H ' + fmt(d.high[index], d.pricePrecision) +
      '  L ' + fmt(d.low[index], d.pricePrecision) + '  C ' + fmt(d.close[index], d.pricePrecision) +
      '   equity ' + fmt(d.equity[index], 2) + '   drawdown ' + fmt(d.drawdown[index] === null ? null : -d.drawdown[index], 2) + ' %';
  };
  var valueAt = function (k, index) {
    var v = k === 0 ? d.close[index] : k === 1 ? d.equity[index] : d.drawdown[index];
    return v === null || v === undefined ? null : v;
  };
  charts.forEach(function (chart, k) {
    chart.subscribeCrosshairMove(function (param) {
      if (syncing) return;
      syncing = true;
      var index = param.logical === undefined || param.time === undefined ? -1 : Math.round(param.logical);
      show(index === -1 ? n - 1 : index);
      charts.forEach(function (other, j) {
        if (other === chart) return;
        var v = index === -1 ? null : valueAt(j, index);
        if (v === null) other.clearCrosshairPosition(); else other.setCrosshairPosition(v, d.time[index], mainSeries[j]);
      });
      syncing = false;
    });
  });
  show(n - 1);
  ready('true');
})();
`;

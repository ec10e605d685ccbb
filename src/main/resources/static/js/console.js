// The console's small enhancements, from a file the application serves (no inline script: CSP script-src 'self').
// Pages work without it; it asks before a form that acts, and draws the charts from their data-chart attribute.
"use strict";
(function () {
  var COLOURS = ["#1f5fa8", "#1d7a3a", "#a35f00", "#6a3fa0", "#b3261e", "#2a8a8a", "#5b6475"];

  function confirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
  }

  function draw(element) {
    var data;
    try {
      data = JSON.parse(element.getAttribute("data-chart"));
    } catch (e) {
      element.setAttribute("data-drawn", "error");
      return;
    }
    if (typeof uPlot === "undefined" || !data.x || data.x.length === 0) {
      element.setAttribute("data-drawn", "empty");
      return;
    }
    var bars = element.getAttribute("data-kind") === "bars";
    var series = [{}];
    var columns = [data.x];
    var points = 0;
    var list = data.series;
    if (bars) {
      // stacked: each series is drawn as the running total up to it, the tallest first so the others sit in front
      var running = data.x.map(function () { return 0; });
      list = data.series.map(function (s) {
        var values = s.values.map(function (v, j) {
          if (v === null || v === undefined) { return null; }
          running[j] += v;
          return running[j];
        });
        return { label: s.label + " (stacked)", values: values, raw: s.values };
      }).reverse();
    }
    list.forEach(function (s, i) {
      var colour = COLOURS[i % COLOURS.length];
      var entry = { label: s.label, stroke: colour, width: 2, spanGaps: false };
      if (bars) {
        entry.fill = colour;
        entry.paths = uPlot.paths.bars({ size: [0.6, 60], align: 0 });
        entry.points = { show: false };
      }
      series.push(entry);
      columns.push(s.values);
      (s.raw || s.values).forEach(function (v) { if (v !== null && v !== undefined) { points++; } });
    });
    var width = Math.max(320, element.clientWidth || 600);
    var options = {
      width: width,
      height: 240,
      series: series,
      scales: { x: { time: true } },
      axes: [{ values: "{YYYY}-{MM}" }, { size: 70 }],
      legend: { show: true }
    };
    var plot = new uPlot(options, columns, element);
    element.setAttribute("data-drawn", "true");
    element.setAttribute("data-points", String(points));
    window.addEventListener("resize", function () {
      plot.setSize({ width: Math.max(320, element.clientWidth || 600), height: 240 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    confirmations();
    document.querySelectorAll(".chart[data-chart]").forEach(draw);
  });
}());

// Draws each <canvas data-chart="…"> with the vendored Chart.js; the same numbers are in the table beside it.
(function () {
  if (!window.Chart) return;
  Chart.defaults.font.family = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  Chart.defaults.animation = false;
  const colours = ["#1b5e9f", "#e07b24", "#2f9e44", "#b42318", "#7048e8", "#0c8599"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    const spec = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          return { label: s.label, data: s.values, backgroundColor: colours[i % colours.length], borderColor: colours[i % colours.length], spanGaps: true };
        })
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: spec.series.length > 1 } },
        scales: { y: spec.percent
          ? { min: 0, max: 1, ticks: { callback: function (v) { return Math.round(v * 100) + "%"; } } }
          : { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  });
})();

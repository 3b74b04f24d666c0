/* ccnt charts: the China map, the region's policies per year and the target ranking.
 * No inline scripts: each page puts its data in <script type="application/json"> blocks
 * (Django's json_script) and this file reads them, so script-src 'self' holds. */
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  var EN = readJson("page-lang-en") === true;
  var T = EN ? {
    noData: "no data", policies: "Policies", national: "National target", count: "Number of policies",
    clickHint: "Click for the region page"
  } : {
    noData: "暂无数据", policies: "政策", national: "全国目标", count: "政策数量",
    clickHint: "点击查看地区页"
  };
  var GREEN = ["#e5f5ec", "#a8dcc0", "#5fb98f", "#238b5e", "#0b5a3c"];
  var NO_DATA = "#d9d9d9";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  function resizeWith(chart) {
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function fmt(v) {
    if (v === null || v === undefined) { return T.noData; }
    return Math.round(v * 100) / 100;
  }

  /* ---- the map: provinces joined on adcode (the features' ids), never on names ---- */
  function initMap() {
    var el = document.getElementById("china-map");
    var data = readJson("map-data");
    if (!el || !data || typeof echarts === "undefined") { return; }
    var names = {};
    var counts = {};
    data.provinces.forEach(function (p) {
      names[p.adcode] = EN && p.name_en ? p.name_en : (p.short_name || p.name);
      counts[p.adcode] = p.count;
    });
    var seriesByKey = {};
    data.series.forEach(function (s) { seriesByKey[s.key] = s; });
    var select = document.getElementById("map-measure");
    var chart = null;

    function measure() {
      var key = select ? select.value : "count";
      var s = seriesByKey[key];
      if (!s) {
        return { values: counts, unit: "", title: T.count, national: null, zeroIsNoData: true };
      }
      return { values: s.values, unit: s.unit || "", title: (EN ? s.indicator_name_en : s.indicator_name) + " " + s.year,
               national: s.national, zeroIsNoData: false };
    }

    function render() {
      var m = measure();
      var values = [];
      var items = [];
      Object.keys(names).forEach(function (adcode) {
        var v = m.values[adcode];
        var has = v !== undefined && v !== null && !(m.zeroIsNoData && v === 0);
        if (has) { values.push(v); }
        items.push({ name: adcode, value: has ? v : null,
                     itemStyle: has ? undefined : { areaColor: NO_DATA } });
      });
      var min = values.length ? Math.min.apply(null, values) : 0;
      var max = values.length ? Math.max.apply(null, values) : 1;
      if (min === max) { min = Math.min(0, min); max = max || 1; }
      chart.setOption({
        animation: false,
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var name = names[p.name] || p.name;
            var v = p.value;
            var text = (v === null || v === undefined || isNaN(v)) ? T.noData : fmt(v) + (m.unit ? " " + m.unit : "");
            var line = name + "<br>" + m.title + ": " + text;
            if (m.national !== null && m.national !== undefined) { line += "<br>" + T.national + ": " + fmt(m.national) + " " + m.unit; }
            return line;
          }
        },
        visualMap: {
          type: "continuous", min: min, max: max, left: 10, bottom: 10, calculable: false,
          text: [String(fmt(max)), String(fmt(min))], inRange: { color: GREEN },
          textStyle: { color: "#1d2a22" }
        },
        series: [{
          type: "map", mapType: "china", nameProperty: "id", roam: false, zoom: 1.15, top: 40,
          label: { show: false }, emphasis: { label: { show: false }, itemStyle: { areaColor: "#f4b400" } },
          itemStyle: { borderColor: "#ffffff", borderWidth: 0.8, areaColor: NO_DATA },
          data: items
        }]
      }, true);
    }

    fetch(el.getAttribute("data-geojson"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("map data " + r.status); } return r.json(); })
      .then(function (geo) {
        echarts.registerMap("china", geo);
        chart = echarts.init(el);
        resizeWith(chart);
        render();
        el.setAttribute("data-ready", "1");
        chart.on("click", function (p) {
          if (p.name && /^\d{6}$/.test(p.name)) { window.location.href = "/regions/" + p.name + "/"; }
        });
        if (select) { select.addEventListener("change", render); }
      })
      .catch(function (err) {
        el.textContent = T.noData;
        el.setAttribute("data-error", String(err));
      });
  }

  /* ---- the region's policies per year ---- */
  function initRegionChart() {
    var el = document.getElementById("region-years");
    var data = readJson("region-chart-data");
    if (!el || !data || typeof echarts === "undefined") { return; }
    var chart = echarts.init(el);
    resizeWith(chart);
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.years.map(String) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", name: T.count, data: data.counts, itemStyle: { color: "#0b6e4f" } }]
    });
    el.setAttribute("data-ready", "1");
  }

  /* ---- the target rankings (one chart per chosen indicator), the national target as a line ---- */
  function drawTargetChart(el, data) {
    var labels = EN ? data.labels_en : data.labels;
    el.style.height = Math.max(220, 60 + labels.length * 26) + "px";
    var chart = echarts.init(el);
    resizeWith(chart);
    var markLine = null;
    if (data.national !== null && data.national !== undefined) {
      markLine = {
        symbol: "none", silent: true, lineStyle: { color: "#c0392b", type: "dashed", width: 2 },
        label: { formatter: T.national + " " + fmt(data.national), color: "#c0392b", position: "start" },
        data: [{ xAxis: data.national }]
      };
    }
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 56, top: 34, bottom: 24, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", name: data.unit || "", nameLocation: "end", nameGap: 8 },
      yAxis: { type: "category", data: labels, inverse: true },
      series: [{
        type: "bar", name: data.unit || "", data: data.values,
        itemStyle: { color: "#0b6e4f" },
        label: { show: true, position: "right", formatter: function (p) { return fmt(p.value); } },
        markLine: markLine || undefined
      }]
    });
    chart.on("click", function (p) {
      var adcode = data.adcodes[p.dataIndex];
      if (adcode) { window.location.href = "/regions/" + adcode + "/"; }
    });
    el.setAttribute("data-ready", "1");
  }

  function initTargetCharts() {
    var charts = readJson("target-chart-data");
    if (!charts || typeof echarts === "undefined") { return; }
    charts.forEach(function (data, i) {
      var el = document.getElementById("target-chart-" + i);
      if (el && data) { drawTargetChart(el, data); }
    });
  }

  ready(function () {
    initMap();
    initRegionChart();
    initTargetCharts();
  });
}());

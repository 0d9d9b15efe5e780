// fengong explorer: pan and zoom for the diagrams (wheel zooms at the pointer, drag pans,
// double-click resets). No library: the SVG's viewBox is all that changes.
(function () {
  function attach(box) {
    var svg = box.querySelector('svg');
    if (!svg) return;
    var vb = svg.viewBox.baseVal;
    if (!vb || !vb.width) return;
    var home = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    // A large network fitted whole draws its names at a few pixels: open it at a scale where
    // they read (one unit of the drawing, a point, at least one pixel), centred on its largest
    // node (the most central agency, or an ego network's own). Double-click shows it whole.
    var bw = box.clientWidth, bh = box.clientHeight;
    if (bw && bh && Math.min(bw / vb.width, bh / vb.height) < 1) {
      var cx = vb.x + vb.width / 2, cy = vb.y + vb.height / 2, best = 0, toView = svg.getScreenCTM().inverse();
      svg.querySelectorAll('g.node ellipse').forEach(function (el) {
        var b = el.getBBox(), a = b.width * b.height;
        if (a <= best) return;
        // The node's centre in the drawing's own units (graphviz translates its graph group).
        var p = svg.createSVGPoint();
        p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
        p = p.matrixTransform(el.getScreenCTM()).matrixTransform(toView);
        best = a; cx = p.x; cy = p.y;
      });
      vb.width = bw; vb.height = bh; vb.x = cx - bw / 2; vb.y = cy - bh / 2;
    }
    function point(e) {
      var r = svg.getBoundingClientRect();
      return { x: vb.x + (e.clientX - r.left) / r.width * vb.width, y: vb.y + (e.clientY - r.top) / r.height * vb.height };
    }
    box.addEventListener('wheel', function (e) {
      e.preventDefault();
      var p = point(e), k = e.deltaY < 0 ? 0.8 : 1.25;
      vb.x = p.x - (p.x - vb.x) * k; vb.y = p.y - (p.y - vb.y) * k;
      vb.width *= k; vb.height *= k;
    }, { passive: false });
    var drag = null;
    box.addEventListener('mousedown', function (e) { if (e.target.closest('a')) return; drag = { x: e.clientX, y: e.clientY }; box.style.cursor = 'grabbing'; });
    window.addEventListener('mouseup', function () { drag = null; box.style.cursor = ''; });
    window.addEventListener('mousemove', function (e) {
      if (!drag) return;
      var r = svg.getBoundingClientRect();
      vb.x -= (e.clientX - drag.x) / r.width * vb.width; vb.y -= (e.clientY - drag.y) / r.height * vb.height;
      drag = { x: e.clientX, y: e.clientY };
    });
    box.addEventListener('dblclick', function () { vb.x = home.x; vb.y = home.y; vb.width = home.w; vb.height = home.h; });
  }
  document.querySelectorAll('.diagram').forEach(attach);
})();

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

// Show-FoDataset embeddings map: a scatter of one point per sample on a plain 2-D canvas, no libraries.
// Points are drawn as small squares batched by colour (one fillStyle per colour), so a redraw of 50,000
// points is a few tens of thousands of fillRect calls. Dragging draws a box (or, in lasso mode, a free shape)
// that selects the points in it; a right-button drag pans, the wheel zooms about the pointer and a double
// click fits all points again.
window.FoMap = (function () {
  'use strict';

  const MARGIN = 14, HOVER_RADIUS = 8, CLICK_SLOP = 4;
  const DIM = '#d9dce1';

  function create(opts) {
    const canvas = opts.canvas, wrap = opts.wrap, xs = opts.xs, ys = opts.ys, N = xs.length;
    const ctx = canvas.getContext('2d', { alpha: false });
    const sx = new Float32Array(N), sy = new Float32Array(N);
    const has = new Uint8Array(N);
    let lo = [Infinity, Infinity], hi = [-Infinity, -Infinity], withPoint = 0;
    for (let i = 0; i < N; i++) {
      const x = xs[i], y = ys[i];
      if (x !== x || y !== y) continue;
      has[i] = 1; withPoint++;
      if (x < lo[0]) lo[0] = x; if (x > hi[0]) hi[0] = x;
      if (y < lo[1]) lo[1] = y; if (y > hi[1]) hi[1] = y;
    }
    const size = N > 20000 ? 2 : N > 3000 ? 3 : 5;
    let W = 0, H = 0, dpr = 1, view = null;
    let lists = [], palette = [];          // lists[k]: sample indices drawn in palette[k]
    let pass = new Uint8Array(N).fill(1), sel = null;
    const box = document.createElement('div');
    box.className = 'map-box';
    box.hidden = true;
    wrap.appendChild(box);
    const SVG = 'http://www.w3.org/2000/svg';
    const lassoSvg = document.createElementNS(SVG, 'svg'), lassoPath = document.createElementNS(SVG, 'polygon');
    lassoSvg.setAttribute('class', 'map-lasso');
    lassoSvg.appendChild(lassoPath);
    wrap.appendChild(lassoSvg);
    lassoSvg.style.display = 'none';
    let tool = 'box';

    function fit() {
      const dx = Math.max(hi[0] - lo[0], 1e-12), dy = Math.max(hi[1] - lo[1], 1e-12);
      const scale = Math.min((W - 2 * MARGIN) / dx, (H - 2 * MARGIN) / dy);
      view = { cx: (lo[0] + hi[0]) / 2, cy: (lo[1] + hi[1]) / 2, scale: scale > 0 ? scale : 1 };
    }

    function resize() {
      dpr = window.devicePixelRatio || 1;
      W = Math.max(1, canvas.clientWidth); H = Math.max(1, canvas.clientHeight);
      canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
      fit();
    }

    function setColors(colorIndex, colors) {
      palette = colors;
      const counts = new Int32Array(colors.length);
      for (let i = 0; i < N; i++) if (has[i]) counts[colorIndex[i]]++;
      lists = colors.map((_, k) => new Int32Array(counts[k]));
      const fill = new Int32Array(colors.length);
      for (let i = 0; i < N; i++) if (has[i]) { const k = colorIndex[i]; lists[k][fill[k]++] = i; }
    }

    function setFlags(passes, selection) { pass = passes; sel = selection; }

    // Dimmed points (filtered out) first, then points outside the selection faded, then the shown ones on top.
    function draw() {
      const start = performance.now();
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.globalAlpha = 1;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, W, H);
      const half = size / 2, w2 = W / 2, h2 = H / 2, { cx, cy, scale } = view;
      for (let i = 0; i < N; i++) {
        if (!has[i]) continue;
        sx[i] = w2 + (xs[i] - cx) * scale;
        sy[i] = h2 - (ys[i] - cy) * scale;
      }
      ctx.fillStyle = DIM;
      for (let i = 0; i < N; i++) if (has[i] && !pass[i]) ctx.fillRect(sx[i] - half, sy[i] - half, size, size);
      for (const bright of sel ? [false, true] : [true]) {
        ctx.globalAlpha = bright ? 1 : 0.2;
        for (let k = 0; k < lists.length; k++) {
          ctx.fillStyle = palette[k];
          const list = lists[k];
          for (let j = 0; j < list.length; j++) {
            const i = list[j];
            if (!pass[i] || (sel && (sel[i] === 1) !== bright)) continue;
            ctx.fillRect(sx[i] - half, sy[i] - half, size, size);
          }
        }
      }
      ctx.globalAlpha = 1;
      return performance.now() - start;
    }

    // Shown points win over dimmed ones within the hover radius.
    function nearest(mx, my) {
      let best = -1, bestD = HOVER_RADIUS * HOVER_RADIUS, bestShown = false;
      for (let i = 0; i < N; i++) {
        if (!has[i]) continue;
        const dx = sx[i] - mx, dy = sy[i] - my, d = dx * dx + dy * dy;
        const shown = pass[i] === 1 && (!sel || sel[i] === 1);
        if (d > HOVER_RADIUS * HOVER_RADIUS || (bestShown && !shown)) continue;
        if (d < bestD || (shown && !bestShown)) { best = i; bestD = d; bestShown = shown; }
      }
      return best;
    }

    function inBox(x0, y0, x1, y1) {
      const mask = new Uint8Array(N);
      const l = Math.min(x0, x1), r = Math.max(x0, x1), t = Math.min(y0, y1), b = Math.max(y0, y1);
      for (let i = 0; i < N; i++) if (has[i] && sx[i] >= l && sx[i] <= r && sy[i] >= t && sy[i] <= b) mask[i] = 1;
      return mask;
    }

    // Ray casting against the polygon, after a cheap test against its bounding box.
    function inPolygon(poly) {
      const mask = new Uint8Array(N);
      let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
      for (const [x, y] of poly) { l = Math.min(l, x); r = Math.max(r, x); t = Math.min(t, y); b = Math.max(b, y); }
      for (let i = 0; i < N; i++) {
        if (!has[i]) continue;
        const px = sx[i], py = sy[i];
        if (px < l || px > r || py < t || py > b) continue;
        let inside = false;
        for (let a = 0, c = poly.length - 1; a < poly.length; c = a++) {
          const [xa, ya] = poly[a], [xc, yc] = poly[c];
          if ((ya > py) !== (yc > py) && px < (xc - xa) * (py - ya) / (yc - ya) + xa) inside = !inside;
        }
        if (inside) mask[i] = 1;
      }
      return mask;
    }

    const local = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    let drag = null, pan = null, hoverFrame = 0, lastMove = null;

    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    canvas.addEventListener('mousedown', (e) => {
      const [x, y] = local(e);
      if (e.button === 2) { e.preventDefault(); pan = { x, y }; return; }
      if (e.button !== 0) return;
      e.preventDefault();
      drag = { x0: x, y0: y, x1: x, y1: y, additive: e.shiftKey, path: tool === 'lasso' ? [[x, y]] : null };
      opts.onHover(-1);
    });
    window.addEventListener('mousemove', (e) => {
      if (pan) {
        const [x, y] = local(e);
        view.cx -= (x - pan.x) / view.scale;
        view.cy += (y - pan.y) / view.scale;
        pan = { x, y };
        draw();
        return;
      }
      if (drag && drag.path) {
        [drag.x1, drag.y1] = local(e);
        drag.path.push([drag.x1, drag.y1]);
        lassoPath.setAttribute('points', drag.path.map(([x, y]) => `${x + canvas.offsetLeft},${y + canvas.offsetTop}`).join(' '));
        lassoSvg.style.display = '';
        return;
      }
      if (drag) {
        [drag.x1, drag.y1] = local(e);
        const l = Math.min(drag.x0, drag.x1), t = Math.min(drag.y0, drag.y1);
        Object.assign(box.style, { left: `${canvas.offsetLeft + l}px`, top: `${canvas.offsetTop + t}px`,
          width: `${Math.abs(drag.x1 - drag.x0)}px`, height: `${Math.abs(drag.y1 - drag.y0)}px` });
        box.hidden = false;
        return;
      }
      if (e.target !== canvas) return;
      lastMove = e;
      if (!hoverFrame) hoverFrame = requestAnimationFrame(() => {
        hoverFrame = 0;
        const [x, y] = local(lastMove);
        opts.onHover(nearest(x, y), lastMove.clientX, lastMove.clientY);
      });
    });
    window.addEventListener('mouseup', (e) => {
      if (pan) { pan = null; return; }
      if (!drag) return;
      const d = drag;
      drag = null;
      box.hidden = true;
      lassoSvg.style.display = 'none';
      [d.x1, d.y1] = local(e);
      const far = d.path ? d.path.some(([x, y]) => Math.abs(x - d.x0) > CLICK_SLOP || Math.abs(y - d.y0) > CLICK_SLOP)
        : Math.abs(d.x1 - d.x0) > CLICK_SLOP || Math.abs(d.y1 - d.y0) > CLICK_SLOP;
      if (!far) {
        const i = nearest(d.x0, d.y0);
        if (i >= 0) opts.onClick(i);
        return;
      }
      const mask = d.path ? inPolygon(d.path) : inBox(d.x0, d.y0, d.x1, d.y1);
      if (d.additive && sel) for (let i = 0; i < N; i++) mask[i] |= sel[i];
      opts.onSelect(mask);
    });
    canvas.addEventListener('mouseleave', () => { if (!drag) opts.onHover(-1); });
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const [mx, my] = local(e);
      const k = Math.exp(-e.deltaY * 0.0015);
      const x = view.cx + (mx - W / 2) / view.scale, y = view.cy - (my - H / 2) / view.scale;
      view.scale *= k;
      view.cx = x - (mx - W / 2) / view.scale;
      view.cy = y + (my - H / 2) / view.scale;
      draw();
    }, { passive: false });
    canvas.addEventListener('dblclick', () => { fit(); draw(); });

    resize();
    return {
      withPoint,
      setColors, setFlags, draw, resize,
      // 'box' or 'lasso': what a left-button drag draws.
      setTool(name) { tool = name === 'lasso' ? 'lasso' : 'box'; },
      fit() { fit(); },
      // Where sample i's point is on the screen (client coordinates), or null without a point.
      toClient(i) {
        if (!has[i]) return null;
        const r = canvas.getBoundingClientRect();
        return { x: r.left + sx[i], y: r.top + sy[i] };
      },
      // 'shown', 'faded' (outside the selection), 'dimmed' (filtered out) or 'none' (no point).
      stateOf(i) { return !has[i] ? 'none' : !pass[i] ? 'dimmed' : sel && !sel[i] ? 'faded' : 'shown'; },
    };
  }

  return { create };
})();

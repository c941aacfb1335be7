// Show-FoDataset gallery: plain script, no libraries, no network.
// Cards are virtualised: only the rows near the viewport exist in the DOM, so 10,000 samples stay fast.
(function () {
  'use strict';

  const GAP = 12, MIN_CARD_W = 190, PAD = 8, THUMB_H = 120, OVERSCAN_ROWS = 3;
  const MAX_CARD_LABELS = 3, MAX_CARD_SCORES = 5;
  const PALETTE = ['#2563eb', '#9333ea', '#0891b2', '#be185d', '#4d7c0f'];
  const UNTAGGED = '\u0000untagged';

  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($('fo-data').textContent);
  const parsedAt = performance.now();
  const samples = data.samples;
  const N = samples.length;
  const scoreFields = data.scoreFields;
  const labelFields = data.labelFields;
  const truthField = data.groundTruthField || null;
  const predField = data.predictionField || null;
  // Cards list truth and prediction first, then any other label fields.
  const cardLabelFields = [truthField, predField, ...labelFields.filter((f) => f !== truthField && f !== predField)]
    .filter(Boolean).slice(0, MAX_CARD_LABELS);
  const labelKeyWidth = `${Math.min(13, Math.max(4, ...cardLabelFields.map((f) => f.length))) * 0.62}em`;

  // ---- columns and summaries, computed once ----------------------------------------------------
  const columns = {}, ranges = {};
  for (const f of scoreFields) {
    const col = new Float64Array(N);
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < N; i++) {
      const v = samples[i].scores[f];
      if (typeof v === 'number') { col[i] = v; if (v < lo) lo = v; if (v > hi) hi = v; } else col[i] = NaN;
    }
    columns[f] = col;
    ranges[f] = { lo, hi };
  }

  // 1 when truth and prediction disagree, 0 when they agree, -1 when either is missing or not a classification.
  const mismatch = new Int8Array(N).fill(-1);
  if (truthField && predField) {
    for (let i = 0; i < N; i++) {
      const a = samples[i].labels[truthField], b = samples[i].labels[predField];
      if (!a || !b || a.type === 'detections' || b.type === 'detections') continue;
      mismatch[i] = sameSet(a.labels, b.labels) ? 0 : 1;
    }
  }

  const tagCounts = new Map();
  let untagged = 0;
  for (const s of samples) {
    if (!s.tags.length) untagged++;
    for (const t of s.tags) tagCounts.set(t, (tagCounts.get(t) || 0) + 1);
  }

  const fieldColor = (f) => f === truthField ? 'var(--truth)' : f === predField ? 'var(--pred)'
    : PALETTE[labelFields.indexOf(f) % PALETTE.length];

  // ---- state ------------------------------------------------------------------------------------
  const initial = () => ({
    sortBy: data.sortBy || '',
    desc: !!data.descending,
    tag: '',
    labelField: truthField || labelFields[0] || '',
    label: '',
    mismatchOnly: false,
    thrField: data.sortBy || scoreFields[0] || '',
    thrMode: 'ge',
    thr: null,        // null: the slider sits at its open end and filters nothing
  });
  let state = initial();
  let order = [];     // sample indices shown, in display order
  const timings = { parsedMs: parsedAt, firstRenderMs: null, lastUpdateMs: null };

  // ---- controls ---------------------------------------------------------------------------------
  function option(value, text) {
    const o = document.createElement('option');
    o.value = value; o.textContent = text;
    return o;
  }

  function fillControls() {
    const sort = $('sort-field');
    sort.replaceChildren(option('', 'Input order'), ...scoreFields.map((f) => option(f, f)));
    const tag = $('tag-filter');
    const tags = [...tagCounts.keys()].sort();
    tag.replaceChildren(option('', `All tags`), ...tags.map((t) => option(t, `${t} (${fmtInt(tagCounts.get(t))})`)));
    if (untagged && tags.length) tag.append(option(UNTAGGED, `(untagged) (${fmtInt(untagged)})`));
    $('tag-ctl').hidden = tags.length === 0;
    $('label-field').replaceChildren(...labelFields.map((f) => option(f, f)));
    $('label-ctl').hidden = labelFields.length === 0;
    $('mismatch-ctl').hidden = !(truthField && predField) || !mismatch.some((m) => m >= 0);
    if (truthField && predField) $('mismatch-text').textContent = `${truthField} \u2260 ${predField}`;
    $('threshold-field').replaceChildren(...scoreFields.map((f) => option(f, f)));
    $('threshold-ctl').hidden = $('sort-ctl').hidden = scoreFields.length === 0;
    $('generated').textContent = data.generated ? `generated ${data.generated}` : '';
  }

  function fillLabelValues() {
    const counts = new Map();
    for (const s of samples) {
      const l = s.labels[state.labelField];
      if (l) for (const v of l.labels) counts.set(v, (counts.get(v) || 0) + 1);
    }
    const values = [...counts.keys()].sort((a, b) => a.localeCompare(b));
    $('label-value').replaceChildren(option('', 'All labels'), ...values.map((v) => option(v, `${v} (${fmtInt(counts.get(v))})`)));
    $('label-value').value = state.label;
  }

  // The slider moves in "nice" steps so the threshold it shows is exactly the one applied.
  function setupSlider() {
    const slider = $('threshold'), r = ranges[state.thrField];
    if (!r || !(r.hi >= r.lo)) { slider.disabled = true; showThreshold(); return; }
    const step = niceStep((r.hi - r.lo) / 200);
    const lo = Math.floor(r.lo / step) * step, hi = Math.ceil(r.hi / step) * step;
    slider.disabled = false;
    slider.min = lo; slider.max = hi; slider.step = step;
    slider.dataset.decimals = Math.max(0, -Math.floor(Math.log10(step)));
    slider.value = state.thr !== null ? state.thr : (state.thrMode === 'ge' ? lo : hi);
    showThreshold();
  }

  function readSlider() {
    const slider = $('threshold');
    const v = +(+slider.value).toFixed(+slider.dataset.decimals);
    const open = state.thrMode === 'ge' ? v <= +slider.min : v >= +slider.max;
    state.thr = open ? null : v;
    showThreshold();
  }

  function showThreshold() {
    const out = $('threshold-value');
    out.classList.toggle('on', state.thr !== null);
    out.textContent = state.thr === null ? 'off' : `${state.thrMode === 'ge' ? '\u2265' : '\u2264'} ${state.thr}`;
    $('threshold-mode').textContent = state.thrMode === 'ge' ? '\u2265' : '\u2264';
  }

  function syncControls() {
    $('sort-field').value = state.sortBy;
    $('sort-dir').textContent = state.desc ? '\u2193 Desc' : '\u2191 Asc';
    $('tag-filter').value = state.tag;
    $('label-field').value = state.labelField;
    fillLabelValues();
    $('mismatch-only').checked = state.mismatchOnly;
    $('threshold-field').value = state.thrField;
    setupSlider();
  }

  function bind() {
    $('sort-field').addEventListener('change', (e) => { state.sortBy = e.target.value; update(); });
    $('sort-dir').addEventListener('click', () => { state.desc = !state.desc; syncControls(); update(); });
    $('tag-filter').addEventListener('change', (e) => { state.tag = e.target.value; update(); });
    $('label-field').addEventListener('change', (e) => { state.labelField = e.target.value; state.label = ''; fillLabelValues(); update(); });
    $('label-value').addEventListener('change', (e) => { state.label = e.target.value; update(); });
    $('mismatch-only').addEventListener('change', (e) => { state.mismatchOnly = e.target.checked; update(); });
    $('threshold-field').addEventListener('change', (e) => { state.thrField = e.target.value; state.thr = null; setupSlider(); update(); });
    $('threshold-mode').addEventListener('click', () => { state.thrMode = state.thrMode === 'ge' ? 'le' : 'ge'; state.thr = null; setupSlider(); update(); });
    $('threshold').addEventListener('input', () => { readSlider(); update(); });
    $('reset').addEventListener('click', () => { state = initial(); syncControls(); update(); });
    grid.addEventListener('click', onGridClick);
    grid.addEventListener('keydown', (e) => { if (e.key === 'Enter' && e.target.classList.contains('card')) openDetail(+e.target.dataset.index); });
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', () => { layout(); schedule(); });
    $('detail').addEventListener('click', (e) => { if (e.target.id === 'detail' || e.target.id === 'detail-close') closeDetail(); });
    document.addEventListener('keydown', onKey);
  }

  function onGridClick(e) {
    const tag = e.target.closest('.tag');
    if (tag) { e.stopPropagation(); state.tag = tag.textContent; syncControls(); update(); return; }
    const card = e.target.closest('.card');
    if (card) openDetail(+card.dataset.index);
  }

  // ---- filter and sort --------------------------------------------------------------------------
  function compute() {
    const out = [];
    const thrCol = state.thr !== null ? columns[state.thrField] : null;
    const ge = state.thrMode === 'ge';
    for (let i = 0; i < N; i++) {
      const s = samples[i];
      if (state.tag === UNTAGGED) { if (s.tags.length) continue; }
      else if (state.tag && !s.tags.includes(state.tag)) continue;
      if (state.label) { const l = s.labels[state.labelField]; if (!l || !l.labels.includes(state.label)) continue; }
      if (state.mismatchOnly && mismatch[i] !== 1) continue;
      if (thrCol) { const v = thrCol[i]; if (!(ge ? v >= state.thr : v <= state.thr)) continue; } // NaN never passes
      out.push(i);
    }
    if (state.sortBy) {
      const col = columns[state.sortBy], dir = state.desc ? -1 : 1;
      // Stable, and samples without a value stay last in both directions.
      out.sort((a, b) => {
        const x = col[a], y = col[b], xm = x !== x, ym = y !== y;
        if (xm || ym) return xm === ym ? a - b : (xm ? 1 : -1);
        return x === y ? a - b : (x < y ? -dir : dir);
      });
    } else if (state.desc) out.reverse();
    return out;
  }

  // ---- virtualised grid -------------------------------------------------------------------------
  const grid = $('grid');
  let perRow = 1, cardW = MIN_CARD_W, rowH = 0, live = new Map(), pending = false;

  function cardHeight() {
    const nl = cardLabelFields.length, ns = Math.min(scoreFields.length, MAX_CARD_SCORES);
    return PAD + THUMB_H + 6 + 18 + nl * 20 + (ns ? 4 + ns * 18 : 0) + 4 + 22 + PAD;
  }

  function layout() {
    const w = grid.clientWidth || document.documentElement.clientWidth - 36;
    perRow = Math.max(1, Math.floor((w + GAP) / (MIN_CARD_W + GAP)));
    cardW = Math.floor((w - GAP * (perRow - 1)) / perRow);
    rowH = cardHeight() + GAP;
    const rows = Math.ceil(order.length / perRow);
    grid.style.height = rows ? `${rows * rowH - GAP}px` : '0px';
    live.forEach((el) => el.remove());
    live = new Map();
  }

  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; render(); });
  }

  function render() {
    const top = grid.getBoundingClientRect().top;
    const rows = Math.ceil(order.length / perRow);
    const r0 = Math.max(0, Math.floor(-top / rowH) - OVERSCAN_ROWS);
    const r1 = Math.min(rows - 1, Math.floor((window.innerHeight - top) / rowH) + OVERSCAN_ROWS);
    const next = new Map(), frag = document.createDocumentFragment();
    for (let p = r0 * perRow, end = Math.min(order.length, (r1 + 1) * perRow); p < end; p++) {
      const i = order[p];
      const el = live.get(i) || makeCard(i);
      el.style.transform = `translate(${(p % perRow) * (cardW + GAP)}px, ${Math.floor(p / perRow) * rowH}px)`;
      next.set(i, el);
      frag.appendChild(el);   // DOM order follows display order (tab order, screen readers)
    }
    live.forEach((el, i) => { if (!next.has(i)) el.remove(); });
    live = next;
    grid.appendChild(frag);
  }

  function update() {
    const start = performance.now();
    order = compute();
    $('shown-count').textContent = countText();
    $('empty').hidden = order.length > 0;
    layout();
    if (window.scrollY > 0) window.scrollTo(0, 0);
    render();
    timings.lastUpdateMs = performance.now() - start;
  }

  function countText() {
    let text = `${fmtInt(order.length)} of ${fmtInt(N)} samples`;
    if (data.inputCount > N) text += ` (first ${fmtInt(N)} of ${fmtInt(data.inputCount)})`;
    return text;
  }

  // ---- cards ------------------------------------------------------------------------------------
  function makeCard(i) {
    const s = samples[i];
    const el = document.createElement('div');
    el.className = 'card' + (mismatch[i] === 1 ? ' mismatch' : '');
    el.setAttribute('role', 'listitem');
    el.tabIndex = 0;
    el.dataset.index = i;
    el.dataset.id = s.id;
    el.style.width = `${cardW}px`;
    el.style.height = `${rowH - GAP}px`;
    el.innerHTML =
      `<div class="thumb">${thumbHtml(s, cardW - 2 * PAD, THUMB_H, false)}</div>` +
      `<div class="name" title="${esc(s.path)}">${esc(s.name)}</div>` +
      cardLabelFields.map((f) => labelRow(s, i, f)).join('') +
      (scoreFields.length ? `<div class="scores">${scoreFields.slice(0, MAX_CARD_SCORES).map((f) => scoreRow(s, f)).join('')}</div>` : '') +
      `<div class="tags">${s.tags.map((t) => `<span class="tag">${esc(t)}</span>`).join('')}</div>`;
    return el;
  }

  function labelRow(s, i, f) {
    const l = s.labels[f];
    let value = '<span class="muted">&mdash;</span>';
    if (l) {
      const cls = f === truthField ? 'truth' : f === predField ? (mismatch[i] === 1 ? 'wrong' : 'pred') : '';
      const text = l.type === 'detections' ? objectSummary(l) : l.labels.join(', ');
      // The confidence is a score row of its own ("<field>.confidence"), so the pill keeps the room for the label.
      value = `<span class="pill ${cls}" title="${esc(text)}">${esc(text || '(none)')}</span>`;
    }
    return `<div class="lbl"><span class="k" style="width:${labelKeyWidth}" title="${esc(f)}">${esc(f)}</span>${value}</div>`;
  }

  function objectSummary(l) {
    const counts = new Map();
    for (const o of l.objects || []) counts.set(o.label, (counts.get(o.label) || 0) + 1);
    const parts = [...counts].map(([k, n]) => n > 1 ? `${k} \u00d7${n}` : k);
    return `${(l.objects || []).length} obj: ${parts.join(', ')}`;
  }

  function scoreRow(s, f) {
    const v = s.scores[f], r = ranges[f];
    const share = typeof v === 'number' && r.hi > r.lo ? (v - r.lo) / (r.hi - r.lo) : (typeof v === 'number' ? 1 : 0);
    return `<div class="score${f === state.sortBy ? ' on' : ''}"><span class="k" title="${esc(f)}">${esc(f)}</span>` +
      `<span class="b"><i style="width:${(share * 100).toFixed(1)}%"></i></span>` +
      `<span class="v">${typeof v === 'number' ? fmt(v) : '&ndash;'}</span></div>`;
  }

  // Fits the thumbnail in the box: small images are enlarged by whole factors and drawn pixelated, others at most 1.25x.
  function thumbHtml(s, boxW, boxH, withNames) {
    if (!s.thumb) {
      return `<div class="noimg" title="${esc(s.error || '')}"><b>&#9888;</b>image unavailable</div>`;
    }
    const w = s.thumbWidth, h = s.thumbHeight;
    const fit = Math.min(boxW / w, boxH / h);
    const small = Math.max(w, h) <= 48;
    const k = small ? Math.min(fit, Math.max(1, Math.floor(fit))) : Math.min(fit, withNames ? 4 : 1.25);
    const dw = Math.round(w * k), dh = Math.round(h * k);
    return `<div class="frame" style="width:${dw}px;height:${dh}px"><img class="${small ? 'px' : ''}" src="${s.thumb}" alt="" decoding="async">` +
      boxesSvg(s, withNames) + '</div>';
  }

  function boxesSvg(s, withNames) {
    let rects = '', names = '';
    for (const f of labelFields) {
      const l = s.labels[f];
      if (!l || l.type !== 'detections') continue;
      const color = fieldColor(f), dash = f === predField ? ' stroke-dasharray="4 2"' : '';
      for (const o of l.objects || []) {
        if (!o.box) continue;
        const [x, y, w, h] = o.box;
        rects += `<rect x="${x}" y="${y}" width="${w}" height="${h}" stroke="${color}"${dash}><title>${esc(f + ': ' + o.label)}</title></rect>`;
        if (withNames) {
          const c = o.confidence != null ? ` ${fmt(o.confidence)}` : '';
          const inside = y < 0.08 ? ';transform:none' : ''; // no room above a box at the top edge
          names += `<span style="left:${x * 100}%;top:${y * 100}%;background:${color}${inside}">${esc(o.label + c)}</span>`;
        }
      }
    }
    return (rects ? `<svg viewBox="0 0 1 1" preserveAspectRatio="none">${rects}</svg>` : '') + names;
  }

  // ---- detail panel -----------------------------------------------------------------------------
  let detailIndex = -1;

  function openDetail(i) {
    detailIndex = i;
    const s = samples[i];
    $('detail-image').innerHTML = thumbHtml(s, Math.min(480, window.innerWidth * 0.5), Math.min(480, window.innerHeight * 0.6), true);
    showOriginal(s);
    $('detail-name').textContent = s.name;
    const rows = (pairs) => `<table>${pairs.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
    let html = rows([
      ['path', esc(s.path)], ['id', esc(s.id)],
      ...(s.width ? [['size', `${s.width} \u00d7 ${s.height}`]] : []),
      ...(s.error ? [['error', `<span style="color:var(--bad)">${esc(s.error)}</span>`]] : []),
      ['tags', s.tags.map((t) => `<span class="tag">${esc(t)}</span>`).join(' ') || '&ndash;'],
    ]);
    if (scoreFields.length) html += '<h3>Scores</h3>' + rows(scoreFields.map((f) => [f, typeof s.scores[f] === 'number' ? fmt(s.scores[f], 6) : '&ndash;']));
    for (const f of labelFields) {
      const l = s.labels[f];
      if (!l) continue;
      html += `<h3 style="color:${fieldColor(f)}">${esc(f)}</h3>`;
      if (l.type === 'classification') {
        html += rows([['label', esc(l.labels.join(', '))], ...(l.confidence != null ? [['confidence', fmt(l.confidence, 4)]] : []), ...attrRows(l.attributes)]);
      } else {
        html += `<table><tr><th>label</th><th>confidence</th>${l.type === 'detections' ? '<th>box [x, y, w, h]</th>' : ''}<th>attributes</th></tr>` +
          (l.objects || []).map((o) => `<tr><td>${esc(o.label || '')}</td><td>${o.confidence != null ? fmt(o.confidence, 4) : '&ndash;'}</td>` +
            (l.type === 'detections' ? `<td>${o.box ? o.box.map((v) => fmt(v)).join(', ') : ''}</td>` : '') +
            `<td>${attrRows(o.attributes).map(([k, v]) => `${esc(k)}=${v}`).join(', ')}</td></tr>`).join('') + '</table>';
      }
    }
    if (s.info) html += '<h3>Other fields</h3>' + rows(Object.entries(s.info).map(([k, v]) => [k, esc(v)]));
    $('detail-fields').innerHTML = html;
    $('detail').hidden = false;
    $('detail-close').focus();
  }

  // The detail view swaps in the original image when the page is opened where the files are; otherwise the thumbnail stays.
  function showOriginal(s) {
    const img = $('detail-image').querySelector('img');
    if (!img || !s.path) return;
    const original = new Image();
    original.onload = () => { if (img.isConnected) { img.src = original.src; img.classList.remove('px'); } };
    original.src = fileUrl(s.path);
  }

  function fileUrl(path) {
    const p = path.replace(/\\/g, '/');
    const parts = p.split('/').map((x, i) => (i === 0 && /^[A-Za-z]:$/.test(x)) ? x : encodeURIComponent(x));
    return 'file://' + (p.startsWith('/') ? '' : '/') + parts.join('/');
  }

  function attrRows(attrs) {
    return Object.entries(attrs || {}).map(([k, v]) => [k, typeof v === 'number' ? fmt(v, 4) : esc(String(v))]);
  }

  function closeDetail() {
    $('detail').hidden = true;
    const card = grid.querySelector(`.card[data-index="${detailIndex}"]`);
    if (card) card.focus();
    detailIndex = -1;
  }

  function onKey(e) {
    if ($('detail').hidden) return;
    if (e.key === 'Escape') closeDetail();
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step) {
      const p = order.indexOf(detailIndex) + step;
      if (p >= 0 && p < order.length) openDetail(order[p]);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------
  function esc(v) {
    return String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }
  function fmt(v, digits) {
    if (Number.isInteger(v)) return String(v);
    if (digits) return String(+v.toFixed(digits));
    return Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3);
  }
  function fmtInt(n) { return n.toLocaleString('en-US'); }
  function niceStep(raw) {
    if (!(raw > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return +(p * (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10)).toPrecision(1);
  }
  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    const sa = new Set(a);
    return b.every((x) => sa.has(x));
  }

  // ---- start ------------------------------------------------------------------------------------
  fillControls();
  syncControls();
  bind();
  update();
  timings.firstRenderMs = performance.now();
  // For scripts and tests: what is shown, and how long it took (ms since navigation start).
  window.foGallery = {
    timings,
    shownIds: () => order.map((i) => samples[i].id),
    state: () => ({ ...state }),
  };
})();

// Show-FoDataset gallery: plain script, no libraries, no network.
// Cards are virtualised: only the rows near the viewport exist in the DOM, so 10,000 samples stay fast.
(function () {
  'use strict';

  const GAP = 12, MIN_CARD_W = 190, PAD = 8, THUMB_H = 120, OVERSCAN_ROWS = 3;
  const MAX_CARD_LABELS = 3, MAX_CARD_SCORES = 5;
  const PALETTE = ['#2563eb', '#9333ea', '#0891b2', '#be185d', '#4d7c0f'];
  const UNTAGGED = '\u0000untagged';
  const ANY_ISSUE = '*';
  // cleanvision's issue names in its order; other names follow alphabetically.
  const ISSUE_ORDER = ['dark', 'light', 'odd_aspect_ratio', 'low_information', 'blurry', 'grayscale', 'odd_size'];

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

  // ---- curation fields: near duplicates, leaks, relabeled samples, image issues ------------------
  const indexById = new Map(samples.map((s, i) => [s.id, i]));
  const isDuplicate = (s) => !!s.duplicateOf || s.tags.includes('duplicate');
  const isLeak = (s) => !!s.leak || !!s.leakOf;
  const isRelabeled = (s) => !!s.relabel || s.tags.includes('relabeled');
  const keptCount = new Map();   // index of a kept sample -> how many near duplicates name it
  const issueCounts = new Map();
  const reviewCounts = { duplicates: 0, kept: 0, leaks: 0, relabeled: 0 };
  let withIssue = 0;
  for (const s of samples) {
    if (isDuplicate(s)) reviewCounts.duplicates++;
    const kept = s.duplicateOf !== undefined ? indexById.get(s.duplicateOf) : undefined;
    if (kept !== undefined) keptCount.set(kept, (keptCount.get(kept) || 0) + 1);
    if (isLeak(s)) reviewCounts.leaks++;
    if (isRelabeled(s)) reviewCounts.relabeled++;
    if (s.issues) { withIssue++; for (const v of s.issues) issueCounts.set(v, (issueCounts.get(v) || 0) + 1); }
  }
  reviewCounts.kept = keptCount.size;
  const issueNames = [...issueCounts.keys()].sort((a, b) => {
    const x = ISSUE_ORDER.indexOf(a), y = ISSUE_ORDER.indexOf(b);
    return x >= 0 && y >= 0 ? x - y : x >= 0 ? -1 : y >= 0 ? 1 : a.localeCompare(b);
  });
  const hasNotes = reviewCounts.duplicates + reviewCounts.kept + reviewCounts.leaks + withIssue > 0
    || samples.some((s) => s.relabel && !cardLabelFields.includes(s.relabel.field));

  function passesReview(s, i) {
    switch (state.review) {
      case 'duplicates': return isDuplicate(s);
      case 'kept': return keptCount.has(i);
      case 'leaks': return isLeak(s);
      case 'relabeled': return isRelabeled(s);
      default: return true;
    }
  }

  function passesIssue(s) {
    if (!state.issue) return true;
    if (!s.issues) return false;
    return state.issue === ANY_ISSUE || s.issues.includes(state.issue);
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
    review: '',
    issue: '',
    colorBy: truthField || labelFields[0] || scoreFields[0] || '',
    selection: null,  // Uint8Array over samples from a box on the map, or null
  });
  let state = initial();
  let order = [];     // sample indices shown, in display order
  const timings = { parsedMs: parsedAt, firstRenderMs: null, lastUpdateMs: null, mapDrawMs: null, selectMs: null };
  let passMask = new Uint8Array(N).fill(1);  // 1: the sample passes every filter except the map's selection
  let highlighted = -1;                       // the card a duplicate or leak link led to

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
    const review = [['duplicates', 'duplicates'], ['kept', 'kept, with duplicates'], ['leaks', 'leaks'], ['relabeled', 'relabeled']]
      .filter(([k]) => reviewCounts[k] > 0);
    $('review-filter').replaceChildren(option('', 'All samples'), ...review.map(([k, text]) => option(k, `${text} (${fmtInt(reviewCounts[k])})`)));
    $('review-ctl').hidden = review.length === 0;
    $('issue-filter').replaceChildren(option('', 'All images'), option(ANY_ISSUE, `any issue (${fmtInt(withIssue)})`),
      ...issueNames.map((v) => option(v, `${v} (${fmtInt(issueCounts.get(v))})`)));
    $('issue-ctl').hidden = withIssue === 0;
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
    $('review-filter').value = state.review;
    $('issue-filter').value = state.issue;
    $('map-color').value = state.colorBy;
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
    $('review-filter').addEventListener('change', (e) => { state.review = e.target.value; update(); });
    $('issue-filter').addEventListener('change', (e) => { state.issue = e.target.value; update(); });
    $('map-color').addEventListener('change', (e) => { state.colorBy = e.target.value; colorMap(); drawMap(); });
    $('map-clear').addEventListener('click', () => { state.selection = null; update(); });
    // A label in the legend filters the grid by it (and the map dims the rest); a second click drops the filter.
    $('map-legend').addEventListener('click', (e) => {
      const pick = e.target.closest('.pick');
      if (!pick) return;
      const same = state.labelField === state.colorBy && state.label === pick.dataset.label;
      state.labelField = state.colorBy;
      state.label = same ? '' : pick.dataset.label;
      syncControls();
      update();
    });
    $('map-tool').addEventListener('click', (e) => {
      const lasso = e.target.textContent === 'Box';
      e.target.textContent = lasso ? 'Lasso' : 'Box';
      if (map) map.setTool(lasso ? 'lasso' : 'box');
    });
    $('reset').addEventListener('click', () => { state = initial(); syncControls(); colorMap(); update(); });
    $('detail-fields').addEventListener('click', (e) => {
      const link = e.target.closest('.link[data-target]');
      if (link) { closeDetail(); goTo(+link.dataset.target); }
    });
    grid.addEventListener('click', onGridClick);
    grid.addEventListener('keydown', (e) => { if (e.key === 'Enter' && e.target.classList.contains('card')) openDetail(+e.target.dataset.index); });
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', () => { setBarHeight(); layout(); schedule(); if (map) { map.resize(); drawMap(); } });
    $('detail').addEventListener('click', (e) => { if (e.target.id === 'detail' || e.target.id === 'detail-close') closeDetail(); });
    document.addEventListener('keydown', onKey);
  }

  function onGridClick(e) {
    const link = e.target.closest('.link[data-target]');
    if (link) { e.stopPropagation(); goTo(+link.dataset.target); return; }
    if (e.target.closest('.link')) { e.stopPropagation(); return; }
    const tag = e.target.closest('.tag');
    if (tag) { e.stopPropagation(); state.tag = tag.textContent; syncControls(); update(); return; }
    const card = e.target.closest('.card');
    if (card) openDetail(+card.dataset.index);
  }

  // ---- filter and sort --------------------------------------------------------------------------
  function compute() {
    const out = [];
    const thrCol = state.thr !== null ? columns[state.thrField] : null;
    const ge = state.thrMode === 'ge', sel = state.selection;
    passMask = new Uint8Array(N);
    for (let i = 0; i < N; i++) {
      const s = samples[i];
      if (state.tag === UNTAGGED) { if (s.tags.length) continue; }
      else if (state.tag && !s.tags.includes(state.tag)) continue;
      if (state.label) { const l = s.labels[state.labelField]; if (!l || !l.labels.includes(state.label)) continue; }
      if (state.mismatchOnly && mismatch[i] !== 1) continue;
      if (thrCol) { const v = thrCol[i]; if (!(ge ? v >= state.thr : v <= state.thr)) continue; } // NaN never passes
      if (!passesReview(s, i) || !passesIssue(s)) continue;
      passMask[i] = 1;
      if (sel && !sel[i]) continue;
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
    return PAD + THUMB_H + 6 + 18 + nl * 20 + (hasNotes ? 20 : 0) + (ns ? 4 + ns * 18 : 0) + 4 + 22 + PAD;
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
    const next = new Map(), frag = document.createDocumentFragment(), active = document.activeElement;
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
    // Moving a card in the DOM blurs it; a card that had the focus keeps it.
    if (active && active !== document.activeElement && active.isConnected) active.focus({ preventScroll: true });
  }

  function update() {
    const start = performance.now();
    order = compute();
    highlighted = -1;
    $('shown-count').textContent = countText();
    $('empty').hidden = order.length > 0;
    layout();
    if (window.scrollY > 0) window.scrollTo(0, 0);
    render();
    drawMap();
    timings.lastUpdateMs = performance.now() - start;
  }

  // A duplicate's or leak's link: scroll to the other sample's card and mark it. A target the filters hide
  // brings the filters (not the order) back to their start first.
  function goTo(j) {
    if (!order.includes(j)) {
      state = { ...initial(), sortBy: state.sortBy, desc: state.desc, colorBy: state.colorBy };
      syncControls();
      update();
    }
    highlighted = j;
    const p = order.indexOf(j);
    const gridTop = grid.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, gridTop + Math.floor(p / perRow) * rowH - barHeight() - 12));
    render();
    live.forEach((el, i) => el.classList.toggle('target', i === j));
    const card = live.get(j);
    if (card) card.focus({ preventScroll: true });
  }

  function barHeight() { return document.querySelector('.bar').offsetHeight; }
  function setBarHeight() { document.documentElement.style.setProperty('--bar-h', `${barHeight()}px`); }

  function countText() {
    let text = `${fmtInt(order.length)} of ${fmtInt(N)} samples`;
    if (data.inputCount > N) text += ` (first ${fmtInt(N)} of ${fmtInt(data.inputCount)})`;
    return text;
  }

  // ---- cards ------------------------------------------------------------------------------------
  function makeCard(i) {
    const s = samples[i];
    const el = document.createElement('div');
    el.className = 'card' + (mismatch[i] === 1 ? ' mismatch' : '') + (i === highlighted ? ' target' : '');
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
      (hasNotes ? `<div class="note">${notesHtml(s, i, false)}</div>` : '') +
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
      value = s.relabel && s.relabel.field === f ? relabelPill(s.relabel, cls)
        : `<span class="pill ${cls}" title="${esc(text)}">${esc(text || '(none)')}</span>`;
    }
    return `<div class="lbl"><span class="k" style="width:${labelKeyWidth}" title="${esc(f)}">${esc(f)}</span>${value}</div>`;
  }

  function relabelPill(r, cls) {
    return `<span class="pill relabel ${cls || ''}" title="${esc(`${r.field} relabeled from ${r.from} to ${r.to}`)}"><s>${esc(r.from)}</s> \u2192 ${esc(r.to)}</span>`;
  }

  // Links to the kept sample of a near duplicate and to the other side of a leak, the relabel when its
  // field has no row of its own, and the image issues.
  function notesHtml(s, i, all) {
    let html = '';
    if (s.duplicateOf) html += linkHtml('dup', s.duplicateOf, 'duplicate of', s.scores.duplicate_distance);
    else if (isDuplicate(s)) html += '<span class="link off dup">duplicate</span>';
    const kept = keptCount.get(i);
    if (kept) html += `<span class="kept" title="kept; ${kept} near duplicate(s) name this sample">kept &middot; ${kept} dup</span>`;
    if (s.leakOf) html += linkHtml('leak', s.leakOf, 'leaks with', s.scores.leak_distance);
    else if (isLeak(s)) html += '<span class="link off leak">leak</span>';
    if (s.relabel && (all || !cardLabelFields.includes(s.relabel.field))) html += relabelPill(s.relabel, '');
    for (const v of s.issues || []) html += `<span class="issue">${esc(v)}</span>`;
    return html;
  }

  function linkHtml(kind, id, text, distance) {
    const j = indexById.get(id);
    const d = typeof distance === 'number' ? ` (${+distance.toFixed(3)})` : '';
    if (j === undefined) return `<span class="link off ${kind}" title="${esc(id)} is not on this page">${text} ${esc(id)}${d}</span>`;
    const t = samples[j];
    return `<a class="link ${kind}" data-target="${j}" title="${esc(`${text} ${t.path}${d}`)}">${text} ${esc(t.name)}${d}</a>`;
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
      ...(hasNotes || s.relabel ? [['review', notesHtml(s, i, true) || '&ndash;']] : []),
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

  // ---- embeddings map ---------------------------------------------------------------------------
  // Categories: Tableau's ten colours; scores: a viridis-like ramp in RAMP_STEPS buckets (one fillStyle each).
  const CATEGORY_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#0f3d3e'];
  const RAMP = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const RAMP_STEPS = 24, NO_VALUE = '#c4c8cf';
  let map = null;

  function setupMap() {
    if (!data.mapField || typeof FoMap === 'undefined') return;
    const xs = new Float32Array(N).fill(NaN), ys = new Float32Array(N).fill(NaN);
    for (let i = 0; i < N; i++) { const p = samples[i].point; if (p) { xs[i] = p[0]; ys[i] = p[1]; } }
    $('map-panel').hidden = false;
    $('map-color').replaceChildren(option('', 'one colour'), ...labelFields.map((f) => option(f, f)), ...scoreFields.map((f) => option(f, f)));
    $('map-color').value = state.colorBy;
    map = FoMap.create({
      canvas: $('map-canvas'), wrap: $('map-wrap'), xs, ys,
      onSelect: (mask) => {
        const start = performance.now();
        state.selection = mask.some((v) => v) ? mask : null;
        update();
        timings.selectMs = performance.now() - start;
      },
      onHover: showTip,
      onClick: openDetail,
    });
    colorMap();
  }

  function rampColor(t) {
    const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1), k = Math.min(RAMP.length - 2, Math.floor(x)), f = x - k;
    const c = RAMP[k].map((v, j) => Math.round(v + (RAMP[k + 1][j] - v) * f));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  function colorMap() {
    if (!map) return;
    const f = state.colorBy, index = new Int16Array(N);
    let colors, legend;
    if (labelFields.includes(f)) {
      const first = samples.map((s) => { const l = s.labels[f]; return l && l.labels.length ? l.labels[0] : null; });
      const counts = new Map();
      for (const v of first) if (v !== null) counts.set(v, (counts.get(v) || 0) + 1);
      const top = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b)).slice(0, CATEGORY_COLORS.length);
      const slot = new Map(top.map((v, k) => [v, k]));
      const other = top.length, none = top.length + 1;
      colors = [...top.map((_, k) => CATEGORY_COLORS[k]), '#9ca3af', NO_VALUE];
      for (let i = 0; i < N; i++) index[i] = first[i] === null ? none : slot.has(first[i]) ? slot.get(first[i]) : other;
      legend = top.map((v, k) => `<span class="pick" data-label="${esc(v)}" title="Show only ${esc(v)}"><i style="background:${colors[k]}"></i>${esc(v)}</span>`).join('') +
        (counts.size > top.length ? `<span><i style="background:${colors[other]}"></i>other</span>` : '');
    } else if (scoreFields.includes(f)) {
      const col = columns[f], { lo, hi } = ranges[f], span = hi > lo ? hi - lo : 1;
      colors = [...Array.from({ length: RAMP_STEPS }, (_, k) => rampColor(k / (RAMP_STEPS - 1))), NO_VALUE];
      for (let i = 0; i < N; i++) {
        const v = col[i];
        index[i] = v !== v ? RAMP_STEPS : Math.min(RAMP_STEPS - 1, Math.floor((v - lo) / span * RAMP_STEPS));
      }
      legend = `<span>${esc(f)} ${fmt(lo)}<span class="ramp" style="background:linear-gradient(90deg,${RAMP.map((c) => `rgb(${c})`).join(',')})"></span>${fmt(hi)}</span>`;
    } else {
      colors = ['#2563eb'];
      legend = '';
    }
    map.setColors(index, colors);
    $('map-legend').innerHTML = legend + '<span class="muted">drag: select (Shift adds; Box/Lasso switches) &middot; right-drag: pan &middot; wheel: zoom &middot; double click: fit</span>';
  }

  function drawMap() {
    if (!map) return;
    map.setFlags(passMask, state.selection);
    timings.mapDrawMs = map.draw();
    let shown = 0, selected = 0;
    for (let i = 0; i < N; i++) if (passMask[i]) shown++;
    if (state.selection) for (let i = 0; i < N; i++) selected += state.selection[i];
    $('map-info').textContent = `${fmtInt(map.withPoint)} points` + (shown < N ? `, ${fmtInt(N - shown)} dimmed by the filters` : '') +
      (state.selection ? `, ${fmtInt(selected)} selected` : '');
    $('map-clear').hidden = !state.selection;
  }

  function showTip(i, x, y) {
    const tip = $('map-tip');
    if (i < 0) { tip.hidden = true; return; }
    const s = samples[i], l = s.labels[state.colorBy], v = s.scores[state.colorBy];
    const value = l ? l.labels.join(', ') : typeof v === 'number' ? fmt(v) : '';
    tip.innerHTML = `<div class="thumb">${thumbHtml(s, 140, 100, false)}</div><b>${esc(s.name)}</b>` +
      (value ? `<span class="muted">${esc(state.colorBy)}: ${esc(value)}</span>` : '');
    tip.hidden = false;
    const left = x + 240 > window.innerWidth ? x - 234 : x + 14, top = y + 170 > window.innerHeight ? y - 164 : y + 14;
    tip.style.left = `${left}px`; tip.style.top = `${top}px`;
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
  setBarHeight();
  setupMap();
  syncControls();
  bind();
  update();
  timings.firstRenderMs = performance.now();
  // For scripts and tests: what is shown, and how long it took (ms since navigation start).
  window.foGallery = {
    timings,
    shownIds: () => order.map((i) => samples[i].id),
    state: () => ({ ...state }),
    // The map, for tests and benchmarks: where a sample's point is, how it is drawn, and a timed redraw.
    mapToClient: (id) => map && indexById.has(id) ? map.toClient(indexById.get(id)) : null,
    mapState: (id) => map && indexById.has(id) ? map.stateOf(indexById.get(id)) : 'none',
    redrawMap: () => { drawMap(); return timings.mapDrawMs; },
  };
})();

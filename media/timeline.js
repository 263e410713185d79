// Corroborate timeline. Runs in a webview under a strict CSP: no inline script or style,
// no remote content. Everything from the sources is set with textContent, never as markup;
// clicks post indices back to the extension, which owns the locations.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const axis = document.getElementById('axis');
  const list = document.getElementById('events');

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /** Days since the epoch of an ISO day; NaN when the year is unknown ("0000-08-26"). */
  function day(iso) {
    if (!iso || iso.startsWith('0000')) return NaN;
    return Date.parse(iso + 'T00:00:00Z') / 86400000;
  }

  function render(events) {
    axis.replaceChildren();
    list.replaceChildren();
    if (!events.length) {
      list.append(el('p', 'empty', 'No events in the index yet.'));
      return;
    }
    const order = events.map((e, i) => ({ e, i, start: day(e.date && e.date.start), end: day(e.date && e.date.end) }));
    const dated = order.filter((o) => !isNaN(o.start)).sort((a, b) => a.start - b.start || a.e.title.localeCompare(b.e.title));
    const undated = order.filter((o) => isNaN(o.start));
    renderAxis(dated);
    for (const o of dated) list.append(card(o.e, o.i));
    if (undated.length) {
      list.append(el('h2', 'undated', 'Undated'));
      for (const o of undated) list.append(card(o.e, o.i));
    }
  }

  function renderAxis(dated) {
    if (!dated.length) return;
    const min = dated[0].start;
    const max = Math.max(...dated.map((o) => (isNaN(o.end) ? o.start : o.end)));
    const span = Math.max(1, max - min);
    const pct = (d) => ((d - min) / span) * 100;
    const first = new Date(min * 86400000).getUTCFullYear();
    const last = new Date(max * 86400000).getUTCFullYear();
    // About one label per 90 pixels, in whole years.
    const step = Math.max(1, Math.ceil((last - first + 1) / Math.max(2, Math.floor(axis.clientWidth / 90))));
    for (let y = first; y <= last; y += step) {
      const at = pct(Date.UTC(y, 0, 1) / 86400000);
      if (at < 0 || at > 100) continue;
      const tick = el('span', 'tick', y);
      tick.style.left = at + '%';
      axis.append(tick);
    }
    for (const o of dated) {
      const mark = el('button', 'mark' + (o.e.disagree ? ' disagree' : ''));
      mark.style.left = pct(o.start) + '%';
      if (!isNaN(o.end) && o.end > o.start) mark.style.width = 'max(6px, ' + (pct(o.end) - pct(o.start)) + '%)';
      mark.title = (o.e.date ? o.e.date.label + ': ' : '') + o.e.title;
      mark.setAttribute('aria-label', mark.title);
      mark.addEventListener('click', () => {
        const target = document.getElementById('event-' + o.i);
        if (target) {
          target.scrollIntoView({ behavior: 'smooth', block: 'center' });
          target.focus();
        }
      });
      axis.append(mark);
    }
  }

  function card(e, i) {
    const c = el('article', 'event' + (e.disagree ? ' disagree' : ''));
    c.id = 'event-' + i;
    c.tabIndex = -1;
    const head = el('div', 'head');
    head.append(el('span', 'date', e.date ? e.date.label : 'undated'), el('span', 'title', e.title));
    if (e.disagree) head.append(el('span', 'badge', 'sources disagree'));
    c.append(head);
    const who = [].concat(e.places || [], e.actors || []).join(', ');
    if (who) c.append(el('div', 'who', who));
    const reports = el('ul', 'reports');
    e.reports.forEach((r, k) => {
      const li = el('li');
      const open = el('button', 'source', r.source + ':' + r.line);
      open.title = 'Open ' + r.source + ' at line ' + r.line;
      open.addEventListener('click', () => vscode.postMessage({ type: 'open', event: i, report: k }));
      const facts = [r.date].concat(r.figures || []).filter(Boolean).join(' · ');
      li.append(open, el('span', 'facts', facts), el('blockquote', 'quote', r.quote));
      reports.append(li);
    });
    c.append(reports);
    return c;
  }

  let shown = null;
  let resizeTimer;
  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg && msg.type === 'events' && Array.isArray(msg.events)) render((shown = msg.events));
  });
  // Tick labels depend on the width; lay the axis out again when the panel is resized.
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    if (shown) resizeTimer = setTimeout(() => render(shown), 150);
  });
  vscode.postMessage({ type: 'ready' });
})();

// attend: the register page's keyboard and quick saving. Every page works
// without this file; it only makes taking a register faster.
'use strict';
document.documentElement.classList.add('js');

(function () {
  const form = document.getElementById('register');
  if (!form) return;
  const rows = Array.from(form.querySelectorAll('tr.pupil'));
  const live = document.getElementById('live');
  const csrf = form.querySelector('input[name=csrf]').value;
  const lateCodes = ['L', 'U'];
  let current = 0;
  let pending = '';  // a letter waiting for a digit (C1, J1, Y1..Y7)
  let pendingTimer = null;

  function say(text, kind) {
    live.hidden = false;
    live.textContent = text;
    live.className = 'flash' + (kind ? ' ' + kind : '');
  }

  function codeOf(row) {
    const other = row.querySelector('select');
    if (other.value) return other.value;
    const checked = row.querySelector('input[type=radio]:checked');
    return checked ? checked.value : '';
  }

  function showLate(row) {
    const label = row.querySelector('.late');
    label.classList.toggle('hidden', !lateCodes.includes(codeOf(row)));
  }

  function setCode(row, code) {
    const radio = Array.from(row.querySelectorAll('input[type=radio]')).find((r) => r.value === code);
    const other = row.querySelector('select');
    if (radio) {
      radio.checked = true;
      other.value = '';
    } else if (Array.from(other.options).some((o) => o.value === code)) {
      row.querySelectorAll('input[type=radio]').forEach((r) => { r.checked = false; });
      other.value = code;
    } else {
      return false;
    }
    showLate(row);
    return true;
  }

  function focusRow(i) {
    if (i < 0 || i >= rows.length) return;
    rows[current].classList.remove('current');
    current = i;
    rows[current].classList.add('current');
    rows[current].focus();
    rows[current].scrollIntoView({ block: 'nearest' });
  }

  function askMinutes(row) {
    const input = row.querySelector('.late input');
    input.focus();
    input.select();
  }

  function choose(code) {
    const row = rows[current];
    if (!setCode(row, code)) return false;
    if (lateCodes.includes(code)) askMinutes(row);
    else focusRow(current + 1);
    return true;
  }

  function collect() {
    const marks = [];
    rows.forEach((row) => {
      const code = codeOf(row);
      if (!code) return;
      const late = row.querySelector('.late input').value;
      const mark = { upn: row.dataset.upn, code: code };
      if (lateCodes.includes(code) && late !== '') mark.minutes_late = Number(late);
      marks.push(mark);
    });
    return marks;
  }

  async function save() {
    const marks = collect();
    if (!marks.length) {
      say('No pupil has a mark yet: choose a mark for each pupil, then save.', 'bad');
      return;
    }
    const reason = form.querySelector('input[name=reason]').value;
    say('Saving…');
    let res;
    try {
      res = await fetch(form.dataset.api, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ marks: marks, reason: reason || null }),
        credentials: 'same-origin',
      });
    } catch (e) {
      say('Could not reach the server: nothing was saved. Check the connection and press Enter again.', 'bad');
      return;
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      say((body.error || 'Not saved') + ' Nothing was saved.', 'bad');
      return;
    }
    (body.changed || []).forEach((c) => {
      const row = rows.find((r) => r.dataset.upn === c.upn);
      if (row) setCode(row, c.recorded);
    });
    const at = new Date(body.saved_at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    let text = 'Saved at ' + at + ': ' + body.recorded + ' recorded, ' + body.amended + ' amended.';
    if (body.changed && body.changed.length)
      text += ' ' + body.changed.length + ' late after the register closed recorded as U.';
    if (body.missing && body.missing.length)
      text += ' ' + body.missing.length + (body.missing.length === 1 ? ' pupil seen earlier today is' :
        ' pupils seen earlier today are') + ' now on the office\'s missing list.';
    say(text, 'good');
    form.dataset.taken = '1';
    const taken = document.getElementById('taken');
    if (taken && body.kind === 'taken') {
      const state = document.createElement('span');
      state.className = 'state taken';
      state.textContent = 'Taken';
      taken.replaceChildren(state, ' by ' + body.saved_by + ' at ' + at);
    }
  }

  rows.forEach((row, i) => {
    showLate(row);
    row.addEventListener('click', () => { if (current !== i) focusRow(i); });
    row.querySelectorAll('input[type=radio]').forEach((r) => r.addEventListener('change', () => {
      row.querySelector('select').value = '';
      showLate(row);
      if (lateCodes.includes(r.value)) askMinutes(row);
    }));
    row.querySelector('select').addEventListener('change', (ev) => {
      if (ev.target.value) row.querySelectorAll('input[type=radio]').forEach((r) => { r.checked = false; });
      showLate(row);
    });
    row.querySelector('.late input').addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === 'Tab' && !ev.shiftKey) {
        ev.preventDefault();
        focusRow(i + 1 < rows.length ? i + 1 : i);
      } else if (ev.key === 'Escape') {
        ev.preventDefault();
        focusRow(i);
      }
    });
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    save();
  });

  document.getElementById('all-present').addEventListener('click', () => {
    rows.forEach((row) => { if (!codeOf(row)) setCode(row, '/'); });
  });

  document.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t.closest && t.closest('.late, .save-bar, select')) return;  // typing there
    if (!rows.length) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); focusRow(current + 1); return; }
    if (ev.key === 'ArrowUp') { ev.preventDefault(); focusRow(current - 1); return; }
    if (ev.key === 'Enter') { ev.preventDefault(); save(); return; }
    if (ev.key === '/' || ev.key === ' ' || ev.key === '\\') { ev.preventDefault(); choose('/'); return; }
    const k = ev.key.length === 1 ? ev.key.toUpperCase() : '';
    if (/^[0-9]$/.test(k) && pending) {
      ev.preventDefault();
      clearTimeout(pendingTimer);
      const code = pending + k;
      pending = '';
      choose(code);
      return;
    }
    if (/^[A-Z#]$/.test(k)) {
      ev.preventDefault();
      clearTimeout(pendingTimer);
      // C, J and Y may be the start of C1/C2, J1 or Y1..Y7: wait a moment for a digit.
      if ('JY'.includes(k) || k === 'C') {
        pending = k;
        pendingTimer = setTimeout(() => { const c = pending; pending = ''; if (c !== 'J' && c !== 'Y') choose(c); }, 600);
        return;
      }
      choose(k);
    }
  });

  const first = rows.findIndex((row) => !codeOf(row));
  if (rows.length) focusRow(first >= 0 ? first : 0);
})();

// The first-day queue and the task list: a step's button saves it without
// reloading the page. The form posts as it would without JavaScript; the
// page the server answers with holds the new state of the pupil (or task),
// which replaces the old, and the message of what was done.
(function () {
  function say(text, kind) {
    let live = document.getElementById('live');
    if (!live) {
      live = document.createElement('p');
      live.id = 'live';
      live.setAttribute('role', 'status');
      document.querySelector('main').prepend(live);
    }
    live.hidden = false;
    live.textContent = text;
    live.className = 'flash' + (kind ? ' ' + kind : '');
    const old = document.getElementById('flash'); // the message of the page's last load
    if (old) old.remove();
  }

  document.addEventListener('submit', async (ev) => {
    const form = ev.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('js-swap')) return;
    ev.preventDefault();
    const data = new URLSearchParams(new FormData(form));
    if (ev.submitter && ev.submitter.name) data.set(ev.submitter.name, ev.submitter.value);
    const ids = (form.dataset.swap || '').split(' ').filter(Boolean);
    const card = ids.length ? document.getElementById(ids[0]) : null;
    if (card) card.classList.add('swapping');
    form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    let res, html;
    try {
      res = await fetch(form.action, {
        method: 'POST',
        body: data,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        credentials: 'same-origin',
      });
      html = await res.text();
    } catch (e) {
      say('Could not reach the server: nothing was saved. Check the connection and try again.', 'bad');
      if (card) card.classList.remove('swapping');
      form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      return;
    }
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const msg = doc.getElementById('flash') || doc.querySelector('[role=alert]');
    if (!res.ok) {
      say((msg ? msg.textContent : 'Not saved.') + ' Nothing was saved.', 'bad');
      if (card) card.classList.remove('swapping');
      form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      return;
    }
    ids.forEach((id) => {
      const fresh = doc.getElementById(id);
      const old = document.getElementById(id);
      if (old && fresh) old.replaceWith(fresh);
      else if (old) old.remove(); // no longer listed: the absence has its reason
    });
    say(msg ? msg.textContent : 'Saved.', 'good');
  });
})();

// The profile's calendar of sessions: one Tab stop, the arrow keys move
// from session to session (Home/End to the week's ends), like a grid.
(function () {
  const grid = document.getElementById('heatmap');
  if (!grid) return;
  const rows = Array.from(grid.querySelectorAll('tbody tr')).map((tr) => {
    const cells = {};
    tr.querySelectorAll('.hm').forEach((c) => { cells[c.dataset.c] = c; });
    return cells;
  }).filter((r) => Object.keys(r).length);
  const all = rows.flatMap((r) => Object.keys(r).sort((a, b) => a - b).map((k) => r[k]));
  if (!all.length) return;
  all.forEach((c, i) => { c.tabIndex = i === 0 ? 0 : -1; });
  const where = new Map();
  rows.forEach((r, ri) => Object.keys(r).forEach((k) => where.set(r[k], [ri, Number(k)])));
  function go(to) {
    if (!to) return;
    all.forEach((c) => { c.tabIndex = -1; });
    to.tabIndex = 0;
    to.focus();
  }
  grid.addEventListener('keydown', (e) => {
    const at = where.get(document.activeElement);
    if (!at) return;
    const [ri, col] = at;
    const i = all.indexOf(document.activeElement);
    let to = null;
    if (e.key === 'ArrowRight') to = all[i + 1];
    else if (e.key === 'ArrowLeft') to = all[i - 1];
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      for (let r = ri + step; r >= 0 && r < rows.length && !to; r += step) to = rows[r][col];
    } else if (e.key === 'Home') to = rows[ri][Math.min(...Object.keys(rows[ri]).map(Number))];
    else if (e.key === 'End') to = rows[ri][Math.max(...Object.keys(rows[ri]).map(Number))];
    else return;
    e.preventDefault();
    go(to);
  });
})();

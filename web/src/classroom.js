// Class mode (docs/web.md, "A class"): one play session for a class. The teacher opens it and
// sees the factions' votes; students join with its code and vote; every browser polls the class
// and redraws the game when a round is closed. A code, a token and a role live in this page only.
import { api, sleep } from './api.js';
import { esc } from './labels.js';

export function initClassroom({ $, state, showPlay, showError }) {
  const err = (m) => showError($('class-error'), m);
  let factions = [];

  function render(c) {
    const role = state.cls.role;
    $('class-status').hidden = false;
    $('class-teacher-tools').hidden = role !== 'teacher';
    $('class-vote-head').hidden = role !== 'teacher';
    const me = state.cls.name ? ` as <b>${esc(state.cls.name)}</b> of ${esc(factions[state.cls.faction] || '')}` : '';
    $('class-role').innerHTML = role === 'teacher'
      ? `Class code <b class="class-code" id="class-code-shown">${esc(c.code)}</b>: read it out. ${c.students.length} student${c.students.length === 1 ? '' : 's'} joined; ${c.rounds.length} round${c.rounds.length === 1 ? '' : 's'} closed.`
      : `In class <b class="class-code">${esc(c.code)}</b>${me}. ${state.cls.voted === undefined ? 'Vote by clicking an option on the card.' : 'Your vote is in; the teacher closes the round.'}`;
    $('class-votes').querySelector('tbody').innerHTML = c.factions.map((f) => {
      const members = c.students.filter((s) => s.faction === f.index);
      const voted = members.filter((s) => s.voted).length;
      const vote = role === 'teacher' ? `<td>${f.vote === null || f.vote === undefined ? '—' : esc(c.play?.choice?.options?.[f.vote]?.label || String(f.vote))}</td>` : '';
      return `<tr><td>${esc(f.name)}</td><td>${members.map((s) => esc(s.name)).join(', ') || '—'}</td><td>${voted} of ${members.length}</td>${vote}</tr>`;
    }).join('');
  }

  async function poll(cls) {
    while (state.cls === cls) {
      try {
        const c = await api(`/api/class/${cls.code}${cls.role === 'teacher' ? `?teacher=${cls.teacher}` : ''}`);
        if (state.cls !== cls) return;
        const made = c.play.made.length;
        if (made !== cls.made) {
          cls.made = made;
          cls.voted = undefined;
          showPlay(c.play);
        }
        render(c);
      } catch (e) {
        err(e.message);
      }
      await sleep(1500);
    }
  }

  function begin(cls, play) {
    state.cls = cls;
    cls.made = play.made.length;
    showPlay(play);
    poll(cls);
  }

  $('class-open').addEventListener('click', async () => {
    err('');
    try {
      const set = $('scale').value ? { 'run.scale': Number($('scale').value) } : {};
      const o = await api('/api/class', { scenario: $('play-scenario').value, seed: Number($('play-seed').value), set, short: $('class-short').checked });
      factions = o.factions;
      begin({ role: 'teacher', code: o.code, teacher: o.teacher }, o.play);
    } catch (e) {
      err(e.message);
    }
  });

  $('class-code').addEventListener('input', async () => {
    const code = $('class-code').value.trim().toUpperCase();
    if (code.length !== 5) return;
    try {
      const c = await api(`/api/class/${code}`);
      factions = c.factions_list;
      $('class-faction').innerHTML = factions.map((f, i) => `<option value="${i}">${esc(f)}</option>`).join('');
      err('');
    } catch (e) {
      err(e.message);
    }
  });

  $('class-join').addEventListener('click', async () => {
    err('');
    const code = $('class-code').value.trim().toUpperCase();
    try {
      const j = await api(`/api/class/${code}/join`, { name: $('class-name').value, faction: Number($('class-faction').value) });
      const c = await api(`/api/class/${code}`);
      begin({ role: 'student', code, token: j.token, name: j.name, faction: j.faction }, c.play);
    } catch (e) {
      err(e.message);
    }
  });

  $('class-close').addEventListener('click', () => close(null));

  async function close(option) {
    err('');
    const cls = state.cls;
    try {
      const r = await api(`/api/class/${cls.code}/close`, { teacher: cls.teacher, option });
      cls.made = r.play.made.length;
      showPlay(r.play);
    } catch (e) {
      err(e.message);
    }
  }

  // A click on an option of the card: the student's vote, or the teacher's own decision.
  return async function classOption(option) {
    const cls = state.cls;
    if (!cls) return false;
    if (cls.role === 'teacher') {
      await close(option);
      return true;
    }
    try {
      await api(`/api/class/${cls.code}/vote`, { token: cls.token, option });
      cls.voted = option;
      document.querySelectorAll('.option').forEach((b) => b.classList.toggle('voted', Number(b.dataset.option) === option));
      err('');
    } catch (e) {
      err(e.message);
    }
    return true;
  };
}

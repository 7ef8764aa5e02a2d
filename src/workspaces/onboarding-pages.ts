/**
 * The checklist and welcome pages (GET /onboarding/checklist, /onboarding/welcome): one small self-contained
 * HTML page that reads the member's access token from the address's fragment (`#token=...`, never sent to a
 * server, removed from the address at once) or from sessionStorage, then draws what GET /onboarding/api/checklist
 * answers: the trial banner, the progress bar and the tasks. A product embeds its own; this one shows the API.
 */
export function onboardingPage(kind: 'checklist' | 'welcome'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${kind === 'welcome' ? 'Welcome' : 'Getting started'}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }
  .banner { padding: .75rem 1rem; border-radius: .5rem; background: #eff6ff; margin-block: 1rem; }
  .banner.urgent { background: #fef3c7; font-weight: 600; }
  .banner.problem { background: #fee2e2; font-weight: 600; }
  .track { block-size: .75rem; background: #e5e7eb; border-radius: .375rem; overflow: hidden; }
  .fill { block-size: 100%; background: #2563eb; }
  ol { padding: 0; list-style: none; }
  li { display: flex; gap: .75rem; align-items: flex-start; padding: .6rem 0; border-block-end: 1px solid #e5e7eb; }
  li.done .title { text-decoration: line-through; color: #6b7280; }
  li .mark { margin-inline-start: auto; }
  .desc { font-size: .9rem; color: #4b5563; }
  button { font: inherit; padding: .3rem .7rem; border-radius: .375rem; border: 1px solid #9ca3af; background: #fff; cursor: pointer; }
  .error { color: #b91c1c; }
</style>
</head>
<body>
<main>
  <h1 id="title">${kind === 'welcome' ? 'Welcome' : 'Getting started'}</h1>
  <div id="content" aria-live="polite">Loading…</div>
</main>
<script>
(() => {
  const kind = ${JSON.stringify(kind)};
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('token')) { sessionStorage.setItem('onboarding-token', hash.get('token')); history.replaceState(null, '', location.pathname + location.search); }
  const token = sessionStorage.getItem('onboarding-token');
  const query = new URLSearchParams(location.search);
  const params = new URLSearchParams();
  if (query.get('organization')) params.set('organization', query.get('organization'));
  if (query.get('lang')) params.set('lang', query.get('lang'));
  const content = document.getElementById('content');
  const el = (tag, attrs, ...children) => { const e = document.createElement(tag); Object.assign(e, attrs || {}); e.append(...children); return e; };
  const call = async (method, path) => {
    const res = await fetch(path + (params.size ? '?' + params : ''), { method, headers: { authorization: 'Bearer ' + token, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) }, ...(method === 'POST' ? { body: '{}' } : {}) });
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || res.statusText);
    return body;
  };
  const draw = (c) => {
    document.getElementById('title').textContent = kind === 'welcome' ? 'Welcome to ' + c.organization_name : c.organization_name + ': getting started';
    const parts = [];
    if (c.billing_problem) parts.push(el('p', { className: 'banner problem', role: 'alert' }, 'A payment failed: update your billing information to keep your workspace.'));
    else if (c.is_on_trial) parts.push(el('p', { className: 'banner' + (c.trial_days_remaining <= 3 ? ' urgent' : '') }, 'Free trial: ' + c.trial_days_remaining + ' days left (ends ' + new Date(c.trial_ends_at).toLocaleDateString() + ').'));
    if (kind === 'welcome') parts.push(el('p', {}, 'We set up a project "Getting Started", made you its admin, and prepared your checklist.'), el('p', {}, el('a', { href: '/onboarding/checklist' + location.search }, 'Open your checklist')));
    const bar = el('div', { className: 'track' }, el('div', { className: 'fill' }));
    bar.firstChild.style.inlineSize = c.progress_percent + '%';
    bar.setAttribute('role', 'progressbar'); bar.setAttribute('aria-label', 'Checklist progress');
    bar.setAttribute('aria-valuemin', '0'); bar.setAttribute('aria-valuemax', '100'); bar.setAttribute('aria-valuenow', String(c.progress_percent));
    parts.push(el('p', {}, c.progress_percent + '% done' + (c.completed ? ': all set!' : '')), bar);
    const list = el('ol', {});
    for (const task of c.tasks) {
      const item = el('li', { className: task.done ? 'done' : '' }, el('span', {}, task.done ? '✔' : '○'), el('div', {}, el('div', { className: 'title' }, task.title), el('div', { className: 'desc' }, task.description)));
      if (!task.done) {
        const mark = el('button', { className: 'mark', type: 'button' }, 'Mark done');
        mark.addEventListener('click', () => call('POST', '/onboarding/api/checklist/complete/' + task.key).then(draw, fail));
        item.append(mark);
      }
      list.append(item);
    }
    if (kind === 'checklist') parts.push(list);
    if (kind === 'checklist' && !c.dismissed) {
      const dismiss = el('button', { type: 'button' }, 'Dismiss the checklist');
      dismiss.addEventListener('click', () => call('POST', '/onboarding/api/checklist/dismiss').then(draw, fail));
      parts.push(dismiss);
    }
    content.replaceChildren(...parts);
  };
  const fail = (error) => content.replaceChildren(el('p', { className: 'error', role: 'alert' }, error.message));
  if (!token) return fail(new Error('Sign in first: open this page with #token=<access token>.'));
  call('GET', '/onboarding/api/checklist').then(draw, fail);
})();
</script>
</body>
</html>
`;
}

// The sandbox's form page, at the path of Google's respondent link (/forms/d/e/<id>/viewform): the
// emulated form's questions (short answer, paragraph, drop-down, multiple choice, checkboxes,
// linear scale), prefilled from `entry.<item id>=` query parameters as Google's prefilled links
// are, and the respondent's email when the form collects it (`emailAddress=` prefills it).
// Submit posts the answers; the sandbox stores the response and runs the form-submit triggers as
// Google would (server.ts), and this page then shows Google's confirmation and, below it, what the
// triggers did. Everything is drawn as text (dom.mts).
import { SANDBOX_CHANNEL, type FormItemView, type FormSubmitResponse, type FormView, type TriggerRun } from '../transport';
import { byId, h } from './dom.mjs';

const root = byId('form-root');
const publishedId = /^\/forms\/d\/e\/([A-Za-z0-9_-]+)\/viewform$/.exec(location.pathname)?.[1] ?? '';
const prefill = new URLSearchParams(location.search);

/** Reads one question's answer from the page: text, a choice, the checked boxes, or '' / []. */
type Reader = () => string | string[];

async function load(): Promise<void> {
  try {
    const response = await fetch(`/api/forms/${publishedId}`, { cache: 'no-store' });
    if (response.status === 404) return done(page('Form not found', 'This form does not exist, or its link is wrong.'));
    if (!response.ok) throw new Error(`The sandbox answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    const form = (await response.json()) as FormView;
    document.title = form.title;
    if (!form.published || !form.acceptingResponses) {
      return done(page(form.title, `The form ${form.title} is no longer accepting responses. Try contacting the owner of the form if you think this is a mistake.`));
    }
    done(drawForm(form));
  } catch (error) {
    done(h('p', { class: 'error', attrs: { role: 'alert' } }, String(error)));
  }
}

function done(content: HTMLElement): void {
  root.replaceChildren(content);
  root.setAttribute('aria-busy', 'false');
  document.body.dataset.ready = 'true';
}

function page(title: string, text: string): HTMLElement {
  return h('div', {}, h('section', { class: 'form-card form-head' }, h('h1', {}, title), h('p', {}, text)));
}

function drawForm(form: FormView): HTMLElement {
  const readers = new Map<number, Reader>();
  const cards = new Map<number, HTMLElement>();
  const head = h(
    'section',
    { class: 'form-card form-head' },
    h('h1', { attrs: { id: 'form-title' } }, form.title),
    form.description ? h('p', { class: 'form-description' }, form.description) : null,
    h('p', { class: 'required-note' }, '* Indicates required question'),
  );
  let emailInput: HTMLInputElement | null = null;
  let emailCard: HTMLElement | null = null;
  if (form.collectEmail) {
    emailInput = h('input', { attrs: { type: 'email', id: 'email', name: 'emailAddress', autocomplete: 'email', required: '' } });
    emailInput.value = prefill.get('emailAddress') ?? '';
    emailCard = h('section', { class: 'form-card question' }, h('label', { class: 'q-title', attrs: { for: 'email' } }, 'Email', h('span', { class: 'star', attrs: { 'aria-hidden': 'true' } }, ' *')), emailInput, h('p', { class: 'q-error', attrs: { role: 'alert' } }));
  }
  const questions = form.items.map((item) => {
    const { card, read } = question(item);
    readers.set(item.id, read);
    cards.set(item.id, card);
    return card;
  });
  const alert = h('p', { class: 'error submit-error', attrs: { role: 'alert', id: 'submit-error' } });
  const submit = h('button', { class: 'submit', attrs: { type: 'submit' } }, 'Submit');
  const element = h('form', { attrs: { novalidate: '', 'aria-labelledby': 'form-title' } }, head, emailCard, ...questions, h('div', { class: 'form-actions' }, submit, alert));

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    alert.textContent = '';
    // Google's own page checks required questions before anything is sent.
    let firstMissing: HTMLElement | null = null;
    const mark = (card: HTMLElement, missing: boolean) => {
      card.classList.toggle('invalid', missing);
      const slot = card.querySelector('.q-error');
      if (slot) slot.textContent = missing ? 'This is a required question' : '';
      if (missing && !firstMissing) firstMissing = card;
    };
    if (emailCard && emailInput) mark(emailCard, emailInput.value.trim() === '');
    const answers: Record<string, string | string[]> = {};
    for (const item of form.items) {
      const value = readers.get(item.id)!();
      const blank = Array.isArray(value) ? value.length === 0 : value.trim() === '';
      mark(cards.get(item.id)!, item.required && blank);
      if (!blank) answers[String(item.id)] = value;
    }
    if (firstMissing) {
      (firstMissing as HTMLElement).scrollIntoView({ block: 'center' });
      return;
    }
    submit.disabled = true;
    void send({ email: emailInput ? emailInput.value.trim() : '', answers })
      .then((result) => {
        if (result.ok) done(confirmation(form, result.triggers));
        else alert.textContent = result.error.message;
      })
      .catch((error: unknown) => {
        alert.textContent = String(error);
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return element;
}

async function send(body: { email: string; answers: Record<string, string | string[]> }): Promise<FormSubmitResponse> {
  const response = await fetch(`/api/forms/${publishedId}/respond`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as FormSubmitResponse;
  } catch {
    throw new Error(`The sandbox answered ${response.status}: ${text.slice(0, 200)}`);
  }
}

/** One question card and the way to read its answer; `entry.<id>` prefills it. */
function question(item: FormItemView): { card: HTMLElement; read: Reader } {
  const id = `q${item.id}`;
  const name = `entry.${item.id}`;
  const given = prefill.getAll(name);
  const star = item.required ? h('span', { class: 'star', attrs: { 'aria-hidden': 'true' } }, ' *') : null;
  const help = item.helpText ? h('p', { class: 'q-help', attrs: { id: `${id}-help` } }, item.helpText) : null;
  const error = h('p', { class: 'q-error', attrs: { role: 'alert' } });
  const describedBy: Record<string, string> = help ? { 'aria-describedby': `${id}-help` } : {};
  const required: Record<string, string> = item.required ? { 'aria-required': 'true' } : {};

  switch (item.type) {
    case 'TEXT':
    case 'PARAGRAPH_TEXT': {
      const input =
        item.type === 'TEXT'
          ? h('input', { attrs: { type: 'text', id, name, ...describedBy, ...required } })
          : h('textarea', { attrs: { id, name, rows: '3', ...describedBy, ...required } });
      input.value = given[0] ?? '';
      const card = h('section', { class: 'form-card question', attrs: { 'data-item-id': String(item.id) } }, h('label', { class: 'q-title', attrs: { for: id } }, item.title, star), help, input, error);
      return { card, read: () => input.value };
    }
    case 'LIST': {
      const select = h('select', { attrs: { id, name, ...describedBy, ...required } }, h('option', { attrs: { value: '' } }, 'Choose'), ...(item.choices ?? []).map((c) => h('option', { attrs: { value: c } }, c)));
      select.value = (item.choices ?? []).includes(given[0] ?? '') ? given[0] : '';
      const card = h('section', { class: 'form-card question', attrs: { 'data-item-id': String(item.id) } }, h('label', { class: 'q-title', attrs: { for: id } }, item.title, star), help, select, error);
      return { card, read: () => select.value };
    }
    case 'MULTIPLE_CHOICE':
    case 'CHECKBOX':
    case 'SCALE': {
      const multiple = item.type === 'CHECKBOX';
      const options =
        item.type === 'SCALE'
          ? Array.from({ length: (item.upperBound ?? 5) - (item.lowerBound ?? 1) + 1 }, (_, i) => String((item.lowerBound ?? 1) + i))
          : (item.choices ?? []);
      const inputs = options.map((value, i) => {
        const input = h('input', { attrs: { type: multiple ? 'checkbox' : 'radio', id: `${id}-${i}`, name, value } });
        input.checked = multiple ? given.includes(value) : given[0] === value;
        return { input, label: h('label', { class: 'choice', attrs: { for: `${id}-${i}` } }, input, ` ${value}`) };
      });
      const titleId = `${id}-title`;
      const role = multiple ? 'group' : 'radiogroup';
      const choices =
        item.type === 'SCALE'
          ? h('div', { class: 'scale' }, h('span', { class: 'scale-label' }, item.leftLabel ?? ''), ...inputs.map((x) => x.label), h('span', { class: 'scale-label' }, item.rightLabel ?? ''))
          : h('div', { class: 'choices' }, ...inputs.map((x) => x.label));
      const card = h(
        'section',
        { class: 'form-card question', attrs: { 'data-item-id': String(item.id) } },
        h('div', { attrs: { role, 'aria-labelledby': titleId, ...describedBy, ...required } }, h('p', { class: 'q-title', attrs: { id: titleId } }, item.title, star), help, choices),
        error,
      );
      const read: Reader = () => {
        const checked = inputs.filter((x) => x.input.checked).map((x) => x.input.value);
        return multiple ? checked : (checked[0] ?? '');
      };
      if (!item.required && !multiple) {
        const clear = h('button', { class: 'link-button', attrs: { type: 'button' } }, 'Clear selection');
        clear.addEventListener('click', () => inputs.forEach((x) => (x.input.checked = false)));
        card.append(clear);
      }
      return { card, read };
    }
  }
}

function confirmation(form: FormView, triggers: TriggerRun[]): HTMLElement {
  // The spreadsheet window (host page) redraws: the trigger may have written rows.
  try {
    const channel = new BroadcastChannel(SANDBOX_CHANNEL);
    channel.postMessage({ type: 'changed' });
    channel.close();
  } catch {
    // No BroadcastChannel: the spreadsheet window refreshes when it is shown again.
  }
  const again = h('a', { attrs: { href: location.pathname } }, 'Submit another response');
  return h(
    'div',
    { attrs: { id: 'confirmation' } },
    h('section', { class: 'form-card form-head' }, h('h1', {}, form.title), h('p', { class: 'confirmation-message' }, form.confirmationMessage || 'Your response has been recorded.'), h('p', {}, again)),
    h('section', { class: 'form-card sandbox-note', attrs: { id: 'trigger-runs', 'aria-label': 'What the sandbox ran' } }, h('h2', {}, 'In the sandbox'), ...triggerLines(triggers)),
  );
}

function triggerLines(triggers: TriggerRun[]): HTMLElement[] {
  if (triggers.length === 0) {
    return [h('p', { class: 'trigger-none' }, 'No form-submit trigger is installed for the spreadsheet, so nothing ran: the response is only in the form\'s responses sheet.')];
  }
  return triggers.map((t) => {
    const cost = t.report ? ` (${t.report.serviceCalls} service call${t.report.serviceCalls === 1 ? '' : 's'}, ${t.report.ms} ms)` : '';
    return t.ok
      ? h('p', { class: 'trigger-ok' }, `The form-submit trigger ran ${t.handler}${cost}.`)
      : h('p', { class: 'trigger-failed error' }, `The form-submit trigger ${t.handler} failed${cost}: ${t.error?.name ?? 'Error'}: ${t.error?.message ?? ''}`);
  });
}

void load();

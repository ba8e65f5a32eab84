// The sandbox's stand-in for `google.script.run` and `google.script.host`, injected as the first
// script of the sidebar's <head>. It follows the documented client API
// (https://developers.google.com/apps-script/guides/html/reference/run, …/reference/host):
// - one method per callable top-level server function (the list comes inline from the server);
// - withSuccessHandler / withFailureHandler / withUserObject return a new runner with that
//   setting, so runners can be kept and reused;
// - every call returns void and its handler runs later, in its own task, never synchronously;
// - arguments follow the transport rules (../transport.ts): a Date, a function or a DOM node
//   anywhere makes the call fail; a <form> is accepted as the only argument;
// - errors reach the failure handler as an Error with the server's message, or console.error
//   when there is none.
import { checkArguments, SANDBOX_MESSAGE_SOURCE as SOURCE, type HostMessage, type RunResponse, type WireValue } from '../transport';

interface Boot {
  /** Callable top-level functions of the bundle. */
  functions: string[];
}

type Handler = (value: unknown, userObject: unknown) => void;

interface Settings {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}

const w = window as unknown as { __peerCoachingSandbox?: Boot; google?: Record<string, unknown> };
const boot: Boot = w.__peerCoachingSandbox ?? { functions: [] };
delete w.__peerCoachingSandbox;

function tellHost(message: HostMessage): void {
  if (window.parent !== window) window.parent.postMessage(message, location.origin);
}

/** Runs `fn` in a task of its own, so a throwing handler surfaces as an uncaught error. */
function later(fn: () => void): void {
  setTimeout(fn, 0);
}

function fail(settings: Settings, name: string, error: Error): void {
  later(() => {
    if (settings.failure) settings.failure(error, settings.userObject);
    else console.error(`google.script.run.${name} failed:`, error);
  });
}

/** A <form> (the only DOM node allowed, and only as the sole argument) as a plain object of its fields. */
function formToObject(form: HTMLFormElement): Record<string, WireValue> {
  const out: Record<string, WireValue> = {};
  for (const [key, value] of new FormData(form)) {
    const text = typeof value === 'string' ? value : value.name; // files: only the name travels here
    const previous = out[key];
    if (previous === undefined) out[key] = text;
    else out[key] = Array.isArray(previous) ? [...previous, text] : [previous, text];
  }
  return out;
}

function isForm(value: unknown): value is HTMLFormElement {
  return typeof value === 'object' && value !== null && (value as { nodeName?: unknown }).nodeName === 'FORM';
}

function invoke(name: string, args: unknown[], settings: Settings): void {
  let wire: WireValue[];
  try {
    wire = checkArguments(args.length === 1 && isForm(args[0]) ? [formToObject(args[0])] : args);
  } catch (error) {
    fail(settings, name, error instanceof Error ? error : new Error(String(error)));
    return;
  }
  fetch('/api/run', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, args: wire }),
    cache: 'no-store',
  })
    .then(async (response) => {
      const text = await response.text();
      let body: RunResponse;
      try {
        body = JSON.parse(text) as RunResponse;
      } catch {
        throw new Error(`The sandbox answered ${response.status}: ${text.slice(0, 200)}`);
      }
      return body;
    })
    .then(
      (body) => {
        tellHost({ source: SOURCE, type: 'called', name });
        if (body.ok) {
          const value = body.hasValue ? body.value : undefined;
          later(() => settings.success?.(value, settings.userObject));
        } else {
          const error = new Error(body.error.message);
          error.name = body.error.name;
          fail(settings, name, error);
        }
      },
      (error: unknown) => {
        // The loopback server is gone (stopped sandbox): Google would show a network error too.
        fail(settings, name, new Error(`NetworkError: Connection failure due to HTTP 0 (${String(error)})`));
      },
    );
}

function runner(settings: Settings): Record<string, unknown> {
  const api: Record<string, unknown> = {
    withSuccessHandler: (fn: Handler) => runner({ ...settings, success: fn }),
    withFailureHandler: (fn: Handler) => runner({ ...settings, failure: fn }),
    withUserObject: (object: unknown) => runner({ ...settings, userObject: object }),
  };
  for (const name of boot.functions) {
    if (name in api) continue;
    api[name] = (...args: unknown[]): void => {
      invoke(name, args, settings);
    };
  }
  return api;
}

const host = {
  /** Where the sidebar is hosted. Google's is https://docs.google.com; here, the sandbox. */
  origin: location.origin,
  /** Closes the sidebar panel of the host page. */
  close(): void {
    tellHost({ source: SOURCE, type: 'close' });
  },
  /** Sidebars cannot be resized; these only matter for dialogs. */
  setHeight(_height: number): void {},
  setWidth(_width: number): void {},
  editor: {
    /** Returns focus to the sheet grid. */
    focus(): void {
      tellHost({ source: SOURCE, type: 'focus' });
    },
  },
};

const google = (w.google ??= {});
google.script = { run: runner({}), host };

// A link to a Google form in the sidebar (the feedback form's) opens the sandbox's own form page,
// which holds the same form: the real address would leave 127.0.0.1 for a form Google never made.
const FORM_LINK = /^https:\/\/docs\.google\.com(\/forms\/d\/e\/[A-Za-z0-9_-]+\/viewform(?:\?[^\s<>"]*)?)$/;
document.addEventListener(
  'click',
  (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    const local = link ? FORM_LINK.exec(link.href) : null;
    if (!local) return;
    event.preventDefault();
    // The host page opens it: a tab opened from the sandboxed sidebar frame would inherit its
    // sandbox and fail to load.
    tellHost({ source: SOURCE, type: 'open', path: local[1] });
  },
  true,
);

// The sandbox's routes for the people's side of the program, outside the spreadsheet (pages.ts
// makes what they show): each person's calendar, the .ics downloads, the feedback form's page at
// the path of Google's own link, and a person submitting the form, which runs the form-submit
// triggers as Google runs them.
import type * as http from 'node:http';
import type { Workspace } from '../emulation';
import type { SheetsFormSubmitEvent } from '../emulation/forms';
import { eventInRealm, type Outcome } from '../host';
import type { BundleRealm } from '../runtime';
import type { ClientAssets } from './assets';
import { FORM_PAGE, HttpError, NO_FORM_PAGE, decodeSegment, parseSubmission, send, sendJson } from './http';
import { calendarView, formByPublishedId, formPath, formView, icsFile, programForm } from './pages';
import { toClientError, type CallReport, type FormSubmitResponse, type TriggerRun } from './transport';

export interface PeopleDeps {
  ws: Workspace;
  assets: ClientAssets;
  /** Runs a trigger's handler as one execution, its event made in the realm by `prepare` (saved). */
  execute(handler: string, prepare: (realm: BundleRealm) => unknown[]): Outcome;
  lastCall(): CallReport | null;
  save(): void;
}

export interface PeopleRoutes {
  /** Answers a GET of the people's side; false when the path is not one of theirs. */
  get(url: URL, res: http.ServerResponse): boolean;
  /** POST /api/forms/<published id>/respond. */
  respond(publishedId: string, body: unknown): FormSubmitResponse;
}

export function createPeopleRoutes(deps: PeopleDeps): PeopleRoutes {
  const { ws, assets } = deps;

  const icsRequest = (res: http.ServerResponse, which: string): void => {
    const file = ws.ledger.untracked(() => icsFile(ws, which));
    if (!file.ok) throw new HttpError(file.status, file.message);
    send(res, 200, 'text/calendar; charset=utf-8', file.text, {
      'Content-Disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
  };

  return {
    get(url, res) {
      switch (url.pathname) {
        case '/pages.css':
          send(res, 200, 'text/css; charset=utf-8', assets.pagesCss);
          return true;
        case '/calendar':
          send(res, 200, 'text/html; charset=utf-8', assets.calendarHtml);
          return true;
        case '/calendar.js':
          send(res, 200, 'text/javascript; charset=utf-8', assets.calendarJs);
          return true;
        case '/form.js':
          send(res, 200, 'text/javascript; charset=utf-8', assets.formJs);
          return true;
        case '/api/calendar':
          sendJson(res, ws.ledger.untracked(() => calendarView(ws)));
          return true;
        case '/form': {
          const form = programForm(ws);
          if (!form) send(res, 404, 'text/html; charset=utf-8', NO_FORM_PAGE);
          else send(res, 302, 'text/plain; charset=utf-8', '', { Location: `${formPath(form)}${url.search}` });
          return true;
        }
      }
      const ics = /^\/ics\/([^/]+)\.ics$/.exec(url.pathname);
      if (ics) {
        icsRequest(res, decodeSegment(ics[1]));
        return true;
      }
      if (FORM_PAGE.test(url.pathname)) {
        send(res, 200, 'text/html; charset=utf-8', assets.formHtml);
        return true;
      }
      const formApi = /^\/api\/forms\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (formApi) {
        const form = formByPublishedId(ws, formApi[1]);
        if (!form) throw new HttpError(404, 'No form has this address.');
        sendJson(res, formView(form));
        return true;
      }
      return false;
    },

    /**
     * A person submits the feedback form in the browser. As in Google: the response is stored and
     * written to the form's responses sheet, then every installable form-submit trigger of that
     * spreadsheet runs, each as an execution of its own (fresh realm, ledger, lock released after)
     * with the Sheets form-submit event as its argument. A response the add-on submits itself
     * (FormResponse.submit) fires nothing; only this path does.
     */
    respond(publishedId, body) {
      const form = formByPublishedId(ws, publishedId);
      if (!form) throw new HttpError(404, 'No form has this address.');
      const submission = parseSubmission(body);
      let deliveries;
      try {
        deliveries = ws.forms.respond(form.id, submission);
      } catch (error) {
        return { ok: false, error: toClientError(error) };
      }
      const triggers: TriggerRun[] = [];
      for (const delivery of deliveries) {
        const outcome = deps.execute(delivery.handler, (realm) => [formSubmitEvent(realm, delivery.event)]);
        triggers.push({ handler: delivery.handler, ok: outcome.ok, ...(outcome.ok ? {} : { error: toClientError(outcome.error) }), report: deps.lastCall() });
      }
      deps.save();
      return { ok: true, confirmationMessage: form.confirmationMessage, triggers };
    },
  };
}

/**
 * The form-submit event as the trigger's handler receives it: an object of the bundle's realm,
 * its plain parts (namedValues, values, triggerUid) made there from JSON, and the live objects
 * (range, source, user, authMode) handed over as they are: `e.range` is the emulation's Range of
 * the new row, on which the handler may call getValues, getRow, offset…
 */
function formSubmitEvent(realm: BundleRealm, event: SheetsFormSubmitEvent): unknown {
  const { range, source, user, authMode, ...plain } = event;
  return eventInRealm(realm, plain, { authMode, range, source, user });
}

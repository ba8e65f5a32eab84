// A typed Promise over google.script.run: call('getState') resolves with the server's return value.
import type { LifecycleApi, SidebarApi } from '../shared/api';

/** Every server function the sidebar may call by name. */
type Api = SidebarApi & LifecycleApi;

type Runner = Record<string, ((...args: unknown[]) => void) | undefined>;

export function call<K extends keyof Api>(
  name: K,
  ...args: Parameters<Api[K]>
): Promise<ReturnType<Api[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value: unknown) => resolve(value as ReturnType<Api[K]>))
      .withFailureHandler((error: Error) => reject(error)) as unknown as Runner;
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`The add-on's server has no function "${name}". Reload the sidebar.`));
      return;
    }
    fn(...args);
  });
}

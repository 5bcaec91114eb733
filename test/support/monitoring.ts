// What real nats-server processes report on their monitoring port (/routez, /gatewayz, /leafz),
// polled until it says what a test waits for, or a deadline passes.

/** The JSON of a monitoring endpoint on 127.0.0.1 (`/routez`, `/gatewayz`, …); undefined when it does not answer. */
export async function monitorJson<T = Record<string, unknown>>(port: number, endpoint: string): Promise<T | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${endpoint}`, { signal: AbortSignal.timeout(2000) });
    return (await res.json()) as T;
  } catch {
    return undefined;
  }
}

/** Polls `read` until `want` holds or `ms` pass; the last reading. */
export async function until<T>(read: () => Promise<T>, want: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!want(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

/** `read(port)` for each monitoring port (-1 where it does not answer), polled until `want` holds of them all. */
export function pollNodes(
  httpPorts: number[],
  read: (port: number) => Promise<number | undefined>,
  want: (values: number[]) => boolean,
  ms = 15_000,
): Promise<number[]> {
  const readAll = () => Promise.all(httpPorts.map(async (p) => (await read(p)) ?? -1));
  return until(readAll, want, ms);
}

/** How many routes each node has (/routez), polled until `want` holds. */
export function routeCounts(httpPorts: number[], want: (counts: number[]) => boolean, ms?: number): Promise<number[]> {
  const read = async (port: number) => (await monitorJson<{ num_routes: number }>(port, '/routez'))?.num_routes;
  return pollNodes(httpPorts, read, want, ms);
}

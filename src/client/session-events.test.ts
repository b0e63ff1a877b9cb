import { expect } from '@open-wc/testing';
import { listenForSessionEnd, serverSentEvents } from './session-events.js';

/** A response body that sends these chunks, then waits (open) or ends. */
function body(chunks: string[], open = true): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!open) controller.close();
    },
  });
}

async function names(chunks: string[]): Promise<string[]> {
  const seen: string[] = [];
  for await (const name of serverSentEvents(body(chunks, false))) seen.push(name);
  return seen;
}

describe('the OP’s session events (client/session-events.ts)', () => {
  it('reads event names across chunks and line endings; comments and events without data dispatch nothing', async () => {
    expect(await names([': listening\n\n', 'event: session-ended\r', '\ndata: {}\r\n\r\n'])).to.deep.equal(['session-ended']);
    expect(await names(['data: x\n\nevent: ping\n\nevent: a\ndata\n\n', 'event: b\ndata: 1\n'])).to.deep.equal(['message', 'a']);
  });

  it('signs out once on session-ended, after a lost stream is opened again with the token', async () => {
    const asked: (string | null)[] = [];
    const answers = [
      () => Promise.reject(new TypeError('offline')),
      () => Promise.resolve(new Response(body([': listening\n\n', 'event: session-ended\ndata: {}\n\n']), { status: 200 })),
    ];
    const client = {
      fetch: (_input: RequestInfo | URL, init?: RequestInit) => {
        asked.push(new Headers(init?.headers).get('accept'));
        return answers.shift()?.() ?? new Promise<Response>(() => undefined);
      },
    };
    let ended = 0;
    const stop = listenForSessionEnd(client, '/api/sessions/events', () => void ended++);
    try {
      await waitFor(() => ended === 1, 4000);
      expect(asked).to.deep.equal(['text/event-stream', 'text/event-stream']);
    } finally {
      stop();
    }
  });

  it('stops listening when told: no more requests, no sign-out', async () => {
    let requests = 0;
    let ended = 0;
    // Its own endpoint: the tab of the last test keeps its lock 2 s after the end.
    const stop = listenForSessionEnd(
      { fetch: () => (requests++, Promise.resolve(new Response('', { status: 401 }))) },
      '/api/elsewhere/events',
      () => void ended++,
    );
    await waitFor(() => requests === 1, 1000);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect([requests, ended]).to.deep.equal([1, 0]);
  });
});

async function waitFor(done: () => boolean, ms: number) {
  for (const until = Date.now() + ms; !done(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() > until) throw new Error('timed out');
  }
}

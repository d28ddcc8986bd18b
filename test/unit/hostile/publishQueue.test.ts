/**
 * PublishQueue on a fake clock (issue 14, push flood): bursts coalesce into one publication, a document changed
 * while publishing gets exactly one more, a never-quiet document is still published, closing drops what waits,
 * and a failing publication is reported without stopping the queue.
 */
import { strict as assert } from 'node:assert';
import { PublishQueue, QueueClock } from '../../../server/src/publishQueue';

/** Lets promise chains run to their end, as the event loop would between two timers. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Timers that fire only when the test advances time. */
class FakeClock implements QueueClock {
  time = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  now(): number { return this.time; }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void { this.timers = this.timers.filter((t) => t.id !== handle); }
  get pending(): number { return this.timers.length; }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = end;
  }
}

function setup(publish?: (uri: string) => Promise<void>) {
  const clock = new FakeClock();
  const published: string[] = [];
  const errors: unknown[] = [];
  const queue = new PublishQueue(publish ?? (async (uri) => { published.push(uri); }), (_uri, e) => errors.push(e), { delayMs: 100, maxWaitMs: 1000 }, clock);
  return { clock, published, errors, queue };
}

describe('hostile inputs: PublishQueue', () => {
  it('coalesces 1 000 changes in a burst into one publication, with at most one timer waiting', async () => {
    const { clock, published, queue } = setup();
    for (let i = 0; i < 1000; i++) queue.request('a');
    assert.equal(clock.pending, 1);
    await clock.advance(100);
    assert.deepEqual(published, ['a']);
    assert.equal(queue.size, 0);
  });

  it('keeps documents apart', async () => {
    const { clock, published, queue } = setup();
    queue.request('a');
    queue.request('b');
    queue.request('a');
    await clock.advance(100);
    assert.deepEqual(published.sort(), ['a', 'b']);
  });

  it('gives a document changed while it is being published exactly one more publication', async () => {
    const { clock } = setup();
    let calls = 0;
    let finish: () => void = () => undefined;
    const q = new PublishQueue(() => { calls++; return new Promise<void>((r) => { finish = r; }); }, () => undefined, { delayMs: 100, maxWaitMs: 1000 }, clock);
    q.request('a');
    await clock.advance(100);
    assert.equal(calls, 1);
    for (let i = 0; i < 50; i++) q.request('a');
    assert.equal(clock.pending, 0, 'nothing is scheduled while the publication runs');
    finish();
    await clock.advance(0);
    assert.equal(clock.pending, 1, 'one publication waits');
    await clock.advance(100);
    assert.equal(calls, 2);
    finish();
    await clock.advance(1000);
    assert.equal(calls, 2);
    assert.equal(q.size, 0);
  });

  it('still publishes a document that never goes quiet, once per maxWaitMs', async () => {
    const { clock, published, queue } = setup();
    for (let t = 0; t < 3000; t += 50) {
      queue.request('a');
      await clock.advance(50);
    }
    assert.ok(published.length >= 2 && published.length <= 4, `${published.length} publications`);
  });

  it('drops a waiting publication when the document closes, and does not follow a running one', async () => {
    const { clock, published, queue } = setup();
    queue.request('a');
    queue.cancel('a');
    await clock.advance(1000);
    assert.deepEqual(published, []);
    let finish: () => void = () => undefined;
    let calls = 0;
    const q = new PublishQueue(() => { calls++; return new Promise<void>((r) => { finish = r; }); }, () => undefined, { delayMs: 100, maxWaitMs: 1000 }, clock);
    q.request('b');
    await clock.advance(100);
    q.request('b');
    q.cancel('b');
    finish();
    await clock.advance(1000);
    assert.equal(calls, 1);
    assert.equal(q.size, 0);
  });

  it('reports a failing publication and keeps serving the document', async () => {
    let fail = true;
    const published: string[] = [];
    const { clock, errors, queue } = setup(async (uri) => {
      if (fail) throw new Error('boom');
      published.push(uri);
    });
    queue.request('a');
    await clock.advance(100);
    assert.equal(errors.length, 1);
    fail = false;
    queue.request('a');
    await clock.advance(100);
    assert.deepEqual(published, ['a']);
  });
});

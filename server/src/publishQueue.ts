/**
 * Pushed diagnostics without a flood: edits to one document are coalesced, so only its latest version is validated
 * and sent, and at most one publication per document waits while at most one runs. A client may send a thousand
 * edits in one write; validating and sending each would cost a full validation and a full message per edit.
 */

/** The timers the queue uses; tests pass a fake clock. */
export interface QueueClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PublishQueueOptions {
  /** Quiet time after the last edit before the document is validated: a burst of edits gives one publication. */
  delayMs: number;
  /**
   * A document edited without pause is still published this often, so diagnostics never stop coming. It is long
   * next to a keystroke's pause: a flood of buffered edits on a busy machine takes seconds to read, and each forced
   * publication in it is a full validation of a version already out of date.
   */
  maxWaitMs: number;
}

interface Entry {
  /** The waiting publication's timer, if one waits. */
  timer?: unknown;
  /** When the waiting publication was first requested (for maxWaitMs). */
  since: number;
  /** A publication is running: validation, then the write to the client. */
  running: boolean;
  /** The document changed while a publication ran: one more is due after it. */
  again: boolean;
}

const defaultClock: QueueClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class PublishQueue {
  private readonly entries = new Map<string, Entry>();

  /**
   * `publish(uri)` validates the document as it is when called (its latest version) and resolves once the
   * diagnostics are written, so a slow client holds back the next publication instead of buffering them all.
   */
  constructor(
    private readonly publish: (uri: string) => Promise<void>,
    private readonly onError: (uri: string, error: unknown) => void,
    private readonly options: PublishQueueOptions = { delayMs: 150, maxWaitMs: 5000 },
    private readonly clock: QueueClock = defaultClock,
  ) {}

  /** The document changed (or was opened, or its settings changed): publish its latest version soon. */
  request(uri: string): void {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { since: this.clock.now(), running: false, again: false };
      this.entries.set(uri, entry);
    }
    if (entry.running) {
      entry.again = true;
      return;
    }
    this.wait(uri, entry);
  }

  /** The document was closed: drop what waits for it; a running publication is not followed by another. */
  cancel(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    if (entry.timer !== undefined) this.clock.clearTimeout(entry.timer);
    this.entries.delete(uri);
  }

  /** How many publications wait or run, for tests. */
  get size(): number {
    return this.entries.size;
  }

  private wait(uri: string, entry: Entry): void {
    if (entry.timer !== undefined) {
      // Restart the quiet period, unless the document has waited long enough already.
      if (this.clock.now() - entry.since >= this.options.maxWaitMs) return;
      this.clock.clearTimeout(entry.timer);
    } else {
      entry.since = this.clock.now();
    }
    entry.timer = this.clock.setTimeout(() => this.run(uri, entry), this.options.delayMs);
  }

  private run(uri: string, entry: Entry): void {
    entry.timer = undefined;
    entry.running = true;
    entry.again = false;
    const done = () => {
      entry.running = false;
      // A cancelled entry is no longer in the map: its document is closed, nothing more is due.
      if (this.entries.get(uri) !== entry) return;
      if (entry.again) {
        entry.again = false;
        this.wait(uri, entry);
      } else {
        this.entries.delete(uri);
      }
    };
    let running: Promise<void>;
    try {
      running = this.publish(uri);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.catch((error) => this.onError(uri, error)).finally(done);
  }
}

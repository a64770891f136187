// Reliable requests over a lossy byte link: stop-and-wait with a sequence number, adaptive
// timeouts, resend at once on a NAK or a damaged frame, and a clear failure after a bounded
// number of silent timeouts. The device answers a repeated request from its reply cache.
// LIMITATION: one request in flight; on a slow UART each round trip waits for two frames.
import { cobsMaxEncoded } from './cobs.js';
import { encodeFrame, FrameDecoder, type Frame } from './frame.js';
import type { Link } from './link.js';
import {
  decodePayload,
  encodePayload,
  kindOf,
  MSG,
  PROTOCOL_VERSION,
  type Message,
  type MessageKind,
} from './gen/messages.js';
import {
  DeviceErrorReply,
  LinkClosedError,
  LinkLostError,
  NotADeviceError,
  ShrinkSignal,
  VersionMismatchError,
} from './session-errors.js';

/** Per-request knobs. */
export interface RequestOptions {
  /** Damaged replies after which ShrinkSignal is thrown (payload-sized requests only). */
  shrinkAfter?: number;
  /** Time the device needs to carry the request out, added to the timeout (RUN). */
  workMs?: number;
}

export interface SessionOptions {
  /** Longest wait for one reply in ms: the cap of the adaptive timeout. */
  timeoutMs: number;
  /** Silent timeouts in a row (no valid frame) before the link is declared lost. */
  retries: number;
  /** Baud rate, to allow for the time a frame spends on a real UART. */
  baudRate: number;
}

export const DEFAULT_TIMEOUT_MS = 500;
export const DEFAULT_RETRIES = 8;
// Shortest timeout: a pty round trip is ~0.3 ms, Node timers are ~1-4 ms coarse (fpga.md B3).
const MIN_RTO_MS = 25;
// Resends triggered by NAKs or damaged frames, per request, before giving up on a noisy link.
const MAX_FAST_RESENDS = 64;
// 8N1 UART: 10 bit times per byte.
const BITS_PER_BYTE = 10;
// Header, offset and CRC around READ data; the largest fixed-size reply on the wire (HELLO_REPLY).
const REPLY_OVERHEAD = 16;
const SMALL_REPLY_BYTES = 96;

/** Counts of what happened on the link (for --json, the bench and the tests). */
export interface LinkStats {
  requests: number;
  framesSent: number;
  bytesSent: number;
  bytesReceived: number;
  resends: number;
  naks: number;
  damaged: number;
  timeouts: number;
  stale: number;
  /** Wall time spent inside requests (sending and waiting), ms. */
  requestMs: number;
}

type Event = Frame | 'damaged' | 'closed';

/** One host session with a device over a link. */
export class Session {
  readonly stats: LinkStats = {
    requests: 0,
    framesSent: 0,
    bytesSent: 0,
    bytesReceived: 0,
    resends: 0,
    naks: 0,
    damaged: 0,
    timeouts: 0,
    stale: 0,
    requestMs: 0,
  };
  private readonly decoder = new FrameDecoder();
  private readonly events: Event[] = [];
  private wake: (() => void) | undefined;
  private seq = Math.floor(Math.random() * 256);
  private readonly srtt = new Map<MessageKind, number>();
  private queue: Promise<void> = Promise.resolve();
  /** Attempts the last request took (1 = first try). */
  lastAttempts = 0;

  constructor(
    readonly link: Link,
    readonly opts: SessionOptions,
  ) {
    link.onData((bytes) => this.receive(bytes));
    link.onClose(() => this.push('closed'));
  }

  /**
   * Send a request and return the reply of one of the accepted kinds. With shrinkAfter, a
   * request whose frames keep arriving damaged that many times throws ShrinkSignal, so the
   * caller can retry with a smaller payload under a new sequence number.
   */
  async request<K extends MessageKind>(
    msg: Message,
    accept: readonly K[],
    o: RequestOptions = {},
  ): Promise<Extract<Message, { kind: K }>> {
    // Stop-and-wait: a request issued while another is in flight waits its turn.
    const turn = this.queue.then(() => this.exchange(msg, accept, o));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async exchange<K extends MessageKind>(
    msg: Message,
    accept: readonly K[],
    o: RequestOptions,
  ): Promise<Extract<Message, { kind: K }>> {
    const t0 = performance.now();
    this.seq = (this.seq + 1) & 0xff;
    const seq = this.seq;
    const payload = encodePayload(msg);
    const bytes = encodeFrame({ version: PROTOCOL_VERSION, type: MSG[msg.kind], seq, payload });
    this.events.length = 0;
    this.stats.requests++;
    const wire = this.wireMs(bytes.length + replyBytes(msg));
    const work = o.workMs ?? 0;
    let rto = this.timeoutFor(msg.kind, wire) + work;
    let silent = 0;
    let fast = 0;

    // Send, then wait; a NAK or damaged frame resends at once, silence doubles the timeout.
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) this.stats.resends++;
      await this.send(bytes);
      const sentAt = performance.now();
      const r = await this.awaitReply(seq, msg.kind, accept, sentAt + rto);
      if (typeof r === 'object') {
        if (attempt === 1 && work === 0) this.learn(msg.kind, performance.now() - sentAt);
        this.lastAttempts = attempt;
        this.stats.requestMs += performance.now() - t0;
        return r as Extract<Message, { kind: K }>;
      }
      if (r === 'timeout') {
        this.stats.timeouts++;
        silent++;
        rto = Math.min(rto * 2, this.opts.timeoutMs + wire + work);
      } else {
        fast++;
        if (o.shrinkAfter !== undefined && fast >= o.shrinkAfter) {
          this.stats.requestMs += performance.now() - t0;
          throw new ShrinkSignal();
        }
      }
      if (silent > this.opts.retries || fast > MAX_FAST_RESENDS) {
        this.stats.requestMs += performance.now() - t0;
        const elapsed = performance.now() - t0;
        throw new LinkLostError(msg.kind, attempt, elapsed, silent > this.opts.retries);
      }
    }
  }

  private async send(bytes: Uint8Array): Promise<void> {
    this.stats.framesSent++;
    this.stats.bytesSent += bytes.length;
    await this.link.write(bytes);
  }

  /** Events until the reply, a reason to resend, or the deadline. */
  private async awaitReply(
    seq: number,
    sent: MessageKind,
    accept: readonly MessageKind[],
    deadline: number,
  ): Promise<Message | 'resend' | 'timeout'> {
    let resend = false;
    while (true) {
      if (resend && this.events.length === 0) return 'resend';
      const ev = await this.next(deadline - performance.now());
      if (ev === 'timeout') return resend ? 'resend' : 'timeout';
      if (ev === 'closed') throw new LinkClosedError();
      if (ev === 'damaged') {
        this.stats.damaged++;
        resend = true;
        continue;
      }
      if (ev.version !== PROTOCOL_VERSION) throw versionError(ev);
      if (ev.type === MSG.NAK) {
        this.stats.naks++;
        resend = true;
        continue;
      }
      if (ev.seq !== seq) {
        this.stats.stale++;
        continue;
      }
      const m = decodeOrThrow(ev);
      if (m.kind === 'ERROR') throw new DeviceErrorReply(m.code, m.request, m.arg0, m.arg1);
      if (accept.includes(m.kind)) return m;
      throw new NotADeviceError(m.kind === sent ? 'echo' : `unexpected ${m.kind} reply to ${sent}`);
    }
  }

  private next(ms: number): Promise<Event | 'timeout'> {
    if (this.events.length > 0) return Promise.resolve(this.events.shift()!);
    if (ms <= 0) return Promise.resolve('timeout');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve('timeout');
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(this.events.shift()!);
      };
    });
  }

  private push(ev: Event): void {
    this.events.push(ev);
    this.wake?.();
  }

  private receive(bytes: Uint8Array): void {
    this.stats.bytesReceived += bytes.length;
    const before = faultTotal(this.decoder);
    const frames = this.decoder.push(bytes);
    if (faultTotal(this.decoder) > before) this.push('damaged');
    for (const f of frames) this.push(f);
  }

  /** Timeout of a first attempt: 3 × smoothed round trip + UART time, within [25 ms, cap]. */
  private timeoutFor(kind: MessageKind, wire: number): number {
    const s = this.srtt.get(kind);
    const cap = this.opts.timeoutMs + wire;
    if (s === undefined) return cap;
    return Math.min(cap, Math.max(MIN_RTO_MS, 3 * s + 10 + wire));
  }

  /** Smoothed round trip (RFC 6298 gain 1/8), from first attempts only (Karn's rule). */
  private learn(kind: MessageKind, ms: number): void {
    const s = this.srtt.get(kind);
    this.srtt.set(kind, s === undefined ? ms : s + (ms - s) / 8);
  }

  /** Time bytes spend on a real UART (a pty is faster). */
  private wireMs(bytes: number): number {
    return (bytes * BITS_PER_BYTE * 1000) / this.opts.baudRate;
  }
}

/** Wire bytes of the reply a request can get: READ returns its length, others are small. */
function replyBytes(msg: Message): number {
  return msg.kind === 'READ' ? cobsMaxEncoded(msg.len + REPLY_OVERHEAD) + 2 : SMALL_REPLY_BYTES;
}

function faultTotal(d: FrameDecoder): number {
  return d.faults.cobs + d.faults.short + d.faults.crc + d.faults.overflow;
}

function decodeOrThrow(f: Frame): Message {
  try {
    return decodePayload(f.type, f.payload);
  } catch (cause) {
    throw new NotADeviceError(`malformed reply: ${(cause as Error).message}`);
  }
}

function versionError(f: Frame): Error {
  if (kindOf(f.type) === 'ERROR') {
    try {
      const m = decodePayload(f.type, f.payload);
      if (m.kind === 'ERROR') return new VersionMismatchError(m.arg0);
    } catch {
      // fall through: the frame header still names the device's version
    }
  }
  return new VersionMismatchError(f.version);
}

// A dynalign device over a serial link: handshake, chunked upload with per-chunk
// acknowledgement, streamed inference batches, and the device's own counters.
import { ChunkSizer } from './chunk-size.js';
import { crc32 } from './crc32.js';
import {
  FIXED_SIZE,
  MAX_PAYLOAD,
  PROTOCOL_VERSION,
  type Loaded,
  type Message,
  type MessageKind,
} from './gen/messages.js';
import { describeHello, type DeviceInfo } from './info.js';
import { DEFAULT_BAUD, openSerialLink, type Link } from './link.js';
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, Session, type LinkStats } from './session.js';
import { ShrinkSignal } from './session-errors.js';
import { translateError } from './translate.js';

// Damaged replies to one request before its payload is halved.
const SHRINK_AFTER = 2;
// Core time a RUN batch aims at once the device's pace is known: short enough that a slow core
// (the RTL under Verilator) never outlasts the reply timeout, long enough to amortise the link.
const RUN_TARGET_MS = 50;
// Allowance for a RUN's core time in its timeout: 4 × the expected time + 50 ms, because a
// loaded host can run the firmware process several times slower than when it was timed.
export const RUN_WORK_FACTOR = 4;
export const RUN_WORK_SLACK_MS = 50;
export const RUN_WORK_MAX_MS = RUN_WORK_FACTOR * RUN_TARGET_MS + RUN_WORK_SLACK_MS;

export interface ConnectOptions {
  baudRate?: number;
  timeoutMs?: number;
  retries?: number;
  /** An already open link (tests); otherwise the port is opened with `serialport`. */
  link?: Link;
}

/** Results of inferences as the device reported them. */
export interface DeviceRun {
  n: number;
  steps: number;
  outBytes: number;
  /** Output spikes, [n][steps][outBytes]; bit j of byte k is output 8k + j. */
  rasters: Uint8Array;
  /** Busy core cycles of each inference, by the device's counter. */
  cycles: Uint32Array;
  /** Time the device spent in its core, by its own clock, summed over batches (µs). */
  coreUs: number;
}

/** The device's counters: measured on the device, not computed by the host. */
export interface MeasuredCounters {
  source: 'device';
  layer: number | 'total';
  inferences: number;
  steps: number;
  cycles: number;
  synops: number;
  macs: number;
  spikes: number;
  /** Energy from the board's power monitor; absent when the board has none. */
  energyPj?: number;
}

/** One open session with a device: the only way the host talks to the firmware. */
export class DeviceClient {
  private loaded: Loaded | undefined;
  private readonly up: ChunkSizer;
  private readonly down: ChunkSizer;

  private constructor(
    readonly session: Session,
    readonly info: DeviceInfo,
  ) {
    const max = Math.min(info.maxPayload, MAX_PAYLOAD);
    this.up = new ChunkSizer(max - FIXED_SIZE.INPUT);
    this.down = new ChunkSizer(max - FIXED_SIZE.SPIKES);
  }

  /** Open the port and shake hands; a port with no device behind it fails with exit 2. */
  static async connect(port: string, opts: ConnectOptions = {}): Promise<DeviceClient> {
    const baudRate = opts.baudRate ?? DEFAULT_BAUD;
    const link = opts.link ?? (await openSerialLink(port, baudRate));
    const session = new Session(link, {
      baudRate,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retries: opts.retries ?? DEFAULT_RETRIES,
    });
    try {
      const h = await session.request(
        { kind: 'HELLO', version: PROTOCOL_VERSION, maxPayload: MAX_PAYLOAD },
        ['HELLO_REPLY'],
      );
      return new DeviceClient(session, describeHello(port, h));
    } catch (err) {
      await link.close();
      throw translateError(port, err, 'hello');
    }
  }

  get stats(): LinkStats {
    return this.session.stats;
  }

  /** The network shape of the last successful upload in this session. */
  get shape(): Loaded | undefined {
    return this.loaded;
  }

  async close(): Promise<void> {
    await this.session.link.close();
  }

  /** Zero the device's counters; scope 1 also forgets its network. */
  async reset(scope: 0 | 1 = 0): Promise<void> {
    await this.guard(() => this.session.request({ kind: 'RESET', scope }, ['ACK']));
    if (scope === 1) this.loaded = undefined;
  }

  /** Upload a configuration blob; the device checks its CRC and configures its core. */
  async upload(
    blob: Uint8Array,
    onProgress?: (done: number, total: number) => void,
  ): Promise<Loaded> {
    return this.guard(async () => {
      const crc = crc32(blob);
      await this.session.request({ kind: 'LOAD_BEGIN', totalLen: blob.length, crc32: crc }, [
        'ACK',
      ]);

      // The device acknowledges how many bytes it holds; the next chunk starts there.
      for (let at = 0; at < blob.length; ) {
        const ack = await this.sized(this.up, 'ACK', (size) => ({
          kind: 'LOAD_CHUNK',
          offset: at,
          data: blob.subarray(at, at + size),
        }));
        at = ack.value;
        onProgress?.(at, blob.length);
      }
      this.loaded = await this.session.request({ kind: 'LOAD_END' }, ['LOADED']);
      if (this.loaded.crc32 !== crc)
        throw new Error(`device CRC ${this.loaded.crc32} differs from ${crc}`);
      return this.loaded;
    });
  }

  /**
   * Run n inferences of input codes [n][steps][inputs]. Batches fit the device buffers and, once
   * the device has reported its time per inference, about RUN_TARGET_MS of core time each.
   */
  async run(
    codes: Int8Array,
    n: number,
    steps: number,
    onProgress?: (done: number) => void,
  ): Promise<DeviceRun> {
    const shape = this.loaded;
    if (!shape) throw new Error('upload a network before running inferences');
    const frame = steps * shape.inputs;
    const rec = 4 + steps * shape.outBytes;
    const fit = Math.min(
      Math.floor(this.info.inputCapacity / frame),
      Math.floor(this.info.resultCapacity / rec),
      0xffff,
    );
    const out: DeviceRun = {
      n,
      steps,
      outBytes: shape.outBytes,
      rasters: new Uint8Array(n * steps * shape.outBytes),
      cycles: new Uint32Array(n),
      coreUs: 0,
    };
    // LIMITATION: the first RUN (one inference) has no pace estimate; an inference slower than
    // (retries + 1) × timeout is reported as a lost link.
    let perInferenceMs: number | undefined;
    return this.guard(async () => {
      for (let first = 0, count = 0; first < n; first += count) {
        const paced =
          perInferenceMs === undefined
            ? 1
            : Math.floor(RUN_TARGET_MS / Math.max(perInferenceMs, 1e-3));
        count = Math.max(1, Math.min(fit, n - first, paced));
        const input = new Uint8Array(codes.buffer, codes.byteOffset + first * frame, count * frame);
        await this.writeInput(input);
        const workMs =
          perInferenceMs === undefined
            ? 0
            : RUN_WORK_FACTOR * count * perInferenceMs + RUN_WORK_SLACK_MS;
        const ran = await this.session.request({ kind: 'RUN', first, count, steps }, ['RAN'], {
          workMs,
        });
        perInferenceMs = ran.coreUs / 1000 / count;
        out.coreUs += ran.coreUs;
        const results = await this.readResults(ran.bytes);
        for (let k = 0; k < count; k++) {
          const r = results.subarray(k * rec, (k + 1) * rec);
          out.cycles[first + k] = new DataView(r.buffer, r.byteOffset).getUint32(0, true);
          out.rasters.set(r.subarray(4), (first + k) * steps * shape.outBytes);
        }
        onProgress?.(first + count);
      }
      return out;
    });
  }

  /** Counters of a layer, or of the whole core. */
  async counters(layer: number | 'total' = 'total'): Promise<MeasuredCounters> {
    const c = await this.guard(() =>
      this.session.request({ kind: 'COUNTERS_GET', layer: layer === 'total' ? 255 : layer }, [
        'COUNTERS',
      ]),
    );
    const energyValid = (c.flags & 1) !== 0;
    return {
      source: 'device',
      layer,
      inferences: c.inferences,
      steps: c.steps,
      cycles: Number(c.cycles),
      synops: Number(c.synops),
      macs: Number(c.macs),
      spikes: Number(c.spikes),
      ...(energyValid ? { energyPj: Number(c.energyPj) } : {}),
    };
  }

  private async writeInput(input: Uint8Array): Promise<void> {
    for (let at = 0; at < input.length; ) {
      const ack = await this.sized(this.up, 'ACK', (size) => ({
        kind: 'INPUT',
        offset: at,
        data: input.subarray(at, at + size),
      }));
      at = ack.value;
    }
  }

  private async readResults(bytes: number): Promise<Uint8Array> {
    const out = new Uint8Array(bytes);
    for (let at = 0; at < bytes; ) {
      const r = await this.sized(this.down, 'SPIKES', (size) => ({
        kind: 'READ',
        offset: at,
        len: Math.min(size, bytes - at),
      }));
      if (r.offset !== at || r.data.length === 0)
        throw new Error(`READ at ${at} answered at ${r.offset}`);
      out.set(r.data, at);
      at += r.data.length;
    }
    return out;
  }

  /** A request whose payload size adapts: halved while frames keep arriving damaged. */
  private async sized<K extends MessageKind>(
    sizer: ChunkSizer,
    accept: K,
    build: (size: number) => Message,
  ): Promise<Extract<Message, { kind: K }>> {
    while (true) {
      try {
        const shrinkAfter = sizer.canShrink ? SHRINK_AFTER : undefined;
        const r = await this.session.request(build(sizer.size), [accept], { shrinkAfter });
        sizer.observe(this.session.lastAttempts);
        return r;
      } catch (err) {
        if (!(err instanceof ShrinkSignal)) throw err;
        sizer.shrink();
      }
    }
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translateError(this.info.port, err, 'session');
    }
  }
}

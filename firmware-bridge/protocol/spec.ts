// The bridge protocol, defined once: message ids, fields and codes. `generate.ts` turns this
// table into the C header/source of the firmware, the TypeScript codec of the host driver and
// the byte tables of firmware-bridge/README.md, so the two sides cannot drift apart.

/** Bumped on any change to a message layout; host and device refuse a different number. */
export const PROTOCOL_VERSION = 1;

/** Largest payload a frame may carry (bytes between the header and the CRC). */
export const MAX_PAYLOAD = 2048;

/** Frame header bytes (version, type, seq) and trailer bytes (CRC-32). */
export const HEADER_BYTES = 3;
export const CRC_BYTES = 4;

export type FieldType = 'u8' | 'u16' | 'u32' | 'u64' | 'bytes';

export interface FieldSpec {
  name: string;
  type: FieldType;
  doc: string;
}

export interface MessageSpec {
  /** SCREAMING_SNAKE name; C uses it lower-cased, TypeScript in PascalCase. */
  name: string;
  id: number;
  from: 'host' | 'device';
  doc: string;
  /** Little-endian fixed fields in order; at most one `bytes` field, and only last. */
  fields: FieldSpec[];
}

/** Every message. Replies carry the seq of the request they answer. */
export const MESSAGES: MessageSpec[] = [
  {
    name: 'HELLO',
    id: 0x01,
    from: 'host',
    doc: 'Open a session: states the host protocol version; always carried out, never cached.',
    fields: [
      { name: 'version', type: 'u16', doc: 'protocol version of the host' },
      { name: 'max_payload', type: 'u16', doc: 'largest payload the host accepts' },
    ],
  },
  {
    name: 'RESET',
    id: 0x02,
    from: 'host',
    doc: 'Zero the counters and drop any upload in progress; scope 1 also forgets the network.',
    fields: [{ name: 'scope', type: 'u8', doc: '0 counters and state, 1 also the configuration' }],
  },
  {
    name: 'LOAD_BEGIN',
    id: 0x03,
    from: 'host',
    doc: 'Start a network upload of total_len bytes whose CRC-32 is crc32.',
    fields: [
      { name: 'total_len', type: 'u32', doc: 'size of the configuration blob in bytes' },
      { name: 'crc32', type: 'u32', doc: 'CRC-32 of the whole blob' },
    ],
  },
  {
    name: 'LOAD_CHUNK',
    id: 0x04,
    from: 'host',
    doc: 'Blob bytes at offset (at most the bytes held: resends overlap, gaps are refused).',
    fields: [
      { name: 'offset', type: 'u32', doc: 'byte offset of the chunk in the blob' },
      { name: 'data', type: 'bytes', doc: 'chunk bytes (rest of the payload)' },
    ],
  },
  {
    name: 'LOAD_END',
    id: 0x05,
    from: 'host',
    doc: 'Check the whole blob against the CRC of LOAD_BEGIN and configure the core.',
    fields: [],
  },
  {
    name: 'INPUT',
    id: 0x06,
    from: 'host',
    doc: 'Write input codes into the input buffer at offset; answered by ACK(offset + length).',
    fields: [
      { name: 'offset', type: 'u32', doc: 'byte offset in the input buffer' },
      { name: 'data', type: 'bytes', doc: 'signed 8-bit codes, [inference][step][input]' },
    ],
  },
  {
    name: 'RUN',
    id: 0x07,
    from: 'host',
    doc: 'Run count inferences of steps steps from the input buffer into the result buffer.',
    fields: [
      { name: 'first', type: 'u32', doc: 'index of the first inference (echoed in RAN)' },
      { name: 'count', type: 'u16', doc: 'inferences held in the input buffer' },
      { name: 'steps', type: 'u16', doc: 'time steps per inference' },
    ],
  },
  {
    name: 'READ',
    id: 0x08,
    from: 'host',
    doc: 'Read len bytes of the result buffer at offset; answered by SPIKES.',
    fields: [
      { name: 'offset', type: 'u32', doc: 'byte offset in the result buffer' },
      { name: 'len', type: 'u16', doc: 'bytes wanted' },
    ],
  },
  {
    name: 'COUNTERS_GET',
    id: 0x09,
    from: 'host',
    doc: 'Read the counters of one layer (0-based) or of the whole core (layer 255).',
    fields: [{ name: 'layer', type: 'u8', doc: 'layer index, or 255 for totals' }],
  },
  {
    name: 'NAK',
    id: 0x80,
    from: 'device',
    doc: 'A damaged frame arrived (seq 0): the host resends its request without waiting.',
    fields: [{ name: 'fault', type: 'u8', doc: 'FRAME_FAULTS' }],
  },
  {
    name: 'HELLO_REPLY',
    id: 0x81,
    from: 'device',
    doc: 'The device: protocol version, back end, capabilities and memory sizes.',
    fields: [
      { name: 'version', type: 'u16', doc: 'protocol version of the device' },
      { name: 'firmware', type: 'u16', doc: 'firmware release, major << 8 | minor' },
      { name: 'backend', type: 'u8', doc: 'accelerator back end (BACKENDS)' },
      { name: 'caps', type: 'u32', doc: 'capability bits (CAPS)' },
      { name: 'max_payload', type: 'u16', doc: 'largest payload the device accepts' },
      { name: 'config_capacity', type: 'u32', doc: 'bytes of configuration memory' },
      { name: 'input_capacity', type: 'u32', doc: 'bytes of the input buffer' },
      { name: 'result_capacity', type: 'u32', doc: 'bytes of the result buffer' },
      { name: 'hwconf', type: 'u32', doc: 'HWCONF register (L, Wb, S, leak, layers); 0 = any' },
      { name: 'wmem_words', type: 'u32', doc: 'weight memory words' },
      { name: 'nmem_words', type: 'u32', doc: 'neuron (bias and state) memory words' },
      { name: 'imem_words', type: 'u32', doc: 'input memory words: most first-layer inputs' },
      { name: 'max_layer_out', type: 'u16', doc: 'most neurons in one layer (spike list depth)' },
      { name: 'max_layer_rows', type: 'u16', doc: 'most weight words per row (accumulator depth)' },
      { name: 'max_steps', type: 'u16', doc: 'most time steps per inference' },
      { name: 'clock_hz', type: 'u32', doc: 'core clock the cycle counter runs at' },
    ],
  },
  {
    name: 'ACK',
    id: 0x82,
    from: 'device',
    doc: 'A request was carried out; value depends on the request (chunks: bytes held).',
    fields: [
      { name: 'request', type: 'u8', doc: 'type of the request acknowledged' },
      { name: 'value', type: 'u32', doc: 'request-specific value' },
    ],
  },
  {
    name: 'LOADED',
    id: 0x85,
    from: 'device',
    doc: 'The blob passed its checksum and the core is configured with it.',
    fields: [
      { name: 'crc32', type: 'u32', doc: 'CRC-32 the device computed over the upload' },
      { name: 'layers', type: 'u8', doc: 'layers configured' },
      { name: 'inputs', type: 'u16', doc: 'input channels (bytes per step of an inference)' },
      { name: 'outputs', type: 'u16', doc: 'output neurons' },
      { name: 'out_bytes', type: 'u16', doc: 'bytes of one step of a raster, ceil(outputs / 8)' },
    ],
  },
  {
    name: 'RAN',
    id: 0x87,
    from: 'device',
    doc: 'RUN finished: the result buffer holds count records of cycles (u32) and a raster.',
    fields: [
      { name: 'first', type: 'u32', doc: 'index of the first inference' },
      { name: 'count', type: 'u16', doc: 'records written' },
      { name: 'steps', type: 'u16', doc: 'time steps per record' },
      { name: 'bytes', type: 'u32', doc: 'bytes of results, count * (4 + steps * out_bytes)' },
      { name: 'core_us', type: 'u32', doc: 'microseconds spent in the core, by the device clock' },
    ],
  },
  {
    name: 'SPIKES',
    id: 0x88,
    from: 'device',
    doc: 'Part of the result buffer: output events as rasters, bit j of byte k = output 8k + j.',
    fields: [
      { name: 'offset', type: 'u32', doc: 'byte offset in the result buffer' },
      { name: 'data', type: 'bytes', doc: 'result bytes' },
    ],
  },
  {
    name: 'COUNTERS',
    id: 0x89,
    from: 'device',
    doc: 'Counters since the last LOAD_END or RESET, as measured by the device.',
    fields: [
      { name: 'layer', type: 'u8', doc: 'layer index, or 255 for totals' },
      { name: 'flags', type: 'u8', doc: 'COUNTER_FLAGS bits' },
      { name: 'inferences', type: 'u32', doc: 'inferences run' },
      { name: 'steps', type: 'u32', doc: 'time steps run' },
      { name: 'cycles', type: 'u64', doc: 'busy core clock cycles (totals only; 0 per layer)' },
      { name: 'synops', type: 'u64', doc: 'spike-driven accumulates (layers >= 1)' },
      { name: 'macs', type: 'u64', doc: 'graded-input multiply-accumulates (layer 0)' },
      { name: 'spikes', type: 'u64', doc: 'spikes emitted' },
      { name: 'energy_pj', type: 'u64', doc: 'energy from the power monitor, picojoules' },
    ],
  },
  {
    name: 'ERROR',
    id: 0xff,
    from: 'device',
    doc: 'A request failed. Layout frozen across versions so any host can read it.',
    fields: [
      { name: 'code', type: 'u8', doc: 'ERROR_CODES' },
      { name: 'request', type: 'u8', doc: 'type of the failed request' },
      { name: 'arg0', type: 'u32', doc: 'code-specific detail' },
      { name: 'arg1', type: 'u32', doc: 'code-specific detail' },
    ],
  },
];

export interface CodeSpec {
  name: string;
  value: number;
  doc: string;
}

/** ERROR.code values. */
export const ERROR_CODES: CodeSpec[] = [
  { name: 'VERSION', value: 1, doc: 'protocol versions differ; arg0 device, arg1 host' },
  { name: 'UNKNOWN_TYPE', value: 2, doc: 'the request type is unknown' },
  { name: 'BAD_LENGTH', value: 3, doc: 'payload length wrong; arg0 got, arg1 expected' },
  { name: 'TOO_LARGE', value: 4, doc: 'blob larger than memory; arg0 size, arg1 capacity' },
  { name: 'NO_UPLOAD', value: 5, doc: 'LOAD_CHUNK or LOAD_END without LOAD_BEGIN' },
  { name: 'OFFSET', value: 6, doc: 'offset or length out of place; arg0 got, arg1 expected' },
  { name: 'CHECKSUM', value: 7, doc: 'blob CRC differs; arg0 device CRC, arg1 announced CRC' },
  { name: 'CONFIG', value: 8, doc: 'blob rejected by the core; arg0 core reason, arg1 offset' },
  { name: 'NOT_LOADED', value: 9, doc: 'RUN before a network was loaded' },
  { name: 'INPUT_SIZE', value: 10, doc: 'RUN needs more buffer; arg0 bytes, arg1 capacity' },
  { name: 'CORE', value: 11, doc: 'the accelerator failed; arg0 back-end status' },
  { name: 'BAD_LAYER', value: 12, doc: 'COUNTERS_GET layer out of range; arg0 layer' },
  { name: 'BAD_ARGUMENT', value: 13, doc: 'a field is out of range; arg0 field value' },
];

/** NAK.fault values: why the device threw a piece of the byte stream away. */
export const FRAME_FAULTS: CodeSpec[] = [
  { name: 'COBS', value: 1, doc: 'not valid COBS' },
  { name: 'SHORT', value: 2, doc: 'shorter than header and CRC' },
  { name: 'CRC', value: 3, doc: 'CRC-32 mismatch' },
  { name: 'OVERFLOW', value: 4, doc: 'longer than the largest frame' },
];

/** HELLO_REPLY.backend values. */
export const BACKENDS: CodeSpec[] = [
  { name: 'REF', value: 1, doc: 'C reference core (bit- and cycle-exact model)' },
  { name: 'RTL', value: 2, doc: 'Verilated RTL of the FPGA accelerator' },
  { name: 'MMIO', value: 3, doc: 'memory-mapped registers of a real board' },
];

/** HELLO_REPLY.caps bits. */
export const CAPS: CodeSpec[] = [
  { name: 'CYCLES', value: 1 << 0, doc: 'cycle counter' },
  { name: 'POWER_MONITOR', value: 1 << 1, doc: 'energy measured by a power monitor' },
  { name: 'LAYER_COUNTERS', value: 1 << 2, doc: 'per-layer counters' },
];

/** ERROR(CONFIG).arg0 values: why a core rejected a configuration blob (arg1: byte offset). */
export const CONFIG_REASONS: CodeSpec[] = [
  { name: 'MAGIC', value: 1, doc: 'the blob does not start with DLCB' },
  { name: 'BLOB_VERSION', value: 2, doc: 'blob version is not 1' },
  { name: 'ARCH', value: 3, doc: 'Wb, S, L or leak form not supported by this core' },
  { name: 'SIZE', value: 4, doc: 'blob length does not match its word counts' },
  { name: 'BLOB_CRC', value: 5, doc: 'the CRC-32 at the end of the blob is wrong' },
  { name: 'LAYERS', value: 6, doc: 'layer count is 0 or above the core maximum' },
  { name: 'WMEM', value: 7, doc: 'weights do not fit the weight memory' },
  { name: 'NMEM', value: 8, doc: 'neurons do not fit the neuron memory' },
  { name: 'IMEM', value: 9, doc: 'first-layer inputs do not fit the input memory' },
  { name: 'CHAIN', value: 10, doc: 'a layer input count differs from the previous layer outputs' },
  { name: 'LAYOUT', value: 11, doc: 'R, wBase or nBase differ from the packed layout' },
  { name: 'THRESHOLD', value: 12, doc: 'theta below 1, or theta or v_r outside S bits' },
  { name: 'SHIFT', value: 13, doc: 'accumulator shift outside [-8, 15]' },
  { name: 'LEAK', value: 14, doc: 'beta_q above 256 or k above S-1' },
  { name: 'RESET_MODE', value: 15, doc: 'CONFIG word has bits other than bit 0' },
  { name: 'BIAS', value: 16, doc: 'a bias outside S bits' },
  { name: 'LAYER_SIZE', value: 17, doc: 'a layer has more neurons or row words than the core' },
];

/** COUNTERS.flags bits. */
export const COUNTER_FLAGS: CodeSpec[] = [
  { name: 'ENERGY_VALID', value: 1 << 0, doc: 'energy_pj holds a measurement' },
];

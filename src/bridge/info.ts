// HELLO_REPLY in words: back end, capabilities, memories and the core's architecture.
import { BACKEND, CAP, type HelloReply } from './gen/messages.js';

/** The architecture fields of the HWCONF register (targets/fpga/README.md §4); 0 = any. */
export interface HwConf {
  lanes: number;
  weightBits: number;
  stateBits: number;
  leak: 'multiply' | 'shift' | 'any';
  maxLayers: number;
}

export interface DeviceInfo {
  port: string;
  protocol: number;
  firmware: string;
  backend: string;
  caps: string[];
  maxPayload: number;
  configCapacity: number;
  inputCapacity: number;
  resultCapacity: number;
  hwconf: HwConf;
  wmemWords: number;
  nmemWords: number;
  imemWords: number;
  maxLayerOut: number;
  maxLayerRows: number;
  maxSteps: number;
  clockHz: number;
}

/** Decode HWCONF: [3:0] log2 L, [7:4] Wb, [12:8] S, [13] leak form, [23:16] max layers. */
export function decodeHwConf(w: number, anyArch: boolean): HwConf {
  return {
    lanes: anyArch ? 0 : 1 << (w & 0xf),
    weightBits: (w >>> 4) & 0xf,
    stateBits: (w >>> 8) & 0x1f,
    leak: anyArch ? 'any' : (w >>> 13) & 1 ? 'shift' : 'multiply',
    maxLayers: (w >>> 16) & 0xff,
  };
}

/** Plain facts of a HELLO_REPLY. */
export function describeHello(port: string, h: HelloReply): DeviceInfo {
  const backend = Object.entries(BACKEND).find(([, v]) => v === h.backend)?.[0];
  const caps = Object.entries(CAP)
    .filter(([, bit]) => (h.caps & bit) !== 0)
    .map(([name]) => name.toLowerCase());
  return {
    port,
    protocol: h.version,
    firmware: `${h.firmware >>> 8}.${h.firmware & 0xff}`,
    backend: backend ? backend.toLowerCase() : `unknown (${h.backend})`,
    caps,
    maxPayload: h.maxPayload,
    configCapacity: h.configCapacity,
    inputCapacity: h.inputCapacity,
    resultCapacity: h.resultCapacity,
    // A core that accepts any architecture reports only its layer limit (Wb = S = 0).
    hwconf: decodeHwConf(h.hwconf, (h.hwconf & 0xffff) === 0),
    wmemWords: h.wmemWords,
    nmemWords: h.nmemWords,
    imemWords: h.imemWords,
    maxLayerOut: h.maxLayerOut,
    maxLayerRows: h.maxLayerRows,
    maxSteps: h.maxSteps,
    clockHz: h.clockHz,
  };
}

// The encoding kernel: generated JavaScript specialised to one system and one parameter set.
// Parameters become literal constants and the equations are pasted in, so V8 compiles a tight
// scalar RK4 loop with the state in registers. Two trajectories advance side by side (lanes a
// and b) because one RK4 step is a chain of dependent operations: interleaving two independent
// chains keeps the CPU's floating-point units busy. The same source runs on the main thread and
// in worker_threads, which is why it is a string and not a closure.
import { MATH_PRELUDE } from './define-system.js';
import { RUNAWAY_LIMIT } from './divergence.js';
import type { Params, RegisteredSystem } from './system.js';

/**
 * encodeRange(features, k, first, last, out, index, weight, nOut, nSteps, h, drive, status)
 * encodes samples [first, last) of row-major [n][k] features into out ([n][nOut][3k]). It returns
 * -1, or the sample of a trajectory that ran away; status (length 3) then holds
 * [sample, feature, step] where step is the checkpoint that caught it (checks run every
 * CHECK_EVERY steps; the caller replays that trajectory to find the exact step).
 */
export type EncodeRange = (
  features: ArrayLike<number>,
  k: number,
  first: number,
  last: number,
  out: Float32Array | Float64Array,
  index: Int32Array,
  weight: Float64Array,
  nOut: number,
  nSteps: number,
  h: number,
  drive: Float64Array | null,
  status: Float64Array,
) => number;

/** Steps between runaway checks: measured free at 16, where a check every step cost 15 %. */
export const CHECK_EVERY = 16;

const LANES = ['a', 'b'] as const;

function literal(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** One RK4 stage of one lane: bind x, y, z, u for the right-hand sides, store slopes k<n>. */
function stage(rhs: readonly string[], n: number, lane: string, at: string[], u: string): string {
  return `{ const x = ${at[0]}, y = ${at[1]}, z = ${at[2]}, u = ${u};
        _k${n}x${lane} = ${rhs[0]}; _k${n}y${lane} = ${rhs[1]}; _k${n}z${lane} = ${rhs[2]}; }`;
}

/** Stage n for every lane: the state plus `c` times the previous stage's slopes. */
function stages(rhs: readonly string[], n: number, c: string, u: string): string {
  return LANES.map((l) => {
    const at = ['x', 'y', 'z'].map((v) =>
      c ? `_s${v}${l} + ${c} * _k${n - 1}${v}${l}` : `_s${v}${l}`,
    );
    return stage(rhs, n, l, at, u);
  }).join('\n        ');
}

/** The RK4 update of every lane: s + h/6·(k1 + 2k2 + 2k3 + k4). */
function update(): string {
  return LANES.flatMap((l) =>
    ['x', 'y', 'z'].map(
      (v) =>
        `const _n${v}${l} = _s${v}${l} + _h6 * (_k1${v}${l} + 2 * _k2${v}${l} + 2 * ` +
        `_k3${v}${l} + _k4${v}${l});`,
    ),
  ).join('\n        ');
}

/** Write the interpolated state of every lane for output point _q. */
function emit(next: 'n' | 's'): string {
  return LANES.map((l) =>
    ['x', 'y', 'z']
      .map((v, c) => `_out[_o${l} + ${c}] = _s${v}${l} * (1 - _w) + _${next}${v}${l} * _w;`)
      .join(' '),
  ).join('\n          ');
}

function declarations(): string {
  const names = LANES.flatMap((l) =>
    [1, 2, 3, 4].flatMap((n) => ['x', 'y', 'z'].map((v) => `_k${n}${v}${l} = 0`)),
  );
  return `let ${names.join(', ')};`;
}

/** JavaScript source of the kernel for this system and these parameters. */
export function kernelSource(sys: RegisteredSystem, p: Params, hasDrive: boolean): string {
  const rhs = sys.definition.rhs;
  const consts = Object.keys(sys.defaults).map((n) => `${n} = ${literal(p[n]!)}`);
  const u = hasDrive ? ['_drive[_t3]', '_drive[_t3 + 1]', '_drive[_t3 + 2]'] : ['0', '0', '0'];
  const runaway = (l: string): string =>
    `!(Math.abs(_sx${l}) + Math.abs(_sy${l}) + Math.abs(_sz${l}) <= ${RUNAWAY_LIMIT})`;
  const emitAll = (next: 'n' | 's'): string => `{
          const _w = _weight[_q], _oa = _baseA + _q * _ch, _ob = _baseB + _q * _ch;
          ${emit(next)}
          _q++; _next = _q < _nOut ? _index[_q] : -1; }`;
  return `${MATH_PRELUDE}
return function encodeRange(_features, _k, _first, _last, _out, _index, _weight, _nOut, _nSteps,
    _h, _drive, _status) {
  ${consts.length ? `const ${consts.join(', ')};` : ''}
  const _hh = 0.5 * _h, _h6 = _h / 6, _ch = 3 * _k;
  ${declarations()}

  // Initial values: per-sample max-abs normalisation, trajectories numbered j = sample·k + f.
  const _count = (_last - _first) * _k;
  const _v = new Float64Array(_count);
  for (let _i = _first; _i < _last; _i++) {
    let _m = 0;
    for (let _f = 0; _f < _k; _f++) _m = Math.max(_m, Math.abs(_features[_i * _k + _f]));
    for (let _f = 0; _f < _k; _f++) {
      _v[(_i - _first) * _k + _f] = _m > 0 ? _features[_i * _k + _f] / _m : 0;
    }
  }

  // Two trajectories at a time; an odd last one runs in both lanes and writes twice.
  for (let _j = 0; _j < _count; _j += 2) {
    const _jb = _j + 1 < _count ? _j + 1 : _j;
    const _ia = _first + Math.floor(_j / _k), _ib = _first + Math.floor(_jb / _k);
    const _baseA = _ia * _nOut * _ch + 3 * (_j % _k), _baseB = _ib * _nOut * _ch + 3 * (_jb % _k);
    let _sxa = _v[_j], _sya = 0.2 * _sxa, _sza = -_sxa;
    let _sxb = _v[_jb], _syb = 0.2 * _sxb, _szb = -_sxb;
    let _q = 0, _next = _index[0];
    for (let _s = 0; _s < _nSteps; _s++) {
      const _t3 = 3 * _s;
      ${stages(rhs, 1, '', u[0]!)}
      ${stages(rhs, 2, '_hh', u[1]!)}
      ${stages(rhs, 3, '_hh', u[1]!)}
      ${stages(rhs, 4, '_h', u[2]!)}
      ${update()}
      while (_next === _s) ${emitAll('n')}
      _sxa = _nxa; _sya = _nya; _sza = _nza; _sxb = _nxb; _syb = _nyb; _szb = _nzb;
      if ((_s & ${CHECK_EVERY - 1}) === ${CHECK_EVERY - 1} || _s === _nSteps - 1) {
        if (${runaway('a')} || ${runaway('b')}) {
          const _bad = ${runaway('a')} ? _j : _jb;
          _status[0] = _first + Math.floor(_bad / _k); _status[1] = _bad % _k; _status[2] = _s + 1;
          return _status[0];
        }
      }
    }
    while (_q < _nOut) ${emitAll('s')}
  }
  return -1;
};`;
}

const cache = new Map<string, EncodeRange>();

/** The compiled kernel (cached by source, so equal parameters share one function). */
export function compileKernel(source: string): EncodeRange {
  let fn = cache.get(source);
  if (!fn) {
    fn = new Function(source)() as EncodeRange;
    cache.set(source, fn);
  }
  return fn;
}

/* The fpga numeric profile (targets/fpga/README.md section 2) and its exact cycle model
 * (section 3), one time step at a time, with the counters of the register map (section 4). */
#include "core-ref.h"

#include "blob.h"
#include "dl-proto.h"

typedef struct {
  dl_blob_t blob;
  int loaded;
  int32_t v[DL_REF_NMEM_WORDS];
  uint8_t s_prev[DL_REF_NMEM_WORDS];
  int64_t acc[DL_REF_NMEM_WORDS];
  uint16_t list[2][DL_REF_NMEM_WORDS]; /* spike lists: ping (this layer), pong (next) */
  dl_core_counters_t total;
  dl_core_counters_t layer[DL_BLOB_MAX_LAYERS];
} ref_t;

static ref_t ref;

/* Floor division by 2^k (README: >>> rounds toward minus infinity), defined for negatives. */
static int64_t asr(int64_t x, int k) {
  return x >= 0 ? x >> k : -((-x - 1) >> k) - 1;
}

static int64_t clamp_s(int64_t x, unsigned bits) {
  int64_t hi = ((int64_t)1 << (bits - 1)) - 1;
  return x > hi ? hi : x < -hi - 1 ? -hi - 1 : x;
}

/* Input current from the accumulator: round half up for sh > 0, exact left shift for sh < 0. */
static int64_t current(int64_t acc, int32_t sh) {
  if (sh > 0) return asr(acc + ((int64_t)1 << (sh - 1)), sh);
  if (sh == 0) return acc;
  return acc * ((int64_t)1 << -sh);
}

/* Leak: multiply form (v * beta_q) >>> 8, shift form v - (v >>> k), k = 0 no leak. */
static int64_t leak(const dl_blob_t *b, const dl_layer_t *l, int64_t v) {
  if (!b->leak_shift) return asr(v * (int64_t)l->leak, 8);
  return l->leak == 0 ? v : v - asr(v, (int)l->leak);
}

/* Event phase of layer l: every event adds its weight row into the accumulators. */
static void events(const dl_blob_t *b, uint32_t l, const int8_t *x, uint32_t n_src,
                   const uint16_t *src, uint32_t *nz) {
  const dl_layer_t *y = &b->layer[l];

  *nz = 0;
  for (uint32_t e = 0; e < n_src; e++) {
    uint32_t i = l == 0 ? e : src[e];
    int64_t val = l == 0 ? x[e] : 1;
    if (val == 0) continue;
    (*nz)++;
    for (uint32_t j = 0; j < y->n_out; j++) ref.acc[j] += dl_blob_weight(b, y, i, j) * val;
  }
}

/* Update pass of layer l; returns the number of spikes, listed in out. */
static uint32_t update(const dl_blob_t *b, uint32_t l, int first, uint16_t *out) {
  const dl_layer_t *y = &b->layer[l];
  uint32_t n = 0;

  for (uint32_t j = 0; j < y->n_out; j++) {
    uint32_t at = y->n_base + j;
    int64_t v = first ? 0 : ref.v[at];
    int sp = first ? 0 : ref.s_prev[at];
    int64_t drive = current(ref.acc[j], y->shift) + (int32_t)dl_blob_word(b->bmem, at);
    int64_t m = leak(b, y, v);
    int64_t u;

    /* Subtract reset takes theta off for last step's spike; zero reset jumps to v_r. */
    if (b->reset_zero) u = sp ? y->v_reset : m + drive;
    else u = m + drive - (sp ? y->theta : 0);
    v = clamp_s(u, b->sb);
    ref.v[at] = (int32_t)v;
    ref.s_prev[at] = v > y->theta;
    if (v > y->theta) out[n++] = (uint16_t)j;
    ref.acc[j] = 0;
  }
  return n;
}

/* One time step of the whole core; returns its cycles (README section 3). */
static uint32_t step(const int8_t *x, int first, uint8_t *bits, uint16_t out_bytes) {
  const dl_blob_t *b = &ref.blob;
  uint32_t cycles = 1;
  uint32_t n_src = b->layer[0].n_in;
  int ping = 0;

  for (uint32_t l = 0; l < b->layers; l++) {
    const dl_layer_t *y = &b->layer[l];
    uint32_t nz;
    uint32_t spikes;

    events(b, l, x, n_src, ref.list[ping], &nz);
    spikes = update(b, l, first, ref.list[ping ^ 1]);
    cycles += 2u * n_src + nz * y->rows + y->n_out + 4u;

    /* Counters as the register map defines them: MACS on layer 0, SYNOPS after. */
    if (l == 0) ref.layer[l].macs += (uint64_t)nz * y->n_out;
    else ref.layer[l].synops += (uint64_t)nz * y->n_out;
    ref.layer[l].spikes += spikes;
    n_src = spikes;
    ping ^= 1;
  }

  /* The last layer's spike list becomes the output bits of this step. */
  for (uint16_t k = 0; k < out_bytes; k++) bits[k] = 0;
  for (uint32_t e = 0; e < n_src; e++) {
    uint16_t j = ref.list[ping][e];
    bits[j / 8] = (uint8_t)(bits[j / 8] | (1u << (j % 8)));
  }
  return cycles;
}

static int ref_configure(dl_core_t *c, const uint8_t *blob, uint32_t len, dl_shape_t *shape,
                         uint32_t *bad_at) {
  dl_blob_limits_t lim = dl_blob_limits_of(&c->info);
  int why;

  ref.loaded = 0;
  why = dl_blob_parse(blob, len, &lim, &ref.blob, bad_at);
  if (why != 0) return why;
  ref.loaded = 1;
  shape->layers = ref.blob.layers;
  shape->inputs = (uint16_t)ref.blob.layer[0].n_in;
  shape->outputs = (uint16_t)ref.blob.layer[ref.blob.layers - 1].n_out;
  shape->out_bytes = (uint16_t)((shape->outputs + 7u) / 8u);
  c->reset(c);
  return 0;
}

static int ref_infer(dl_core_t *c, const int8_t *input, uint16_t steps, uint8_t *raster,
                     uint32_t *cycles) {
  uint16_t in = (uint16_t)ref.blob.layer[0].n_in;
  uint16_t ob = (uint16_t)((ref.blob.layer[ref.blob.layers - 1].n_out + 7u) / 8u);
  uint32_t sum = 0;

  if (!ref.loaded) return 1;
  if (steps == 0 || steps > c->info.max_steps) return 2;
  for (uint16_t t = 0; t < steps; t++) {
    sum += step(input + (uint32_t)t * in, t == 0, raster + (uint32_t)t * ob, ob);
  }
  ref.total.inferences++;
  ref.total.steps += steps;
  ref.total.cycles += sum;
  *cycles = sum;
  return 0;
}

static int ref_counters(dl_core_t *c, uint8_t layer, dl_core_counters_t *out) {
  (void)c;
  if (layer == 255) {
    *out = ref.total;
    out->synops = out->macs = out->spikes = 0;
    for (uint32_t l = 0; l < ref.blob.layers && ref.loaded; l++) {
      out->synops += ref.layer[l].synops;
      out->macs += ref.layer[l].macs;
      out->spikes += ref.layer[l].spikes;
    }
    return 0;
  }
  if (!ref.loaded || layer >= ref.blob.layers) return -1;
  *out = ref.layer[layer];
  out->inferences = ref.total.inferences;
  out->steps = ref.total.steps;
  return 0;
}

static void ref_reset(dl_core_t *c) {
  dl_core_counters_t zero = {0, 0, 0, 0, 0, 0, 0, 0};
  (void)c;
  ref.total = zero;
  for (uint32_t l = 0; l < DL_BLOB_MAX_LAYERS; l++) ref.layer[l] = zero;
}

/* LIMITATION: no power monitor in any back end, so energy_valid stays 0 (no measured energy). */
static dl_core_t core = {
    "ref",
    {DL_BACKEND_REF, DL_CAP_CYCLES | DL_CAP_LAYER_COUNTERS, (uint32_t)DL_BLOB_MAX_LAYERS << 16,
     DL_REF_WMEM_WORDS, DL_REF_NMEM_WORDS, DL_REF_IMEM_WORDS, 0xFFFFu, 0xFFFFu, DL_REF_MAX_STEPS,
     DL_REF_CLOCK_HZ},
    ref_configure,
    ref_infer,
    ref_counters,
    ref_reset,
    0,
};

dl_core_t *dl_core_ref(void) {
  return &core;
}

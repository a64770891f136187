/* Register-level driver: a blob becomes CSR, WMEM and BMEM writes; a step is IMEM writes,
 * CTRL.START (| FIRST on step 0), a STATUS.DONE poll and reads of CYCLES_LAST and OUT_BITS
 * (targets/fpga/README.md section 4 "Running a step"). Counters are 32-bit registers; their
 * deltas after each inference are added to 64-bit totals so long runs do not wrap. */
#include "core-regs.h"

#include "blob.h"
#include "dl-proto.h"

/* STATUS polls before a step counts as hung: far above the largest step of section 3. */
#define POLL_LIMIT 100000000ul

typedef struct {
  dl_bus_t *bus;
  dl_blob_t blob;
  int loaded;
  dl_core_counters_t total;
  uint32_t last[4]; /* CYCLES_TOTAL, SYNOPS, MACS, SPIKES at the last read */
} regs_t;

static regs_t regs;
static dl_core_t core;

static uint32_t rd(uint32_t a) {
  return regs.bus->read(regs.bus, a);
}

static void wr(uint32_t a, uint32_t v) {
  regs.bus->write(regs.bus, a, v);
}

/* Add the growth of the 32-bit hardware counters since the last call to the totals. */
static void fold_counters(void) {
  static const uint32_t reg[4] = {DL_REG_CYCLES_TOTAL, DL_REG_SYNOPS, DL_REG_MACS,
                                  DL_REG_SPIKES};
  uint64_t *dst[4];

  dst[0] = &regs.total.cycles;
  dst[1] = &regs.total.synops;
  dst[2] = &regs.total.macs;
  dst[3] = &regs.total.spikes;
  for (int i = 0; i < 4; i++) {
    uint32_t now = rd(reg[i]);
    *dst[i] += (uint32_t)(now - regs.last[i]);
    regs.last[i] = now;
  }
}

static void regs_reset(dl_core_t *c) {
  dl_core_counters_t zero = {0, 0, 0, 0, 0, 0, 0, 0};

  (void)c;
  wr(DL_REG_CTRL, DL_CTRL_CLEAR_COUNTERS | DL_CTRL_CLEAR_STATUS);
  regs.total = zero;
  for (int i = 0; i < 4; i++) regs.last[i] = 0;
}

/* The blob's architecture must be the one the hardware was built with. */
static int same_arch(const dl_blob_t *b, uint32_t hw) {
  uint32_t lanes = 1u << (hw & 0xFu);
  return b->lanes == lanes && b->wb == ((hw >> 4) & 0xFu) && b->sb == ((hw >> 8) & 0x1Fu) &&
         b->leak_shift == ((hw >> 13) & 1u);
}

static int regs_configure(dl_core_t *c, const uint8_t *blob, uint32_t len, dl_shape_t *shape,
                          uint32_t *bad_at) {
  dl_blob_limits_t lim = dl_blob_limits_of(&c->info);
  dl_blob_t *b = &regs.blob;
  uint32_t smask;
  int why;

  regs.loaded = 0;
  why = dl_blob_parse(blob, len, &lim, b, bad_at);
  if (why != 0) return why;
  if (!same_arch(b, c->info.hwconf)) {
    *bad_at = 6;
    return DL_CFG_ARCH;
  }

  /* Parameters (CONFIG, NLAYERS, layer table), weights, biases (S bits of each word). */
  smask = b->sb >= 32 ? 0xFFFFFFFFu : ((1u << b->sb) - 1u);
  /* Only the words the layer table uses: padding words would land on other CSRs (section 5). */
  for (uint32_t i = 0; i < b->used_params; i++) {
    wr(DL_REG_PARAMS + i, dl_blob_word(b->params, i));
  }
  for (uint32_t i = 0; i < b->used_wmem; i++) wr(DL_REGION_WMEM + i, dl_blob_word(b->wmem, i));
  for (uint32_t i = 0; i < b->used_bmem; i++) {
    wr(DL_REGION_BMEM + i, dl_blob_word(b->bmem, i) & smask);
  }
  if (rd(DL_REG_STATUS) & DL_STATUS_BUS_ERR) {
    *bad_at = 0;
    return DL_CFG_LAYOUT;
  }
  regs.loaded = 1;
  shape->layers = b->layers;
  shape->inputs = (uint16_t)b->layer[0].n_in;
  shape->outputs = (uint16_t)b->layer[b->layers - 1].n_out;
  shape->out_bytes = (uint16_t)((shape->outputs + 7u) / 8u);
  regs_reset(c);
  return 0;
}

/* One step: input frame, START, wait for DONE, cycles and output bits. */
static int step(const int8_t *x, int first, uint8_t *bits, uint16_t out_bytes, uint32_t *cycles) {
  uint32_t n_in = regs.blob.layer[0].n_in;
  unsigned long polls = 0;

  for (uint32_t i = 0; i < n_in; i++) wr(DL_REGION_IMEM + i, (uint8_t)x[i]);
  wr(DL_REG_CTRL, DL_CTRL_START | (first ? DL_CTRL_FIRST : 0u));
  while ((rd(DL_REG_STATUS) & DL_STATUS_DONE) == 0) {
    if (++polls > POLL_LIMIT) return DL_REGS_ERR_TIMEOUT;
  }
  *cycles = rd(DL_REG_CYCLES_LAST);
  for (uint16_t k = 0; k < out_bytes; k++) {
    if (k % 4 == 0) {
      uint32_t w = rd(DL_REG_OUT_BITS + k / 4u);
      for (uint16_t q = 0; q < 4 && k + q < out_bytes; q++) bits[k + q] = (uint8_t)(w >> (8 * q));
    }
  }
  return 0;
}

static int regs_infer(dl_core_t *c, const int8_t *input, uint16_t steps, uint8_t *raster,
                      uint32_t *cycles) {
  uint16_t in = (uint16_t)regs.blob.layer[0].n_in;
  uint16_t ob = (uint16_t)((regs.blob.layer[regs.blob.layers - 1].n_out + 7u) / 8u);
  uint32_t sum = 0;

  if (!regs.loaded) return DL_REGS_ERR_NOT_LOADED;
  if (steps == 0 || steps > c->info.max_steps) return DL_REGS_ERR_STEPS;
  for (uint16_t t = 0; t < steps; t++) {
    uint32_t cyc = 0;
    int st = step(input + (uint32_t)t * in, t == 0, raster + (uint32_t)t * ob, ob, &cyc);
    if (st != 0) return st;
    sum += cyc;
  }
  if (rd(DL_REG_STATUS) & DL_STATUS_BUS_ERR) return DL_REGS_ERR_BUS;
  fold_counters();
  regs.total.inferences++;
  regs.total.steps += steps;
  *cycles = sum;
  return 0;
}

static int regs_counters(dl_core_t *c, uint8_t layer, dl_core_counters_t *out) {
  (void)c;
  if (layer != 255) return -1; /* the register map has totals only */
  *out = regs.total;
  return 0;
}

dl_core_t *dl_core_regs(const char *name, dl_bus_t *bus, const dl_core_info_t *info) {
  regs.bus = bus;
  regs.loaded = 0;
  if (rd(DL_REG_ID) != DL_ID_DLC1) return 0;
  core.name = name;
  core.info = *info;
  core.info.hwconf = rd(DL_REG_HWCONF);
  core.info.caps = info->caps & ~(uint32_t)DL_CAP_LAYER_COUNTERS;
  core.configure = regs_configure;
  core.infer = regs_infer;
  core.counters = regs_counters;
  core.reset = regs_reset;
  core.impl = &regs;
  regs_reset(&core);
  return &core;
}

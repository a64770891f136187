/* Checks of config.bin in the order its fields appear; every rule quotes
 * targets/fpga/README.md sections 2, 4 and 5. */
#include "blob.h"

#include "crc32.h"
#include "dl-proto.h"

uint32_t dl_blob_word(const uint8_t *w, uint32_t i) {
  const uint8_t *p = w + 4u * i;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Sign-extend the low `bits` bits of a word. */
static int32_t sign_extend(uint32_t v, unsigned bits) {
  uint32_t m = 1u << (bits - 1);
  uint32_t x = bits >= 32 ? v : (v & ((m << 1) - 1u));
  return (int32_t)((x ^ m) - m);
}

int32_t dl_blob_weight(const dl_blob_t *b, const dl_layer_t *l, uint32_t i, uint32_t j) {
  uint32_t word = dl_blob_word(b->wmem, l->w_base + i * l->rows + j / b->lanes);
  unsigned lane = (unsigned)(j % b->lanes);
  return sign_extend(word >> (lane * b->wb), b->wb);
}

static int fits_signed(int32_t v, unsigned bits) {
  int64_t hi = ((int64_t)1 << (bits - 1)) - 1;
  return v >= -hi - 1 && v <= hi;
}

static int fail(uint32_t *bad_at, uint32_t at, int why) {
  *bad_at = at;
  return why;
}

/* Header: magic, version, architecture, word counts, total size and trailing CRC. */
static int parse_header(const uint8_t *p, uint32_t len, dl_blob_t *b, uint32_t *bad_at) {
  uint64_t want;

  if (len < DL_BLOB_HEADER + 4) return fail(bad_at, len, DL_CFG_SIZE);
  if (p[0] != 'D' || p[1] != 'L' || p[2] != 'C' || p[3] != 'B') {
    return fail(bad_at, 0, DL_CFG_MAGIC);
  }
  if ((p[4] | p[5] << 8) != 1) return fail(bad_at, 4, DL_CFG_BLOB_VERSION);
  b->wb = p[6];
  b->sb = p[7];
  b->lanes = p[8];
  b->leak_shift = p[9];
  if ((b->wb != 4 && b->wb != 8) || (b->sb != 16 && b->sb != 24)) {
    return fail(bad_at, 6, DL_CFG_ARCH);
  }
  if (b->lanes != 1 && b->lanes != 2 && b->lanes != 4 && b->lanes != 8) {
    return fail(bad_at, 8, DL_CFG_ARCH);
  }
  if (b->lanes * b->wb > 32 || b->leak_shift > 1) return fail(bad_at, 8, DL_CFG_ARCH);
  b->n_params = (uint32_t)(p[10] | p[11] << 8);
  b->n_wmem = dl_blob_word(p + 12, 0);
  b->n_bmem = dl_blob_word(p + 16, 0);
  want = DL_BLOB_HEADER + 4ull * ((uint64_t)b->n_params + b->n_wmem + b->n_bmem) + 4u;
  if (want != len) return fail(bad_at, 10, DL_CFG_SIZE);
  if (dl_crc32_update(0, p, len - 4) != dl_blob_word(p + len - 4, 0)) {
    return fail(bad_at, len - 4, DL_CFG_BLOB_CRC);
  }
  b->params = p + DL_BLOB_HEADER;
  b->wmem = b->params + 4u * b->n_params;
  b->bmem = b->wmem + 4u * b->n_wmem;
  return 0;
}

/* One layer-table row: values in range and the packed layout of README section 4. */
static int parse_layer(dl_blob_t *b, const dl_blob_limits_t *lim, uint32_t l, uint64_t *w_at,
                       uint64_t *n_at, uint32_t *bad_at) {
  const uint8_t *row = b->params + 4u * (2u + 8u * l);
  uint32_t at = DL_BLOB_HEADER + 4u * (2u + 8u * l);
  dl_layer_t *y = &b->layer[l];
  uint32_t w0 = dl_blob_word(row, 0);

  y->n_in = w0 & 0xFFFFu;
  y->n_out = w0 >> 16;
  y->rows = dl_blob_word(row, 1);
  y->w_base = dl_blob_word(row, 2);
  y->n_base = dl_blob_word(row, 3);
  y->theta = (int32_t)dl_blob_word(row, 4);
  y->v_reset = (int32_t)dl_blob_word(row, 5);
  y->leak = dl_blob_word(row, 6);
  y->shift = (int32_t)dl_blob_word(row, 7);
  if (y->n_in == 0 || y->n_out == 0) return fail(bad_at, at, DL_CFG_CHAIN);
  if (y->n_out > lim->max_layer_out) return fail(bad_at, at, DL_CFG_LAYER_SIZE);
  if (l > 0 && y->n_in != b->layer[l - 1].n_out) return fail(bad_at, at, DL_CFG_CHAIN);
  if (y->rows != (y->n_out + b->lanes - 1u) / b->lanes) return fail(bad_at, at + 4, DL_CFG_LAYOUT);
  if (y->rows > lim->max_layer_rows) return fail(bad_at, at + 4, DL_CFG_LAYER_SIZE);
  if (y->w_base != *w_at) return fail(bad_at, at + 8, DL_CFG_LAYOUT);
  if (y->n_base != *n_at) return fail(bad_at, at + 12, DL_CFG_LAYOUT);
  if (y->theta < 1 || !fits_signed(y->theta, b->sb)) return fail(bad_at, at + 16, DL_CFG_THRESHOLD);
  if (!fits_signed(y->v_reset, b->sb)) return fail(bad_at, at + 20, DL_CFG_THRESHOLD);
  if (b->leak_shift ? y->leak > b->sb - 1u : y->leak > 256u) {
    return fail(bad_at, at + 24, DL_CFG_LEAK);
  }
  if (y->shift < -8 || y->shift > 15) return fail(bad_at, at + 28, DL_CFG_SHIFT);
  *w_at += (uint64_t)y->n_in * y->rows;
  *n_at += y->n_out;
  return 0;
}

int dl_blob_parse(const uint8_t *p, uint32_t len, const dl_blob_limits_t *lim, dl_blob_t *b,
                  uint32_t *bad_at) {
  uint64_t w_at = 0;
  uint64_t n_at = 0;
  uint32_t config;
  uint32_t layers;
  int why = parse_header(p, len, b, bad_at);

  if (why != 0) return why;
  if (b->n_params < 2) return fail(bad_at, 10, DL_CFG_SIZE);
  config = dl_blob_word(b->params, 0);
  layers = dl_blob_word(b->params, 1);
  if (config > 1) return fail(bad_at, DL_BLOB_HEADER, DL_CFG_RESET_MODE);
  b->reset_zero = (uint8_t)config;
  if (layers == 0 || layers > lim->max_layers || layers > DL_BLOB_MAX_LAYERS) {
    return fail(bad_at, DL_BLOB_HEADER + 4, DL_CFG_LAYERS);
  }
  /* Padding after the words the table needs is allowed and ignored (README section 5). */
  if (b->n_params < 2u + 8u * layers) return fail(bad_at, 10, DL_CFG_SIZE);
  b->layers = (uint8_t)layers;
  b->used_params = 2u + 8u * layers;

  /* Layer table, then the memories it implies. */
  for (uint32_t l = 0; l < layers; l++) {
    why = parse_layer(b, lim, l, &w_at, &n_at, bad_at);
    if (why != 0) return why;
  }
  if (w_at > b->n_wmem) return fail(bad_at, 12, DL_CFG_LAYOUT);
  if (n_at > b->n_bmem) return fail(bad_at, 16, DL_CFG_LAYOUT);
  b->used_wmem = (uint32_t)w_at;
  b->used_bmem = (uint32_t)n_at;
  if (b->used_wmem > lim->wmem_words) return fail(bad_at, 12, DL_CFG_WMEM);
  if (b->used_bmem > lim->nmem_words) return fail(bad_at, 16, DL_CFG_NMEM);
  if (b->layer[0].n_in > lim->imem_words) return fail(bad_at, DL_BLOB_HEADER + 8, DL_CFG_IMEM);
  for (uint32_t j = 0; j < b->used_bmem; j++) {
    if (!fits_signed((int32_t)dl_blob_word(b->bmem, j), b->sb)) {
      return fail(bad_at, (uint32_t)(b->bmem - p) + 4u * j, DL_CFG_BIAS);
    }
  }
  return 0;
}

dl_blob_limits_t dl_blob_limits_of(const dl_core_info_t *info) {
  dl_blob_limits_t lim;

  lim.max_layers = (info->hwconf >> 16) & 0xFFu;
  lim.wmem_words = info->wmem_words;
  lim.nmem_words = info->nmem_words;
  lim.imem_words = info->imem_words;
  lim.max_layer_out = info->max_layer_out;
  lim.max_layer_rows = info->max_layer_rows;
  return lim;
}

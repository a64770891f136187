/* The configuration blob `config.bin` of the FPGA target (targets/fpga/README.md section 5),
 * checked once and read in place from configuration memory. */
#ifndef DL_BLOB_H
#define DL_BLOB_H

#include <stdint.h>

#include "core.h"

/* Most layers a layer table can describe (16 in the generated register file). */
#define DL_BLOB_MAX_LAYERS 16
/* Header bytes before the params words (README section 5). */
#define DL_BLOB_HEADER 20

/* One row of the layer table (8 params words per layer, README section 4). */
typedef struct {
  uint32_t n_in;
  uint32_t n_out;
  uint32_t rows; /* R = ceil(nOut / L) */
  uint32_t w_base;
  uint32_t n_base;
  int32_t theta;
  int32_t v_reset;
  uint32_t leak; /* beta_q (multiply form) or k (shift form) */
  int32_t shift; /* sh */
} dl_layer_t;

/* A checked blob: header numbers, the decoded layer table and pointers into the blob. */
typedef struct {
  uint8_t wb;   /* weight bits */
  uint8_t sb;   /* state bits S */
  uint8_t lanes;
  uint8_t leak_shift; /* 0 multiply form, 1 shift form */
  uint8_t reset_zero; /* CONFIG bit 0: 0 subtract, 1 zero */
  uint8_t layers;
  uint32_t n_params; /* words in the blob (a bitstream image may pad them) */
  uint32_t n_wmem;
  uint32_t n_bmem;
  uint32_t used_params; /* words the layer table implies: 2 + 8 * layers */
  uint32_t used_wmem;   /* sum of nIn * R */
  uint32_t used_bmem;   /* sum of nOut */
  const uint8_t *params; /* n_params little-endian words */
  const uint8_t *wmem;   /* n_wmem words */
  const uint8_t *bmem;   /* n_bmem words */
  dl_layer_t layer[DL_BLOB_MAX_LAYERS];
} dl_blob_t;

/* Limits of the core the blob must fit. */
typedef struct {
  uint32_t max_layers;
  uint32_t wmem_words;
  uint32_t nmem_words;
  uint32_t imem_words;
  uint32_t max_layer_out;
  uint32_t max_layer_rows;
} dl_blob_limits_t;

/* Check a blob and decode it; 0, or a DL_CFG_* reason with *bad_at the byte offset. */
int dl_blob_parse(const uint8_t *p, uint32_t len, const dl_blob_limits_t *lim, dl_blob_t *b,
                  uint32_t *bad_at);

/* Limits of a core from its facts (HWCONF layers, memory sizes). */
dl_blob_limits_t dl_blob_limits_of(const dl_core_info_t *info);

/* Little-endian 32-bit word i of a word array in the blob. */
uint32_t dl_blob_word(const uint8_t *words, uint32_t i);

/* Weight of output j from input i of a layer: lane (j mod L) of word wBase + i*R + j/L. */
int32_t dl_blob_weight(const dl_blob_t *b, const dl_layer_t *l, uint32_t i, uint32_t j);

#endif

/* Hardware-abstraction layer of the accelerator: the protocol code talks to a core only through
 * this table, so the C reference core, the Verilated RTL and a board's registers are
 * interchangeable (firmware-bridge/README.md "Back ends"). */
#ifndef DL_CORE_H
#define DL_CORE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Shape of the configured network, as reported in LOADED. */
typedef struct {
  uint8_t layers;
  uint16_t inputs;    /* first-layer inputs: bytes of one step of an input frame */
  uint16_t outputs;   /* last-layer neurons */
  uint16_t out_bytes; /* bytes of one step of a raster, ceil(outputs / 8) */
} dl_shape_t;

/* Counters of one layer or of the whole core since the last configure or reset. */
typedef struct {
  uint64_t inferences;
  uint64_t steps;
  uint64_t cycles;
  uint64_t synops;
  uint64_t macs;
  uint64_t spikes;
  uint64_t energy_pj;
  uint8_t energy_valid;
} dl_core_counters_t;

/* Fixed facts about a core, reported in HELLO_REPLY. */
typedef struct {
  uint8_t backend;         /* DL_BACKEND_* */
  uint32_t caps;           /* DL_CAP_* */
  uint32_t hwconf;         /* HWCONF (targets/fpga/README.md section 4); Wb = S = 0: any */
  uint32_t wmem_words;     /* weight memory */
  uint32_t nmem_words;     /* bias and state memory: neurons of all layers */
  uint32_t imem_words;     /* input memory: first-layer inputs */
  uint16_t max_layer_out;  /* most neurons of one layer (spike list and output bitmap) */
  uint16_t max_layer_rows; /* most weight words in one row (accumulator memory) */
  uint16_t max_steps;
  uint32_t clock_hz;
} dl_core_info_t;

typedef struct dl_core dl_core_t;

struct dl_core {
  const char *name;
  dl_core_info_t info;
  /* Check a configuration blob and load it; 0, or a DL_CFG_* reason with *bad_at set. */
  int (*configure)(dl_core_t *c, const uint8_t *blob, uint32_t len, dl_shape_t *shape,
                   uint32_t *bad_at);
  /* Run one inference of `steps` frames of int8 codes ([steps][inputs]) from reset state;
   * write [steps][out_bytes] output bits and the busy cycles; 0 ok, else a back-end status. */
  int (*infer)(dl_core_t *c, const int8_t *input, uint16_t steps, uint8_t *raster,
               uint32_t *cycles);
  /* Counters of layer (0-based) or 255 for totals; 0 ok, -1 no such layer. */
  int (*counters)(dl_core_t *c, uint8_t layer, dl_core_counters_t *out);
  /* Zero the counters (and any state) but keep the configuration. */
  void (*reset)(dl_core_t *c);
  void *impl;
};

#ifdef __cplusplus
}
#endif

#endif

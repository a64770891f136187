/* Back end (c): the accelerator's registers mapped into a board CPU's address space. */
#ifndef DL_CORE_MMIO_H
#define DL_CORE_MMIO_H

#include "core.h"

/* Base address of the accelerator's register window; word i of the bus is at base + 4 * i. */
#ifndef DL_MMIO_BASE
#error "define DL_MMIO_BASE, the address the accelerator's bus is mapped at"
#endif
/* Memory depths the bitstream was generated with (targets/fpga manifest.json coreParams). */
#ifndef DL_BOARD_W_DEPTH
#define DL_BOARD_W_DEPTH 1024u
#endif
#ifndef DL_BOARD_N_DEPTH
#define DL_BOARD_N_DEPTH 256u
#endif
#ifndef DL_BOARD_IN_DEPTH
#define DL_BOARD_IN_DEPTH 64u
#endif
#ifndef DL_BOARD_SL_DEPTH
#define DL_BOARD_SL_DEPTH 128u
#endif
#ifndef DL_BOARD_A_DEPTH
#define DL_BOARD_A_DEPTH 64u
#endif
#ifndef DL_BOARD_MAX_STEPS
#define DL_BOARD_MAX_STEPS 256u
#endif
/* Core clock: the iCEBreaker's 12 MHz oscillator unless the board says otherwise. */
#ifndef DL_BOARD_CLOCK_HZ
#define DL_BOARD_CLOCK_HZ 12000000u
#endif

/* The memory-mapped core, or NULL when nothing answers "DLC1" at DL_MMIO_BASE. */
dl_core_t *dl_core_mmio(void);

#endif

/* Back end (b): the FPGA target's Verilog core under Verilator, driven cycle by cycle through
 * its bus ports by the register driver (core-regs.c). */
#ifndef DL_CORE_RTL_H
#define DL_CORE_RTL_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The Verilated core after reset and boot, or NULL when its ID register is wrong. */
dl_core_t *dl_core_rtl(void);

/* Clock cycles simulated so far (bus accesses and polls included). */
unsigned long long dl_core_rtl_ticks(void);

#ifdef __cplusplus
}
#endif

#endif

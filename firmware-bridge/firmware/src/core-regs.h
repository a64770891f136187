/* Back ends (b) and (c): the accelerator driven through its register and memory map
 * (targets/fpga/README.md section 4) over a bus: the Verilated RTL's bus ports, or a board's
 * memory-mapped registers. */
#ifndef DL_CORE_REGS_H
#define DL_CORE_REGS_H

#include <stdint.h>

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Word-addressed 32-bit bus (20-bit address: region in [19:16], offset in [15:0]). */
typedef struct dl_bus dl_bus_t;
struct dl_bus {
  uint32_t (*read)(dl_bus_t *bus, uint32_t addr);
  void (*write)(dl_bus_t *bus, uint32_t addr, uint32_t data);
  void *ctx;
};

/* Register map (README section 4). */
#define DL_REG_ID 0x00000u
#define DL_REG_HWCONF 0x00001u
#define DL_REG_CTRL 0x00002u
#define DL_REG_STATUS 0x00003u
#define DL_REG_CYCLES_LAST 0x00004u
#define DL_REG_CYCLES_TOTAL 0x00005u
#define DL_REG_SYNOPS 0x00006u
#define DL_REG_MACS 0x00007u
#define DL_REG_SPIKES 0x00008u
#define DL_REG_STEPS 0x00009u
#define DL_REG_PARAMS 0x00010u
#define DL_REG_OUT_BITS 0x00100u
#define DL_REGION_IMEM 0x10000u
#define DL_REGION_WMEM 0x20000u
#define DL_REGION_BMEM 0x30000u
#define DL_ID_DLC1 0x444C4331u
#define DL_CTRL_START 1u
#define DL_CTRL_FIRST 2u
#define DL_CTRL_CLEAR_COUNTERS 4u
#define DL_CTRL_CLEAR_STATUS 8u
#define DL_STATUS_DONE 2u
#define DL_STATUS_BUS_ERR 8u

/* Back-end status codes of infer (ERROR CORE arg0). */
#define DL_REGS_ERR_NOT_LOADED 1
#define DL_REGS_ERR_STEPS 2
#define DL_REGS_ERR_TIMEOUT 3
#define DL_REGS_ERR_BUS 4

/* Bind a core to a bus. info's memory sizes come from the board (or the RTL parameters); its
 * hwconf is read from the core. Returns NULL when the ID register is not "DLC1". */
dl_core_t *dl_core_regs(const char *name, dl_bus_t *bus, const dl_core_info_t *info);

#ifdef __cplusplus
}
#endif

#endif

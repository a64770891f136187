/* Back end (c): the register driver over volatile loads and stores. A bus read of the RTL has
 * one cycle of latency; a CPU load through the board's interconnect waits for it by itself. */
#include "core-mmio.h"

#include "core-regs.h"
#include "dl-proto.h"

static volatile uint32_t *const window = (volatile uint32_t *)(DL_MMIO_BASE);

static uint32_t mmio_read(dl_bus_t *bus, uint32_t addr) {
  (void)bus;
  return window[addr];
}

static void mmio_write(dl_bus_t *bus, uint32_t addr, uint32_t data) {
  (void)bus;
  window[addr] = data;
}

static dl_bus_t bus = {mmio_read, mmio_write, 0};

dl_core_t *dl_core_mmio(void) {
  static const dl_core_info_t info = {
      DL_BACKEND_MMIO, DL_CAP_CYCLES, 0, DL_BOARD_W_DEPTH, DL_BOARD_N_DEPTH, DL_BOARD_IN_DEPTH,
      DL_BOARD_SL_DEPTH, DL_BOARD_A_DEPTH, DL_BOARD_MAX_STEPS, DL_BOARD_CLOCK_HZ};
  return dl_core_regs("mmio", &bus, &info);
}

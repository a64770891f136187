// Back end (b): targets/fpga/rtl/dl_core.v verilated with the parameters of this build
// (firmware-bridge/Makefile RTL_* variables). A bus access is one clock cycle, as in the RTL:
// writes take effect at the edge, read data is valid the cycle after bus_re (README section 4).
#include "core-rtl.h"

#include "Vdl_core.h"
#include "core-regs.h"
#include "dl-proto.h"
#include "verilated.h"

static Vdl_core *top;
static unsigned long long ticks;

static void tick() {
  top->clk = 0;
  top->eval();
  top->clk = 1;
  top->eval();
  ticks++;
}

static void bus_write(dl_bus_t *, uint32_t addr, uint32_t data) {
  top->bus_we = 1;
  top->bus_addr = addr;
  top->bus_wdata = data;
  tick();
  top->bus_we = 0;
}

static uint32_t bus_read(dl_bus_t *, uint32_t addr) {
  top->bus_re = 1;
  top->bus_addr = addr;
  tick();
  top->bus_re = 0;
  top->eval();
  return top->bus_rdata;
}

static dl_bus_t bus = {bus_read, bus_write, nullptr};

extern "C" unsigned long long dl_core_rtl_ticks(void) {
  return ticks;
}

extern "C" dl_core_t *dl_core_rtl(void) {
  static const dl_core_info_t info = {
      DL_BACKEND_RTL, DL_CAP_CYCLES, 0, DL_RTL_W_DEPTH, DL_RTL_N_DEPTH, DL_RTL_IN_DEPTH,
      DL_RTL_SL_DEPTH, DL_RTL_A_DEPTH, DL_RTL_MAX_STEPS, DL_RTL_CLOCK_HZ};

  // Reset, then let the core copy its (empty) parameter memory into the layer table.
  top = new Vdl_core;
  top->rst = 1;
  tick();
  tick();
  top->rst = 0;
  while (top->busy) tick();
  return dl_core_regs("rtl", &bus, &info);
}

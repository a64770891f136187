/* Firmware entry point for a board: a CPU (soft core beside the accelerator, or a SoC) with
 * the accelerator memory-mapped and a UART to the host. The board supplies board.h's clock and
 * the two UART functions below; everything else is the same code the host build runs.
 * LIMITATION: no board support package ships here; this file is compile-checked only
 * (make board-check), not run on hardware. */
#include <stdint.h>

#include "board.h"
#include "core-mmio.h"
#include "device.h"

/* Configuration, input and result memory: sized for the board's RAM. */
#ifndef DL_BOARD_CONFIG_BYTES
#define DL_BOARD_CONFIG_BYTES 16384u
#endif
#ifndef DL_BOARD_INPUT_BYTES
#define DL_BOARD_INPUT_BYTES 4096u
#endif
#ifndef DL_BOARD_RESULT_BYTES
#define DL_BOARD_RESULT_BYTES 2048u
#endif

/* Board UART: the next received byte, or -1 when none is waiting. */
int dl_board_uart_getc(void);
/* Board UART: send one byte (blocking until the transmitter takes it). */
void dl_board_uart_putc(uint8_t b);

static uint8_t config_mem[DL_BOARD_CONFIG_BYTES];
static uint8_t input_mem[DL_BOARD_INPUT_BYTES];
static uint8_t result_mem[DL_BOARD_RESULT_BYTES];
static dl_device_t dev;

static void send_uart(void *ctx, const uint8_t *p, size_t n) {
  (void)ctx;
  for (size_t i = 0; i < n; i++) dl_board_uart_putc(p[i]);
}

int main(void) {
  dl_memory_t mem = {config_mem, sizeof config_mem, input_mem, sizeof input_mem, result_mem,
                     sizeof result_mem};
  dl_core_t *core = dl_core_mmio();

  /* No accelerator behind the window: nothing to serve (a host sees no HELLO reply). */
  if (core == 0) return 1;
  dl_device_init(&dev, core, &mem);
  for (;;) {
    int c = dl_board_uart_getc();
    uint8_t b;
    if (c < 0) continue;
    b = (uint8_t)c;
    dl_device_feed(&dev, &b, 1, send_uart, 0);
  }
}

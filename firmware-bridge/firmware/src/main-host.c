/* Host build of the firmware: the same protocol code and cores as a board, with a
 * pseudo-terminal as its UART (`dynalign device serve` starts it behind socat).
 *   dynalign-fw --port PATH [--backend ref|rtl] [--config-bytes N] [--claim-version N] */
#define _DEFAULT_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "board.h"
#include "core-ref.h"
#include "device.h"
#include "link.h"

#ifdef DL_WITH_RTL
#include "core-rtl.h"
#endif

/* Configuration memory of the host build: room for the largest blob the ref core accepts. */
#define HOST_CONFIG_BYTES (24u + 4u * (2u + 8u * 16u + DL_REF_WMEM_WORDS + DL_REF_NMEM_WORDS) + 4u)

/* Input and result buffers: 64 KiB each, a few hundred inferences per RUN. */
#define HOST_INPUT_BYTES 65536u
#define HOST_RESULT_BYTES 65536u

static uint8_t config_mem[HOST_CONFIG_BYTES];
static uint8_t input_mem[HOST_INPUT_BYTES];
static uint8_t result_mem[HOST_RESULT_BYTES];
static dl_device_t dev;
static volatile sig_atomic_t stop;

uint32_t dl_board_micros(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint32_t)((uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u);
}

static void on_signal(int sig) {
  (void)sig;
  stop = 1;
}

static void send_link(void *ctx, const uint8_t *p, size_t n) {
  (void)ctx;
  if (dl_link_write(p, n) != 0) stop = 1;
}

static int usage(const char *why) {
  fprintf(stderr, "dynalign-fw: %s\nusage: dynalign-fw --port PATH [--backend ref|rtl] "
                  "[--config-bytes N] [--claim-version N]\n", why);
  return 2;
}

/* Pick the back end by name; NULL when this build does not have it. */
static dl_core_t *pick_core(const char *name) {
  if (strcmp(name, "ref") == 0) return dl_core_ref();
#ifdef DL_WITH_RTL
  if (strcmp(name, "rtl") == 0) return dl_core_rtl();
#endif
  return NULL;
}

int main(int argc, char **argv) {
  const char *port = NULL;
  const char *backend = "ref";
  unsigned long capacity = HOST_CONFIG_BYTES;
  long claim = -1;
  dl_core_t *core;
  uint8_t buf[4096];

  for (int i = 1; i < argc; i++) {
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (v == NULL) return usage("every option takes a value");
    if (strcmp(argv[i], "--port") == 0) port = v;
    else if (strcmp(argv[i], "--backend") == 0) backend = v;
    else if (strcmp(argv[i], "--config-bytes") == 0) capacity = strtoul(v, NULL, 10);
    else if (strcmp(argv[i], "--claim-version") == 0) claim = strtol(v, NULL, 10);
    else return usage("unknown option");
    i++;
  }
  if (port == NULL) return usage("--port is required");
  if (capacity == 0 || capacity > HOST_CONFIG_BYTES) return usage("--config-bytes out of range");
  core = pick_core(backend);
  if (core == NULL) {
    if (strcmp(backend, "rtl") == 0) return usage("the RTL core did not answer with ID DLC1");
    return usage("no such back end in this build (ref; rtl: make host-rtl)");
  }

  /* Serve until the link closes or a signal arrives. */
  if (dl_link_open(port) != 0) return 2;
  {
    dl_memory_t mem = {config_mem, (uint32_t)capacity, input_mem, HOST_INPUT_BYTES,
                       result_mem, HOST_RESULT_BYTES};
    dl_device_init(&dev, core, &mem);
  }
  if (claim >= 0) dev.version = (uint16_t)claim; /* test hook: pretend another protocol */
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  printf("dynalign-fw: %s core on %s, protocol %u, %lu bytes of configuration memory\n",
         core->name, port, dev.version, capacity);
  fflush(stdout);
  while (!stop) {
    long n = dl_link_read(buf, sizeof buf, 200);
    if (n < 0) break;
    if (n > 0) dl_device_feed(&dev, buf, (size_t)n, send_link, NULL);
  }
  fprintf(stderr, "dynalign-fw: stopped (%u frames, %u bad CRC, %u repeats answered)\n",
          dev.rx.frames, dev.rx.bad_crc, dev.repeats);
  dl_link_close();
  return 0;
}

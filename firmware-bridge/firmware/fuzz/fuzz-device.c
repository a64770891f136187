/* Fuzz target: any byte stream into the device (frame parser, COBS, CRC, every handler and the
 * blob checks of the reference core). Built with libFuzzer (make fuzz) or, without clang, as a
 * replay program under gcc's sanitizers (fuzz-replay.c) that the test suite drives.
 * The first input byte picks how much of the rest is sent as one valid frame, so the fuzzer also
 * reaches the handlers behind the CRC. */
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "core-ref.h"
#include "device.h"

static uint8_t config_mem[8192];
static uint8_t input_mem[2048];
static uint8_t result_mem[2048];
static dl_device_t dev;
static uint8_t wire[DL_FRAME_WIRE_MAX];
static uint8_t body[DL_FRAME_BODY_MAX];
static size_t sent;

uint32_t dl_board_micros(void) {
  return 0;
}

static void sink(void *ctx, const uint8_t *p, size_t n) {
  (void)ctx;
  (void)p;
  sent += n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dl_memory_t mem = {config_mem, sizeof config_mem, input_mem, sizeof input_mem, result_mem,
                     sizeof result_mem};

  dl_device_init(&dev, dl_core_ref(), &mem);
  if (size < 3) {
    dl_device_feed(&dev, data, size, sink, NULL);
    return 0;
  }

  /* data[0] odd: data[1] is a message type and the rest its payload, sealed as a valid frame
   * (several frames when long, so uploads and runs happen); even: raw bytes on the wire. */
  if (data[0] & 1u) {
    size_t at = 2;
    uint8_t seq = 0;
    while (at < size) {
      size_t n = size - at;
      size_t w;
      if (n > DL_MAX_PAYLOAD) n = DL_MAX_PAYLOAD;
      if (n > data[0]) n = data[0];
      for (size_t i = 0; i < n; i++) body[DL_HEADER_BYTES + i] = data[at + i];
      w = dl_frame_seal(body, n, DL_PROTOCOL_VERSION, data[1] ^ (uint8_t)(seq & 7u), seq, wire,
                        sizeof wire);
      dl_device_feed(&dev, wire, w, sink, NULL);
      at += n;
      seq++;
    }
  } else {
    dl_device_feed(&dev, data + 1, size - 1, sink, NULL);
  }
  return 0;
}

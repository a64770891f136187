/* The device side of the protocol: frames in, replies out, configuration storage, no heap. */
#ifndef DL_DEVICE_H
#define DL_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "frame.h"

/* Firmware release reported in HELLO_REPLY (major << 8 | minor). */
#define DL_FIRMWARE_RELEASE 0x0100u
/* Smallest payload limit a host may ask for: room for every fixed-size reply. */
#define DL_MIN_HOST_PAYLOAD 64u

typedef void (*dl_send_fn)(void *ctx, const uint8_t *bytes, size_t n);

/* Memories the board gives the protocol: configuration, input buffer, result buffer. */
typedef struct {
  uint8_t *config;
  uint32_t config_bytes;
  uint8_t *input;
  uint32_t input_bytes;
  uint8_t *result;
  uint32_t result_bytes;
} dl_memory_t;

typedef struct {
  dl_core_t *core;
  dl_memory_t mem;
  uint16_t version;  /* protocol spoken: DL_PROTOCOL_VERSION unless a test claims another */
  uint32_t host_max; /* largest reply payload the host accepts (HELLO.max_payload) */

  /* Upload in progress, the network configured, and the results of the last RUN. */
  int uploading;
  uint32_t up_total;
  uint32_t up_crc;
  uint32_t up_have;
  int loaded;
  dl_shape_t shape;
  uint32_t result_len;

  /* The last reply, kept so a repeated request (same type and seq) is answered, not re-run. */
  int cached;
  uint8_t cache_type;
  uint8_t cache_seq;
  size_t cache_len;
  uint8_t wire[DL_FRAME_WIRE_MAX];

  uint8_t body[DL_FRAME_BODY_MAX];
  uint8_t nak[32]; /* NAKs are sent from here so they never replace the cached reply */
  dl_rx_t rx;
  uint32_t repeats; /* requests answered from the cache */
} dl_device_t;

/* Set up a device around a core and the board's memories. */
void dl_device_init(dl_device_t *d, dl_core_t *core, const dl_memory_t *mem);

/* Feed received bytes; every reply is handed to send as whole wire frames. */
void dl_device_feed(dl_device_t *d, const uint8_t *p, size_t n, dl_send_fn send, void *ctx);

#endif

/* Protocol handling: version check, reply cache, upload with per-chunk acknowledgement and a
 * final CRC, RUN batches, counters and reset (firmware-bridge/README.md "Session"). */
#include "device.h"

#include "crc32.h"
#include "handlers.h"

void dl_device_init(dl_device_t *d, dl_core_t *core, uint8_t *config, uint32_t capacity) {
  d->core = core;
  d->config = config;
  d->capacity = capacity;
  d->version = DL_PROTOCOL_VERSION;
  d->host_max = DL_MAX_PAYLOAD;
  d->uploading = 0;
  d->up_total = d->up_crc = d->up_have = 0;
  d->loaded = 0;
  d->cached = 0;
  d->cache_len = 0;
  d->repeats = 0;
  dl_rx_init(&d->rx);
}

/* Seal the payload in d->body into d->wire as the reply to (type, seq) and remember it. */
static void reply(dl_device_t *d, uint8_t type, uint8_t seq, size_t n, uint8_t req_type) {
  d->cache_len = dl_frame_seal(d->body, n, (uint8_t)d->version, type, seq, d->wire,
                               sizeof d->wire);
  d->cached = d->cache_len > 0;
  d->cache_type = req_type;
  d->cache_seq = seq;
}

/* Answer one valid frame. */
static void on_frame(dl_device_t *d, const dl_frame_t *f, dl_send_fn send, void *ctx) {
  uint8_t *payload = d->body + DL_HEADER_BYTES;
  dl_reply_t r;

  /* A repeated request was already carried out: send the same reply again. */
  if (d->cached && f->type != DL_MSG_HELLO && f->type == d->cache_type && f->seq == d->cache_seq &&
      f->version == d->version) {
    d->repeats++;
    send(ctx, d->wire, d->cache_len);
    return;
  }
  if (f->version != d->version) {
    r = dl_error(payload, DL_ERR_VERSION, f->type, d->version, f->version);
  } else {
    r = dl_handle(d, f, payload);
  }
  reply(d, r.type, f->seq, r.len, f->type);
  if (d->cached) send(ctx, d->wire, d->cache_len);
}

void dl_device_feed(dl_device_t *d, const uint8_t *p, size_t n, dl_send_fn send, void *ctx) {
  dl_frame_t f;

  for (size_t i = 0; i < n; i++) {
    if (dl_rx_byte(&d->rx, p[i], &f)) on_frame(d, &f, send, ctx);
  }
}

/* Protocol handling: version check, reply cache, NAK of damaged frames, then one handler per
 * request (handlers.c). Stop-and-wait: the host sends one request at a time. */
#include "device.h"

#include "handlers.h"

void dl_device_init(dl_device_t *d, dl_core_t *core, const dl_memory_t *mem) {
  d->core = core;
  d->mem = *mem;
  d->version = DL_PROTOCOL_VERSION;
  d->host_max = DL_MAX_PAYLOAD;
  d->uploading = 0;
  d->up_total = d->up_crc = d->up_have = 0;
  d->loaded = 0;
  d->result_len = 0;
  d->cached = 0;
  d->cache_len = 0;
  d->repeats = 0;
  dl_rx_init(&d->rx);
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

  /* Seal the reply and keep it for a repeat of this request. */
  d->cache_len = dl_frame_seal(d->body, r.len, (uint8_t)d->version, r.type, f->seq, d->wire,
                               sizeof d->wire);
  d->cached = d->cache_len > 0;
  d->cache_type = f->type;
  d->cache_seq = f->seq;
  if (d->cached) send(ctx, d->wire, d->cache_len);
}

/* Tell the host a frame was damaged so it resends at once instead of timing out. */
static void send_nak(dl_device_t *d, int fault, dl_send_fn send, void *ctx) {
  uint8_t body[DL_HEADER_BYTES + 1 + DL_CRC_BYTES];
  size_t n;

  body[DL_HEADER_BYTES] = (uint8_t)fault;
  n = dl_frame_seal(body, 1, (uint8_t)d->version, DL_MSG_NAK, 0, d->nak, sizeof d->nak);
  if (n > 0) send(ctx, d->nak, n);
}

void dl_device_feed(dl_device_t *d, const uint8_t *p, size_t n, dl_send_fn send, void *ctx) {
  dl_frame_t f;

  for (size_t i = 0; i < n; i++) {
    int r = dl_rx_byte(&d->rx, p[i], &f);
    if (r > 0) on_frame(d, &f, send, ctx);
    else if (r < 0) send_nak(d, -r, send, ctx);
  }
}

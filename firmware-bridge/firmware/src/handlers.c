/* Request handlers. Every failure is an ERROR reply with a code and two numbers; nothing a host
 * sends can leave the device unable to take a fresh HELLO, RESET or LOAD_BEGIN. */
#include "handlers.h"

#include "board.h"
#include "crc32.h"

#define MAX_OUT (DL_MAX_PAYLOAD)

dl_reply_t dl_error(uint8_t *out, uint8_t code, uint8_t request, uint32_t arg0, uint32_t arg1) {
  dl_error_t e = {code, request, arg0, arg1};
  dl_reply_t r = {DL_MSG_ERROR, (size_t)dl_encode_error(&e, out, MAX_OUT)};
  return r;
}

static dl_reply_t ack(uint8_t *out, uint8_t request, uint32_t value) {
  dl_ack_t a = {request, value};
  dl_reply_t r = {DL_MSG_ACK, (size_t)dl_encode_ack(&a, out, MAX_OUT)};
  return r;
}

static dl_reply_t bad_length(uint8_t *out, const dl_frame_t *f, uint32_t fixed) {
  return dl_error(out, DL_ERR_BAD_LENGTH, f->type, f->len, fixed);
}

static dl_reply_t on_hello(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  const dl_core_info_t *i = &d->core->info;
  dl_hello_t h;
  dl_hello_reply_t r;
  dl_reply_t rep;

  if (dl_decode_hello(f->payload, f->len, &h) != 0) return bad_length(out, f, DL_HELLO_FIXED);
  if (h.version != d->version) return dl_error(out, DL_ERR_VERSION, f->type, d->version, h.version);

  /* A new session abandons a half-done upload; a configured network stays. */
  d->uploading = 0;
  d->host_max = h.max_payload < DL_MAX_PAYLOAD ? h.max_payload : DL_MAX_PAYLOAD;
  if (d->host_max < DL_MIN_HOST_PAYLOAD) d->host_max = DL_MIN_HOST_PAYLOAD;
  r.version = d->version;
  r.firmware = DL_FIRMWARE_RELEASE;
  r.backend = i->backend;
  r.caps = i->caps;
  r.max_payload = DL_MAX_PAYLOAD;
  r.config_capacity = d->mem.config_bytes;
  r.input_capacity = d->mem.input_bytes;
  r.result_capacity = d->mem.result_bytes;
  r.hwconf = i->hwconf;
  r.wmem_words = i->wmem_words;
  r.nmem_words = i->nmem_words;
  r.imem_words = i->imem_words;
  r.max_layer_out = i->max_layer_out;
  r.max_layer_rows = i->max_layer_rows;
  r.max_steps = i->max_steps;
  r.clock_hz = i->clock_hz;
  rep.type = DL_MSG_HELLO_REPLY;
  rep.len = (size_t)dl_encode_hello_reply(&r, out, MAX_OUT);
  return rep;
}

static dl_reply_t on_reset(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  dl_reset_t m;

  if (dl_decode_reset(f->payload, f->len, &m) != 0) return bad_length(out, f, DL_RESET_FIXED);
  if (m.scope > 1) return dl_error(out, DL_ERR_BAD_ARGUMENT, f->type, m.scope, 1);
  d->uploading = 0;
  if (m.scope == 1) d->loaded = 0;
  d->core->reset(d->core);
  return ack(out, f->type, d->loaded ? 1u : 0u);
}

static dl_reply_t on_load_begin(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  dl_load_begin_t m;

  if (dl_decode_load_begin(f->payload, f->len, &m) != 0) {
    return bad_length(out, f, DL_LOAD_BEGIN_FIXED);
  }
  if (m.total_len > d->mem.config_bytes) {
    return dl_error(out, DL_ERR_TOO_LARGE, f->type, m.total_len, d->mem.config_bytes);
  }
  if (m.total_len == 0) return dl_error(out, DL_ERR_BAD_ARGUMENT, f->type, 0, 1);

  /* The old network is overwritten from here on, so it is no longer usable. */
  d->loaded = 0;
  d->uploading = 1;
  d->up_total = m.total_len;
  d->up_crc = m.crc32;
  d->up_have = 0;
  return ack(out, f->type, 0);
}

static dl_reply_t on_load_chunk(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  dl_load_chunk_t m;
  uint32_t end;

  if (dl_decode_load_chunk(f->payload, f->len, &m) != 0) {
    return bad_length(out, f, DL_LOAD_CHUNK_FIXED);
  }
  if (!d->uploading) return dl_error(out, DL_ERR_NO_UPLOAD, f->type, 0, 0);

  /* A chunk may repeat bytes already held (a resend after a lost ACK) but not leave a gap. */
  if (m.offset > d->up_have) return dl_error(out, DL_ERR_OFFSET, f->type, m.offset, d->up_have);
  if (m.data_len > d->up_total - m.offset) {
    return dl_error(out, DL_ERR_TOO_LARGE, f->type, m.offset + m.data_len, d->up_total);
  }
  end = m.offset + m.data_len;
  for (uint16_t i = 0; i < m.data_len; i++) d->mem.config[m.offset + i] = m.data[i];
  if (end > d->up_have) d->up_have = end;
  return ack(out, f->type, d->up_have);
}

static dl_reply_t on_load_end(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  dl_load_end_t m;
  dl_loaded_t r;
  dl_reply_t rep;
  uint32_t crc;
  uint32_t bad_at = 0;
  int why;

  if (dl_decode_load_end(f->payload, f->len, &m) != 0) {
    return bad_length(out, f, DL_LOAD_END_FIXED);
  }
  if (!d->uploading) return dl_error(out, DL_ERR_NO_UPLOAD, f->type, 0, 0);
  if (d->up_have != d->up_total) {
    return dl_error(out, DL_ERR_OFFSET, f->type, d->up_have, d->up_total);
  }
  crc = dl_crc32_update(0, d->mem.config, d->up_total);
  d->uploading = 0;
  if (crc != d->up_crc) return dl_error(out, DL_ERR_CHECKSUM, f->type, crc, d->up_crc);

  /* The core parses the blob; a rejected blob leaves the device unconfigured. */
  why = d->core->configure(d->core, d->mem.config, d->up_total, &d->shape, &bad_at);
  if (why != 0) return dl_error(out, DL_ERR_CONFIG, f->type, (uint32_t)why, bad_at);
  d->loaded = 1;
  r.crc32 = crc;
  r.layers = d->shape.layers;
  r.inputs = d->shape.inputs;
  r.outputs = d->shape.outputs;
  r.out_bytes = d->shape.out_bytes;
  rep.type = DL_MSG_LOADED;
  rep.len = (size_t)dl_encode_loaded(&r, out, MAX_OUT);
  return rep;
}

static dl_reply_t on_input(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  dl_input_t m;

  if (dl_decode_input(f->payload, f->len, &m) != 0) return bad_length(out, f, DL_INPUT_FIXED);
  if (m.offset > d->mem.input_bytes || m.data_len > d->mem.input_bytes - m.offset) {
    return dl_error(out, DL_ERR_OFFSET, f->type, m.offset + m.data_len, d->mem.input_bytes);
  }
  for (uint16_t i = 0; i < m.data_len; i++) d->mem.input[m.offset + i] = m.data[i];
  return ack(out, f->type, m.offset + m.data_len);
}

static dl_reply_t on_run(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  dl_run_t m;
  dl_ran_t r;
  dl_reply_t rep;
  uint64_t frame;
  uint64_t rec;
  uint32_t t0;

  if (dl_decode_run(f->payload, f->len, &m) != 0) return bad_length(out, f, DL_RUN_FIXED);
  if (!d->loaded) return dl_error(out, DL_ERR_NOT_LOADED, f->type, 0, 0);
  if (m.steps == 0 || m.steps > d->core->info.max_steps) {
    return dl_error(out, DL_ERR_BAD_ARGUMENT, f->type, m.steps, d->core->info.max_steps);
  }
  frame = (uint64_t)m.steps * d->shape.inputs;
  rec = 4u + (uint64_t)m.steps * d->shape.out_bytes;
  if (m.count == 0 || m.count * rec > d->mem.result_bytes) {
    return dl_error(out, DL_ERR_BAD_ARGUMENT, f->type, m.count,
                    (uint32_t)(d->mem.result_bytes / rec));
  }
  if (m.count * frame > d->mem.input_bytes) {
    return dl_error(out, DL_ERR_INPUT_SIZE, f->type, (uint32_t)(m.count * frame),
                    d->mem.input_bytes);
  }

  /* Each record: busy cycles (u32 LE), then the [steps][out_bytes] raster. */
  d->result_len = 0;
  t0 = dl_board_micros();
  for (uint32_t k = 0; k < m.count; k++) {
    uint8_t *res = d->mem.result + k * rec;
    uint32_t cycles = 0;
    int st = d->core->infer(d->core, (const int8_t *)(d->mem.input + k * frame), m.steps,
                            res + 4, &cycles);
    if (st != 0) return dl_error(out, DL_ERR_CORE, f->type, (uint32_t)st, m.first + k);
    for (int b = 0; b < 4; b++) res[b] = (uint8_t)(cycles >> (8 * b));
  }
  d->result_len = (uint32_t)(m.count * rec);
  r.core_us = dl_board_micros() - t0;
  r.first = m.first;
  r.count = m.count;
  r.steps = m.steps;
  r.bytes = d->result_len;
  rep.type = DL_MSG_RAN;
  rep.len = (size_t)dl_encode_ran(&r, out, MAX_OUT);
  return rep;
}

static dl_reply_t on_read(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  dl_read_t m;
  dl_spikes_t s;
  dl_reply_t rep;
  uint32_t room = d->host_max - DL_SPIKES_FIXED;

  if (dl_decode_read(f->payload, f->len, &m) != 0) return bad_length(out, f, DL_READ_FIXED);
  if (m.len > room) return dl_error(out, DL_ERR_BAD_ARGUMENT, f->type, m.len, room);
  if (m.offset > d->result_len || m.len > d->result_len - m.offset) {
    return dl_error(out, DL_ERR_OFFSET, f->type, m.offset + m.len, d->result_len);
  }
  s.offset = m.offset;
  s.data = d->mem.result + m.offset;
  s.data_len = m.len;
  rep.type = DL_MSG_SPIKES;
  rep.len = (size_t)dl_encode_spikes(&s, out, MAX_OUT);
  return rep;
}

static dl_reply_t on_counters(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  dl_counters_get_t m;
  dl_core_counters_t c;
  dl_counters_t r;
  dl_reply_t rep;

  if (dl_decode_counters_get(f->payload, f->len, &m) != 0) {
    return bad_length(out, f, DL_COUNTERS_GET_FIXED);
  }
  if (d->core->counters(d->core, m.layer, &c) != 0) {
    return dl_error(out, DL_ERR_BAD_LAYER, f->type, m.layer, d->loaded ? d->shape.layers : 0);
  }
  r.layer = m.layer;
  r.flags = c.energy_valid ? DL_COUNTER_ENERGY_VALID : 0;
  r.inferences = (uint32_t)c.inferences;
  r.steps = (uint32_t)c.steps;
  r.cycles = c.cycles;
  r.synops = c.synops;
  r.macs = c.macs;
  r.spikes = c.spikes;
  r.energy_pj = c.energy_pj;
  rep.type = DL_MSG_COUNTERS;
  rep.len = (size_t)dl_encode_counters(&r, out, MAX_OUT);
  return rep;
}

dl_reply_t dl_handle(dl_device_t *d, const dl_frame_t *f, uint8_t *out) {
  switch (f->type) {
    case DL_MSG_HELLO: return on_hello(d, f, out);
    case DL_MSG_RESET: return on_reset(d, f, out);
    case DL_MSG_LOAD_BEGIN: return on_load_begin(d, f, out);
    case DL_MSG_LOAD_CHUNK: return on_load_chunk(d, f, out);
    case DL_MSG_LOAD_END: return on_load_end(d, f, out);
    case DL_MSG_INPUT: return on_input(d, f, out);
    case DL_MSG_RUN: return on_run(d, f, out);
    case DL_MSG_READ: return on_read(d, f, out);
    case DL_MSG_COUNTERS_GET: return on_counters(d, f, out);
    default: return dl_error(out, DL_ERR_UNKNOWN_TYPE, f->type, f->type, 0);
  }
}

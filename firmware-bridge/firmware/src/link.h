/* The serial link seen by the firmware: a board supplies a UART, the host build a pty. */
#ifndef DL_LINK_H
#define DL_LINK_H

#include <stddef.h>
#include <stdint.h>

/* Open the link; 0 ok, else -1 with a message already printed. */
int dl_link_open(const char *path);

/* Wait up to timeout_ms for bytes; the count read, 0 on timeout, -1 when the link is gone. */
long dl_link_read(uint8_t *buf, size_t cap, int timeout_ms);

/* Write all n bytes; 0 ok, -1 when the link is gone. */
int dl_link_write(const uint8_t *p, size_t n);

void dl_link_close(void);

#endif

/* What the protocol code needs from a board besides the link and the core: a clock. */
#ifndef DL_BOARD_H
#define DL_BOARD_H

#include <stdint.h>

/* A free-running microsecond counter (wraps at 2^32); used to report time spent in the core. */
uint32_t dl_board_micros(void);

#endif

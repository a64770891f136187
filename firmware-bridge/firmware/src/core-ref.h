/* Back end (a): the C reference core, the fpga numeric profile and cycle model in software. */
#ifndef DL_CORE_REF_H
#define DL_CORE_REF_H

#include "core.h"

/* Memory sizes of the modelled core; a board build may override them with -D. */
#ifndef DL_REF_WMEM_WORDS
#define DL_REF_WMEM_WORDS 65536u
#endif
#ifndef DL_REF_NMEM_WORDS
#define DL_REF_NMEM_WORDS 4096u
#endif
#ifndef DL_REF_IMEM_WORDS
#define DL_REF_IMEM_WORDS 1024u
#endif
#ifndef DL_REF_MAX_STEPS
#define DL_REF_MAX_STEPS 1024u
#endif
/* Clock the cycle counter is quoted at: the iCE40 UP5K board oscillator (fpga.md B4). */
#ifndef DL_REF_CLOCK_HZ
#define DL_REF_CLOCK_HZ 12000000u
#endif

/* The reference core, ready to configure. */
dl_core_t *dl_core_ref(void);

#endif

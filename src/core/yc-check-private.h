/* yc-check-private.h: what the loaders of published documents share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A document being checked: its problems are YcCatalogProblem, named by
 * file, JSON path, line and column, whichever loader found them. */
typedef struct
{
  GPtrArray  *problems;
  const char *file;
  const char *text;
  gsize       length;
  const char *base;     /* the path of this part inside the document */
} YcCheck;

void yc_check_problem (YcCheck    *c,
                       const char *path,
                       const char *format,
                       ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS

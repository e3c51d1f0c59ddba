/* yc-cli.h: the commands for support at a station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean yc_cli_find_command (int     argc,
                              char  **argv);
int      yc_cli_run          (int     argc,
                              char  **argv);

G_END_DECLS

/* main.c: yichuang, the intake desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "yc-application.h"
#include "yc-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(YcApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* as yichuang-central reads it: a build runs in its own language */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YICHUANG_LOCALEDIR") ? g_getenv ("YICHUANG_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (yc_cli_find_command (argc, argv))
    return yc_cli_run (argc, argv);

  app = yc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

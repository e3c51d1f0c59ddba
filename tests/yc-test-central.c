/* yc-test-central.c: the real yichuang-central, started for a test
 *
 * Tests talk to the real service over real TLS on 127.0.0.1: this starts
 * the built binary on a free port, with certificates made for the test, and
 * reads the URL it prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "yc-test-central.h"

char *
yc_test_catalog_dir (void)
{
  return g_build_filename (TEST_SRCDIR, "data", "catalog", NULL);
}

YcTestCentral *
yc_test_central_new (void)
{
  YcTestCentral *central = g_new0 (YcTestCentral, 1);
  g_autoptr(GError) error = NULL;
  const char *make_certs[] = { YC_MAKE_CERTS, NULL, "", NULL };
  g_autoptr(GSubprocess) process = NULL;

  central->dir = g_dir_make_tmp ("yichuang-test-XXXXXX", &error);
  g_assert_no_error (error);
  central->certs = g_build_filename (central->dir, "certs", NULL);
  central->data_dir = g_build_filename (central->dir, "central", NULL);

  /* the station's CA, and a rogue one it was never enrolled with */
  make_certs[1] = central->certs;
  make_certs[2] = "";
  process = g_subprocess_newv (make_certs, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&process);
  make_certs[2] = "rogue-";
  process = g_subprocess_newv (make_certs, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  return central;
}

char *
yc_test_central_ca (YcTestCentral *central,
                    const char    *prefix)
{
  g_autofree char *name = g_strconcat (prefix ? prefix : "", "ca.pem", NULL);

  return g_build_filename (central->certs, name, NULL);
}

/* A test that fails aborts; its service must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * yc_test_central_start:
 * @cert_prefix: "" for the good certificate, "rogue-" for the other
 * @catalog: (nullable): the catalog folder, the test catalog by default
 */
void
yc_test_central_start (YcTestCentral *central,
                       const char    *cert_prefix,
                       const char    *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_name = g_strconcat (cert_prefix, "server.pem", NULL);
  g_autofree char *key_name = g_strconcat (cert_prefix, "server-key.pem", NULL);
  g_autofree char *cert = g_build_filename (central->certs, cert_name, NULL);
  g_autofree char *key = g_build_filename (central->certs, key_name, NULL);
  g_autofree char *default_catalog = yc_test_catalog_dir ();
  g_autofree char *default_calendar = g_build_filename (TEST_SRCDIR, "..", "data", "calendar", NULL);
  g_autofree char *port = g_strdup ("0");
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) argv = NULL;

  g_assert_null (central->process);
  /* a restart keeps the port, so that an enrolled station finds it again */
  if (central->url != NULL)
    {
      g_free (port);
      port = g_strdup (strrchr (central->url, ':') + 1);
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  argv = g_ptr_array_new ();
  {
    const char *fixed[] = { YC_CENTRAL_BIN, "serve", "--port", port, "--cert", cert, "--key", key,
                            "--data-dir", central->data_dir, "--catalog", catalog ? catalog : default_catalog,
                            "--calendar", central->calendar ? central->calendar : default_calendar };

    for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
      g_ptr_array_add (argv, (char *) fixed[i]);
    for (guint i = 0; central->args != NULL && central->args[i] != NULL; i++)
      g_ptr_array_add (argv, central->args[i]);
    g_ptr_array_add (argv, NULL);
  }
  central->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (central->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "yichuang-central: listening on https://127.0.0.1:"));
  g_free (central->url);
  central->url = g_strdup (line + strlen ("yichuang-central: listening on "));
}

void
yc_test_central_stop (YcTestCentral *central)
{
  if (central->process == NULL)
    return;
  g_subprocess_send_signal (central->process, SIGTERM);
  g_subprocess_wait (central->process, NULL, NULL);
  /* a clean exit on SIGTERM, and under the sanitizers no leak */
  g_assert_true (g_subprocess_get_if_exited (central->process));
  g_assert_cmpint (g_subprocess_get_exit_status (central->process), ==, 0);
  g_clear_object (&central->process);
}

/**
 * yc_test_run:
 * @argv: (element-type filename): the command and its arguments; this
 *   ends it with %NULL
 * @status: (out) (optional): the command's exit status; without it the
 *   command must succeed
 *
 * Runs a command to its end.
 *
 * Returns: (transfer full): what it printed on stdout, and with @status on
 *   stderr too, without the last newline
 */
char *
yc_test_run (GPtrArray *argv,
             int       *status)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  char *out = NULL;

  if (status != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_MERGE;
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    {
      g_assert_true (g_subprocess_get_if_exited (process));
      *status = g_subprocess_get_exit_status (process);
    }
  else
    g_assert_true (g_subprocess_get_successful (process));
  return g_strchomp (out);
}

/**
 * yc_test_central_try:
 * @status: (out) (optional): the command's exit status; without it, as
 *   yc_test_central_run(), the command must succeed
 *
 * Runs a command of yichuang-central on the test's database.
 *
 * Returns: (transfer full): what it printed on stdout, and with @status on
 *   stderr too, without the last newline
 */
char *
yc_test_central_try (YcTestCentral *central,
                     int           *status,
                     const char    *first_arg,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) YC_CENTRAL_BIN);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, central->data_dir);
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  return yc_test_run (argv, status);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Removes a test's temporary folder and everything in it, unless
 * YC_TEST_KEEP asks to keep it. */
void
yc_test_remove_dir (const char *path)
{
  if (path != NULL && !g_getenv ("YC_TEST_KEEP"))
    remove_tree (path);
}

void
yc_test_central_free (YcTestCentral *central)
{
  yc_test_central_stop (central);
  yc_test_remove_dir (central->dir);
  g_free (central->dir);
  g_free (central->certs);
  g_free (central->data_dir);
  g_free (central->url);
  g_free (central->calendar);
  g_strfreev (central->args);
  g_free (central);
}

/* main.c: yichuang-central, the reference central service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "yc-back-office.h"
#include "yc-central-server.h"
#include "yc-central-store.h"
#include "yichuang.h"

static char *address = NULL;
static int port = 8443;
static char *cert_file = NULL;
static char *key_file = NULL;
static char *data_dir = NULL;
static char *catalog_dir = NULL;
static char *calendar_dir = NULL;
static char *department = NULL;
static char *state = NULL;
static gboolean json_output = FALSE;
static char *by = NULL;
static char *reason = NULL;
static char *delivery = NULL;
static char *note = NULL;
static gboolean show_version = FALSE;
static int enroll_per_address = YC_ENROLL_PER_ADDRESS;
static int enroll_total = YC_ENROLL_TOTAL;
static int enroll_window = YC_ENROLL_WINDOW;
static int enroll_lifetime = YC_ENROLL_LIFETIME / 3600;
static char *token_lifetime = NULL;
static char *revoke_station = NULL;
static char *revoke_clerk = NULL;

static GOptionEntry entries[] = {
  { "address", 'a', 0, G_OPTION_ARG_STRING, &address, N_("Listen on this IP address (default 127.0.0.1)"), N_("ADDRESS") },
  { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Listen on this port; 0 picks a free one (default 8443)"), N_("PORT") },
  { "cert", 'c', 0, G_OPTION_ARG_FILENAME, &cert_file, N_("The server certificate, PEM"), N_("FILE") },
  { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_file, N_("The certificate’s private key, PEM"), N_("FILE") },
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Where the service keeps its database"), N_("DIR") },
  { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_dir, N_("The catalog folder to publish"), N_("DIR") },
  { "calendar", 0, 0, G_OPTION_ARG_FILENAME, &calendar_dir, N_("The working-day calendar folder to publish"), N_("DIR") },
  { "department", 0, 0, G_OPTION_ARG_STRING, &department, N_("With “cases”: only this department’s queue"), N_("NAME") },
  { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("With “queue”: only cases in this state"), N_("STATE") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json_output, N_("With “queue”: print JSON"), NULL },
  { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who in the department makes the decision"), N_("NAME") },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("With “reject”: why, as the applicant is told"), N_("TEXT") },
  { "delivery", 0, 0, G_OPTION_ARG_STRING, &delivery, N_("With “result-ready”: window or post"), N_("HOW") },
  { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("With “result-ready”: a note, such as the tracking number"), N_("TEXT") },
  { "enroll-failures", 0, 0, G_OPTION_ARG_INT, &enroll_per_address,
    N_("Wrong enrollment codes from one address before it must wait (default 5)"), N_("N") },
  { "enroll-failures-total", 0, 0, G_OPTION_ARG_INT, &enroll_total,
    N_("Wrong enrollment codes from all addresses together before every enrollment must wait (default 50)"), N_("N") },
  { "enroll-window", 0, 0, G_OPTION_ARG_INT, &enroll_window,
    N_("Seconds over which wrong enrollment codes are counted, and waited out (default 900)"), N_("SECONDS") },
  { "enroll-code-lifetime", 0, 0, G_OPTION_ARG_INT, &enroll_lifetime,
    N_("Hours an enrollment code is good for after it was made; 0 for ever (default 72)"), N_("HOURS") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Print the version and exit"), NULL },
  { "token-lifetime", 0, 0, G_OPTION_ARG_STRING, &token_lifetime,
    N_("How long a clerk’s token is good for after it was issued: days, or a number with d, h, m or s (default 180d)"),
    N_("DURATION") },
  { "station", 0, 0, G_OPTION_ARG_STRING, &revoke_station, N_("With “revoke”: the station whose tokens are revoked"),
    N_("CODE") },
  { "clerk", 0, 0, G_OPTION_ARG_STRING, &revoke_clerk, N_("With “revoke”: only this clerk number of the station"),
    N_("NO") },
  { NULL }
};

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static YcCentralStorage *
open_store (GError **error)
{
  g_autofree char *path = NULL;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create the data directory %s: %s"), data_dir, g_strerror (errno));
      return NULL;
    }
  path = g_build_filename (data_dir, "central.db", NULL);
  return yc_central_store_open (path, error);
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yc_catalog_problem_to_string (g_ptr_array_index (problems, i));
      g_printerr ("%s\n", line);
    }
}

static int
serve (GError **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(YcCalendar) calendar = NULL;
  g_autoptr(YcCentralStorage) store = NULL;
  g_autoptr(YcCentralBlobs) blobs = NULL;
  g_autoptr(YcCentralServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *blobs_dir = NULL;
  g_autofree char *url = NULL;

  /* each answer is in the language its station asks for; LANGUAGE would
   * override that for every one of them */
  g_unsetenv ("LANGUAGE");
  /* a write past a file-size limit set on the service fails (EFBIG) and is
   * answered as the disk's failure, rather than ending the service */
  signal (SIGXFSZ, SIG_IGN);
  if (cert_file == NULL || key_file == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("The service speaks only HTTPS: give --cert and --key"));
      return 2;
    }
  if (!(catalog = yc_catalog_load_directory (catalog_dir, problems, error)) ||
      !(calendar = yc_calendar_load_directory (calendar_dir, problems, error)))
    {
      print_problems (problems);
      return 1;
    }
  if (!(store = open_store (error)))
    return 1;

  blobs_dir = g_build_filename (data_dir, "attachments", NULL);
  if (!(blobs = yc_central_blobs_new (blobs_dir, error)))
    return 1;

  if (enroll_per_address < 1 || enroll_total < 1 || enroll_window < 1 || enroll_lifetime < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--enroll-failures, --enroll-failures-total and --enroll-window take a number of at least 1, "
                     "--enroll-code-lifetime one of at least 0"));
      return 2;
    }
  if (!(server = yc_central_server_new (store, catalog, error)))
    {
      g_prefix_error (error, _("Cannot publish the catalog of %s: "), catalog_dir);
      return 1;
    }
  yc_central_server_set_enroll_policy (server, &(YcEnrollPolicy) { enroll_per_address, enroll_total, enroll_window,
                                                                   (guint) MIN (enroll_lifetime, G_MAXINT / 3600) * 3600 });
  if (token_lifetime != NULL)
    {
      gint64 seconds = yc_central_parse_duration (token_lifetime);

      if (seconds <= 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--token-lifetime takes a number of days, or a number with d, h, m or s such as 12h, not “%s”"),
                       token_lifetime);
          return 2;
        }
      yc_central_server_set_token_lifetime (server, seconds);
    }
  yc_central_server_set_calendar (server, calendar);
  yc_central_server_set_blobs (server, blobs);
  if (!(url = yc_central_server_listen (server, address, port, cert_file, key_file, error)))
    return 1;

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);

  /* tests and the run script read this line to learn the port */
  g_print ("yichuang-central: listening on %s\n", url);
  g_print ("yichuang-central: publishing catalog %s (%u entries)\n",
           yc_catalog_get_version (catalog), g_list_model_get_n_items (G_LIST_MODEL (catalog)));
  g_print ("yichuang-central: publishing the working-day calendar of %u–%u\n",
           yc_calendar_get_first_year (calendar), yc_calendar_get_last_year (calendar));
  fflush (stdout);

  g_main_loop_run (loop);
  return 0;
}

static int
enroll_code (int argc, char **argv, GError **error)
{
  g_autoptr(YcCentralStorage) store = NULL;
  g_autofree char *code = NULL;

  if (argc < 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: yichuang-central enroll-code STATION [STATION-NAME]"));
      return 2;
    }
  if (!(store = open_store (error)) ||
      !(code = yc_central_storage_add_enroll_code (store, argv[2], argc > 3 ? argv[3] : NULL, error)))
    return 1;
  /* shown once: only its hash is kept */
  g_print ("%s\n", code);
  return 0;
}

static int
list_cases (GError **error)
{
  g_autoptr(YcCentralStorage) store = NULL;
  g_autoptr(JsonArray) cases = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  if (!(store = open_store (error)) ||
      !(cases = yc_central_storage_list_cases (store, department, NULL, 0, 0, error)))
    return 1;
  node = json_node_init_array (json_node_alloc (), cases);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return 0;
}

static int
department_token (int argc, char **argv, GError **error)
{
  g_autoptr(YcCentralStorage) store = NULL;
  g_autofree char *token = NULL;

  if (argc != 3 || argv[2][0] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: yichuang-central department-token DEPARTMENT"));
      return 2;
    }
  if (!(store = open_store (error)) ||
      !(token = yc_central_storage_add_department_token (store, argv[2], error)))
    return 1;
  /* shown once: only its hash is kept */
  g_print ("%s\n", token);
  return 0;
}

static int
queue (int argc, char **argv, GError **error)
{
  g_autoptr(YcCentralStorage) store = NULL;
  g_autoptr(JsonArray) cases = NULL;

  if (argc != 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: yichuang-central queue DEPARTMENT [--state STATE] [--json]"));
      return 2;
    }
  if (state != NULL && !yc_back_office_is_state (state))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("“%s” is not a state of a department’s case"), state);
      return 2;
    }
  if (!(store = open_store (error)) ||
      !(cases = yc_central_storage_list_cases (store, argv[2], state, 0, 0, error)))
    return 1;
  if (json_output)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), cases);
      g_autofree char *text = yc_json_to_string (node);

      g_print ("%s\n", text);
      return 0;
    }
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", yc_json_get_string (c, "official_no"), yc_json_get_string (c, "state"),
               yc_json_get_string (c, "case"), yc_json_get_string (c, "code"), yc_json_get_string (c, "received"),
               yc_json_get_string (c, "promised_by") ?: "-");
    }
  return 0;
}

/* accept, approve, reject, result-ready: the same moves as the HTTP API */
static int
act (YcBackOfficeAction action, int argc, char **argv, GError **error)
{
  g_autoptr(YcCentralStorage) store = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonObject) done = NULL;

  if (argc != 3 || by == NULL || by[0] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: yichuang-central %s OFFICIAL_NO --by NAME [--reason TEXT] [--delivery window|post [--note TEXT]]"),
                   argv[1]);
      return 2;
    }
  if (reason)
    json_object_set_string_member (details, "reason", reason);
  if (delivery)
    json_object_set_string_member (details, "delivery", delivery);
  if (note)
    json_object_set_string_member (details, "note", note);
  if (!(store = open_store (error)) ||
      !(done = yc_back_office_act (store, NULL, argv[2], action, by, details, error)))
    return 1;
  g_print ("%s\t%s\n", yc_json_get_string (done, "official_no"), yc_json_get_string (done, "state"));
  return 0;
}

/* `revoke --station CODE [--clerk NO] --reason TEXT`: the station is told
 * the reason at its next request */
static int
revoke_tokens (int argc, char **argv, GError **error)
{
  g_autoptr(YcCentralStorage) store = NULL;
  gint64 n;

  if (argc != 2 || revoke_station == NULL || revoke_station[0] == '\0' || reason == NULL || reason[0] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Usage: yichuang-central revoke --station CODE [--clerk NO] --reason TEXT"));
      return 2;
    }
  if (!(store = open_store (error)) ||
      (n = yc_central_storage_revoke (store, revoke_station, revoke_clerk, reason, error)) < 0)
    return 1;
  if (n == 0)
    {
      if (revoke_clerk != NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     _("Station %s has no clerk %s with a token not yet revoked"), revoke_station, revoke_clerk);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     _("Station %s has no clerk with a token not yet revoked"), revoke_station);
      return 1;
    }
  g_print (ngettext ("Revoked %u token of station %s\n", "Revoked %u tokens of station %s\n", (gulong) n),
           (guint) n, revoke_station);
  return 0;
}

/* `audit verify`: the service's own chain, as `yichuang audit verify` a
 * station's */
static int
audit_command (int argc, char **argv, GError **error)
{
  g_autoptr(YcCentralStorage) store = NULL;
  g_autofree char *head = NULL;
  g_autofree char *count = NULL;
  guint64 n = 0;

  if (argc != 3 || !g_str_equal (argv[2], "verify"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Usage: yichuang-central audit verify"));
      return 2;
    }
  if (!(store = open_store (error)) || !yc_central_storage_verify_audit (store, &n, &head, error))
    return 1;
  g_print (ngettext ("The service’s audit trail holds %s entry, unbroken; its head is %s\n",
                     "The service’s audit trail holds %s entries, unbroken; its head is %s\n", (gulong) MIN (n, G_MAXULONG)),
           (count = g_strdup_printf ("%" G_GUINT64_FORMAT, n)), head ? head : "-");
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *command;
  int status;

  setlocale (LC_ALL, "");
  /* the tests read the translations where the build made them */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YICHUANG_LOCALEDIR") ? g_getenv ("YICHUANG_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* no textdomain (): every string names its domain (gi18n-lib.h), and with
   * a domain of its own set GLib would decide once, from the service's own
   * locale, never to translate, whatever language a station asks for */

  context = g_option_context_new (_("[COMMAND] — the Yichuang central service"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Commands:\n"
      "  serve                          Run the HTTPS service (the default)\n"
      "  enroll-code STATION [NAME]     Make a one-time code with which a clerk of STATION enrolls\n"
      "  cases [--department NAME]      List the cases received, as JSON\n"
      "  department-token DEPARTMENT    Make a token for DEPARTMENT’s back office (shown once)\n"
      "  queue DEPARTMENT [--state S] [--json]   The cases routed to DEPARTMENT\n"
      "  accept OFFICIAL_NO --by NAME   The department takes the case\n"
      "  approve OFFICIAL_NO --by NAME  The department approves it\n"
      "  reject OFFICIAL_NO --by NAME --reason TEXT   The department rejects it (不予许可)\n"
      "  result-ready OFFICIAL_NO --by NAME --delivery window|post [--note TEXT]\n"
      "                                 The result waits at the window or goes by post\n"
      "  revoke --station CODE [--clerk NO] --reason TEXT   Revoke the station’s tokens; it is told why\n"
      "  audit verify                   Check the service’s own hash-chained audit trail\n"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("yichuang-central: %s\n", error->message);
      return 2;
    }
  if (show_version)
    {
      g_print ("yichuang-central %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (address == NULL)
    address = g_strdup ("127.0.0.1");
  if (data_dir == NULL)
    data_dir = g_build_filename (g_get_user_data_dir (), "yichuang-central", NULL);
  if (catalog_dir == NULL)
    catalog_dir = g_build_filename (PKGDATADIR, "catalog", NULL);
  if (calendar_dir == NULL)
    calendar_dir = g_build_filename (PKGDATADIR, "calendar", NULL);

  command = argc > 1 ? argv[1] : "serve";
  if (g_str_equal (command, "serve"))
    status = serve (&error);
  else if (g_str_equal (command, "enroll-code"))
    status = enroll_code (argc, argv, &error);
  else if (g_str_equal (command, "cases"))
    status = list_cases (&error);
  else if (g_str_equal (command, "department-token"))
    status = department_token (argc, argv, &error);
  else if (g_str_equal (command, "queue"))
    status = queue (argc, argv, &error);
  else if (g_str_equal (command, "revoke"))
    status = revoke_tokens (argc, argv, &error);
  else if (g_str_equal (command, "audit"))
    status = audit_command (argc, argv, &error);
  else if (yc_back_office_action_from_string (command) != YC_BACK_OFFICE_NONE)
    status = act (yc_back_office_action_from_string (command), argc, argv, &error);
  else
    {
      g_printerr (_("yichuang-central: unknown command “%s”; see --help\n"), command);
      return 2;
    }
  if (error != NULL)
    g_printerr ("yichuang-central: %s\n", error->message);
  return status;
}

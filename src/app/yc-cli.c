/* yc-cli.c: the commands for support at a station
 *
 * They run without a window or a display, on the same profile and with the
 * same core as the window does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-application.h"
#include "yc-cli.h"

static const char *commands[] = { "enroll", "sync", "outbox", "case", NULL };

/* Reads `--data-dir DIR`, `--data-dir=DIR`, `-d DIR` or `-dDIR` at
 * @argv[*i]; moves @i past it. */
static gboolean
take_data_dir (int     argc,
               char  **argv,
               int    *i,
               char  **data_dir)
{
  const char *arg = argv[*i];
  const char *value = NULL;

  if ((g_str_equal (arg, "--data-dir") || g_str_equal (arg, "-d")) && *i + 1 < argc)
    value = argv[++*i];
  else if (g_str_has_prefix (arg, "--data-dir="))
    value = arg + strlen ("--data-dir=");
  else if (g_str_has_prefix (arg, "-d") && arg[2] != '\0')
    value = arg + 2;
  else
    return FALSE;
  if (data_dir != NULL)
    {
      g_free (*data_dir);
      *data_dir = g_strdup (value);
    }
  return TRUE;
}

/**
 * yc_cli_find_command:
 *
 * The profile's folder may be named before the command or after it:
 * `yichuang --data-dir D outbox` and `yichuang outbox --data-dir D` are
 * one command.
 *
 * Returns: whether @argv holds a support command, rather than options
 *   for the window
 */
gboolean
yc_cli_find_command (int    argc,
                     char **argv)
{
  for (int i = 1; i < argc; i++)
    if (!take_data_dir (argc, argv, &i, NULL))
      return g_strv_contains (commands, argv[i]);
  return FALSE;
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Wait;

static void
on_enroll_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Wait *wait = user_data;

  yc_sync_enroll_finish (YC_SYNC (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  yc_sync_run_finish (YC_SYNC (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
report (const char *command,
        GError     *error)
{
  g_printerr ("yichuang %s: %s\n", command, error->message);
  g_error_free (error);
  return 1;
}

static int
run_enroll (YcSync *sync, int argc, char **argv)
{
  g_autofree char *server = NULL, *ca = NULL, *station = NULL, *code = NULL, *clerk = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL };

  for (int i = 1; i + 1 < argc; i += 2)
    {
      char **target = g_str_equal (argv[i], "--server") ? &server :
                      g_str_equal (argv[i], "--ca") ? &ca :
                      g_str_equal (argv[i], "--station") ? &station :
                      g_str_equal (argv[i], "--code") ? &code :
                      g_str_equal (argv[i], "--clerk") ? &clerk : NULL;
      if (target == NULL)
        break;
      g_free (*target);
      *target = g_strdup (argv[i + 1]);
    }
  if (!server || !ca || !station || !code || !clerk)
    {
      g_printerr (_("Usage: yichuang enroll --server URL --ca FILE --station CODE --code CODE --clerk NAME\n"));
      return 2;
    }
  yc_sync_enroll_async (sync, server, ca, station, code, clerk, NULL, on_enroll_done_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    return report ("enroll", wait.error);
  g_print (_("Enrolled clerk %s of station %s with %s\n"), clerk, station, server);
  return 0;
}

static int
run_sync (YcCaseStore *store, YcSync *sync)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL };
  g_autoptr(GDateTime) oldest = NULL;
  guint waiting;

  yc_sync_load_cached_catalog (sync, NULL);
  yc_sync_run_async (sync, NULL, on_sync_done_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    return report ("sync", wait.error);
  waiting = yc_case_store_outbox_count (store, &oldest);
  g_print (_("Synchronized; catalog %s; %u events waiting\n"),
           yc_sync_get_catalog (sync) ? yc_catalog_get_version (yc_sync_get_catalog (sync)) : "-", waiting);
  return 0;
}

static int
run_outbox (YcCaseStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = yc_case_store_outbox_peek (store, G_MAXINT, &error);

  if (entries == NULL)
    return report ("outbox", g_steal_pointer (&error));
  for (guint i = 0; i < entries->len; i++)
    {
      YcOutboxEntry *e = g_ptr_array_index (entries, i);

      g_print ("%s\t%s\t%s\t%s\t%u\n", e->uuid, e->case_id,
               json_object_get_string_member (e->event, "type"),
               json_object_get_string_member (e->event, "at"), e->attempts);
    }
  g_print (ngettext ("%u event waiting\n", "%u events waiting\n", entries->len), entries->len);
  return 0;
}

/* `--set FIELD=@FILE` on an attachment field attaches the file as the
 * window's file chooser does: it is kept in the profile and the value
 * becomes its SHA-256. @uses gets, for each, the new assignment, the
 * field, the scan and its material, to record once the case exists. */
static gboolean
attach_files (YcCaseStore  *store,
              YcForm       *form,
              GPtrArray    *values,
              GPtrArray    *uses,
              GError      **error)
{
  /* @values ends in NULL */
  for (guint i = 0; g_ptr_array_index (values, i) != NULL; i++)
    {
      const char *assignment = g_ptr_array_index (values, i);
      const char *at = strstr (assignment, "=@");
      g_autofree char *key = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *sha256 = NULL;
      const YcFormField *field;

      if (at == NULL)
        continue;
      key = g_strndup (assignment, at - assignment);
      if (!(field = yc_form_lookup_field (form, key)) || field->type != YC_FIELD_TYPE_ATTACHMENT)
        continue;
      file = g_file_new_for_commandline_arg (at + 2);
      if (!(sha256 = yc_attachments_add_file (store, file, NULL, NULL, error)))
        {
          g_prefix_error (error, "--set %s: ", key);
          return FALSE;
        }
      /* the assignment that replaces it lives as long as @uses */
      g_ptr_array_index (values, i) = g_strconcat (key, "=", sha256, NULL);
      g_ptr_array_add (uses, g_ptr_array_index (values, i));
      g_ptr_array_add (uses, g_steal_pointer (&key));
      g_ptr_array_add (uses, g_steal_pointer (&sha256));
      g_ptr_array_add (uses, g_strdup (yc_form_field_get_material (field)));
    }
  return TRUE;
}

/* Takes a case exactly as the window would, for scripted intake: the same
 * form engine fills and checks it, the same intake event records it. */
static int
run_case_new (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) materials = g_ptr_array_new ();
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autofree char *case_id = NULL;
  const char *item = NULL, *decision_text = NULL, *reason = NULL, *advice = NULL;
  YcDecision decision;
  GPtrArray *checklist;

  for (int i = 2; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--item"))
        item = argv[i + 1];
      else if (g_str_equal (argv[i], "--answer"))
        g_ptr_array_add (answers, argv[i + 1]);
      else if (g_str_equal (argv[i], "--set"))
        g_ptr_array_add (values, argv[i + 1]);
      else if (g_str_equal (argv[i], "--material"))
        g_ptr_array_add (materials, argv[i + 1]);
      else if (g_str_equal (argv[i], "--decision"))
        decision_text = argv[i + 1];
      else if (g_str_equal (argv[i], "--reason"))
        reason = argv[i + 1];
      else if (g_str_equal (argv[i], "--advice"))
        advice = argv[i + 1];
      else
        break;
    }
  g_ptr_array_add (answers, NULL);
  g_ptr_array_add (values, NULL);
  g_ptr_array_add (materials, NULL);
  decision = yc_decision_from_string (decision_text);
  if (item == NULL || decision == YC_DECISION_NONE || argc % 2 != 0)
    {
      g_printerr (_("Usage: yichuang case new --item CODE [--answer Q=V …] [--set FIELD=VALUE|@FILE …] "
                    "[--material ID=received|missing …] --decision accept|rongque|notify|reject "
                    "[--reason TEXT --advice TEXT]\n"));
      return 2;
    }

  if (!yc_sync_load_cached_catalog (sync, &error) ||
      !(form = yc_form_new (yc_sync_get_catalog (sync), item, &error)) ||
      !attach_files (store, form, values, uses, &error) ||
      !yc_form_fill (form, (const char * const *) answers->pdata, (const char * const *) values->pdata,
                     (const char * const *) materials->pdata, NULL, &error))
    return report ("case new", g_steal_pointer (&error));

  /* a material not named missing was received, as the clerk ticks it */
  checklist = yc_form_get_materials (form);
  for (guint i = 0; i < checklist->len; i++)
    if (((YcFormMaterial *) g_ptr_array_index (checklist, i))->status == YC_MATERIAL_PENDING)
      yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (checklist, i))->id,
                                   YC_MATERIAL_RECEIVED);

  /* refused here as yc_intake_submit() would refuse it, every problem at
   * once, before a draft is made */
  problems = yc_decision_check (form, decision, reason, advice);
  for (guint i = 0; i < problems->len; i++)
    {
      YcFormProblem *p = g_ptr_array_index (problems, i);
      g_printerr ("yichuang case new: %s: %s\n", p->key, p->message);
    }
  if (problems->len > 0)
    return 1;

  if (!(case_id = yc_case_store_new_draft (store, item, yc_form_get_name (form), yc_form_get_version (form), &error)))
    return report ("case new", g_steal_pointer (&error));
  /* saved as the window saves it, so that the case has its applicant's
   * name in lists and searches */
  saved = yc_form_save (form);
  json_object_set_string_member (saved, "catalog_version", yc_catalog_get_version (yc_sync_get_catalog (sync)));
  if (!yc_case_store_save_draft (store, case_id, saved, yc_form_get_applicant (form), &error))
    return report ("case new", g_steal_pointer (&error));
  for (guint i = 0; i + 3 < uses->len; i += 4)
    if (!yc_attachments_use (store, g_ptr_array_index (uses, i + 2), case_id, g_ptr_array_index (uses, i + 1),
                             g_ptr_array_index (uses, i + 3), &error))
      return report ("case new", g_steal_pointer (&error));
  if (!yc_intake_submit_dated (store, case_id, form, decision, reason, advice,
                               yc_sync_get_calendar (sync), NULL, &error))
    return report ("case new", g_steal_pointer (&error));
  g_print ("%s\n", case_id);
  return 0;
}

/* as many as the window shows */
#define SEARCH_LIMIT 50

/* The thresholds of the 红黄牌 the window uses; where the settings'
 * schema is not installed, its defaults. */
static void
get_light_days (guint *yellow_days,
                guint *red_days)
{
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  g_autoptr(GSettings) settings = NULL;

  *yellow_days = YC_CASE_LIGHT_YELLOW_DAYS;
  *red_days = YC_CASE_LIGHT_RED_DAYS;
  if (schema == NULL)
    return;
  settings = g_settings_new (APP_ID);
  *yellow_days = g_settings_get_uint (settings, "yellow-card-days");
  *red_days = g_settings_get_uint (settings, "red-card-days");
}

static int
run_case (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseList) cases = NULL;
  gboolean json = FALSE;
  const char *query = NULL;
  const char *filter_name = NULL;
  YcCaseFilter filter = YC_CASE_FILTER_ALL;
  guint yellow_days = 0, red_days = 0;
  GDate today;
  gboolean usage = argc < 2 || !g_str_equal (argv[1], "list");

  if (argc >= 2 && g_str_equal (argv[1], "new"))
    return run_case_new (store, sync, argc, argv);
  for (int i = 2; i < argc && !usage; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--search") && i + 1 < argc)
        query = argv[++i];
      else if (g_str_equal (argv[i], "--filter") && i + 1 < argc)
        filter_name = argv[++i];
      else
        usage = TRUE;
    }
  if (usage || (query && filter_name))
    {
      g_printerr (_("Usage: yichuang case list [--search TEXT | --filter today|mine|waiting|overdue|all] [--json]"
                    " | case new --item CODE …\n"));
      return 2;
    }
  if (filter_name && !yc_case_filter_from_string (filter_name, &filter))
    {
      g_printerr (_("yichuang case list: there is no filter “%s”: say today, mine, waiting, overdue or all\n"),
                  filter_name);
      return 2;
    }
  yc_today (&today);
  if (filter_name)
    {
      g_autofree char *me = yc_case_store_get_meta (store, "clerk");

      get_light_days (&yellow_days, &red_days);
      cases = yc_case_list_new_filtered (store, filter, me, &today);
    }
  else
    {
      /* without a query, every case */
      cases = yc_case_list_new_search (store, query ? SEARCH_LIMIT : G_MAXUINT);
      if (!yc_case_list_set_query (cases, query, &error))
        return report ("case", g_steal_pointer (&error));
    }
  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cases)); i++)
        {
          g_autoptr(YcCase) c = g_list_model_get_item (G_LIST_MODEL (cases), i);
          JsonObject *o = yc_case_to_json (c);

          if (filter_name)
            json_object_set_string_member (o, "light",
                                           yc_case_light_to_string (yc_case_get_light (c, yc_sync_get_calendar (sync),
                                                                                       &today, yellow_days, red_days)));
          json_array_add_object_element (array, o);
        }
      node = json_node_init_array (json_node_alloc (), array);
      text = yc_json_to_string (node);
      g_print ("%s\n", text);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cases)); i++)
    {
      g_autoptr(YcCase) c = g_list_model_get_item (G_LIST_MODEL (cases), i);
      g_autofree char *state = yc_case_describe (c);

      g_print ("%s\t%s\t%s\t%s\t%s", yc_case_get_id (c), state,
               yc_case_get_official_no (c) ? yc_case_get_official_no (c) : "-", yc_case_get_name (c),
               yc_case_get_applicant (c) ? yc_case_get_applicant (c) : "");
      /* the light in words, after what the plain list prints */
      if (filter_name)
        {
          YcCaseLight light = yc_case_get_light (c, yc_sync_get_calendar (sync), &today, yellow_days, red_days);

          g_print ("\t%s\t%s", yc_case_get_promised_by (c) ? yc_case_get_promised_by (c) : "-",
                   yc_case_light_get_label (light));
        }
      g_print ("\n");
    }
  return 0;
}

/**
 * yc_cli_run:
 *
 * Runs a support command: `yichuang [--data-dir DIR] COMMAND ...`, the
 * folder named anywhere.
 *
 * Returns: the exit status
 */
int
yc_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(YcSync) sync = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *command;

  for (int i = 1; i < argc; i++)
    if (!take_data_dir (argc, argv, &i, &data_dir))
      g_ptr_array_add (args, argv[i]);
  g_return_val_if_fail (args->len > 0 && g_strv_contains (commands, g_ptr_array_index (args, 0)), 2);
  command = g_ptr_array_index (args, 0);

  path = yc_profile_path (data_dir);
  if (!(store = yc_case_store_open (path, &error)))
    return report (command, g_steal_pointer (&error));
  sync = yc_sync_new (store);

  if (g_str_equal (command, "enroll"))
    return run_enroll (sync, args->len, (char **) args->pdata);
  if (g_str_equal (command, "sync"))
    return run_sync (store, sync);
  if (g_str_equal (command, "outbox"))
    return run_outbox (store);
  return run_case (store, sync, args->len, (char **) args->pdata);
}

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

/* `case new --helper-name N --helper-id ID [--helper-relation R |
 * --authorisation MATERIAL_ID] [--handed-over ID …]`: the helper who acts
 * for the applicant (帮办代办), as the intake's "helper" */
static gboolean
take_helper_option (JsonObject *helper,
                    const char *option,
                    const char *value)
{
  const struct { const char *option; const char *member; } members[] = {
    { "--helper-name", "name" }, { "--helper-id", "id_number" },
    { "--helper-relation", "relation" }, { "--authorisation", "authorisation" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_str_equal (option, members[i].option))
      {
        json_object_set_string_member (helper, members[i].member, value);
        return TRUE;
      }
  if (!g_str_equal (option, "--handed-over"))
    return FALSE;
  if (!json_object_has_member (helper, "handed_over"))
    json_object_set_array_member (helper, "handed_over", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (helper, "handed_over"), value);
  return TRUE;
}

/* The helper checked, by the rule the intake is checked with, before a
 * draft is made, so that a mistyped ID number leaves nothing behind. */
static gboolean
check_helper_first (YcForm     *form,
                    JsonObject *helper)
{
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  if (json_object_get_size (helper) == 0)
    return TRUE;
  data = json_object_new ();
  json_object_set_object_member (data, "form", yc_form_save (form));
  json_object_set_object_member (data, "helper", json_object_ref (helper));
  if (yc_case_log_check_intake (NULL, data, &field, &error))
    return TRUE;
  g_printerr ("yichuang case new: %s: %s\n", field, error->message);
  return FALSE;
}

/* Takes a case exactly as the window would, for scripted intake: the same
 * form engine fills and checks it, the same intake event records it. */
static int
run_case_new (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) materials = g_ptr_array_new ();
  g_autoptr(GPtrArray) supplies = g_ptr_array_new ();
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(JsonObject) helper = json_object_new ();
  const char *item = NULL, *decision_text = NULL, *reason = NULL, *advice = NULL;
  YcDecision decision;
  GPtrArray *checklist;
  gboolean commitment = FALSE;
  gboolean usage = FALSE;

  for (int i = 2; i < argc && !usage; i++)
    {
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;

      if (g_str_equal (argv[i], "--commitment"))
        {
          commitment = TRUE;
          continue;
        }
      if (value == NULL)
        usage = TRUE;
      else if (g_str_equal (argv[i], "--item"))
        item = value;
      else if (g_str_equal (argv[i], "--answer"))
        g_ptr_array_add (answers, (char *) value);
      else if (g_str_equal (argv[i], "--set"))
        g_ptr_array_add (values, (char *) value);
      else if (g_str_equal (argv[i], "--material"))
        g_ptr_array_add (materials, (char *) value);
      else if (g_str_equal (argv[i], "--supply"))
        g_ptr_array_add (supplies, (char *) value);
      else if (g_str_equal (argv[i], "--decision"))
        decision_text = value;
      else if (g_str_equal (argv[i], "--reason"))
        reason = value;
      else if (g_str_equal (argv[i], "--advice"))
        advice = value;
      else if (!take_helper_option (helper, argv[i], value))
        usage = TRUE;
      i++;
    }
  g_ptr_array_add (answers, NULL);
  g_ptr_array_add (values, NULL);
  g_ptr_array_add (materials, NULL);
  g_ptr_array_add (supplies, NULL);
  decision = yc_decision_from_string (decision_text);
  if (item == NULL || decision == YC_DECISION_NONE || usage)
    {
      g_printerr (_("Usage: yichuang case new --item CODE [--answer Q=V …] [--set FIELD=VALUE|@FILE …] "
                    "[--material ID=received|original|copy-with-original|copy|scan|e-licence|commitment|missing|defective:REASON …] "
                    "[--supply ID=FORM[@YYYY-MM-DD] … --commitment] --decision accept|rongque|notify|reject "
                    "[--reason TEXT --advice TEXT] [--helper-name NAME --helper-id ID "
                    "(--helper-relation TEXT | --authorisation MATERIAL_ID) [--handed-over MATERIAL_ID …]]\n"));
      return 2;
    }

  if (!yc_sync_load_cached_catalog (sync, &error) ||
      !(form = yc_form_new (yc_sync_get_catalog (sync), item, &error)) ||
      !attach_files (store, form, values, uses, &error) ||
      !yc_form_fill (form, (const char * const *) answers->pdata, (const char * const *) values->pdata,
                     (const char * const *) materials->pdata, NULL, &error) ||
      !yc_form_fill_supply (form, (const char * const *) supplies->pdata, &error))
    return report ("case new", g_steal_pointer (&error));
  /* the applicant signed the 容缺受理承诺书 */
  yc_form_set_commitment_signed (form, commitment);

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
  if (!check_helper_first (form, helper))
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
  if (!yc_intake_submit_helped (store, case_id, form, decision, reason, advice,
                                json_object_get_size (helper) > 0 ? helper : NULL,
                                yc_sync_get_calendar (sync), NULL, &error))
    return report ("case new", g_steal_pointer (&error));
  g_print ("%s\n", case_id);
  return 0;
}

/* `yichuang case show CASE`: the timeline, one line an event (when, who,
 * where, what), and the steps that fit now */
static int
run_case_show (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) c = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(YcCaseLog) log = NULL;
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(JsonArray) supply = NULL;
  g_autofree char *state = NULL;
  GDate due;

  if (argc != 3)
    {
      g_printerr (_("Usage: yichuang case show CASE\n"));
      return 2;
    }
  if (!(c = yc_case_store_get_case (store, argv[2], &error)) ||
      !(events = yc_case_store_get_events (store, argv[2], &error)) ||
      !(log = yc_case_store_get_log (store, argv[2], &error)))
    return report ("case show", g_steal_pointer (&error));
  state = yc_case_describe (c);
  g_print ("%s\t%s\t%s\t%s\n", yc_case_get_id (c), state,
           yc_case_get_official_no (c) ? yc_case_get_official_no (c) : "-", yc_case_get_name (c));
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      g_autofree char *what = yc_case_event_describe (event);

      g_print ("%s\t%s\t%s\t%s\n", yc_json_get_string (event, "at"), yc_json_get_string (event, "actor"),
               yc_json_get_string (event, "station"), what);
    }
  if (yc_case_log_get_helper_name (log))
    g_print (_("Carried by the helper %s\n"), yc_case_log_get_helper_name (log));
  if (g_strcmp0 (yc_case_log_get_waiting (log), "notify") == 0)
    g_print (_("Waits for 补正: the applicant was told what is missing\n"));
  supply = yc_case_log_get_open_supply (log);
  for (guint i = 0; i < json_array_get_length (supply); i++)
    {
      JsonObject *due_material = json_array_get_object_element (supply, i);

      /* TRANSLATORS: a 容缺 material still due, and the day it is due by */
      g_print (_("To be supplied: %s, by %s\n"), yc_json_get_string (due_material, "name"),
               yc_json_get_string (due_material, "by") ? yc_json_get_string (due_material, "by") : "-");
    }
  if (yc_case_log_get_follow_up (log, &due))
    {
      g_autofree char *text = yc_date_format (&due);

      g_print (_("Follow-up due by %s\n"), text);
    }
  next = yc_case_log_next_steps (log);
  for (guint i = 0; i < next->len; i++)
    /* TRANSLATORS: a step that fits the case now, and its name on the command line */
    g_print (_("Next: %s (%s)\n"), yc_case_step_label (g_ptr_array_index (next, i)),
             (const char *) g_ptr_array_index (next, i));
  return 0;
}

/* The steps' options, `--option VALUE` each, into @data; returns the
 * option it does not know, or NULL. */
typedef struct
{
  const char *option;
  const char *member;  /* NULL: the command reads it itself */
} StepOption;

static const char *
take_step_options (JsonObject       *data,
                   const StepOption *options,
                   guint             n_options,
                   int               argc,
                   char            **argv,
                   GPtrArray        *others)
{
  for (int i = 3; i < argc; i++)
    {
      const StepOption *found = NULL;

      for (guint j = 0; j < n_options && found == NULL; j++)
        if (g_str_equal (argv[i], options[j].option))
          found = &options[j];
      if (found == NULL)
        return argv[i];
      if (found->member == NULL && i + 1 >= argc)
        return argv[i];
      if (found->member == NULL)
        {
          g_ptr_array_add (others, argv[i]);
          g_ptr_array_add (others, argv[++i]);
          continue;
        }
      if (i + 1 >= argc)
        return argv[i];
      json_object_set_string_member (data, found->member, argv[++i]);
    }
  return NULL;
}

static int
add_step (YcCaseStore *store,
          YcSync      *sync,
          const char  *command,
          const char  *case_id,
          const char  *type,
          JsonObject  *data)
{
  g_autoptr(GError) error = NULL;

  yc_sync_load_cached_catalog (sync, NULL);
  if (!yc_case_store_add_step (store, case_id, type, NULL, NULL, data, yc_sync_get_calendar (sync), &error))
    return report (command, g_steal_pointer (&error));
  g_print ("%s\n", case_id);
  return 0;
}

/* `case supplement CASE --material ID=FORM …` */
static int
run_case_supplement (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  const StepOption options[] = { { "--material", NULL } };
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  JsonArray *materials = json_array_new ();

  json_object_set_array_member (data, "materials", materials);
  if (argc < 3 || take_step_options (data, options, G_N_ELEMENTS (options), argc, argv, others) || others->len == 0)
    {
      g_printerr (_("Usage: yichuang case supplement CASE --material ID=FORM …\n"
                    "  FORM: original, copy-with-original, copy, scan, e-licence or commitment\n"));
      return 2;
    }
  for (guint i = 1; i < others->len; i += 2)
    {
      const char *assignment = g_ptr_array_index (others, i);
      const char *eq = strchr (assignment, '=');
      g_autofree char *id = eq ? g_strndup (assignment, eq - assignment) : NULL;
      JsonObject *m;

      if (eq == NULL || id[0] == '\0')
        {
          g_printerr (_("yichuang case supplement: --material %s: write ID=FORM\n"), assignment);
          return 2;
        }
      m = json_object_new ();
      json_object_set_string_member (m, "id", id);
      json_object_set_string_member (m, "form", eq + 1);
      json_array_add_object_element (materials, m);
    }
  return add_step (store, sync, "case supplement", argv[2], YC_EVENT_SUPPLEMENT, data);
}

/* `case deliver CASE --window --collector NAME --id-number N | --post
 * --carrier C --tracking T`; at the window the clerk compares the card
 * with the person before the command is run, so it says id_checked */
static int
run_case_deliver (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  const StepOption options[] = {
    { "--collector", "collector" }, { "--id-number", "id_number" },
    { "--carrier", "carrier" }, { "--tracking", "tracking" },
  };
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *how = NULL;

  /* --window and --post take no value */
  for (int i = 0; i < argc; i++)
    {
      if (i >= 3 && (g_str_equal (argv[i], "--window") || g_str_equal (argv[i], "--post")))
        how = how ? "" : argv[i] + 2;
      else
        g_ptr_array_add (args, argv[i]);
    }
  if (argc < 3 || how == NULL || how[0] == '\0' ||
      take_step_options (data, options, G_N_ELEMENTS (options), args->len, (char **) args->pdata, others))
    {
      g_printerr (_("Usage: yichuang case deliver CASE --window --collector NAME --id-number N\n"
                    "       yichuang case deliver CASE --post --carrier CARRIER --tracking NUMBER\n"));
      return 2;
    }
  json_object_set_string_member (data, "how", how);
  if (g_str_equal (how, "window"))
    json_object_set_boolean_member (data, "id_checked", TRUE);
  return add_step (store, sync, "case deliver", argv[2], YC_EVENT_DELIVERED, data);
}

/* `case evaluate CASE --rating R [--category C --reason T]` */
static int
run_case_evaluate (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  const StepOption options[] = { { "--rating", "rating" }, { "--category", "category" }, { "--reason", "reason" } };
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  if (argc < 3 || take_step_options (data, options, G_N_ELEMENTS (options), argc, argv, others))
    {
      g_printerr (_("Usage: yichuang case evaluate CASE --rating very-satisfied|satisfied|basic|unsatisfied|very-unsatisfied "
                    "[--category attitude|efficiency|told-incompletely|asked-again|other --reason TEXT]\n"));
      return 2;
    }
  return add_step (store, sync, "case evaluate", argv[2], YC_EVENT_EVALUATED, data);
}

/* `case follow-up CASE --note T` */
static int
run_case_follow_up (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  const StepOption options[] = { { "--note", "note" } };
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  if (argc < 3 || take_step_options (data, options, G_N_ELEMENTS (options), argc, argv, others))
    {
      g_printerr (_("Usage: yichuang case follow-up CASE --note TEXT\n"));
      return 2;
    }
  return add_step (store, sync, "case follow-up", argv[2], YC_EVENT_FOLLOWED, data);
}

/* `case handover CASE --to NAME --to-id N [--material ID …] [--note T]` */
static int
run_case_handover (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  const StepOption options[] = {
    { "--to", NULL }, { "--to-id", NULL }, { "--material", NULL }, { "--note", "note" },
  };
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  JsonObject *to = json_object_new ();
  JsonArray *materials = json_array_new ();

  json_object_set_object_member (data, "to", to);
  json_object_set_array_member (data, "materials", materials);
  if (argc < 3 || take_step_options (data, options, G_N_ELEMENTS (options), argc, argv, others))
    {
      g_printerr (_("Usage: yichuang case handover CASE --to NAME --to-id ID_NUMBER [--material ID …] [--note TEXT]\n"));
      return 2;
    }
  for (guint i = 0; i + 1 < others->len; i += 2)
    {
      const char *option = g_ptr_array_index (others, i);
      const char *value = g_ptr_array_index (others, i + 1);

      if (g_str_equal (option, "--to"))
        json_object_set_string_member (to, "name", value);
      else if (g_str_equal (option, "--to-id"))
        json_object_set_string_member (to, "id_number", value);
      else
        json_array_add_string_element (materials, value);
    }
  return add_step (store, sync, "case handover", argv[2], YC_EVENT_HANDOVER, data);
}

/* `case decide-again CASE [--set FIELD=VALUE …] [--material ID=received|missing …]
 * --decision D [--reason T --advice T]`: a case told what is missing
 * (一次性告知), reopened with what the citizen brought and decided again,
 * as the window does it on the same case */
static int
run_case_decide_again (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) materials = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char *decision_text = NULL, *reason = NULL, *advice = NULL;
  YcDecision decision;

  for (int i = 3; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--set"))
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
  g_ptr_array_add (values, NULL);
  g_ptr_array_add (materials, NULL);
  decision = yc_decision_from_string (decision_text);
  if (argc < 3 || decision == YC_DECISION_NONE || argc % 2 != 1)
    {
      g_printerr (_("Usage: yichuang case decide-again CASE [--set FIELD=VALUE …] [--material ID=received|missing …] "
                    "--decision accept|rongque|notify|reject [--reason TEXT --advice TEXT]\n"));
      return 2;
    }
  if (!yc_sync_load_cached_catalog (sync, &error) ||
      !(saved = yc_case_store_reopen (store, argv[2], &error)) ||
      !(form = yc_form_new_from_saved (yc_sync_get_catalog (sync), saved, &error)) ||
      !yc_form_fill (form, NULL, (const char * const *) values->pdata,
                     (const char * const *) materials->pdata, NULL, &error))
    return report ("case decide-again", g_steal_pointer (&error));
  problems = yc_decision_check (form, decision, reason, advice);
  for (guint i = 0; i < problems->len; i++)
    {
      YcFormProblem *p = g_ptr_array_index (problems, i);
      g_printerr ("yichuang case decide-again: %s: %s\n", p->key, p->message);
    }
  if (problems->len > 0)
    return 1;
  draft = yc_form_save (form);
  if (!yc_case_store_save_draft (store, argv[2], draft, yc_form_get_applicant (form), &error) ||
      !yc_intake_submit_helped (store, argv[2], form, decision, reason, advice, NULL,
                                yc_sync_get_calendar (sync), NULL, &error))
    return report ("case decide-again", g_steal_pointer (&error));
  g_print ("%s\n", argv[2]);
  return 0;
}

/* Where `case print` writes one document: --output names the file when
 * one document is printed and a folder when several are; without it, the
 * current folder. */
static char *
print_path (const char     *output,
            gboolean        several,
            const char     *case_id,
            YcDocumentKind  kind,
            gboolean        copy)
{
  g_autofree char *name = g_strdup_printf ("%s-%s%s.pdf", case_id, yc_document_kind_to_string (kind),
                                           copy ? "-copy" : "");

  if (output != NULL && !several)
    return g_strdup (output);
  return g_build_filename (output ? output : ".", name, NULL);
}

/* `case print CASE [--document KIND] [--output PATH] [--signature
 * ROLE=FILE …]`: issues each document the case prints now (a reprint,
 * marked as a copy and signed as first issued, when it was issued before)
 * and writes it as PDF, one line a document: the file, its kind and its
 * SHA-256 */
static int
run_case_print (YcCaseStore *store, YcSync *sync, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseLog) log = NULL;
  g_autoptr(GArray) kinds = NULL;
  const char *kind_text = NULL, *output = NULL;
  YcDocumentKind kind;

  g_autoptr(GPtrArray) signatures = g_ptr_array_new ();

  for (int i = 3; i < argc; i += 2)
    {
      if (i + 1 < argc && g_str_equal (argv[i], "--document"))
        kind_text = argv[i + 1];
      else if (i + 1 < argc && g_str_equal (argv[i], "--output"))
        output = argv[i + 1];
      else if (i + 1 < argc && g_str_equal (argv[i], "--signature") && strchr (argv[i + 1], '=') != NULL)
        g_ptr_array_add (signatures, argv[i + 1]);
      else
        argc = 0;
    }
  if (argc < 3)
    {
      g_printerr (_("Usage: yichuang case print CASE [--document KIND] [--output FILE.pdf|FOLDER] "
                    "[--signature ROLE=STROKES.json …]\n"));
      return 2;
    }
  if (kind_text != NULL && !yc_document_kind_from_string (kind_text, &kind))
    {
      g_printerr (_("yichuang case print: there is no document “%s”: say receipt, notice-rongque, "
                    "rongque-commitment, commitment, notice-once, notice-reject or handover\n"), kind_text);
      return 2;
    }
  if (!yc_sync_load_cached_catalog (sync, &error) ||
      !(log = yc_case_store_get_log (store, argv[2], &error)))
    return report ("case print", g_steal_pointer (&error));
  if (kind_text != NULL)
    {
      kinds = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (kinds, kind);
    }
  else if ((kinds = yc_document_kinds_for_case (log, yc_sync_get_catalog (sync)))->len == 0)
    {
      g_printerr (_("yichuang case print: case %s prints no document: it has no decision yet\n"), argv[2]);
      return 1;
    }
  if (output != NULL && kinds->len > 1 && !g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      g_printerr (_("yichuang case print: case %s prints %u documents: --output must name a folder\n"), argv[2],
                  kinds->len);
      return 2;
    }
  for (guint i = 0; i < kinds->len; i++)
    {
      g_autoptr(YcDocument) doc = NULL;
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *sha256 = NULL;
      g_autofree char *path = NULL;

      kind = g_array_index (kinds, guint, i);
      if (!(doc = yc_document_new_for_case (store, argv[2], kind, yc_sync_get_catalog (sync),
                                            yc_sync_get_calendar (sync), &error)))
        return report ("case print", g_steal_pointer (&error));
      /* strokes signed elsewhere (a tablet's export), for the roles that sign this one */
      for (guint j = 0; j < signatures->len && !yc_document_is_copy (doc); j++)
        {
          g_autofree char *role = g_strndup (g_ptr_array_index (signatures, j),
                                             strchr (g_ptr_array_index (signatures, j), '=') -
                                             (char *) g_ptr_array_index (signatures, j));
          const char *file = strchr (g_ptr_array_index (signatures, j), '=') + 1;
          g_autoptr(GPtrArray) signers = yc_document_get_signers (doc);
          g_autofree char *text = NULL;
          g_autoptr(JsonNode) strokes = NULL;

          if (!g_ptr_array_find_with_equal_func (signers, role, g_str_equal, NULL))
            continue;
          if (!g_file_get_contents (file, &text, NULL, &error) || !(strokes = yc_json_from_string (text, &error)))
            return report ("case print", g_steal_pointer (&error));
          if (!JSON_NODE_HOLDS_ARRAY (strokes))
            {
              g_printerr (_("yichuang case print: %s: the strokes must be a JSON list of strokes, each a list of "
                            "[x, y] points\n"), file);
              return 1;
            }
          yc_document_set_signature (doc, role, json_node_get_array (strokes));
        }
      if (!(pdf = yc_document_render_pdf (doc, &error)))
        return report ("case print", g_steal_pointer (&error));
      path = print_path (output, kinds->len > 1, argv[2], kind, yc_document_is_copy (doc));
      /* the file first: a document the clerk cannot hand over is not issued */
      if (!g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error) ||
          !(sha256 = yc_document_issue (doc, store, NULL, NULL, pdf, &error)))
        return report ("case print", g_steal_pointer (&error));
      g_print ("%s\t%s\t%s\n", path, yc_document_kind_to_string (kind), sha256);
    }
  return 0;
}

/* `yichuang case SUBCOMMAND`: one line a subcommand */
static const struct
{
  const char *name;
  int       (*run) (YcCaseStore *store, YcSync *sync, int argc, char **argv);
} case_commands[] = {
  { "show", run_case_show },
  { "supplement", run_case_supplement },
  { "deliver", run_case_deliver },
  { "evaluate", run_case_evaluate },
  { "follow-up", run_case_follow_up },
  { "handover", run_case_handover },
  { "decide-again", run_case_decide_again },
  { "print", run_case_print },
};

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
  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (case_commands); i++)
    if (g_str_equal (argv[1], case_commands[i].name))
      return case_commands[i].run (store, sync, argc, argv);
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
                    " | case new --item CODE … | "
                    "case show|supplement|deliver|evaluate|follow-up|handover|decide-again|print CASE …\n"));
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

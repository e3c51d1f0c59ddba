/* yc-case-log.c: a case's log folded, and the steps after the decision
 *
 * A YcCaseLog reads a case's events in order once and says where the case
 * stands after the window's decision: which 容缺 materials are still due,
 * whether it waits for 补正, whether the result is ready or delivered,
 * whether the applicant rated it and a bad rating waits for its follow-up,
 * and which helper carries it. This file is the one place that decides
 * which after-decision step fits the case now and what the step must say;
 * the station (yc_case_store_add_step) and the central service (over its
 * own log of the case) both ask it, so that both refuse the same steps.
 *
 * A second intake on the same case ("round" 2, 3, …) is the window
 * deciding again after 一次性告知; yc_case_log_check_intake() says whether
 * the case may be decided again, and checks the helper who acts for the
 * applicant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-case-log.h"
#include "yc-attachments.h"
#include "yc-case-text.h"
#include "yc-document.h"
#include "yc-event.h"
#include "yc-form.h"
#include "yc-validate.h"

struct _YcCaseLog
{
  GObject  parent_instance;

  guint       round;          /* how many intakes: the window's decisions */
  JsonObject *intake;         /* the last intake's data */
  char       *intake_actor;   /* the clerk who decided it */
  char       *intake_at;
  char       *official_no;
  GPtrArray  *supply;         /* JsonObject: the 容缺 materials still due */
  GPtrArray  *missing;        /* char *: what 一次性告知 asked for and is not brought yet */
  gboolean    result_ready;
  gboolean    delivered;
  gboolean    evaluated;      /* in this round */
  gboolean    follow_up_open;
  GDate       follow_up_by;
  char       *helper_name;
  char       *helper_id;
};

G_DEFINE_FINAL_TYPE (YcCaseLog, yc_case_log, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-case-log-error-quark, yc_case_log_error)

/* 好差评's five ratings, best first; the last two need a reason and a
 * follow-up */
static const struct
{
  const char *id;
  const char *label;
  gboolean    bad;
} ratings[] = {
  { "very-satisfied", N_("Very satisfied"), FALSE },
  { "satisfied", N_("Satisfied"), FALSE },
  { "basic", N_("Basically satisfied"), FALSE },
  { "unsatisfied", N_("Unsatisfied"), TRUE },
  { "very-unsatisfied", N_("Very unsatisfied"), TRUE },
};

/* why a rating was bad, the fixed list the follow-up is sorted by */
static const struct
{
  const char *id;
  const char *label;
} categories[] = {
  { "attitude", N_("The clerk’s attitude") },
  { "efficiency", N_("It took too long") },
  { "told-incompletely", N_("Not told everything at once") },
  { "asked-again", N_("Asked again for what was given") },
  { "other", N_("Something else") },
};

static const struct
{
  const char *type;
  const char *label;
} steps[] = {
  { YC_EVENT_INTAKE, N_("Decide again") },
  { YC_EVENT_SUPPLEMENT, N_("Materials brought") },
  { YC_EVENT_HANDOVER, N_("Hand over to another helper") },
  { YC_EVENT_DELIVERED, N_("Deliver the result") },
  { YC_EVENT_EVALUATED, N_("The applicant’s rating") },
  { YC_EVENT_FOLLOWED, N_("Follow up the rating") },
};

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
in_strv (const char * const *list,
         const char         *value)
{
  return value != NULL && g_strv_contains (list, value);
}

/* A material's form, one of the catalog's ways of receiving it: the label
 * of a form this version does not know is the text itself. */
static gboolean
is_material_form (const char *form)
{
  return form != NULL && g_strv_contains (yc_material_received_forms (), form);
}

static int
find_id (GPtrArray  *ids,
         const char *id)
{
  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return i;
  return -1;
}

static int
find_supply (GPtrArray  *supply,
             const char *material)
{
  for (guint i = 0; material != NULL && i < supply->len; i++)
    if (g_strcmp0 (yc_json_get_string (g_ptr_array_index (supply, i), "material"), material) == 0)
      return i;
  return -1;
}

/* How an intake left a material: "received", "missing", "defective" or
 * NULL, from its list of materials or, as older stations send it, its
 * saved form. */
static const char *
material_status (JsonObject *intake,
                 const char *material)
{
  JsonArray *list = yc_json_get_array (intake, "materials");
  JsonObject *saved = yc_json_get_object (yc_json_get_object (intake, "form"), "materials");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (yc_json_get_string (m, "id"), material) == 0)
        return yc_json_get_string (m, "status");
    }
  return yc_json_get_string (saved, material);
}

/* The last intake's entry for a material, or NULL */
static JsonObject *
intake_material (JsonObject *intake,
                 const char *material)
{
  JsonArray *list = yc_json_get_array (intake, "materials");

  for (guint i = 0; list != NULL && material != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (yc_json_get_string (m, "id"), material) == 0)
        return m;
    }
  return NULL;
}

/* Whether the last intake lets @material be brought in @form; an intake
 * of an older station, which did not list the forms, lets any. */
static gboolean
intake_allows (JsonObject *intake,
               const char *material,
               const char *form)
{
  JsonArray *allowed = yc_json_get_array (intake_material (intake, material), "allowed");

  if (allowed == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (allowed); i++)
    if (g_strcmp0 (yc_json_get_string_element (allowed, i), form) == 0)
      return TRUE;
  return FALSE;
}

/* What an intake found missing or defective, each once. */
static void
list_missing (JsonObject *intake,
              GPtrArray  *missing)
{
  JsonArray *list = yc_json_get_array (intake, "materials");
  JsonObject *saved = yc_json_get_object (yc_json_get_object (intake, "form"), "materials");
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *status = yc_json_get_string (m, "status");

      id = yc_json_get_string (m, "id");
      if (id != NULL && (g_strcmp0 (status, "missing") == 0 || g_strcmp0 (status, "defective") == 0) &&
          find_id (missing, id) < 0)
        g_ptr_array_add (missing, g_strdup (id));
    }
  if (saved == NULL)
    return;
  json_object_iter_init (&iter, saved);
  while (json_object_iter_next (&iter, &id, &node))
    if (JSON_NODE_HOLDS_VALUE (node) && g_strcmp0 (json_node_get_string (node), "missing") == 0 &&
        find_id (missing, id) < 0)
      g_ptr_array_add (missing, g_strdup (id));
}

static void
set_helper (YcCaseLog  *self,
            JsonObject *person)
{
  g_free (self->helper_name);
  g_free (self->helper_id);
  self->helper_name = g_strdup (yc_json_get_string (person, "name"));
  self->helper_id = yc_json_get_string (person, "id_number")
                    ? yc_normalize_id_number (yc_json_get_string (person, "id_number")) : NULL;
}

static void
fold_intake (YcCaseLog  *self,
             JsonObject *data)
{
  JsonArray *supply = yc_json_get_array (data, "supply_by");
  const char *decision = yc_json_get_string (data, "decision");

  self->round++;
  g_clear_pointer (&self->intake, json_object_unref);
  self->intake = json_object_ref (data);
  g_ptr_array_set_size (self->supply, 0);
  g_ptr_array_set_size (self->missing, 0);
  /* a new handling: rated again, its own result */
  self->evaluated = FALSE;
  self->result_ready = FALSE;
  for (guint i = 0; supply != NULL && i < json_array_get_length (supply); i++)
    {
      JsonNode *node = json_array_get_element (supply, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && yc_json_get_string (json_node_get_object (node), "material"))
        g_ptr_array_add (self->supply, json_object_ref (json_node_get_object (node)));
    }
  if (g_strcmp0 (decision, "notify") == 0)
    list_missing (data, self->missing);
  if (yc_json_get_object (data, "helper") != NULL)
    set_helper (self, yc_json_get_object (data, "helper"));
}

static void
fold_supplement (YcCaseLog  *self,
                 JsonObject *data)
{
  JsonArray *materials = yc_json_get_array (data, "materials");

  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node) ? yc_json_get_string (json_node_get_object (node), "id") : NULL;
      int at;

      if ((at = find_supply (self->supply, id)) >= 0)
        g_ptr_array_remove_index (self->supply, at);
      if ((at = find_id (self->missing, id)) >= 0)
        g_ptr_array_remove_index (self->missing, at);
    }
}

static void
fold (YcCaseLog  *self,
      JsonObject *event)
{
  const char *type = yc_json_get_string (event, "type");
  JsonObject *data = yc_json_get_object (event, "data");

  if (type == NULL || data == NULL)
    return;
  if (yc_json_get_string (data, "official_no") && self->official_no == NULL)
    self->official_no = g_strdup (yc_json_get_string (data, "official_no"));
  if (g_str_equal (type, YC_EVENT_INTAKE))
    {
      g_free (self->intake_actor);
      g_free (self->intake_at);
      self->intake_actor = g_strdup (yc_json_get_string (event, "actor"));
      self->intake_at = g_strdup (yc_json_get_string (event, "at"));
      fold_intake (self, data);
    }
  else if (g_str_equal (type, YC_EVENT_SUPPLEMENT))
    fold_supplement (self, data);
  else if (g_str_equal (type, YC_EVENT_RESULT))
    self->result_ready = TRUE;
  else if (g_str_equal (type, YC_EVENT_DELIVERED))
    self->delivered = TRUE;
  else if (g_str_equal (type, YC_EVENT_HANDOVER))
    set_helper (self, yc_json_get_object (data, "to"));
  else if (g_str_equal (type, YC_EVENT_EVALUATED))
    {
      self->evaluated = TRUE;
      if (yc_date_parse (yc_json_get_string (data, "follow_up_by"), &self->follow_up_by))
        self->follow_up_open = TRUE;
    }
  else if (g_str_equal (type, YC_EVENT_FOLLOWED))
    self->follow_up_open = FALSE;
}

/**
 * yc_case_log_new:
 * @events: (element-type JsonObject): a case's log in order, as
 *   yc_case_store_get_events() returns it
 *
 * Returns: (transfer full): the log folded
 */
YcCaseLog *
yc_case_log_new (GPtrArray *events)
{
  YcCaseLog *self = g_object_new (YC_TYPE_CASE_LOG, NULL);

  g_return_val_if_fail (events != NULL, self);

  for (guint i = 0; i < events->len; i++)
    fold (self, g_ptr_array_index (events, i));
  return self;
}

/**
 * yc_case_log_new_from_array:
 * @events: a case's log in order, as the central service keeps it
 *
 * Returns: (transfer full): the log folded
 */
YcCaseLog *
yc_case_log_new_from_array (JsonArray *events)
{
  YcCaseLog *self = g_object_new (YC_TYPE_CASE_LOG, NULL);

  g_return_val_if_fail (events != NULL, self);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        fold (self, json_node_get_object (node));
    }
  return self;
}

static gboolean
fail (GError     **error,
      gint         code,
      const char **field,
      const char  *member,
      const char  *format,
      ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (GError     **error,
      gint         code,
      const char **field,
      const char  *member,
      const char  *format,
      ...)
{
  va_list args;

  if (field != NULL)
    *field = member;
  va_start (args, format);
  if (error != NULL)
    {
      g_return_val_if_fail (*error == NULL, FALSE);
      *error = g_error_new_valist (YC_CASE_LOG_ERROR, code, format, args);
    }
  va_end (args);
  return FALSE;
}

/* A person named with a valid ID number: a helper, or a helper handed to. */
static gboolean
check_person (JsonObject  *person,
              const char  *member,
              const char  *what,
              const char **field,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name_member = g_strconcat (member, ".name", NULL);
  g_autofree char *id_member = g_strconcat (member, ".id_number", NULL);

  if (person == NULL)
    /* TRANSLATORS: %s is "The helper" or "The helper handed to" */
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, g_intern_string (member),
                 _("%s must be given, with a name and an ID number"), what);
  if (is_blank (yc_json_get_string (person, "name")))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, g_intern_string (name_member),
                 _("%s needs a name"), what);
  if (yc_json_get_string (person, "id_number") == NULL)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, g_intern_string (id_member),
                 _("%s’s ID number is not given"), what);
  if (!yc_validate_id_number (yc_json_get_string (person, "id_number"), NULL, &local_error))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, g_intern_string (id_member),
                 _("%s’s ID number is wrong: %s"), what, local_error->message);
  return TRUE;
}

static gboolean
check_received (JsonObject  *intake,
                const char  *material,
                const char  *member,
                const char  *what,
                const char **field,
                GError     **error)
{
  if (g_strcmp0 (material_status (intake, material), "received") != 0)
    /* TRANSLATORS: %s is what the material is for (the authorisation, a
     * material handed over), then the material's id */
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, member,
                 _("%s “%s” is not a material received with this case"), what, material);
  return TRUE;
}

/* The helper who acts for the applicant (帮办代办): who, under which
 * relation or authorisation (委托书, a material of the case), and what
 * they handed over. */
static gboolean
check_helper (JsonObject  *data,
              const char **field,
              GError     **error)
{
  JsonObject *helper = yc_json_get_object (data, "helper");
  const char *relation, *authorisation;
  JsonArray *handed;

  if (!json_object_has_member (data, "helper") || JSON_NODE_HOLDS_NULL (json_object_get_member (data, "helper")))
    return TRUE;
  if (!check_person (helper, "helper", _("The helper"), field, error))
    return FALSE;
  relation = yc_json_get_string (helper, "relation");
  authorisation = yc_json_get_string (helper, "authorisation");
  if (is_blank (relation) && is_blank (authorisation))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "helper.authorisation",
                 _("A helper acts for the applicant either as a relation, which must be said, or under an authorisation (委托书), which must be a material received"));
  if (!is_blank (authorisation) &&
      !check_received (data, authorisation, "helper.authorisation", _("The authorisation"), field, error))
    return FALSE;
  handed = yc_json_get_array (helper, "handed_over");
  if (json_object_has_member (helper, "handed_over") && handed == NULL)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "helper.handed_over",
                 _("The materials handed over must be a list of material ids"));
  for (guint i = 0; handed != NULL && i < json_array_get_length (handed); i++)
    {
      const char *id = yc_json_get_string_element (handed, i);

      if (id == NULL)
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "helper.handed_over",
                     _("The materials handed over must be a list of material ids"));
      if (!check_received (data, id, "helper.handed_over", _("The material handed over"), field, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * yc_case_log_check_helper:
 * @helper: the helper as yc_form_set_helper() takes it
 * @form: the form the helper brings
 * @field: (out) (optional) (transfer none): the member that is wrong, such
 *   as "helper.id_number"
 *
 * What yc_case_log_check_intake() will say of @helper when @form is taken
 * as it stands, for the window to ask before: the same check, on the
 * materials the form has received now.
 */
gboolean
yc_case_log_check_helper (JsonObject  *helper,
                          YcForm      *form,
                          const char **field,
                          GError     **error)
{
  g_autoptr(JsonObject) data = json_object_new ();
  JsonArray *materials = json_array_new ();
  GPtrArray *list;

  g_return_val_if_fail (helper != NULL, FALSE);
  g_return_val_if_fail (YC_IS_FORM (form), FALSE);

  list = yc_form_get_materials (form);
  for (guint i = 0; i < list->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (list, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "id", m->id);
      json_object_set_string_member (o, "status", yc_material_status_to_string (m->status));
      json_array_add_object_element (materials, o);
    }
  json_object_set_array_member (data, "materials", materials);
  json_object_set_object_member (data, "helper", json_object_ref (helper));
  return check_helper (data, field, error);
}

/**
 * yc_case_log_check_intake:
 * @self: (nullable): the case's log before this intake; %NULL for a new case
 * @data: the intake's data; its "round" is set when it has none
 * @field: (out) (optional) (transfer none): the member that is wrong
 *
 * Whether the window may decide on the case now: a new case once; again,
 * as "round" N + 1, only while the case waits for 补正 after 一次性告知.
 * Checks the helper too.
 */
gboolean
yc_case_log_check_intake (YcCaseLog    *self,
                          JsonObject   *data,
                          const char  **field,
                          GError      **error)
{
  guint round = self ? self->round + 1 : 1;
  JsonNode *given;

  g_return_val_if_fail (self == NULL || YC_IS_CASE_LOG (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (round > 1 && g_strcmp0 (yc_case_log_get_waiting (self), "notify") != 0)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "round",
                 _("The case was decided already and does not wait for 补正: it can be decided again only after 一次性告知"));
  given = json_object_get_member (data, "round");
  if (given == NULL)
    json_object_set_int_member (data, "round", round);
  else if (!JSON_NODE_HOLDS_VALUE (given) || json_node_get_value_type (given) != G_TYPE_INT64 ||
           json_node_get_int (given) != round)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "round",
                 _("This is decision %u on the case, not the one the intake says"), round);
  return check_helper (data, field, error);
}

static gboolean
check_decided (YcCaseLog   *self,
               const char **field,
               GError     **error)
{
  if (self->round == 0)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "type",
                 _("The window has not decided on the case yet"));
  return TRUE;
}

static gboolean
check_supplement (YcCaseLog   *self,
                  JsonObject  *data,
                  const char **field,
                  GError     **error)
{
  const char *waiting = yc_case_log_get_waiting (self);
  JsonArray *materials = yc_json_get_array (data, "materials");
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  if (!check_decided (self, field, error))
    return FALSE;
  if (waiting == NULL)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "type",
                 _("The case waits for no material: it was not taken with materials pending (容缺受理), or they were all brought, and it is not waiting for 补正"));
  if (materials == NULL || json_array_get_length (materials) == 0)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "materials",
                 _("Say which materials were brought, and in which form"));
  for (guint i = 0; i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = yc_json_get_string (m, "id");
      const char *form = yc_json_get_string (m, "form");

      if (id == NULL)
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "materials",
                     _("Each material brought needs its id"));
      if (find_id (seen, id) >= 0)
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "materials",
                     _("“%s” is listed twice"), id);
      g_ptr_array_add (seen, (gpointer) id);
      if (g_str_equal (waiting, "rongque") && find_supply (self->supply, id) < 0)
        return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "materials",
                     _("“%s” is not a material still to be supplied after 容缺受理"), id);
      if (g_str_equal (waiting, "notify") && self->missing->len > 0 && find_id (self->missing, id) < 0)
        return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "materials",
                     _("“%s” is not a material the notice (一次性告知) asked for, or it was brought already"), id);
      if (!is_material_form (form))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "materials",
                     _("“%s”: “%s” is not a form a material is received in"), id, form ? form : "");
      if (!intake_allows (self->intake, id, form))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "materials",
                     _("“%s” may not be brought as %s: its template does not allow that form"),
                     yc_case_log_get_material_name (self, id), yc_material_received_label (form));
    }
  return TRUE;
}

static gboolean
check_handover (YcCaseLog   *self,
                JsonObject  *data,
                const char **field,
                GError     **error)
{
  JsonObject *to = yc_json_get_object (data, "to");
  JsonArray *materials = yc_json_get_array (data, "materials");
  g_autofree char *to_id = NULL;

  if (!check_decided (self, field, error))
    return FALSE;
  if (self->helper_name == NULL)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "type",
                 _("No helper carries the case: it was taken from the applicant in person"));
  if (self->delivered)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "type",
                 _("The result was delivered already: there is nothing left to carry"));
  if (!check_person (to, "to", _("The helper handed to"), field, error))
    return FALSE;
  to_id = yc_normalize_id_number (yc_json_get_string (to, "id_number"));
  if (g_strcmp0 (to_id, self->helper_id) == 0)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "to.id_number",
                 _("%s carries the case already"), self->helper_name);
  if (json_object_has_member (data, "materials") && materials == NULL)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "materials",
                 _("The materials handed over must be a list of material ids"));
  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    if (yc_json_get_string_element (materials, i) == NULL)
      return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "materials",
                   _("The materials handed over must be a list of material ids"));
  if (json_object_has_member (data, "note") && yc_json_get_string (data, "note") == NULL)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "note", _("The note must be text"));
  return TRUE;
}

static gboolean
check_delivered (YcCaseLog   *self,
                 JsonObject  *data,
                 const char **field,
                 GError     **error)
{
  const char *how = yc_json_get_string (data, "how");
  g_autoptr(GError) local_error = NULL;
  JsonNode *checked;

  if (!check_decided (self, field, error))
    return FALSE;
  if (self->delivered)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "type", _("The result was delivered already"));
  if (!self->result_ready)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "type", _("The result is not ready yet"));
  if (g_strcmp0 (how, "window") == 0)
    {
      if (is_blank (yc_json_get_string (data, "collector")))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "collector",
                     _("Say who collected the result at the window"));
      if (yc_json_get_string (data, "id_number") == NULL)
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "id_number",
                     _("Give the collector’s ID number, as on the identity card checked"));
      if (!yc_validate_id_number (yc_json_get_string (data, "id_number"), NULL, &local_error))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "id_number",
                     _("The collector’s ID number is wrong: %s"), local_error->message);
      checked = json_object_get_member (data, "id_checked");
      if (checked == NULL || !JSON_NODE_HOLDS_VALUE (checked) ||
          json_node_get_value_type (checked) != G_TYPE_BOOLEAN || !json_node_get_boolean (checked))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "id_checked",
                     _("The collector’s identity card must be checked against the person before the result is handed over"));
      return TRUE;
    }
  if (g_strcmp0 (how, "post") == 0)
    {
      if (is_blank (yc_json_get_string (data, "carrier")))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "carrier", _("Say which carrier posts the result"));
      if (is_blank (yc_json_get_string (data, "tracking")))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "tracking", _("Give the post’s tracking number"));
      return TRUE;
    }
  return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "how",
               _("A result is delivered at the window (“window”) or by post (“post”), not “%s”"), how ? how : "");
}

/* A bad rating opens a follow-up due YC_FOLLOW_UP_DAYS working days after
 * the day of the rating, counted here and never by the caller: the
 * station sets it, the service counts it again from the same day. */
static gboolean
check_evaluated (YcCaseLog   *self,
                 JsonObject  *data,
                 YcCalendar  *calendar,
                 const GDate *today,
                 const char **field,
                 GError     **error)
{
  const char *rating = yc_json_get_string (data, "rating");
  const char *given_by = yc_json_get_string (data, "follow_up_by");
  g_autofree char *counted = NULL;
  g_autoptr(GError) local_error = NULL;
  GDate on, due;

  if (!check_decided (self, field, error))
    return FALSE;
  if (self->evaluated)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "type",
                 _("The applicant rated this handling already: each handling is rated once"));
  if (!in_strv (yc_evaluation_get_ratings (), rating))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "rating",
                 _("“%s” is not a rating: very-satisfied, satisfied, basic, unsatisfied or very-unsatisfied"),
                 rating ? rating : "");
  if (json_object_has_member (data, "on"))
    {
      if (!yc_date_parse (yc_json_get_string (data, "on"), &on))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "on",
                     _("The day of the rating must be written YYYY-MM-DD"));
    }
  else
    {
      g_autofree char *text = NULL;

      if (today != NULL)
        on = *today;
      else
        yc_today (&on);
      text = yc_date_format (&on);
      json_object_set_string_member (data, "on", text);
    }
  if (!yc_evaluation_rating_needs_reason (rating))
    {
      if (given_by != NULL || json_object_has_member (data, "category"))
        return fail (error, YC_CASE_LOG_ERROR_INVALID, field, given_by ? "follow_up_by" : "category",
                     _("A rating of basically satisfied or better has no reason category and no follow-up"));
      return TRUE;
    }
  if (!in_strv (yc_evaluation_get_categories (), yc_json_get_string (data, "category")))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "category",
                 _("A rating below basically satisfied needs a reason category: attitude, efficiency, told-incompletely, asked-again or other"));
  if (is_blank (yc_json_get_string (data, "reason")))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "reason",
                 _("A rating below basically satisfied needs the applicant’s reason, in words"));
  if (calendar == NULL)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "follow_up_by",
                 _("The follow-up’s deadline needs the working-day calendar, which this station does not have yet"));
  if (!yc_calendar_add_working_days (calendar, &on, YC_FOLLOW_UP_DAYS, &due, &local_error))
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "follow_up_by",
                 _("The follow-up’s deadline cannot be counted: %s"), local_error->message);
  counted = yc_date_format (&due);
  if (given_by == NULL)
    json_object_set_string_member (data, "follow_up_by", counted);
  else if (!g_str_equal (given_by, counted))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "follow_up_by",
                 _("The follow-up is due %s, %u working days after %s, not %s"),
                 counted, YC_FOLLOW_UP_DAYS, yc_json_get_string (data, "on"), given_by);
  return TRUE;
}

static gboolean
check_followed (YcCaseLog   *self,
                JsonObject  *data,
                const char **field,
                GError     **error)
{
  if (!self->follow_up_open)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "type",
                 _("No bad rating waits for a follow-up"));
  if (is_blank (yc_json_get_string (data, "note")))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "note",
                 _("Say what was done about the rating"));
  return TRUE;
}

/* A document printed: a kind the case's last decision prints (the rule
 * is yc_document_kinds_for_case's, without the catalog's `documents`,
 * which the station applied), kept by its SHA-256 with what it said */
static gboolean
check_document (YcCaseLog   *self,
                JsonObject  *data,
                const char **field,
                GError     **error)
{
  const char *kind_text = yc_json_get_string (data, "kind");
  g_autoptr(GArray) now = NULL;
  YcDocumentKind kind;
  gboolean printed = FALSE;

  if (!check_decided (self, field, error))
    return FALSE;
  if (!yc_document_kind_from_string (kind_text, &kind))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "kind",
                 _("“%s” is not a kind of document"), kind_text ? kind_text : "");
  now = yc_document_kinds_for_case (self, NULL);
  for (guint i = 0; i < now->len; i++)
    printed |= g_array_index (now, guint, i) == kind;
  if (!printed)
    return fail (error, YC_CASE_LOG_ERROR_NOT_NOW, field, "kind",
                 _("The case’s decision does not print “%s”"), yc_document_kind_get_title (kind));
  if (!yc_attachment_is_sha256 (yc_json_get_string (data, "sha256")))
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "sha256",
                 _("The document’s PDF must be named by its SHA-256"));
  if (yc_json_get_object (data, "content") == NULL)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "content",
                 _("The document must keep what it says, for a reprint"));
  if (json_object_has_member (data, "signatures") && yc_json_get_object (data, "signatures") == NULL)
    return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "signatures",
                 _("The signatures must be an object of strokes by role"));
  return TRUE;
}

/**
 * yc_case_log_check_step_field:
 * @type: the step, one of the after-decision event types (yc-event.h)
 * @data: the step's data; the core adds what it counts (an evaluation's
 *   day and follow-up deadline)
 * @calendar: (nullable): the working-day calendar
 * @today: (nullable): the day of the step, today when %NULL
 * @field: (out) (optional) (transfer none): the member that is wrong
 *
 * Whether the step fits the case now and says what it must, or why not.
 */
gboolean
yc_case_log_check_step_field (YcCaseLog    *self,
                              const char   *type,
                              JsonObject   *data,
                              YcCalendar   *calendar,
                              const GDate  *today,
                              const char  **field,
                              GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (g_strcmp0 (type, YC_EVENT_SUPPLEMENT) == 0)
    return check_supplement (self, data, field, error);
  if (g_strcmp0 (type, YC_EVENT_HANDOVER) == 0)
    return check_handover (self, data, field, error);
  if (g_strcmp0 (type, YC_EVENT_DELIVERED) == 0)
    return check_delivered (self, data, field, error);
  if (g_strcmp0 (type, YC_EVENT_EVALUATED) == 0)
    return check_evaluated (self, data, calendar, today, field, error);
  if (g_strcmp0 (type, YC_EVENT_FOLLOWED) == 0)
    return check_followed (self, data, field, error);
  if (g_strcmp0 (type, YC_EVENT_DOCUMENT) == 0)
    return check_document (self, data, field, error);
  return fail (error, YC_CASE_LOG_ERROR_INVALID, field, "type",
               _("“%s” is not a step after the window’s decision"), type ? type : "");
}

/**
 * yc_case_log_check_step:
 *
 * yc_case_log_check_step_field() without the field.
 */
gboolean
yc_case_log_check_step (YcCaseLog    *self,
                        const char   *type,
                        JsonObject   *data,
                        YcCalendar   *calendar,
                        const GDate  *today,
                        GError      **error)
{
  return yc_case_log_check_step_field (self, type, data, calendar, today, NULL, error);
}

/**
 * yc_case_log_next_steps:
 *
 * Returns: (transfer container) (element-type utf8): the step types that
 *   fit the case now, in the order a clerk meets them; "intake" when the
 *   case may be decided again
 */
GPtrArray *
yc_case_log_next_steps (YcCaseLog *self)
{
  GPtrArray *next = g_ptr_array_new ();
  const char *waiting;

  g_return_val_if_fail (YC_IS_CASE_LOG (self), next);

  if (self->round == 0)
    return next;
  waiting = yc_case_log_get_waiting (self);
  if (waiting != NULL)
    g_ptr_array_add (next, (gpointer) YC_EVENT_SUPPLEMENT);
  if (g_strcmp0 (waiting, "notify") == 0)
    g_ptr_array_add (next, (gpointer) YC_EVENT_INTAKE);
  if (self->helper_name != NULL && !self->delivered)
    g_ptr_array_add (next, (gpointer) YC_EVENT_HANDOVER);
  if (self->result_ready && !self->delivered)
    g_ptr_array_add (next, (gpointer) YC_EVENT_DELIVERED);
  if (!self->evaluated)
    g_ptr_array_add (next, (gpointer) YC_EVENT_EVALUATED);
  if (self->follow_up_open)
    g_ptr_array_add (next, (gpointer) YC_EVENT_FOLLOWED);
  return next;
}

/**
 * yc_case_log_get_round:
 *
 * Returns: how many times the window decided on the case
 */
guint
yc_case_log_get_round (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), 0);
  return self->round;
}

/**
 * yc_case_log_get_decision:
 *
 * Returns: (nullable): the window's last decision, as an intake says it
 */
const char *
yc_case_log_get_decision (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return yc_json_get_string (self->intake, "decision");
}

/**
 * yc_case_log_get_form:
 *
 * Returns: (transfer none) (nullable): the form as the last intake saved it
 */
JsonObject *
yc_case_log_get_form (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return yc_json_get_object (self->intake, "form");
}

/**
 * yc_case_log_get_intake:
 *
 * Returns: (transfer none) (nullable): the last intake's data, all the
 *   window told the applicant
 */
JsonObject *
yc_case_log_get_intake (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return self->intake;
}

/**
 * yc_case_log_get_official_no:
 *
 * Returns: (nullable): the 办件编号, once the central service gave it
 */
const char *
yc_case_log_get_official_no (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return self->official_no;
}

/**
 * yc_case_log_get_open_supply:
 *
 * Returns: (transfer full): the 容缺 materials still to be supplied, each
 *   {"material", "name", "days", "by"} as the intake promised them
 */
JsonArray *
yc_case_log_get_open_supply (YcCaseLog *self)
{
  JsonArray *open = json_array_new ();

  g_return_val_if_fail (YC_IS_CASE_LOG (self), open);

  for (guint i = 0; i < self->supply->len; i++)
    json_array_add_object_element (open, json_object_ref (g_ptr_array_index (self->supply, i)));
  return open;
}

/**
 * yc_case_log_get_missing:
 *
 * Returns: (transfer none) (element-type utf8): the materials 一次性告知
 *   asked for that were not brought yet
 */
GPtrArray *
yc_case_log_get_missing (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return self->missing;
}

/**
 * yc_case_log_get_waiting:
 *
 * Returns: (nullable): "notify" while the case waits for 补正 after
 *   一次性告知, "rongque" while 容缺 materials are still due, %NULL
 *   otherwise
 */
const char *
yc_case_log_get_waiting (YcCaseLog *self)
{
  const char *decision;

  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);

  decision = yc_case_log_get_decision (self);
  if (g_strcmp0 (decision, "notify") == 0)
    return "notify";
  if (g_strcmp0 (decision, "rongque") == 0 && self->supply->len > 0)
    return "rongque";
  return NULL;
}

gboolean
yc_case_log_is_result_ready (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), FALSE);
  return self->result_ready;
}

gboolean
yc_case_log_is_delivered (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), FALSE);
  return self->delivered;
}

/**
 * yc_case_log_is_evaluated:
 *
 * Returns: whether the applicant rated the current handling
 */
gboolean
yc_case_log_is_evaluated (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), FALSE);
  return self->evaluated;
}

/**
 * yc_case_log_get_follow_up:
 * @due: (out) (optional): when the follow-up is due
 *
 * Returns: whether a bad rating waits for its follow-up
 */
gboolean
yc_case_log_get_follow_up (YcCaseLog *self,
                           GDate     *due)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), FALSE);

  if (self->follow_up_open && due != NULL)
    *due = self->follow_up_by;
  return self->follow_up_open;
}

/**
 * yc_case_log_get_helper_name:
 *
 * Returns: (nullable): the helper who carries the case now
 */
const char *
yc_case_log_get_helper_name (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return self->helper_name;
}

/**
 * yc_case_log_get_clerk:
 *
 * Returns: (nullable): the clerk who made the window's last decision
 */
const char *
yc_case_log_get_clerk (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return self->intake_actor;
}

/**
 * yc_case_log_get_promised_by:
 *
 * Returns: (nullable): the promised completion date (YYYY-MM-DD) the
 *   window's last decision told the applicant, for a 承诺件
 */
const char *
yc_case_log_get_promised_by (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return yc_json_get_string (self->intake, "promised_by");
}

/**
 * yc_case_log_get_decided:
 *
 * Returns: (transfer full) (nullable): the day of the window's last
 *   decision, YYYY-MM-DD: its day of acceptance, else the local day it
 *   was made on
 */
char *
yc_case_log_get_decided (YcCaseLog *self)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) local = NULL;
  const char *accepted;

  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  if ((accepted = yc_json_get_string (self->intake, "accepted_on")) != NULL)
    return g_strdup (accepted);
  if (self->intake_at == NULL || !(at = g_date_time_new_from_iso8601 (self->intake_at, NULL)))
    return NULL;
  local = g_date_time_to_local (at);
  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * yc_case_log_get_helper_id:
 *
 * Returns: (nullable): the ID number of the helper who carries the case
 */
const char *
yc_case_log_get_helper_id (YcCaseLog *self)
{
  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  return self->helper_id;
}

/**
 * yc_case_log_get_material_name:
 *
 * Returns: the name the last intake gave @material, else @material
 */
const char *
yc_case_log_get_material_name (YcCaseLog  *self,
                               const char *material)
{
  const char *name;

  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  name = yc_json_get_string (intake_material (self->intake, material), "name");
  return name ? name : material;
}

/**
 * yc_case_log_get_material_forms:
 *
 * Returns: (transfer full) (nullable): the forms @material may be brought
 *   in, usual first, as its template said when the case was decided;
 *   NULL when the intake did not say (every form is then allowed)
 */
GStrv
yc_case_log_get_material_forms (YcCaseLog  *self,
                                const char *material)
{
  JsonArray *allowed;
  g_autoptr(GStrvBuilder) forms = g_strv_builder_new ();

  g_return_val_if_fail (YC_IS_CASE_LOG (self), NULL);
  allowed = yc_json_get_array (intake_material (self->intake, material), "allowed");
  if (allowed == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (allowed); i++)
    if (yc_json_get_string_element (allowed, i) != NULL)
      g_strv_builder_add (forms, yc_json_get_string_element (allowed, i));
  return g_strv_builder_end (forms);
}

/**
 * yc_evaluation_get_ratings:
 *
 * Returns: (transfer none): the ratings, best first
 */
const char * const *
yc_evaluation_get_ratings (void)
{
  static const char *ids[G_N_ELEMENTS (ratings) + 1];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
        ids[i] = ratings[i].id;
      g_once_init_leave (&made, 1);
    }
  return ids;
}

/**
 * yc_evaluation_rating_label:
 *
 * Returns: the rating in words, translated; @rating for one this version
 *   does not know
 */
const char *
yc_evaluation_rating_label (const char *rating)
{
  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    if (g_strcmp0 (rating, ratings[i].id) == 0)
      return _(ratings[i].label);
  return rating ? rating : "";
}

/**
 * yc_evaluation_rating_needs_reason:
 *
 * Returns: whether @rating is below 基本满意: it needs a reason category and
 *   text, and opens a follow-up
 */
gboolean
yc_evaluation_rating_needs_reason (const char *rating)
{
  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    if (g_strcmp0 (rating, ratings[i].id) == 0)
      return ratings[i].bad;
  return FALSE;
}

/**
 * yc_evaluation_get_categories:
 *
 * Returns: (transfer none): the reason categories of a bad rating
 */
const char * const *
yc_evaluation_get_categories (void)
{
  static const char *ids[G_N_ELEMENTS (categories) + 1];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
        ids[i] = categories[i].id;
      g_once_init_leave (&made, 1);
    }
  return ids;
}

const char *
yc_evaluation_category_label (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (category, categories[i].id) == 0)
      return _(categories[i].label);
  return category ? category : "";
}

/**
 * yc_case_step_label:
 *
 * Returns: a step of yc_case_log_next_steps() in words, translated
 */
const char *
yc_case_step_label (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (type, steps[i].type) == 0)
      return _(steps[i].label);
  return type ? type : "";
}

static char *
join_strings (JsonArray  *list,
              const char *member)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      const char *id = member && JSON_NODE_HOLDS_OBJECT (node)
                       ? yc_json_get_string (json_node_get_object (node), member)
                       : yc_json_get_string_element (list, i);

      if (id == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, id);
      if (member && JSON_NODE_HOLDS_OBJECT (node) && yc_json_get_string (json_node_get_object (node), "form"))
        g_string_append_printf (text, " (%s)",
                                yc_material_received_label (yc_json_get_string (json_node_get_object (node), "form")));
    }
  return g_string_free (text, FALSE);
}

static char *
describe_intake (JsonObject *data)
{
  YcDecision decision = yc_decision_from_string (yc_json_get_string (data, "decision"));
  JsonObject *helper = yc_json_get_object (data, "helper");
  GString *text = g_string_new (decision != YC_DECISION_NONE ? yc_decision_get_label (decision)
                                                              : yc_json_get_string (data, "decision"));
  JsonNode *round = json_object_get_member (data, "round");

  if (round != NULL && JSON_NODE_HOLDS_VALUE (round) && json_node_get_value_type (round) == G_TYPE_INT64 &&
      json_node_get_int (round) > 1)
    /* TRANSLATORS: after a decision: the how-manieth time the window decided */
    g_string_append_printf (text, _(", decided again (round %u)"), (guint) json_node_get_int (round));
  if (yc_json_get_string (data, "promised_by"))
    g_string_append_printf (text, _(", promised by %s"), yc_json_get_string (data, "promised_by"));
  if (yc_json_get_string (data, "reason"))
    g_string_append_printf (text, _(": %s"), yc_json_get_string (data, "reason"));
  if (helper != NULL && yc_json_get_string (helper, "name"))
    g_string_append_printf (text, _(", taken through the helper %s"), yc_json_get_string (helper, "name"));
  return g_string_free (text, FALSE);
}

/**
 * yc_case_event_describe_actor:
 * @event: an event of a case's log
 *
 * Returns: who did it, for the timeline: the clerk, or the central service
 *   in words for what it recorded itself
 */
const char *
yc_case_event_describe_actor (JsonObject *event)
{
  const char *actor = yc_json_get_string (event, "actor");

  if (actor == NULL || g_str_equal (actor, YC_ACTOR_CENTRAL))
    return _("central service");
  return actor;
}

/**
 * yc_case_event_describe:
 * @event: an event of a case's log
 *
 * Returns: (transfer full): what happened, in words, for one line of the
 *   case's timeline (who, when and where are the event's own members)
 */
char *
yc_case_event_describe (JsonObject *event)
{
  const char *type = yc_json_get_string (event, "type");
  JsonObject *data = yc_json_get_object (event, "data");

  g_return_val_if_fail (event != NULL, NULL);

  if (g_strcmp0 (type, YC_EVENT_INTAKE) == 0)
    return describe_intake (data);
  if (g_strcmp0 (type, YC_EVENT_REGISTERED) == 0)
    return g_strdup_printf (_("Registered by the central service as %s"),
                            yc_json_get_string (data, "official_no") ? yc_json_get_string (data, "official_no") : "");
  if (g_strcmp0 (type, YC_EVENT_ROUTED) == 0)
    return g_strdup (_("Routed to the department"));
  if (g_strcmp0 (type, YC_EVENT_ACCEPTED) == 0)
    return g_strdup (_("Taken by the department"));
  if (g_strcmp0 (type, YC_EVENT_APPROVED) == 0)
    return g_strdup (_("Approved by the department"));
  if (g_strcmp0 (type, YC_EVENT_REJECTED) == 0)
    return g_strdup_printf (_("Not approved by the department: %s"),
                            yc_json_get_string (data, "reason") ? yc_json_get_string (data, "reason") : "");
  if (g_strcmp0 (type, YC_EVENT_RESULT) == 0)
    return yc_json_get_string (data, "delivery")
           ? g_strdup_printf (_("Result ready: %s"), yc_delivery_label (yc_json_get_string (data, "delivery")))
           : g_strdup (_("Result ready"));
  if (g_strcmp0 (type, YC_EVENT_SUPPLEMENT) == 0)
    {
      g_autofree char *list = join_strings (yc_json_get_array (data, "materials"), "id");

      return g_strdup_printf (_("Materials brought: %s"), list);
    }
  if (g_strcmp0 (type, YC_EVENT_HANDOVER) == 0)
    {
      JsonObject *to = yc_json_get_object (data, "to");
      g_autofree char *list = join_strings (yc_json_get_array (data, "materials"), NULL);

      return list[0] ? g_strdup_printf (_("Handed over to the helper %s, with %s"),
                                        yc_json_get_string (to, "name"), list)
                     : g_strdup_printf (_("Handed over to the helper %s"), yc_json_get_string (to, "name"));
    }
  if (g_strcmp0 (type, YC_EVENT_DELIVERED) == 0)
    {
      if (g_strcmp0 (yc_json_get_string (data, "how"), "post") == 0)
        return g_strdup_printf (_("Result posted by %s, tracking number %s"),
                                yc_json_get_string (data, "carrier"), yc_json_get_string (data, "tracking"));
      return g_strdup_printf (_("Result collected at the window by %s, identity checked"),
                              yc_json_get_string (data, "collector"));
    }
  if (g_strcmp0 (type, YC_EVENT_EVALUATED) == 0)
    {
      const char *rating = yc_json_get_string (data, "rating");

      if (yc_evaluation_rating_needs_reason (rating))
        return g_strdup_printf (_("Rated “%s” (%s: %s); follow up by %s"), yc_evaluation_rating_label (rating),
                                yc_evaluation_category_label (yc_json_get_string (data, "category")),
                                yc_json_get_string (data, "reason"), yc_json_get_string (data, "follow_up_by"));
      return g_strdup_printf (_("Rated “%s”"), yc_evaluation_rating_label (rating));
    }
  if (g_strcmp0 (type, YC_EVENT_FOLLOWED) == 0)
    return g_strdup_printf (_("Rating followed up: %s"), yc_json_get_string (data, "note"));
  if (g_strcmp0 (type, YC_EVENT_DOCUMENT) == 0)
    {
      YcDocumentKind kind;
      const char *title = yc_document_kind_from_string (yc_json_get_string (data, "kind"), &kind)
                          ? yc_document_kind_get_title (kind) : yc_json_get_string (data, "kind");

      if (json_object_get_boolean_member_with_default (data, "copy", FALSE))
        return g_strdup_printf (_("Reprinted, marked as a copy: %s"), title ? title : "");
      return g_strdup_printf (_("Printed: %s"), title ? title : "");
    }
  return g_strdup (type ? type : "");
}

static void
yc_case_log_finalize (GObject *object)
{
  YcCaseLog *self = (YcCaseLog *)object;

  g_clear_pointer (&self->intake, json_object_unref);
  g_free (self->intake_actor);
  g_free (self->intake_at);
  g_clear_pointer (&self->supply, g_ptr_array_unref);
  g_clear_pointer (&self->missing, g_ptr_array_unref);
  g_free (self->official_no);
  g_free (self->helper_name);
  g_free (self->helper_id);

  G_OBJECT_CLASS (yc_case_log_parent_class)->finalize (object);
}

static void
yc_case_log_class_init (YcCaseLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_case_log_finalize;
}

static void
yc_case_log_init (YcCaseLog *self)
{
  self->supply = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->missing = g_ptr_array_new_with_free_func (g_free);
  g_date_clear (&self->follow_up_by, 1);
}

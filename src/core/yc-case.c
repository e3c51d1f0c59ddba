/* yc-case.c: a case as the station knows it, and where it stands
 *
 * A YcCase is one row of the store's `cases`, the fold of the case's log,
 * read at one moment: it does not change, a list reads the case again
 * (yc-case-list.c). What a state is called, in the store, on the wire and
 * for a person, is written here once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-event.h"

struct _YcCase
{
  GObject  parent_instance;

  char        *id;          /* the local number, made at this station */
  char        *code;
  char        *name;
  guint        version;
  YcCaseState  state;
  char        *state_text;  /* as stored, for a state this program does not know */
  char        *official_no; /* 办件编号, once the central service gave it */
  char        *applicant;
  char        *problem;     /* why the central service, or the back office, refused it */
  char        *updated;
  char        *delivery;      /* how the result reaches the applicant: window or post */
  char        *delivery_note; /* the back office's note on it, such as a tracking number */
};

G_DEFINE_FINAL_TYPE (YcCase, yc_case, G_TYPE_OBJECT)

static const struct
{
  YcCaseState  state;
  const char  *text;
  const char  *label;
} states[] = {
  { YC_CASE_STATE_DRAFT, "draft", N_("Draft") },
  { YC_CASE_STATE_SUBMITTED, "submitted", N_("Waiting to be sent") },
  { YC_CASE_STATE_SET_ASIDE, "set-aside", N_("Refused by the central service") },
  { YC_CASE_STATE_REGISTERED, YC_EVENT_REGISTERED, N_("Registered") },
  { YC_CASE_STATE_NOTIFIED, "notified", N_("Told what is missing") },
  { YC_CASE_STATE_REFUSED, "refused", N_("Not taken in") },
  { YC_CASE_STATE_ROUTED, YC_EVENT_ROUTED, N_("Routed to the department") },
  { YC_CASE_STATE_ACCEPTED, YC_EVENT_ACCEPTED, N_("Taken by the department") },
  { YC_CASE_STATE_APPROVED, YC_EVENT_APPROVED, N_("Approved") },
  { YC_CASE_STATE_REJECTED, YC_EVENT_REJECTED, N_("Not approved") },
  { YC_CASE_STATE_RESULT_READY, YC_EVENT_RESULT, N_("Result ready") },
  { YC_CASE_STATE_DELIVERED, YC_EVENT_DELIVERED, N_("Result delivered") },
};

/**
 * yc_case_state_from_string:
 *
 * Returns: the state @text names, as the store and the central service
 *   write it; %YC_CASE_STATE_OTHER for any other text
 */
YcCaseState
yc_case_state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (text, states[i].text) == 0)
      return states[i].state;
  return YC_CASE_STATE_OTHER;
}

/**
 * yc_case_state_to_string:
 *
 * Returns: (nullable): the state's name in the store and on the wire;
 *   %NULL for %YC_CASE_STATE_OTHER
 */
const char *
yc_case_state_to_string (YcCaseState state)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (states[i].state == state)
      return states[i].text;
  return NULL;
}

/**
 * yc_case_state_get_label:
 *
 * Returns: the state in words, translated; "" for %YC_CASE_STATE_OTHER
 */
const char *
yc_case_state_get_label (YcCaseState state)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (states[i].state == state)
      return _(states[i].label);
  return "";
}

/* @stmt: a row of YC_CASE_COLUMNS */
YcCase *
_yc_case_new_from_row (sqlite3_stmt *stmt)
{
  YcCase *self = g_object_new (YC_TYPE_CASE, NULL);

  self->id = yc_db_column_text (stmt, 0);
  self->code = yc_db_column_text (stmt, 1);
  self->name = yc_db_column_text (stmt, 2);
  self->version = sqlite3_column_int (stmt, 3);
  self->state_text = yc_db_column_text (stmt, 4);
  self->state = yc_case_state_from_string (self->state_text);
  self->official_no = yc_db_column_text (stmt, 5);
  self->applicant = yc_db_column_text (stmt, 6);
  self->problem = yc_db_column_text (stmt, 7);
  self->updated = yc_db_column_text (stmt, 8);
  self->delivery = yc_db_column_text (stmt, 9);
  self->delivery_note = yc_db_column_text (stmt, 10);
  return self;
}

/* Whether @a and @b are the same case read at the same change: every
 * change moves `updated`. */
gboolean
_yc_case_same_reading (YcCase *a,
                       YcCase *b)
{
  return g_str_equal (a->id, b->id) && g_strcmp0 (a->updated, b->updated) == 0 && a->state == b->state;
}

const char *
yc_case_get_id (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->id;
}

const char *
yc_case_get_code (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->code;
}

const char *
yc_case_get_name (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->name;
}

guint
yc_case_get_version (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), 0);
  return self->version;
}

YcCaseState
yc_case_get_state (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), YC_CASE_STATE_OTHER);
  return self->state;
}

/**
 * yc_case_get_official_no:
 *
 * Returns: (nullable): the 办件编号, once the central service gave it
 */
const char *
yc_case_get_official_no (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->official_no;
}

/**
 * yc_case_get_applicant:
 *
 * Returns: (nullable): the applicant's name as typed
 */
const char *
yc_case_get_applicant (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->applicant;
}

/**
 * yc_case_get_problem:
 *
 * Returns: (nullable): why the central service, or the back office,
 *   refused the case
 */
const char *
yc_case_get_problem (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->problem;
}

const char *
yc_case_get_updated (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->updated;
}

/**
 * yc_case_get_delivery:
 *
 * Returns: (nullable): how the result reaches the applicant: "window" or
 *   "post"
 */
const char *
yc_case_get_delivery (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->delivery;
}

/**
 * yc_case_get_delivery_note:
 *
 * Returns: (nullable): the back office's note on the delivery, such as a
 *   tracking number
 */
const char *
yc_case_get_delivery_note (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->delivery_note;
}

/**
 * yc_case_describe:
 *
 * Returns: (transfer full): where the case stands, for a person: the
 *   state's label, and the back office's reason or how the result is
 *   delivered
 */
char *
yc_case_describe (YcCase *self)
{
  GString *text;

  g_return_val_if_fail (YC_IS_CASE (self), NULL);

  text = g_string_new (self->state == YC_CASE_STATE_OTHER ? self->state_text : yc_case_state_get_label (self->state));
  if (self->state == YC_CASE_STATE_REJECTED && self->problem)
    g_string_append_printf (text, ": %s", self->problem);
  if (self->state == YC_CASE_STATE_RESULT_READY && self->delivery)
    g_string_append_printf (text, " · %s", yc_delivery_label (self->delivery));
  if (self->state == YC_CASE_STATE_RESULT_READY && self->delivery_note)
    g_string_append_printf (text, " · %s", self->delivery_note);
  return g_string_free (text, FALSE);
}

/**
 * yc_case_to_json:
 *
 * Returns: (transfer full): the case as `yichuang case list --json` prints
 *   it, with its state as the store names it
 */
JsonObject *
yc_case_to_json (YcCase *self)
{
  JsonObject *o;

  g_return_val_if_fail (YC_IS_CASE (self), NULL);

  o = json_object_new ();
  json_object_set_string_member (o, "id", self->id);
  json_object_set_string_member (o, "code", self->code);
  json_object_set_string_member (o, "name", self->name);
  json_object_set_int_member (o, "version", self->version);
  json_object_set_string_member (o, "state", self->state_text);
  json_object_set_string_member (o, "official_no", self->official_no);
  json_object_set_string_member (o, "applicant", self->applicant);
  json_object_set_string_member (o, "problem", self->problem);
  json_object_set_string_member (o, "updated", self->updated);
  json_object_set_string_member (o, "delivery", self->delivery);
  json_object_set_string_member (o, "delivery_note", self->delivery_note);
  return o;
}

static void
yc_case_finalize (GObject *object)
{
  YcCase *self = (YcCase *)object;

  g_free (self->id);
  g_free (self->code);
  g_free (self->name);
  g_free (self->state_text);
  g_free (self->official_no);
  g_free (self->applicant);
  g_free (self->problem);
  g_free (self->updated);
  g_free (self->delivery);
  g_free (self->delivery_note);

  G_OBJECT_CLASS (yc_case_parent_class)->finalize (object);
}

static void
yc_case_class_init (YcCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_case_finalize;
}

static void
yc_case_init (YcCase *self)
{
}

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

#include <string.h>

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
  char        *clerk;         /* who took it at the window */
  char        *helper;        /* who carries it for the citizen (帮办代办), if anyone */
  char        *promised_by;   /* the promised completion date, YYYY-MM-DD */
  char        *waiting;       /* "notify", "rongque" or NULL */
  char        *decided;       /* the day of the window's last decision, YYYY-MM-DD */
};

G_DEFINE_FINAL_TYPE (YcCase, yc_case, G_TYPE_OBJECT)

static const struct
{
  YcCaseLight  light;
  const char  *text;
  const char  *label;
} lights[] = {
  { YC_CASE_LIGHT_NONE, "none", N_("No deadline") },
  { YC_CASE_LIGHT_GREEN, "green", N_("On time") },
  { YC_CASE_LIGHT_YELLOW, "yellow", N_("Deadline near (yellow card)") },
  { YC_CASE_LIGHT_RED, "red", N_("Deadline reached (red card)") },
};

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

/* The longest number yc_case_number_parse() takes: a station code of 32, a
 * clerk number of 4, the day, a sequence of 9 digits and a sub-case of 3,
 * with their separators */
#define YC_CASE_NUMBER_MAX 64

static gboolean
all_digits (const char *text,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return length > 0;
}

/**
 * yc_case_number_parse:
 * @text: (nullable): a case number, as a station makes it
 * @station: (out) (optional) (transfer full): its station's code
 * @clerk_no: (out) (optional) (transfer full): the number of the clerk
 *   who made it
 * @sub_case: (out) (optional): the member of a bundle it is the sub-case
 *   of (the `/N` after the parent's number), 0 for a case of its own
 *
 * A station's own number for a case is STATION-CLERK-DAY-SEQ
 * (docs/sync-protocol.md): the station's code (1 to 32 ASCII letters and
 * digits), the clerk's number at the station (2 to 4 digits), the day it
 * was taken (yyyyMMdd, a real date) and the clerk profile's sequence of
 * that day (4 to 9 digits), with `/N` after it for a bundle's sub-case.
 * The station checks the numbers it makes with it, and the central service
 * every number a station sends.
 *
 * Returns: whether @text is such a number
 */
gboolean
yc_case_number_parse (const char  *text,
                      char       **station,
                      char       **clerk_no,
                      guint       *sub_case)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *number = NULL;
  const char *slash;
  gsize length;
  guint64 member = 0;
  int year, month, day;

  if (text == NULL || (length = strnlen (text, YC_CASE_NUMBER_MAX + 1)) > YC_CASE_NUMBER_MAX)
    return FALSE;
  if ((slash = strchr (text, '/')) != NULL)
    {
      if (!all_digits (slash + 1, strlen (slash + 1)) || strlen (slash + 1) > 3 || slash[1] == '0')
        return FALSE;
      member = g_ascii_strtoull (slash + 1, NULL, 10);
      length = slash - text;
    }
  number = g_strndup (text, length);
  parts = g_strsplit (number, "-", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;
  for (const char *c = parts[0]; *c; c++)
    if (!g_ascii_isalnum (*c))
      return FALSE;
  if (parts[0][0] == '\0' || strlen (parts[0]) > 32 ||
      !all_digits (parts[1], strlen (parts[1])) || strlen (parts[1]) < 2 || strlen (parts[1]) > 4 ||
      !all_digits (parts[2], strlen (parts[2])) || strlen (parts[2]) != 8 ||
      !all_digits (parts[3], strlen (parts[3])) || strlen (parts[3]) < 4 || strlen (parts[3]) > 9)
    return FALSE;
  year = (parts[2][0] - '0') * 1000 + (parts[2][1] - '0') * 100 + (parts[2][2] - '0') * 10 + (parts[2][3] - '0');
  month = (parts[2][4] - '0') * 10 + (parts[2][5] - '0');
  day = (parts[2][6] - '0') * 10 + (parts[2][7] - '0');
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  if (station)
    *station = g_strdup (parts[0]);
  if (clerk_no)
    *clerk_no = g_strdup (parts[1]);
  if (sub_case)
    *sub_case = (guint) member;
  return TRUE;
}

/**
 * yc_case_light_to_string:
 *
 * Returns: the light's name: "none", "green", "yellow" or "red"
 */
const char *
yc_case_light_to_string (YcCaseLight light)
{
  for (guint i = 0; i < G_N_ELEMENTS (lights); i++)
    if (lights[i].light == light)
      return lights[i].text;
  return "none";
}

/**
 * yc_case_light_get_label:
 *
 * Returns: the light in words, translated
 */
const char *
yc_case_light_get_label (YcCaseLight light)
{
  for (guint i = 0; i < G_N_ELEMENTS (lights); i++)
    if (lights[i].light == light)
      return _(lights[i].label);
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
  self->clerk = yc_db_column_text (stmt, 11);
  self->helper = yc_db_column_text (stmt, 12);
  self->promised_by = yc_db_column_text (stmt, 13);
  self->waiting = yc_db_column_text (stmt, 14);
  self->decided = yc_db_column_text (stmt, 15);
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
 * yc_case_get_clerk:
 *
 * Returns: (nullable): who took the case at the window (the last
 *   decision's clerk); for a draft, the clerk of the profile it was begun in
 */
const char *
yc_case_get_clerk (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->clerk;
}

/**
 * yc_case_get_helper:
 *
 * Returns: (nullable): the name of the helper (帮办代办) who carries the
 *   case for the citizen now: the intake's, or the last handover's
 */
const char *
yc_case_get_helper (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->helper;
}

/**
 * yc_case_get_promised_by:
 *
 * Returns: (nullable): the promised completion date the applicant was
 *   told, YYYY-MM-DD
 */
const char *
yc_case_get_promised_by (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->promised_by;
}

/**
 * yc_case_get_waiting:
 *
 * Returns: (nullable): "notify" while the case waits for 补正 after
 *   一次性告知, "rongque" while a 容缺 material is still to be supplied,
 *   %NULL otherwise
 */
const char *
yc_case_get_waiting (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->waiting;
}

/**
 * yc_case_get_decided:
 *
 * Returns: (nullable): the day of the window's last decision, YYYY-MM-DD
 */
const char *
yc_case_get_decided (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->decided;
}

/**
 * yc_case_is_finished:
 *
 * Returns: whether the case keeps no promise any more: refused at the
 *   window, its result ready, or delivered
 */
gboolean
yc_case_is_finished (YcCase *self)
{
  static const char * const finished[] = YC_CASE_FINISHED_STATES;

  g_return_val_if_fail (YC_IS_CASE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (finished); i++)
    if (g_strcmp0 (self->state_text, finished[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * yc_case_get_light:
 * @today: the day at the station
 * @yellow_days: the setting yellow-card-days
 * @red_days: the setting red-card-days
 *
 * The 红黄牌 of the promised date. With R the working days left after
 * @today up to and including the promised date (0 on the day itself, less
 * than 0 once it is past): red once it is past, or when @red_days is more
 * than 0 and R is @red_days or less (red-card-days 0 means red only once
 * the deadline is breached); yellow when R is @yellow_days or less; green
 * otherwise. A day the calendar does not have is not counted as a working
 * day, so that a calendar not yet published errs towards the warning.
 *
 * Returns: the light; %YC_CASE_LIGHT_NONE for a case without a promised
 *   date or a finished one
 */
YcCaseLight
yc_case_get_light (YcCase      *self,
                   YcCalendar  *calendar,
                   const GDate *today,
                   guint        yellow_days,
                   guint        red_days)
{
  GDate due, day;
  guint left = 0;
  guint enough = MAX (yellow_days, red_days);

  g_return_val_if_fail (YC_IS_CASE (self), YC_CASE_LIGHT_NONE);
  g_return_val_if_fail (YC_IS_CALENDAR (calendar), YC_CASE_LIGHT_NONE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), YC_CASE_LIGHT_NONE);

  if (!yc_date_parse (self->promised_by, &due) || yc_case_is_finished (self))
    return YC_CASE_LIGHT_NONE;
  if (g_date_compare (today, &due) > 0)
    return YC_CASE_LIGHT_RED;
  /* counted only as far as a threshold: a row of the case list asks */
  day = *today;
  while (g_date_compare (&day, &due) < 0 && left <= enough)
    {
      YcDayKind kind;

      g_date_add_days (&day, 1);
      kind = yc_calendar_get_day (calendar, &day, NULL);
      if (kind == YC_DAY_WORKING || kind == YC_DAY_MAKEUP)
        left++;
    }
  if (red_days > 0 && left <= red_days)
    return YC_CASE_LIGHT_RED;
  if (left <= yellow_days)
    return YC_CASE_LIGHT_YELLOW;
  return YC_CASE_LIGHT_GREEN;
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
  if ((self->state == YC_CASE_STATE_REJECTED || self->state == YC_CASE_STATE_SET_ASIDE) && self->problem)
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
  json_object_set_string_member (o, "clerk", self->clerk);
  json_object_set_string_member (o, "helper", self->helper);
  json_object_set_string_member (o, "promised_by", self->promised_by);
  json_object_set_string_member (o, "waiting", self->waiting);
  json_object_set_string_member (o, "decided", self->decided);
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
  g_free (self->clerk);
  g_free (self->helper);
  g_free (self->promised_by);
  g_free (self->waiting);
  g_free (self->decided);

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

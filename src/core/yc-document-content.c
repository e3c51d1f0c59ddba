/* yc-document-content.c: what each document says, made from the case
 *
 * Every line comes from what the case already holds: the last intake
 * event (the materials as the clerk marked them, the dates counted at
 * submit, the 一次性告知's list, the refusal's reason, advice and
 * rights), the form rebuilt over the template it was taken under (a
 * material's issuer, copies, commitment text), the items' fees and
 * delivery and the office's data from the catalog. Nothing here decides
 * anything again: the rules are in yc-decision.c, yc-intake.c and
 * yc-case-text.c; this file only puts their answers into words, once, so
 * that the window, the command line and a reprint say the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-case-text.h"
#include "yc-case.h"
#include "yc-document-private.h"
#include "yc-event.h"
#include "yc-form.h"

typedef struct
{
  JsonArray  *blocks;
  JsonObject *intake;
  YcForm     *form;
  JsonObject *office;
} Builder;

static void
add_heading (Builder    *b,
             const char *text)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "h", text);
  json_array_add_object_element (b->blocks, o);
}

static void
add_text (Builder    *b,
          const char *text)
{
  JsonObject *o;

  if (text == NULL || *text == '\0')
    return;
  o = json_object_new ();
  json_object_set_string_member (o, "p", text);
  json_array_add_object_element (b->blocks, o);
}

static void
add_pair (Builder    *b,
          const char *label,
          const char *value)
{
  JsonObject *o;

  if (value == NULL || *value == '\0')
    return;
  o = json_object_new ();
  json_object_set_string_member (o, "k", label);
  json_object_set_string_member (o, "v", value);
  json_array_add_object_element (b->blocks, o);
}

/* takes @line */
static void
add_line (JsonArray *lines,
          char      *line)
{
  json_array_add_string_element (lines, line);
  g_free (line);
}

/* takes @lines; nothing when it is empty */
static void
add_list (Builder   *b,
          JsonArray *lines)
{
  JsonObject *o;

  if (json_array_get_length (lines) == 0)
    {
      json_array_unref (lines);
      return;
    }
  o = json_object_new ();
  json_object_set_array_member (o, "li", lines);
  json_array_add_object_element (b->blocks, o);
}

/* the office's own words for a kind, where it has changed ours */
static const char *
office_wording (Builder        *b,
                YcDocumentKind  kind,
                const char     *fallback)
{
  JsonObject *wording = yc_json_get_object (b->office, "wording");
  const char *own = yc_json_get_string (wording, yc_document_kind_to_string (kind));

  return own ? own : fallback;
}

static JsonObject *
intake_material (Builder    *b,
                 const char *id)
{
  JsonArray *materials = yc_json_get_array (b->intake, "materials");

  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (yc_json_get_string (m, "id"), id) == 0)
        return m;
    }
  return NULL;
}

static const char *
material_name (Builder    *b,
               const char *id)
{
  JsonObject *m = intake_material (b, id);
  const YcFormMaterial *t = yc_form_lookup_material (b->form, id);

  if (yc_json_get_string (m, "name"))
    return yc_json_get_string (m, "name");
  return t ? t->name : id;
}

static void
add_applicant (Builder *b)
{
  const YcFormField *name = NULL, *number = NULL;
  const char *applicant = yc_form_get_applicant (b->form);

  yc_form_find_applicant (b->form, &name, &number);
  add_pair (b, _("Applicant"), applicant);
  if (number != NULL)
    {
      JsonNode *value = yc_form_get_value (b->form, number->key);

      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        add_pair (b, number->label, json_node_get_string (value));
    }
}

static void
add_helper (Builder *b)
{
  JsonObject *helper = yc_json_get_object (b->intake, "helper");

  if (helper == NULL)
    return;
  add_pair (b, _("Helper acting for the applicant"), yc_json_get_string (helper, "name"));
  add_pair (b, _("Helper’s ID number"), yc_json_get_string (helper, "id_number"));
}

static void
add_item (Builder *b,
          YcCase  *c)
{
  add_pair (b, _("Item"), yc_form_get_name (b->form));
  add_pair (b, _("Situation"), yc_json_get_string (b->intake, "situation"));
}

/* "name · form · copies", as the receipt lists what it received */
static char *
describe_received (Builder    *b,
                   JsonObject *m)
{
  const char *id = yc_json_get_string (m, "id");
  const char *form = yc_json_get_string (m, "form");
  const YcFormMaterial *t = yc_form_lookup_material (b->form, id);

  if (form == NULL && t != NULL)
    form = t->received;
  if (t != NULL && t->copies > 0 && g_strcmp0 (form, "e-licence") != 0 && g_strcmp0 (form, "scan") != 0)
    return g_strdup_printf (ngettext ("%s — %s, %u copy", "%s — %s, %u copies", t->copies),
                            material_name (b, id), form ? yc_material_received_label (form) : "", t->copies);
  return g_strdup_printf (_("%s — %s"), material_name (b, id), form ? yc_material_received_label (form) : "");
}

static void
add_received (Builder *b)
{
  JsonArray *materials = yc_json_get_array (b->intake, "materials");
  JsonArray *lines = json_array_new ();

  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (yc_json_get_string (m, "status"), "received") == 0)
        add_line (lines, describe_received (b, m));
    }
  if (json_array_get_length (lines) > 0)
    add_heading (b, _("Materials received"));
  add_list (b, lines);
}

static void
add_dates (Builder *b)
{
  g_autoptr(YcIntakeDates) dates = yc_intake_dates_new_from_data (b->intake);
  g_autofree char *text = NULL;

  if (dates == NULL)
    return;
  add_pair (b, _("Accepted on"), dates->accepted_on);
  if (dates->promised_days == 0)
    add_pair (b, _("Promised completion"), _("Done on the spot"));
  else if (dates->promised_by != NULL)
    {
      g_autofree char *value = g_strdup_printf (_("%s, %u working days after acceptance"), dates->promised_by,
                                                dates->promised_days);
      add_pair (b, _("Promised completion"), value);
    }
  else
    {
      g_autofree char *value = g_strdup_printf (_("within %u working days of acceptance"), dates->promised_days);
      add_pair (b, _("Promised completion"), value);
    }
}

static void
add_fees (Builder *b)
{
  GPtrArray *members = yc_form_get_members (b->form);
  JsonArray *lines = json_array_new ();
  gboolean any = FALSE;

  for (guint i = 0; i < members->len; i++)
    {
      JsonObject *item = g_ptr_array_index (members, i);
      JsonObject *fees = yc_json_get_object (item, "fees");
      JsonArray *items = yc_json_get_array (fees, "items");

      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          JsonNode *node = json_array_get_element (items, j);
          JsonObject *fee = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

          if (fee == NULL)
            continue;
          add_line (lines, g_strdup_printf (_("%s: %s yuan (basis: %s)"),
                                                                 yc_json_get_string (fee, "name"),
                                                                 yc_json_get_string (fee, "amount"),
                                                                 yc_json_get_string (fee, "basis")
                                                                 ? yc_json_get_string (fee, "basis") : _("none given")));
          any = TRUE;
        }
    }
  add_heading (b, _("Fees"));
  if (!any)
    add_text (b, _("Free of charge: no fee is asked for this item."));
  add_list (b, lines);
}

static void
add_delivery (Builder *b)
{
  GPtrArray *members = yc_form_get_members (b->form);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < members->len; i++)
    {
      JsonArray *delivery = yc_json_get_array (g_ptr_array_index (members, i), "delivery");

      for (guint j = 0; delivery != NULL && j < json_array_get_length (delivery); j++)
        {
          const char *how = yc_json_get_string_element (delivery, j);

          if (how == NULL || g_ptr_array_find_with_equal_func (seen, how, g_str_equal, NULL))
            continue;
          g_ptr_array_add (seen, (gpointer) how);
          g_string_append_printf (text, "%s%s", text->len ? _("; or ") : "", yc_delivery_label (how));
        }
    }
  add_pair (b, _("How the result reaches you"), text->str);
}

static void
add_where_to_ask (Builder *b)
{
  g_autoptr(GString) text = g_string_new (yc_json_get_string (b->office, "name"));

  if (yc_json_get_string (b->office, "address"))
    g_string_append_printf (text, _(", %s"), yc_json_get_string (b->office, "address"));
  if (yc_json_get_string (b->office, "phone"))
    g_string_append_printf (text, _(", telephone %s"), yc_json_get_string (b->office, "phone"));
  if (yc_json_get_string (b->office, "hours"))
    g_string_append_printf (text, _(", open %s"), yc_json_get_string (b->office, "hours"));
  add_pair (b, _("Where to ask"), text->str);
}

/* each 容缺 material: its form, the date it is due, what if it is not */
static void
add_supply (Builder        *b,
            YcDocumentKind  kind)
{
  g_autoptr(YcIntakeDates) dates = yc_intake_dates_new_from_data (b->intake);
  JsonArray *lines = json_array_new ();

  for (guint i = 0; dates != NULL && i < dates->supply->len; i++)
    {
      const YcSupplyDue *due = g_ptr_array_index (dates->supply, i);
      JsonObject *m = intake_material (b, due->material);
      const YcFormMaterial *t = yc_form_lookup_material (b->form, due->material);
      const char *form = yc_json_get_string (m, "supply_form");
      g_autofree char *when = NULL;

      if (form == NULL && t != NULL)
        form = t->received;
      when = due->by ? g_strdup_printf (_("due by %s"), due->by)
                     : g_strdup_printf (_("due within %u working days of acceptance"), due->days);
      add_line (lines, g_strdup_printf (_("%s — to be supplied as: %s; %s"), due->name,
                                                             form ? yc_material_received_label (form) : "",
                                                             when));
    }
  add_heading (b, _("Materials to supply"));
  add_list (b, lines);
  add_pair (b, _("If a material is not supplied by its date"),
            office_wording (b, kind, _("the application is dealt with as incomplete, the acceptance ends and the "
                                       "case may be ended; what was received is returned on request.")));
}

static void
build_receipt (Builder *b,
               YcCase  *c)
{
  add_item (b, c);
  add_applicant (b);
  add_helper (b);
  add_dates (b);
  add_received (b);
  add_fees (b);
  add_delivery (b);
  add_where_to_ask (b);
  add_text (b, office_wording (b, YC_DOCUMENT_RECEIPT, NULL));
}

static void
build_notice_rongque (Builder *b,
                      YcCase  *c)
{
  add_item (b, c);
  add_applicant (b);
  add_helper (b);
  add_dates (b);
  add_text (b, _("Your application is accepted with materials pending (容缺受理): the primary materials are "
                 "complete, and the materials below may be supplied after acceptance."));
  add_supply (b, YC_DOCUMENT_NOTICE_RONGQUE);
  add_where_to_ask (b);
}

static void
build_rongque_commitment (Builder *b,
                          YcCase  *c)
{
  JsonObject *commitment = yc_json_get_object (b->intake, "commitment");

  add_item (b, c);
  add_applicant (b);
  add_dates (b);
  add_supply (b, YC_DOCUMENT_RONGQUE_COMMITMENT);
  add_heading (b, _("The applicant’s commitment"));
  add_text (b, yc_json_get_string (commitment, "text") ? yc_json_get_string (commitment, "text")
                                                       : yc_rongque_describe_commitment ());
}

static gboolean
build_commitment (Builder  *b,
                  YcCase   *c,
                  GError  **error)
{
  JsonArray *materials = yc_json_get_array (b->intake, "materials");
  guint n = 0;

  add_item (b, c);
  add_applicant (b);
  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = yc_json_get_string (m, "id");
      const YcFormMaterial *t;

      if (g_strcmp0 (yc_json_get_string (m, "form"), "commitment") != 0)
        continue;
      t = yc_form_lookup_material (b->form, id);
      add_heading (b, material_name (b, id));
      if (t == NULL || t->commitment == NULL)
        {
          g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INVALID,
                       _("The material “%s” was replaced by a commitment, but the template has no commitment "
                         "text for it (the item’s “materials”, member “commitment”)"), material_name (b, id));
          return FALSE;
        }
      add_text (b, t->commitment);
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_PRINTED,
                   _("No material of this case was replaced by a commitment (告知承诺)"));
      return FALSE;
    }
  add_text (b, office_wording (b, YC_DOCUMENT_COMMITMENT,
                               _("I know that the office may verify what I commit to, and that a false commitment "
                                 "ends the licence and is recorded as dishonest.")));
  return TRUE;
}

static void
build_notice_once (Builder *b,
                   YcCase  *c)
{
  JsonArray *notice = yc_json_get_array (b->intake, "notice");
  JsonArray *lines = json_array_new ();

  add_item (b, c);
  add_applicant (b);
  add_helper (b);
  add_heading (b, _("What is missing or must be corrected"));
  for (guint i = 0; notice != NULL && i < json_array_get_length (notice); i++)
    {
      JsonNode *node = json_array_get_element (notice, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *what = yc_json_get_string (entry, "what");
      const char *todo = yc_json_get_string (entry, "todo");

      if (what == NULL)
        continue;
      add_line (lines, todo ? g_strdup_printf (_("%s — %s"), what, todo) : g_strdup (what));
    }
  add_list (b, lines);
  add_text (b, office_wording (b, YC_DOCUMENT_NOTICE_ONCE,
                               _("This notice lists everything the office asks for to accept the application: "
                                 "nothing else will be asked for. Bring what is listed to any window of the hall; "
                                 "the application is then decided again on the same case.")));
  add_where_to_ask (b);
}

static void
build_notice_reject (Builder *b,
                     YcCase  *c)
{
  add_item (b, c);
  add_applicant (b);
  add_helper (b);
  add_heading (b, _("Why the application is not accepted"));
  add_text (b, yc_json_get_string (b->intake, "reason"));
  add_heading (b, _("Where and how it can be done instead"));
  add_text (b, yc_json_get_string (b->intake, "advice"));
  add_heading (b, _("Your rights"));
  add_text (b, yc_json_get_string (b->intake, "rights") ? yc_json_get_string (b->intake, "rights")
                                                       : yc_refusal_describe_rights ());
  add_where_to_ask (b);
  add_text (b, office_wording (b, YC_DOCUMENT_NOTICE_REJECT, NULL));
}

static gboolean
build_handover (Builder      *b,
                YcCase       *c,
                const GDate  *today,
                GError      **error)
{
  JsonObject *helper = yc_json_get_object (b->intake, "helper");
  JsonArray *handed = yc_json_get_array (helper, "handed_over");
  JsonArray *lines = json_array_new ();
  char date[16];

  if (helper == NULL)
    {
      json_array_unref (lines);
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_PRINTED,
                   _("The case was taken from the applicant in person: there was no handover to a helper"));
      return FALSE;
    }
  add_item (b, c);
  add_applicant (b);
  add_helper (b);
  add_heading (b, _("Materials handed over to the helper"));
  for (guint i = 0; handed != NULL && i < json_array_get_length (handed); i++)
    {
      const char *id = yc_json_get_string_element (handed, i);
      JsonObject *m = intake_material (b, id);

      if (id != NULL)
        add_line (lines, m ? describe_received (b, m) : g_strdup (material_name (b, id)));
    }
  if (json_array_get_length (lines) == 0)
    add_text (b, _("No material was handed over."));
  add_list (b, lines);
  g_date_strftime (date, sizeof date, "%Y-%m-%d", today);
  add_pair (b, _("Date of the handover"), date);
  add_pair (b, _("Place of the handover"), yc_json_get_string (b->office, "address")
                                           ? yc_json_get_string (b->office, "address")
                                           : yc_json_get_string (b->office, "name"));
  add_text (b, office_wording (b, YC_DOCUMENT_HANDOVER,
                               _("The helper has received the materials listed, carries the case for the applicant "
                                 "and hands back what is returned; both sign below.")));
  return TRUE;
}

/**
 * _yc_document_build_content:
 * @intake: the data of the case's last intake event
 * @form: the case's form, rebuilt from its last intake over its template
 * @office: the office's data (the catalog's "office")
 *
 * Returns: (transfer full) (nullable): the document's content, or %NULL
 *   with @error when the case cannot say what the kind must
 */
JsonObject *
_yc_document_build_content (YcDocumentKind   kind,
                            const char      *case_id,
                            YcCase          *c,
                            JsonObject      *intake,
                            YcForm          *form,
                            JsonObject      *office,
                            const GDate     *today,
                            GError         **error)
{
  g_autoptr(JsonObject) content = json_object_new ();
  g_autoptr(JsonObject) kept_office = json_object_new ();
  JsonArray *blocks = json_array_new ();
  Builder b = { blocks, intake, form, office };
  char date[16];
  gboolean ok = TRUE;

  json_object_set_string_member (content, "kind", yc_document_kind_to_string (kind));
  json_object_set_string_member (content, "title", yc_document_kind_get_title (kind));
  json_object_set_string_member (content, "case", case_id);
  g_date_strftime (date, sizeof date, "%Y-%m-%d", today);
  json_object_set_string_member (content, "date", date);
  for (const char *const *m = (const char *const[]) { "name", "address", "phone", "hours", NULL }; *m; m++)
    if (yc_json_get_string (office, *m))
      json_object_set_string_member (kept_office, *m, yc_json_get_string (office, *m));
  json_object_set_object_member (content, "office", json_object_ref (kept_office));
  json_object_set_array_member (content, "blocks", blocks);

  switch (kind)
    {
    case YC_DOCUMENT_RECEIPT:
      build_receipt (&b, c);
      break;
    case YC_DOCUMENT_NOTICE_RONGQUE:
      build_notice_rongque (&b, c);
      break;
    case YC_DOCUMENT_RONGQUE_COMMITMENT:
      build_rongque_commitment (&b, c);
      break;
    case YC_DOCUMENT_COMMITMENT:
      ok = build_commitment (&b, c, error);
      break;
    case YC_DOCUMENT_NOTICE_ONCE:
      build_notice_once (&b, c);
      break;
    case YC_DOCUMENT_NOTICE_REJECT:
      build_notice_reject (&b, c);
      break;
    case YC_DOCUMENT_HANDOVER:
    default:
      ok = build_handover (&b, c, today, error);
      break;
    }
  return ok ? g_steal_pointer (&content) : NULL;
}

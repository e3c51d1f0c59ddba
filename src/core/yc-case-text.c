/* yc-case-text.c: the words a citizen reads about a case
 *
 * What the applicant is told — the promised completion date, the day each
 * 容缺 material must be supplied by, the form a material is received in,
 * the item's time limit — is said the same way on the screen, on the
 * receipt and on every notice, so it is made here from the intake event
 * and the template, never assembled by a view from raw JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-case-text.h"
#include "yc-event.h"

static void
supply_due_free (YcSupplyDue *due)
{
  g_free (due->material);
  g_free (due->name);
  g_free (due->by);
  g_free (due);
}

static guint
read_days (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return (guint) CLAMP (json_node_get_int (node), 0, G_MAXUINT);
}

/**
 * yc_intake_dates_new_from_data:
 * @data: an intake event's data, as yc_intake_add_dates() made it
 *
 * Returns: (transfer full) (nullable): the dates the applicant was told,
 *   or %NULL when the intake told none (一次性告知, 不予受理)
 */
YcIntakeDates *
yc_intake_dates_new_from_data (JsonObject *data)
{
  YcIntakeDates *dates;
  JsonArray *supply;

  g_return_val_if_fail (data != NULL, NULL);

  if (yc_json_get_string (data, "accepted_on") == NULL)
    return NULL;
  dates = g_new0 (YcIntakeDates, 1);
  dates->accepted_on = g_strdup (yc_json_get_string (data, "accepted_on"));
  dates->promised_days = read_days (data, "promised_days");
  dates->promised_by = g_strdup (yc_json_get_string (data, "promised_by"));
  dates->supply = g_ptr_array_new_with_free_func ((GDestroyNotify) supply_due_free);
  supply = yc_json_get_array (data, "supply_by");
  for (guint i = 0; supply != NULL && i < json_array_get_length (supply); i++)
    {
      JsonNode *node = json_array_get_element (supply, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      YcSupplyDue *due;

      if (entry == NULL || yc_json_get_string (entry, "name") == NULL)
        continue;
      due = g_new0 (YcSupplyDue, 1);
      due->material = g_strdup (yc_json_get_string (entry, "material"));
      due->name = g_strdup (yc_json_get_string (entry, "name"));
      due->days = read_days (entry, "days");
      due->by = g_strdup (yc_json_get_string (entry, "by"));
      g_ptr_array_add (dates->supply, due);
    }
  return dates;
}

/**
 * yc_intake_dates_new_from_events:
 * @events: (element-type JsonObject): a case's events, oldest first
 *
 * Returns: (transfer full) (nullable): the dates its intake told the
 *   applicant, or %NULL when it has none
 */
YcIntakeDates *
yc_intake_dates_new_from_events (GPtrArray *events)
{
  g_return_val_if_fail (events != NULL, NULL);

  /* the last decision's: a case decided again after 补正 was told anew */
  for (guint i = events->len; i > 0; i--)
    {
      JsonObject *event = g_ptr_array_index (events, i - 1);
      JsonObject *data = yc_json_get_object (event, "data");

      if (g_strcmp0 (yc_json_get_string (event, "type"), YC_EVENT_INTAKE) == 0 && data != NULL)
        return yc_intake_dates_new_from_data (data);
    }
  return NULL;
}

void
yc_intake_dates_free (YcIntakeDates *dates)
{
  if (dates == NULL)
    return;
  g_free (dates->accepted_on);
  g_free (dates->promised_by);
  g_ptr_array_unref (dates->supply);
  g_free (dates);
}

/**
 * yc_intake_dates_describe:
 *
 * Returns: (transfer full) (nullable): the dates as the applicant reads
 *   them, a line each; %NULL for a 即办件 with nothing to supply
 */
char *
yc_intake_dates_describe (const YcIntakeDates *dates)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (dates != NULL, NULL);

  if (dates->promised_days > 0 && dates->promised_by != NULL)
    g_string_append_printf (text, _("Promised completion date: %s (%u working days after %s)"),
                            dates->promised_by, dates->promised_days, dates->accepted_on);
  else if (dates->promised_days > 0)
    g_string_append_printf (text, _("Promised within %u working days; the working-day calendar does not reach that date yet"),
                            dates->promised_days);
  for (guint i = 0; i < dates->supply->len; i++)
    {
      const YcSupplyDue *due = g_ptr_array_index (dates->supply, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (due->by != NULL)
        g_string_append_printf (text, _("Supply “%s” by %s"), due->name, due->by);
      else
        g_string_append_printf (text, _("Supply “%s” within %u working days"), due->name, due->days);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* the catalog's `received` values, in docs/catalog-format.md's order */
static const struct
{
  const char *value;
  const char *label;
} received_forms[] = {
  { "original", N_("original") },
  { "copy-with-original", N_("copy, original checked") },
  { "copy", N_("copy") },
  { "scan", N_("scan") },
  { "e-licence", N_("electronic licence, not asked again") },
  { "commitment", N_("replaced by a signed commitment") },
};

/**
 * yc_material_received_forms:
 *
 * Returns: (transfer none): every form a material may be received in, as
 *   the catalog names them, NULL-terminated
 */
const char * const *
yc_material_received_forms (void)
{
  static const char *values[G_N_ELEMENTS (received_forms) + 1];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      for (guint i = 0; i < G_N_ELEMENTS (received_forms); i++)
        values[i] = received_forms[i].value;
      g_once_init_leave (&made, 1);
    }
  return values;
}

/**
 * yc_material_received_label:
 * @received: a material's `received` value
 *
 * Returns: (transfer none): how the material is handed over, translated;
 *   @received itself for a value this version does not know
 */
const char *
yc_material_received_label (const char *received)
{
  g_return_val_if_fail (received != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (received_forms); i++)
    if (g_str_equal (received, received_forms[i].value))
      return _(received_forms[i].label);
  return received;
}

/**
 * yc_material_describe:
 *
 * Returns: (transfer full): whether the material may be missing (and for
 *   how long), the forms it may be received in and how many copies
 */
char *
yc_material_describe (const YcFormMaterial *material)
{
  g_autofree char *kind = NULL;
  g_autofree char *copies = NULL;
  g_autoptr(GString) forms = NULL;

  g_return_val_if_fail (material != NULL, NULL);

  if (material->primary)
    kind = g_strdup (_("Required"));
  else
    kind = g_strdup_printf (_("May be supplied within %u working days"), material->rongque_days);
  if (material->copies > 0)
    copies = g_strdup_printf (ngettext ("%u copy", "%u copies", material->copies), material->copies);
  forms = g_string_new (NULL);
  for (guint i = 0; material->forms != NULL && material->forms[i] != NULL; i++)
    g_string_append_printf (forms, "%s%s", i > 0 ? " / " : "", yc_material_received_label (material->forms[i]));
  return g_strdup_printf ("%s · %s · %s", kind, forms->str, copies ? copies : _("electronic"));
}

/**
 * yc_form_describe_limits:
 *
 * Returns: (transfer full): the time the form's items take, for a bundle
 *   its longest member's
 */
char *
yc_form_describe_limits (YcForm *form)
{
  guint promised;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);

  if ((promised = yc_form_get_limit (form, YC_LIMIT_PROMISED)) == 0)
    return g_strdup (_("Done on the spot"));
  if (yc_form_is_bundle (form))
    return g_strdup_printf (_("Promised within %u working days, as its longest item"), promised);
  return g_strdup_printf (_("Promised within %u working days (legal limit %u)"), promised,
                          yc_form_get_limit (form, YC_LIMIT_LEGAL));
}

/**
 * yc_refusal_describe_rights:
 *
 * What a 不予受理 tells the applicant of their remedies, as local practice
 * puts §38 of the Administrative Licensing Law on the refusal notice: the
 * refusal dialog shows it and the intake event keeps it as "rights".
 *
 * Returns: (transfer none): the text, translated
 */
const char *
yc_refusal_describe_rights (void)
{
  return _("If you do not agree with this decision, you may apply for administrative review within 60 days "
           "of knowing of it (Administrative Review Law, article 20), or bring an administrative suit before "
           "a people’s court within 6 months (Administrative Litigation Law, article 46).");
}

/**
 * yc_rongque_describe_commitment:
 *
 * The applicant's commitment at 容缺受理 (容缺受理承诺书), as the 容缺
 * dialog shows it and the intake event keeps it as "commitment".
 *
 * Returns: (transfer none): the text, translated
 */
const char *
yc_rongque_describe_commitment (void)
{
  return _("I undertake to supply each material listed, in the form and by the date given. If I do not, "
           "the application is dealt with as incomplete and the case may be ended.");
}

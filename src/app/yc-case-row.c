/* yc-case-row.c: one case in the list of cases found
 *
 * Its fixed frame is ui/yc-case-row.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-case-row.h"

struct _YcCaseRow
{
  AdwActionRow parent_instance;
};

G_DEFINE_FINAL_TYPE (YcCaseRow, yc_case_row, ADW_TYPE_ACTION_ROW)

/**
 * yc_case_row_new:
 * @applicant: who applied, as the window names them
 *
 * Returns: the row of @c
 */
GtkWidget *
yc_case_row_new (YcCase     *c,
                 const char *applicant)
{
  GtkWidget *row;
  const char *official_no;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (YC_IS_CASE (c), NULL);
  g_return_val_if_fail (applicant != NULL, NULL);

  row = g_object_new (YC_TYPE_CASE_ROW, NULL);
  official_no = yc_case_get_official_no (c);
  subtitle = g_strdup_printf ("%s · %s · %s", official_no ? official_no : yc_case_get_id (c),
                              yc_case_get_name (c), yc_case_state_get_label (yc_case_get_state (c)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), applicant);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
yc_case_row_class_init (YcCaseRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-case-row.ui");
}

static void
yc_case_row_init (YcCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

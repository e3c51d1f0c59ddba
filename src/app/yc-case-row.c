/* yc-case-row.c: one case in the case list
 *
 * The case list's view (yc-case-list-view.c) recycles a screenful of
 * these over however many cases the list holds: yc_case_row_set_case()
 * is all a row does, with no query of its own. It is the list's "row"
 * itself, as the theme styles a list view's rows, and a list item to the
 * screen reader. The light's colour is a style class (ui/style.css, the
 * theme's named colours) and its meaning also text, for a clerk who does
 * not tell red from green and for the screen reader. Its fixed frame is
 * ui/yc-case-row.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-case-row.h"

struct _YcCaseRow
{
  GtkWidget  parent_instance;

  char      *case_id;
  char      *light;

  /* template */
  GtkWidget      *grid;
  GtkLabel       *light_label;
  GtkLabel       *light_text_label;
  GtkInscription *item_label;
  GtkInscription *applicant_label;
  GtkLabel       *state_label;
  GtkInscription *number_label;
};

G_DEFINE_FINAL_TYPE (YcCaseRow, yc_case_row, GTK_TYPE_WIDGET)

GtkWidget *
yc_case_row_new (void)
{
  return g_object_new (YC_TYPE_CASE_ROW, NULL);
}

/**
 * yc_case_row_set_case:
 * @light: (nullable): "green", "yellow" or "red", the promised date's
 *   light; %NULL for a case with no promised date
 * @light_text: (nullable): what @light means, in words
 *
 * Shows @c: its item, who applied, where it stands, its local number and,
 * once the central service gave it, the official one.
 */
/* The list binds a row to another case on every frame it scrolls into
 * view, a whole screenful of them on a jump: a label
 * given the text it already shows (a state, a light's words: a few of
 * them) keeps its measured layout instead of being shaped and measured
 * again. */
static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

/* an inscription's size does not depend on its text: a new one is only
 * drawn, and only when it is another */
static void
set_inscription (GtkInscription *inscription,
                 const char     *text)
{
  if (g_strcmp0 (gtk_inscription_get_text (inscription), text) != 0)
    gtk_inscription_set_text (inscription, text);
}

void
yc_case_row_set_case (YcCaseRow  *self,
                      YcCase     *c,
                      const char *light,
                      const char *light_text)
{
  const char *applicant;
  const char *official_no;
  g_autofree char *numbers = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (YC_IS_CASE_ROW (self));
  g_return_if_fail (YC_IS_CASE (c));

  g_free (self->case_id);
  self->case_id = g_strdup (yc_case_get_id (c));
  if (g_strcmp0 (self->light, light) != 0)
    {
      /* the one class swapped; the dot itself is never written again */
      if (self->light != NULL)
        {
          g_autofree char *old = g_strconcat ("light-", self->light, NULL);

          gtk_widget_remove_css_class (GTK_WIDGET (self->light_label), old);
        }
      g_free (self->light);
      self->light = g_strdup (light);
      if (light != NULL)
        {
          g_autofree char *class = g_strconcat ("light-", light, NULL);

          gtk_widget_add_css_class (GTK_WIDGET (self->light_label), class);
        }
      /* an unlit dot keeps its place: the rows' columns line up */
      gtk_widget_set_opacity (GTK_WIDGET (self->light_label), light != NULL ? 1.0 : 0.0);
    }
  set_label (self->light_text_label, light_text ? light_text : "");

  applicant = yc_case_get_applicant (c);
  official_no = yc_case_get_official_no (c);
  set_inscription (self->item_label, yc_case_get_name (c));
  set_inscription (self->applicant_label, applicant && applicant[0] ? applicant : _("(no name yet)"));
  set_label (self->state_label, yc_case_state_get_label (yc_case_get_state (c)));
  if (official_no != NULL)
    numbers = g_strdup_printf ("%s · %s", yc_case_get_id (c), official_no);
  else
    numbers = g_strdup (yc_case_get_id (c));
  /* its tooltip, the number in full when ellipsized, is read when asked
   * for: query_number_tooltip_cb() */
  set_inscription (self->number_label, numbers);

  accessible = g_strdup_printf ("%s, %s, %s, %s%s%s", gtk_inscription_get_text (self->applicant_label),
                                yc_case_get_name (c), gtk_label_get_text (self->state_label), numbers,
                                light_text ? ", " : "", light_text ? light_text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

const char *
yc_case_row_get_case_id (YcCaseRow *self)
{
  g_return_val_if_fail (YC_IS_CASE_ROW (self), NULL);
  return self->case_id;
}

/**
 * yc_case_row_get_light:
 *
 * Returns: (nullable): the light shown, as yc_case_row_set_case() took it
 */
const char *
yc_case_row_get_light (YcCaseRow *self)
{
  g_return_val_if_fail (YC_IS_CASE_ROW (self), NULL);
  return self->light;
}

/* an ellipsized number is still there in full */
static gboolean
query_number_tooltip_cb (GtkWidget  *label,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         YcCaseRow  *self)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (label));

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
yc_case_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YC_TYPE_CASE_ROW);

  G_OBJECT_CLASS (yc_case_row_parent_class)->dispose (object);
}

static void
yc_case_row_finalize (GObject *object)
{
  YcCaseRow *self = (YcCaseRow *)object;

  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->light, g_free);

  G_OBJECT_CLASS (yc_case_row_parent_class)->finalize (object);
}

static void
yc_case_row_class_init (YcCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_case_row_dispose;
  object_class->finalize = yc_case_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YcCaseRow, grid);
  gtk_widget_class_bind_template_child (widget_class, YcCaseRow, light_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseRow, light_text_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseRow, item_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseRow, applicant_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseRow, number_label);
  gtk_widget_class_bind_template_callback (widget_class, query_number_tooltip_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
yc_case_row_init (YcCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

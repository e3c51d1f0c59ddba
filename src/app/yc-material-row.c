/* yc-material-row.c: one material of the checklist
 *
 * The row shows what the material must be and applies what the clerk
 * presses, received or missing, to the YcForm. Its fixed frame is
 * ui/yc-material-row.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-material-row.h"

struct _YcMaterialRow
{
  AdwActionRow  parent_instance;

  YcForm       *form;
  char         *id;
  GtkWidget    *received_button;
  GtkWidget    *missing_button;
};

G_DEFINE_FINAL_TYPE (YcMaterialRow, yc_material_row, ADW_TYPE_ACTION_ROW)

/* Pressing one button releases the other, which toggles too: the material
 * is pending only once neither is pressed. */
static void
on_toggled_cb (YcMaterialRow   *self,
               GtkToggleButton *button)
{
  if (self->form == NULL)
    return;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->received_button)))
    yc_form_set_material_status (self->form, self->id, YC_MATERIAL_RECEIVED);
  else if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->missing_button)))
    yc_form_set_material_status (self->form, self->id, YC_MATERIAL_MISSING);
  else
    yc_form_set_material_status (self->form, self->id, YC_MATERIAL_PENDING);
}

/**
 * yc_material_row_new:
 * @material: one of yc_form_get_materials() of @form
 *
 * Returns: the row of @material, showing its status
 */
GtkWidget *
yc_material_row_new (YcForm               *form,
                     const YcFormMaterial *material)
{
  YcMaterialRow *self;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  g_autofree char *name_received = NULL;
  g_autofree char *name_missing = NULL;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail (material != NULL, NULL);

  self = g_object_new (YC_TYPE_MATERIAL_ROW, NULL);
  self->id = g_strdup (material->id);
  name_received = g_strconcat ("material:", material->id, ":received", NULL);
  name_missing = g_strconcat ("material:", material->id, ":missing", NULL);
  gtk_widget_set_name (self->received_button, name_received);
  gtk_widget_set_name (self->missing_button, name_missing);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->received_button),
                                material->status == YC_MATERIAL_RECEIVED);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->missing_button),
                                material->status == YC_MATERIAL_MISSING);
  /* the status shown is the form's: the form follows the buttons only now */
  self->form = g_object_ref (form);

  description = yc_material_describe (material);
  /* the subtitle is markup */
  subtitle = g_markup_escape_text (description, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), material->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  return GTK_WIDGET (self);
}

static void
yc_material_row_dispose (GObject *object)
{
  YcMaterialRow *self = (YcMaterialRow *)object;

  g_clear_object (&self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_MATERIAL_ROW);

  G_OBJECT_CLASS (yc_material_row_parent_class)->dispose (object);
}

static void
yc_material_row_finalize (GObject *object)
{
  YcMaterialRow *self = (YcMaterialRow *)object;

  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (yc_material_row_parent_class)->finalize (object);
}

static void
yc_material_row_class_init (YcMaterialRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_material_row_dispose;
  object_class->finalize = yc_material_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-material-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, received_button);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, missing_button);
  gtk_widget_class_bind_template_callback (widget_class, on_toggled_cb);
}

static void
yc_material_row_init (YcMaterialRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* yc-helper-dialog.c: who takes the case for the applicant (帮办代办)
 *
 * The helper's name and ID number, the relation to the applicant or the
 * authorisation (委托书) among the form's materials, and the materials
 * handed over. Whether that helper may take the case is the core's word
 * (yc_case_log_check_helper(), the check the intake runs again): the
 * dialog asks it on every change, says what is wrong, and saves only what
 * it allows, into the form (yc_form_set_helper()), whose change the draft
 * saves. Its fixed frame is ui/yc-helper-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-helper-dialog.h"

struct _YcHelperDialog
{
  GtkWindow   parent_instance;

  YcForm     *form;
  char       *problem;
  GPtrArray  *authorisations;  /* material ids, after "none" in the combo */
  GPtrArray  *ids;             /* material ids of the checks */
  GPtrArray  *checks;

  GtkWidget  *name_entry;
  GtkWidget  *id_number_entry;
  GtkWidget  *relation_entry;
  GtkWidget  *authorisation_row;
  GtkWidget  *materials_group;
  GtkWidget  *problem_label;
};

G_DEFINE_FINAL_TYPE (YcHelperDialog, yc_helper_dialog, GTK_TYPE_WINDOW)

static char *
entry_text (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* The helper as entered, in the shape the intake records */
static JsonObject *
build (YcHelperDialog *self)
{
  JsonObject *helper = json_object_new ();
  JsonArray *handed = json_array_new ();
  g_autofree char *name = entry_text (self->name_entry);
  g_autofree char *id_number = entry_text (self->id_number_entry);
  g_autofree char *relation = entry_text (self->relation_entry);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->authorisation_row));

  json_object_set_string_member (helper, "name", name);
  json_object_set_string_member (helper, "id_number", id_number);
  if (relation[0] != '\0')
    json_object_set_string_member (helper, "relation", relation);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->authorisations->len)
    json_object_set_string_member (helper, "authorisation", g_ptr_array_index (self->authorisations, selected - 1));
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      json_array_add_string_element (handed, g_ptr_array_index (self->ids, i));
  json_object_set_array_member (helper, "handed_over", handed);
  return helper;
}

static void
update (YcHelperDialog *self)
{
  g_autoptr(JsonObject) helper = NULL;
  g_autoptr(GError) error = NULL;
  gboolean fits;

  /* the template's signals come while it is still being built */
  if (self->form == NULL)
    return;
  helper = build (self);
  fits = yc_case_log_check_helper (helper, self->form, NULL, &error);
  g_free (self->problem);
  self->problem = fits ? NULL : g_strdup (error->message);
  gtk_label_set_text (GTK_LABEL (self->problem_label), fits ? "" : error->message);
  gtk_widget_set_visible (self->problem_label, !fits);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "helper.save", fits);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YcHelperDialog *self = YC_HELPER_DIALOG (widget);
  g_autoptr(JsonObject) helper = build (self);

  /* asked again: the form may have changed behind the dialog */
  update (self);
  if (self->problem != NULL)
    return;
  yc_form_set_helper (self->form, helper);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
in_person_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YcHelperDialog *self = YC_HELPER_DIALOG (widget);

  yc_form_set_helper (self->form, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Enter on a check saves, as in the entries; Space ticks it */
static gboolean
on_check_key_cb (YcHelperDialog  *self,
                 guint            keyval,
                 guint            keycode,
                 GdkModifierType  state)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "helper.save", NULL);
  return TRUE;
}

static gboolean
is_in (JsonArray  *array,
       const char *id)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (yc_json_get_string_element (array, i), id) == 0)
      return TRUE;
  return FALSE;
}

static void
add_material (YcHelperDialog       *self,
              const YcFormMaterial *m,
              JsonArray            *handed)
{
  g_autofree char *name = g_strconcat ("helper:material:", m->id, NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_name (check, name);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_in (handed, m->id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, m->name, -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->name);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_check_key_cb), self);
  gtk_widget_add_controller (check, keys);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (update), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->materials_group), row);
  g_ptr_array_add (self->ids, g_strdup (m->id));
  g_ptr_array_add (self->checks, check);
}

/**
 * yc_helper_dialog_new:
 * @form: the form of the case being taken; it keeps the helper saved
 *
 * Returns: the dialog, to be presented, showing the form's helper if it
 *   has one
 */
GtkWidget *
yc_helper_dialog_new (GtkWindow *parent,
                      YcForm    *form)
{
  YcHelperDialog *self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) materials = NULL;
  JsonObject *helper;
  const char *authorisation;
  guint selected = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (YC_IS_FORM (form), NULL);

  self = g_object_new (YC_TYPE_HELPER_DIALOG, "transient-for", parent, NULL);
  helper = yc_form_get_helper (form);
  authorisation = yc_json_get_string (helper, "authorisation");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), yc_json_get_string (helper, "name") ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->id_number_entry), yc_json_get_string (helper, "id_number") ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->relation_entry), yc_json_get_string (helper, "relation") ?: "");

  /* the checklist is rebuilt on every change of the form: a copy, which
   * does not own the materials it lists */
  materials = g_ptr_array_copy (yc_form_get_materials (form), NULL, NULL);
  g_ptr_array_set_free_func (materials, NULL);
  gtk_string_list_append (labels, _("None: a relation"));
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);

      gtk_string_list_append (labels, m->name);
      g_ptr_array_add (self->authorisations, g_strdup (m->id));
      if (g_strcmp0 (m->id, authorisation) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->authorisation_row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->authorisation_row), selected);
  for (guint i = 0; i < materials->len; i++)
    add_material (self, g_ptr_array_index (materials, i), yc_json_get_array (helper, "handed_over"));
  gtk_widget_set_visible (self->materials_group, materials->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "helper.in-person", helper != NULL);

  self->form = g_object_ref (form);
  update (self);
  /* the clerk starts on the name, not on Cancel */
  gtk_window_set_focus (GTK_WINDOW (self), self->name_entry);
  return GTK_WIDGET (self);
}

/**
 * yc_helper_dialog_get_problem:
 *
 * Returns: (nullable): what the core says is wrong with the helper as
 *   entered, or %NULL when it may be saved
 */
const char *
yc_helper_dialog_get_problem (YcHelperDialog *self)
{
  g_return_val_if_fail (YC_IS_HELPER_DIALOG (self), NULL);
  return self->problem;
}

static void
yc_helper_dialog_dispose (GObject *object)
{
  YcHelperDialog *self = (YcHelperDialog *)object;

  g_clear_object (&self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_HELPER_DIALOG);

  G_OBJECT_CLASS (yc_helper_dialog_parent_class)->dispose (object);
}

static void
yc_helper_dialog_finalize (GObject *object)
{
  YcHelperDialog *self = (YcHelperDialog *)object;

  g_free (self->problem);
  g_ptr_array_unref (self->authorisations);
  g_ptr_array_unref (self->ids);
  g_ptr_array_unref (self->checks);

  G_OBJECT_CLASS (yc_helper_dialog_parent_class)->finalize (object);
}

static void
yc_helper_dialog_class_init (YcHelperDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_helper_dialog_dispose;
  object_class->finalize = yc_helper_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "helper.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "helper.in-person", NULL, in_person_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "helper.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "helper.save", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-helper-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcHelperDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, YcHelperDialog, id_number_entry);
  gtk_widget_class_bind_template_child (widget_class, YcHelperDialog, relation_entry);
  gtk_widget_class_bind_template_child (widget_class, YcHelperDialog, authorisation_row);
  gtk_widget_class_bind_template_child (widget_class, YcHelperDialog, materials_group);
  gtk_widget_class_bind_template_child (widget_class, YcHelperDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, update);
}

static void
yc_helper_dialog_init (YcHelperDialog *self)
{
  self->authorisations = g_ptr_array_new_with_free_func (g_free);
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

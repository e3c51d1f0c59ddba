/* yc-rongque-dialog.c: what a 容缺受理 asks before it is taken
 *
 * The applicant commits, for each material left out, to the form it will
 * be supplied in and the day, no later than its 容缺 deadline; the day is
 * that deadline unless the clerk gives an earlier one. What the clerk
 * enters goes to the YcForm as it is typed, so the draft keeps it; the
 * "rongque" response is there only once the core (yc_decision_check(),
 * yc_intake_check_supply()) finds nothing in the way, and the dialog
 * shows what the core says otherwise. Its fixed frame is
 * ui/yc-rongque-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-rongque-dialog.h"

struct _YcRongqueDialog
{
  AdwMessageDialog  parent_instance;

  YcForm           *form;
  YcCalendar       *calendar;
  GtkWidget        *supply_list;
  GtkWidget        *commitment_label;
  GtkWidget        *commitment_check;
  GtkWidget        *problem_label;
};

G_DEFINE_FINAL_TYPE (YcRongqueDialog, yc_rongque_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update (YcRongqueDialog *self)
{
  g_autoptr(GPtrArray) problems = yc_decision_check (self->form, YC_DECISION_RONGQUE, NULL, NULL);
  g_autofree char *dates = self->calendar ? yc_intake_check_supply (self->form, self->calendar, NULL) : NULL;
  g_autoptr(GString) wrong = g_string_new (NULL);

  /* everything in the way at once, a line each */
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yc_form_problem_describe (g_ptr_array_index (problems, i), self->form);

      g_string_append_printf (wrong, "%s%s", wrong->len > 0 ? "\n" : "", line);
    }
  if (dates != NULL)
    g_string_append_printf (wrong, "%s%s", wrong->len > 0 ? "\n" : "", dates);
  gtk_label_set_text (GTK_LABEL (self->problem_label), wrong->str);
  gtk_widget_set_visible (self->problem_label, wrong->len > 0);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "rongque", wrong->len == 0);
}

static void
confirm (YcRongqueDialog *self)
{
  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "rongque"))
    return;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "rongque");
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A row's form or day changed: the material's supply, as typed; an empty
 * day or the deadline itself is the deadline */
static void
on_supply_changed_cb (YcRongqueDialog *self,
                      GParamSpec      *pspec,
                      GtkWidget       *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  const char *id = g_object_get_data (G_OBJECT (row), "material");
  const char * const *forms = g_object_get_data (G_OBJECT (row), "forms");
  const char *limit = g_object_get_data (G_OBJECT (row), "limit");
  GtkWidget *dropdown = g_object_get_data (G_OBJECT (row), "dropdown");
  GtkWidget *entry = g_object_get_data (G_OBJECT (row), "entry");
  g_autofree char *by = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  yc_form_set_material_supply (self->form, id, selected < g_strv_length ((char **) forms) ? forms[selected] : NULL,
                               by[0] == '\0' || g_strcmp0 (by, limit) == 0 ? NULL : by);
  update (self);
}

static void
on_entry_changed_cb (YcRongqueDialog *self,
                     GtkEditable     *entry)
{
  on_supply_changed_cb (self, NULL, GTK_WIDGET (entry));
}

static void
on_commitment_toggled_cb (YcRongqueDialog *self)
{
  yc_form_set_commitment_signed (self->form, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->commitment_check)));
  update (self);
}

/* Enter on the commitment takes the decision, as everywhere else in the
 * dialog, instead of unticking it again */
static gboolean
on_commitment_key_cb (YcRongqueDialog *self,
                      guint            keyval,
                      guint            keycode,
                      GdkModifierType  state)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  confirm (self);
  return TRUE;
}

static void
on_response_cb (YcRongqueDialog *self,
                const char      *response)
{
  /* a commitment not taken is not signed */
  if (!g_str_equal (response, "rongque"))
    yc_form_set_commitment_signed (self->form, FALSE);
}

static void
add_row (YcRongqueDialog      *self,
         const YcFormMaterial *m)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  GtkWidget *entry;
  g_autofree char *limit = self->calendar ? yc_intake_get_supply_limit (m, self->calendar, NULL) : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name_form = g_strconcat ("rongque:", m->id, ":form", NULL);
  g_autofree char *name_by = g_strconcat ("rongque:", m->id, ":by", NULL);
  const char *supply_form = yc_form_material_allows (m, m->supply_form) ? m->supply_form : m->received;
  guint selected = 0;

  for (guint i = 0; m->forms[i] != NULL; i++)
    {
      gtk_string_list_append (labels, yc_material_received_label (m->forms[i]));
      if (g_str_equal (m->forms[i], supply_form))
        selected = i;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_widget_set_name (dropdown, name_form);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The form it will be supplied in"), -1);
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, name_by);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
  gtk_editable_set_text (GTK_EDITABLE (entry), m->supply_by ? m->supply_by : limit ? limit : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "YYYY-MM-DD");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The day it will be supplied by"), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->name);
  if (limit != NULL)
    subtitle = g_markup_printf_escaped (_("By %s at the latest"), limit);
  else
    subtitle = g_markup_printf_escaped (_("Within %u working days"), m->rongque_days);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  g_object_set_data_full (G_OBJECT (row), "material", g_strdup (m->id), g_free);
  g_object_set_data_full (G_OBJECT (row), "forms", g_strdupv ((char **) m->forms), (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (row), "limit", g_steal_pointer (&limit), g_free);
  g_object_set_data (G_OBJECT (row), "dropdown", dropdown);
  g_object_set_data (G_OBJECT (row), "entry", entry);
  gtk_list_box_append (GTK_LIST_BOX (self->supply_list), row);

  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_supply_changed_cb), self);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (confirm), self);
  /* the form shown is the form's */
  on_supply_changed_cb (self, NULL, entry);
}

/**
 * yc_rongque_dialog_new:
 * @form: the form to take with materials pending
 * @calendar: (nullable): the station's working-day calendar
 *
 * Returns: the dialog, to be presented; its "rongque" response takes it
 */
GtkWidget *
yc_rongque_dialog_new (GtkWindow  *parent,
                       YcForm     *form,
                       YcCalendar *calendar)
{
  YcRongqueDialog *self;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *materials;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (YC_IS_FORM (form), NULL);

  self = g_object_new (YC_TYPE_RONGQUE_DIALOG, "transient-for", parent, NULL);
  self->form = g_object_ref (form);
  self->calendar = calendar ? g_object_ref (calendar) : NULL;
  gtk_label_set_text (GTK_LABEL (self->commitment_label), yc_rongque_describe_commitment ());
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->commitment_check), yc_form_get_commitment_signed (form));

  /* the checklist is rebuilt on every change of the form */
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);

      if (!m->primary && (m->status == YC_MATERIAL_MISSING || m->status == YC_MATERIAL_DEFECTIVE))
        g_ptr_array_add (ids, g_strdup (m->id));
    }
  for (guint i = 0; i < ids->len; i++)
    add_row (self, yc_form_lookup_material (form, g_ptr_array_index (ids, i)));
  update (self);

  return GTK_WIDGET (self);
}

static void
yc_rongque_dialog_dispose (GObject *object)
{
  YcRongqueDialog *self = (YcRongqueDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_RONGQUE_DIALOG);
  g_clear_object (&self->form);
  g_clear_object (&self->calendar);

  G_OBJECT_CLASS (yc_rongque_dialog_parent_class)->dispose (object);
}

static void
yc_rongque_dialog_class_init (YcRongqueDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_rongque_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-rongque-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcRongqueDialog, supply_list);
  gtk_widget_class_bind_template_child (widget_class, YcRongqueDialog, commitment_label);
  gtk_widget_class_bind_template_child (widget_class, YcRongqueDialog, commitment_check);
  gtk_widget_class_bind_template_child (widget_class, YcRongqueDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_commitment_toggled_cb);
}

static void
yc_rongque_dialog_init (YcRongqueDialog *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_commitment_key_cb), self);
  gtk_widget_add_controller (self->commitment_check, keys);
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
}

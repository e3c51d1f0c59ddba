/* yc-field-row.c: one field of the form, whatever its type
 *
 * The row shows the label, the help or what is wrong, and an editor that
 * fits the field's type. It writes what the clerk types into the YcForm and
 * follows the form back: visibility, calculated values and problems all
 * come from the core, never from here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-field-row.h"

struct _YcFieldRow
{
  AdwActionRow  parent_instance;

  YcForm       *form;
  char         *key;
  GtkWidget    *editor;
  gulong        changed_id;
  guint         touched : 1;
  guint         updating : 1;
};

G_DEFINE_FINAL_TYPE (YcFieldRow, yc_field_row, ADW_TYPE_ACTION_ROW)

static const YcFormField *
get_field (YcFieldRow *self)
{
  return yc_form_lookup_field (self->form, self->key);
}

static gboolean
is_type (const YcFormField *field, const char *type)
{
  return g_str_equal (field->type, type);
}

/* Reads the editor into a JSON value; NULL when empty. */
static JsonNode *
read_editor (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);

  if (GTK_IS_SWITCH (self->editor))
    return json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (GTK_SWITCH (self->editor)));

  if (GTK_IS_DROP_DOWN (self->editor))
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->editor));
      JsonArray *options = yc_json_get_array (field->definition, "options");

      /* the first entry is "not chosen" */
      if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || options == NULL)
        return NULL;
      return json_node_init_string (json_node_alloc (),
                                    json_object_get_string_member (json_array_get_object_element (options, selected - 1), "value"));
    }

  if (GTK_IS_EDITABLE (self->editor))
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor))));

      if (text[0] == '\0')
        return NULL;
      if (is_type (field, "integer") || is_type (field, "decimal"))
        {
          char *end = NULL;
          double number = g_ascii_strtod (text, &end);

          /* something that is no number stays text, so the core says so */
          if (end == NULL || *end != '\0')
            return json_node_init_string (json_node_alloc (), text);
          if (is_type (field, "integer") && number == (double) (gint64) number)
            return json_node_init_int (json_node_alloc (), (gint64) number);
          return json_node_init_double (json_node_alloc (), number);
        }
      if (is_type (field, "id-number") || is_type (field, "credit-code"))
        {
          g_autofree char *upper = g_ascii_strup (text, -1);
          return json_node_init_string (json_node_alloc (), upper);
        }
      return json_node_init_string (json_node_alloc (), text);
    }

  return NULL;
}

static void
write_editor (YcFieldRow *self,
              JsonNode   *value)
{
  const YcFormField *field = get_field (self);

  self->updating = TRUE;
  if (GTK_IS_SWITCH (self->editor))
    gtk_switch_set_active (GTK_SWITCH (self->editor),
                           value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_boolean (value));
  else if (GTK_IS_DROP_DOWN (self->editor))
    {
      JsonArray *options = yc_json_get_array (field->definition, "options");
      const char *chosen = value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
      guint position = 0;

      for (guint i = 0; chosen && options && i < json_array_get_length (options); i++)
        if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (options, i), "value"), chosen) == 0)
          position = i + 1;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->editor), position);
    }
  else if (GTK_IS_EDITABLE (self->editor))
    {
      g_autofree char *text = NULL;

      if (value && JSON_NODE_HOLDS_VALUE (value))
        {
          GType type = json_node_get_value_type (value);

          if (type == G_TYPE_STRING)
            text = g_strdup (json_node_get_string (value));
          else if (type == G_TYPE_INT64)
            text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          else if (type == G_TYPE_DOUBLE)
            text = g_strdup_printf ("%g", json_node_get_double (value));
        }
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->editor)), text ? text : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->editor), text ? text : "");
    }
  self->updating = FALSE;
}

static void
show_problem (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);
  g_autofree char *problem = NULL;

  if (self->touched)
    problem = yc_form_check_field (self->form, self->key);

  if (problem != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (problem, -1);
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"#c01c28\">%s</span>", escaped);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), markup);
      gtk_widget_add_css_class (self->editor, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      g_autofree char *help = field->help ? g_markup_escape_text (field->help, -1) : NULL;

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), help ? help : "");
      gtk_widget_remove_css_class (self->editor, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
on_form_changed_cb (YcFieldRow *self,
                    YcForm     *form)
{
  const YcFormField *field = get_field (self);
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), field->visible);
  title = g_markup_printf_escaped (field->required ? "%s <span foreground=\"#c01c28\">*</span>" : "%s",
                                   field->label);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  if (field->calculated)
    write_editor (self, yc_form_get_value (form, self->key));
  show_problem (self);
}

static void
on_editor_changed_cb (YcFieldRow *self)
{
  g_autoptr(JsonNode) value = NULL;

  if (self->updating)
    return;
  value = read_editor (self);
  yc_form_set_value (self->form, self->key, value);
}

/* Problems show once the clerk has left a field, not while typing in it. */
static void
on_editor_leave_cb (YcFieldRow *self)
{
  if (!self->touched)
    {
      self->touched = TRUE;
      show_problem (self);
    }
}

static GtkWidget *
make_editor (YcFieldRow        *self,
             const YcFormField *field)
{
  GtkWidget *editor;

  if (is_type (field, "yes-no"))
    {
      editor = gtk_switch_new ();
      g_signal_connect_swapped (editor, "notify::active", G_CALLBACK (on_editor_changed_cb), self);
    }
  else if (is_type (field, "choice"))
    {
      JsonArray *options = yc_json_get_array (field->definition, "options");
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

      gtk_string_list_append (labels, _("Not chosen"));
      for (guint i = 0; options && i < json_array_get_length (options); i++)
        gtk_string_list_append (labels, json_object_get_string_member (json_array_get_object_element (options, i), "label"));
      editor = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
      g_signal_connect_swapped (editor, "notify::selected", G_CALLBACK (on_editor_changed_cb), self);
    }
  else
    {
      editor = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (editor), FALSE);
      gtk_widget_set_hexpand (editor, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (editor), 28);
      if (is_type (field, "date"))
        gtk_entry_set_placeholder_text (GTK_ENTRY (editor), "YYYY-MM-DD");
      else if (is_type (field, "money"))
        gtk_entry_set_placeholder_text (GTK_ENTRY (editor), "0.00");
      if (is_type (field, "integer") || is_type (field, "decimal") || is_type (field, "money") ||
          is_type (field, "mobile") || is_type (field, "postal-code"))
        gtk_entry_set_input_purpose (GTK_ENTRY (editor), is_type (field, "mobile") ? GTK_INPUT_PURPOSE_PHONE
                                                                                   : GTK_INPUT_PURPOSE_NUMBER);
      if (field->calculated)
        {
          gtk_editable_set_editable (GTK_EDITABLE (editor), FALSE);
          gtk_widget_set_can_focus (editor, FALSE);
        }
      g_signal_connect_swapped (editor, "changed", G_CALLBACK (on_editor_changed_cb), self);
    }

  gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
  return editor;
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   YcFieldRow              *self)
{
  on_editor_leave_cb (self);
}

/**
 * yc_field_row_new:
 *
 * Returns: a row editing field @key of @form
 */
GtkWidget *
yc_field_row_new (YcForm     *form,
                  const char *key)
{
  YcFieldRow *self;
  const YcFormField *field;
  GtkEventController *focus;
  g_autofree char *name = NULL;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail ((field = yc_form_lookup_field (form, key)) != NULL, NULL);

  self = g_object_new (YC_TYPE_FIELD_ROW, NULL);
  self->form = g_object_ref (form);
  self->key = g_strdup (key);
  self->editor = make_editor (self, field);
  /* tests and accessibility tools find a field by its key */
  name = g_strconcat ("field:", key, NULL);
  gtk_widget_set_name (self->editor, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL, field->label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->editor);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->editor);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, focus);

  write_editor (self, yc_form_get_value (form, key));
  /* a restored draft shows its problems at once */
  self->touched = yc_form_get_value (form, key) != NULL;
  self->changed_id = g_signal_connect_object (form, "changed", G_CALLBACK (on_form_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  on_form_changed_cb (self, form);

  return GTK_WIDGET (self);
}

/**
 * yc_field_row_reveal_problem:
 *
 * Shows the field's problem even if the clerk has not been in it yet, as
 * when they try to submit.
 */
void
yc_field_row_reveal_problem (YcFieldRow *self)
{
  g_return_if_fail (YC_IS_FIELD_ROW (self));

  self->touched = TRUE;
  show_problem (self);
}

GtkWidget *
yc_field_row_get_editor (YcFieldRow *self)
{
  g_return_val_if_fail (YC_IS_FIELD_ROW (self), NULL);
  return self->editor;
}

static void
yc_field_row_dispose (GObject *object)
{
  YcFieldRow *self = (YcFieldRow *)object;

  g_clear_signal_handler (&self->changed_id, self->form);
  g_clear_object (&self->form);

  G_OBJECT_CLASS (yc_field_row_parent_class)->dispose (object);
}

static void
yc_field_row_finalize (GObject *object)
{
  YcFieldRow *self = (YcFieldRow *)object;

  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (yc_field_row_parent_class)->finalize (object);
}

static void
yc_field_row_class_init (YcFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_field_row_dispose;
  object_class->finalize = yc_field_row_finalize;
}

static void
yc_field_row_init (YcFieldRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), TRUE);
}

/* yc-field-editor.c: the editor of one field of the form, of one kind
 *
 * A field row shows the label, the help or what is wrong, and an editor
 * that fits the field's kind: an entry for what is typed, a text for
 * lines, a switch, drop-downs and check buttons for what is chosen, a
 * table of entries for a group, a button that opens the file chooser for
 * a scan. Each kind is one implementation of this interface, as the
 * sections of an event editor are: the row shows a value with set_value,
 * hears ::changed when the clerk changes it, and applies it to the form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-field-editor-private.h"

G_DEFINE_INTERFACE (YcFieldEditor, yc_field_editor, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
yc_field_editor_real_get_activatable (YcFieldEditor *self)
{
  return yc_field_editor_get_widget (self);
}

static void
yc_field_editor_real_set_invalid (YcFieldEditor *self,
                                  gboolean       invalid)
{
  _yc_field_mark_invalid (yc_field_editor_get_widget (self), invalid);
}

static void
yc_field_editor_default_init (YcFieldEditorInterface *iface)
{
  iface->get_activatable = yc_field_editor_real_get_activatable;
  iface->set_invalid = yc_field_editor_real_set_invalid;

  /**
   * YcFieldEditor::changed:
   * @finished: the change is complete, as a scan stored or removed is,
   *   and its problems show at once
   *
   * The clerk changed what the editor holds.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

/* Widgets and values that fields and table cells share */

char *
_yc_field_value_to_text (JsonNode *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  GType type;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  type = json_node_get_value_type (value);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  /* %g would show a contribution of 1234567 as 1.23457e+06 */
  if (type == G_TYPE_DOUBLE)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", json_node_get_double (value)));
  return NULL;
}

const char *
_yc_field_node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Only on a change, so that the cursor stays where the clerk types. */
void
_yc_field_set_entry_text (GtkWidget  *entry,
                          const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

const char *
_yc_field_option_value (GPtrArray *options,
                        guint      position)
{
  return ((YcFormOption *) g_ptr_array_index (options, position))->value;
}

/* @placeholder: (nullable): what the entry shows empty, when the type
 * has no format of its own to show */
GtkWidget *
_yc_field_make_entry (YcFieldType type,
                      const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();
  YcFieldHints hints = yc_field_type_get_hints (type);

  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), yc_field_type_get_placeholder (type) ?: placeholder);
  if (hints & YC_FIELD_HINT_PHONE)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
  else if (hints & YC_FIELD_HINT_DIGITS)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_max_length (GTK_ENTRY (entry), yc_field_type_get_max_chars (type));
  return entry;
}

/* what a row's wrapping label claims at least, in characters */
#define YC_ROW_LABEL_CHARS 20

/**
 * _yc_field_fit_row_labels:
 * @row: an #AdwActionRow, or any widget holding wrapping labels
 *
 * A wrapping label that claims no width measures its minimum with a line
 * break after every character, and Pango shapes a Chinese help text or
 * question once per line: the form's first frame spent most of its time
 * there. A row gives its label at least this much anyway, so its
 * wrapping labels claim that much outright and are measured once per line
 * of that width instead.
 */
void
_yc_field_fit_row_labels (GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)) &&
          gtk_label_get_width_chars (GTK_LABEL (child)) < 0)
        gtk_label_set_width_chars (GTK_LABEL (child), YC_ROW_LABEL_CHARS);
      _yc_field_fit_row_labels (child);
    }
}

/* A drop-down's list, made for the keyboard: a long option wraps rather
 * than being cut, the list opens on the value chosen, and only the item
 * the keyboard is on, or the one clicked, is taken: the pointer resting
 * over the list no longer picks what Enter takes, as single-click
 * activation does by selecting the item under it. */

static void
on_choice_item_released_cb (GtkGestureClick *gesture,
                            int              n_press,
                            double           x,
                            double           y,
                            GtkListItem     *item)
{
  GtkWidget *label = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_activate_action (label, "list.activate-item", "u", gtk_list_item_get_position (item));
}

static void
on_choice_item_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  in_list)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), in_list ? 40 : 20);
  if (in_list)
    {
      GtkGesture *click = gtk_gesture_click_new ();

      g_signal_connect_object (click, "released", G_CALLBACK (on_choice_item_released_cb), item, 0);
      gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
    }
  gtk_list_item_set_child (item, label);
}

static void
on_choice_item_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
make_choice_factory (gboolean in_list)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_choice_item_setup_cb), GINT_TO_POINTER (in_list));
  g_signal_connect (factory, "bind", G_CALLBACK (on_choice_item_bind_cb), NULL);
  return factory;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = g_type_is_a (G_OBJECT_TYPE (child), type) ? child : find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static guint
get_selected (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
  return adw_combo_row_get_selected (ADW_COMBO_ROW (widget));
}

/* The list shows every option of a field, so each has its row */
static gboolean
focus_selected_cb (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *popover = find_descendant (widget, GTK_TYPE_POPOVER);
  GtkWidget *list = popover ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  guint selected = get_selected (widget);
  guint i = 0;

  if (list == NULL || !gtk_widget_get_mapped (popover))
    return G_SOURCE_REMOVE;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (i++ == selected)
      {
        gtk_widget_grab_focus (row);
        break;
      }
  return G_SOURCE_REMOVE;
}

static void
on_choice_popover_map_cb (GtkWidget *popover,
                          GtkWidget *widget)
{
  /* the rows are there once the list is laid out */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_selected_cb, g_object_ref (widget), g_object_unref);
}

/**
 * _yc_field_fit_choice:
 * @widget: a #GtkDropDown or an #AdwComboRow
 */
void
_yc_field_fit_choice (GtkWidget *widget)
{
  g_autoptr(GtkListItemFactory) button_factory = make_choice_factory (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = make_choice_factory (TRUE);
  GtkWidget *popover;
  GtkWidget *list;

  if (GTK_IS_DROP_DOWN (widget))
    {
      gtk_drop_down_set_factory (GTK_DROP_DOWN (widget), button_factory);
      gtk_drop_down_set_list_factory (GTK_DROP_DOWN (widget), list_factory);
    }
  else
    adw_combo_row_set_list_factory (ADW_COMBO_ROW (widget), list_factory);

  popover = find_descendant (widget, GTK_TYPE_POPOVER);
  list = popover ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  g_return_if_fail (list != NULL);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), FALSE);
  g_signal_connect_object (popover, "map", G_CALLBACK (on_choice_popover_map_cb), widget, 0);
}

/* The first entry is "not chosen", so that nothing is chosen by mistake. */
GtkWidget *
_yc_field_make_choice (GPtrArray *options)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  gtk_string_list_append (labels, _("Not chosen"));
  for (guint i = 0; i < options->len; i++)
    gtk_string_list_append (labels, ((YcFormOption *) g_ptr_array_index (options, i))->label);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  _yc_field_fit_choice (drop_down);
  return drop_down;
}

JsonNode *
_yc_field_read_choice (GtkWidget *drop_down,
                       GPtrArray *options)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > options->len)
    return NULL;
  return json_node_init_string (json_node_alloc (), _yc_field_option_value (options, selected - 1));
}

void
_yc_field_write_choice (GtkWidget *drop_down,
                        GPtrArray *options,
                        JsonNode  *value)
{
  const char *chosen = _yc_field_node_string (value);
  guint position = 0;

  for (guint i = 0; chosen != NULL && i < options->len; i++)
    if (g_strcmp0 (_yc_field_option_value (options, i), chosen) == 0)
      position = i + 1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), position);
}

/* A yes-no cell of a table: a switch cannot say "not answered yet". */
GtkWidget *
_yc_field_make_yes_no (void)
{
  const char *labels[] = { _("Not chosen"), _("Yes"), _("No"), NULL };
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (labels);

  _yc_field_fit_choice (drop_down);
  return drop_down;
}

JsonNode *
_yc_field_read_yes_no (GtkWidget *drop_down)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  if (selected != 1 && selected != 2)
    return NULL;
  return json_node_init_boolean (json_node_alloc (), selected == 1);
}

void
_yc_field_write_yes_no (GtkWidget *drop_down,
                        JsonNode  *value)
{
  guint position = 0;

  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    position = json_node_get_boolean (value) ? 1 : 2;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), position);
}

/* The red of an error goes on what the clerk must correct. */
void
_yc_field_mark_invalid (GtkWidget *widget,
                        gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* Returns: (transfer full) (nullable): the region's full name */
char *
_yc_field_describe_region (const char *code)
{
  const char *name = code ? yc_region_name (code) : NULL;

  return name ? g_strdup (name) : NULL;
}

/**
 * yc_field_editor_new:
 * @draft: the case @form becomes, for which a scan attached to the
 *   field is kept
 *
 * Returns: (transfer full): the editor of @field's kind
 */
YcFieldEditor *
yc_field_editor_new (YcForm            *form,
                     const YcFormField *field,
                     YcCaseDraft       *draft)
{
  YcFieldEditor *editor = NULL;
  YcFieldEditorKind kind;
  GtkWidget *widget;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  switch ((kind = yc_field_type_get_editor (field->type)))
    {
    case YC_FIELD_EDITOR_MULTILINE:
      editor = _yc_field_text_editor_new (field);
      break;
    case YC_FIELD_EDITOR_YES_NO:
      editor = _yc_field_switch_editor_new (field);
      break;
    case YC_FIELD_EDITOR_CHOICE:
      editor = _yc_field_choice_editor_new (field);
      break;
    case YC_FIELD_EDITOR_MULTI_CHOICE:
      editor = _yc_field_choices_editor_new (field);
      break;
    case YC_FIELD_EDITOR_ADDRESS:
      editor = _yc_field_address_editor_new (field);
      break;
    case YC_FIELD_EDITOR_GROUP:
      editor = _yc_field_table_editor_new (form, field);
      break;
    case YC_FIELD_EDITOR_ATTACHMENT:
      editor = _yc_field_attachment_editor_new (field, draft);
      break;
    case YC_FIELD_EDITOR_ENTRY:
    default:
      editor = _yc_field_entry_editor_new (field);
      break;
    }

  widget = yc_field_editor_get_widget (editor);
  /* a calculated entry reads like text; anything else is simply not for
   * the clerk to change */
  if (field->calculated && kind != YC_FIELD_EDITOR_ENTRY)
    gtk_widget_set_sensitive (widget, FALSE);
  if (kind != YC_FIELD_EDITOR_GROUP && kind != YC_FIELD_EDITOR_MULTILINE)
    gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  return editor;
}

/* Returns: (transfer none): the widget the row shows */
GtkWidget *
yc_field_editor_get_widget (YcFieldEditor *self)
{
  g_return_val_if_fail (YC_IS_FIELD_EDITOR (self), NULL);
  return YC_FIELD_EDITOR_GET_IFACE (self)->get_widget (self);
}

/**
 * yc_field_editor_set_value:
 * @value: (nullable): the value to show
 *
 * Shows @value; the editor does not emit ::changed for it.
 */
void
yc_field_editor_set_value (YcFieldEditor *self,
                           JsonNode      *value)
{
  g_return_if_fail (YC_IS_FIELD_EDITOR (self));
  YC_FIELD_EDITOR_GET_IFACE (self)->set_value (self, value);
}

/* Sets field @key of @form to what the clerk entered. */
void
yc_field_editor_apply (YcFieldEditor *self,
                       YcForm        *form,
                       const char    *key)
{
  g_autoptr(JsonNode) value = NULL;

  g_return_if_fail (YC_IS_FIELD_EDITOR (self));
  g_return_if_fail (YC_IS_FORM (form));

  value = YC_FIELD_EDITOR_GET_IFACE (self)->read_value (self);
  yc_form_set_value (form, key, value);
}

/* For the implementations: the clerk changed what the editor holds. */
void
yc_field_editor_changed (YcFieldEditor *self,
                         gboolean       finished)
{
  g_return_if_fail (YC_IS_FIELD_EDITOR (self));
  g_signal_emit (self, signals[CHANGED], 0, finished);
}

/* Returns: (transfer none) (nullable): what the row activates */
GtkWidget *
yc_field_editor_get_activatable (YcFieldEditor *self)
{
  g_return_val_if_fail (YC_IS_FIELD_EDITOR (self), NULL);
  return YC_FIELD_EDITOR_GET_IFACE (self)->get_activatable (self);
}

void
yc_field_editor_set_invalid (YcFieldEditor *self,
                             gboolean       invalid)
{
  g_return_if_fail (YC_IS_FIELD_EDITOR (self));
  YC_FIELD_EDITOR_GET_IFACE (self)->set_invalid (self, invalid);
}

/* Returns: (transfer full) (nullable): what @value means, such as the
 *   name of its region */
char *
yc_field_editor_describe (YcFieldEditor *self,
                          JsonNode      *value)
{
  g_return_val_if_fail (YC_IS_FIELD_EDITOR (self), NULL);
  if (YC_FIELD_EDITOR_GET_IFACE (self)->describe == NULL)
    return NULL;
  return YC_FIELD_EDITOR_GET_IFACE (self)->describe (self, value);
}

/* Returns: (nullable): a problem the editor has found itself, such as a
 *   scan it could not store */
const char *
yc_field_editor_get_problem (YcFieldEditor *self)
{
  g_return_val_if_fail (YC_IS_FIELD_EDITOR (self), NULL);
  if (YC_FIELD_EDITOR_GET_IFACE (self)->get_problem == NULL)
    return NULL;
  return YC_FIELD_EDITOR_GET_IFACE (self)->get_problem (self);
}

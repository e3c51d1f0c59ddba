/* yc-field-row.c: one field of the form, whatever its type
 *
 * The row shows the label, the help or what is wrong, and an editor that
 * fits the field's type. It writes what the clerk types into the YcForm and
 * follows the form back: visibility, calculated values and problems all
 * come from the core, never from here.
 *
 * Every editor can be filled from the keyboard: entries for what is typed,
 * drop-downs and check buttons for what is chosen, a table of entries for
 * a group, a button that opens the file chooser for a scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-field-row.h"

/* The form is about 540 pixels wide inside a row: room for about this many
 * average characters of cells side by side before a table line wraps. */
#define LINE_BUDGET 46

/* Padding a table up to its minimum rows is a convenience; a catalog that
 * asks for hundreds gets its rows one "Add row" at a time. */
#define MAX_PADDING_LINES 5

/* One row of a group's table, as the clerk sees it */
typedef struct
{
  GtkWidget *box;
  GtkWidget *separator;
  GtkWidget *number;
  GtkWidget *remove;
  GPtrArray *inputs;    /* one per column, in column order */
} TableLine;

struct _YcFieldRow
{
  AdwActionRow          parent_instance;

  YcForm               *form;
  char                 *key;
  YcFieldEditor         kind;
  GtkWidget            *editor;       /* named "field:KEY"; a problem focuses it */
  GtkWidget            *below;        /* a table or a text takes the row's width below its title */
  GPtrArray            *parts;        /* multi-choice: the check buttons; address: region and detail */
  gulong                changed_id;

  /* multiline */
  GtkWidget            *frame;
  GtkWidget            *count;

  /* group */
  GtkWidget            *lines_box;
  GtkWidget            *add_button;
  GPtrArray            *lines;        /* TableLine */

  /* attachment: the scan is kept in the profile's store, for the case */
  YcCaseStore          *store;
  char                 *case_id;
  GtkWidget            *choose_button;
  GtkWidget            *clear_button;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GFile                *pending;      /* the scan being stored */
  char                 *file_name;
  char                 *file_error;

  guint                 touched : 1;
  guint                 updating : 1;
};

G_DEFINE_FINAL_TYPE (YcFieldRow, yc_field_row, ADW_TYPE_ACTION_ROW)

/* The editor of an address, a multi-choice, a scan or a table is a box of
 * several widgets. The form view focuses a field's editor when it has a
 * problem; a plain box would not take the focus, this one passes it to
 * the first widget inside. */
#define YC_TYPE_EDITOR_BOX (yc_editor_box_get_type ())
G_DECLARE_FINAL_TYPE (YcEditorBox, yc_editor_box, YC, EDITOR_BOX, GtkBox)

struct _YcEditorBox
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (YcEditorBox, yc_editor_box, GTK_TYPE_BOX)

static gboolean
yc_editor_box_grab_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, widget))
    return TRUE;
  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

static void
yc_editor_box_class_init (YcEditorBoxClass *klass)
{
  GTK_WIDGET_CLASS (klass)->grab_focus = yc_editor_box_grab_focus;
}

static void
yc_editor_box_init (YcEditorBox *self)
{
}

static GtkWidget *
editor_box_new (GtkOrientation orientation,
                int            spacing)
{
  return g_object_new (YC_TYPE_EDITOR_BOX, "orientation", orientation, "spacing", spacing, NULL);
}

static void on_editor_changed_cb (YcFieldRow *self);
static void show_problem         (YcFieldRow *self);

static const YcFormField *
get_field (YcFieldRow *self)
{
  return yc_form_lookup_field (self->form, self->key);
}

static GPtrArray *
get_columns (YcFieldRow *self)
{
  return yc_form_field_get_columns (get_field (self));
}

/* Typed text and JSON values */

static char *
value_to_text (JsonNode *value)
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

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Only on a change, so that the cursor stays where the clerk types. */
static void
set_entry_text (GtkWidget  *entry,
                const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static const char *
option_value (GPtrArray *options,
              guint      position)
{
  return ((YcFormOption *) g_ptr_array_index (options, position))->value;
}

/* Widgets shared by fields and table cells */

/* @placeholder: (nullable): what the entry shows empty, when the type
 * has no format of its own to show */
static GtkWidget *
make_entry (YcFieldType  type,
            const char  *placeholder)
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

/* The first entry is "not chosen", so that nothing is chosen by mistake. */
static GtkWidget *
make_choice (GPtrArray *options)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("Not chosen"));
  for (guint i = 0; i < options->len; i++)
    gtk_string_list_append (labels, ((YcFormOption *) g_ptr_array_index (options, i))->label);
  return gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
}

static JsonNode *
read_choice (GtkWidget *drop_down,
             GPtrArray *options)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > options->len)
    return NULL;
  return json_node_init_string (json_node_alloc (), option_value (options, selected - 1));
}

static void
write_choice (GtkWidget *drop_down,
              GPtrArray *options,
              JsonNode  *value)
{
  const char *chosen = node_string (value);
  guint position = 0;

  for (guint i = 0; chosen != NULL && i < options->len; i++)
    if (g_strcmp0 (option_value (options, i), chosen) == 0)
      position = i + 1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), position);
}

/* A yes-no cell of a table: a switch cannot say "not answered yet". */
static GtkWidget *
make_yes_no (void)
{
  const char *labels[] = { _("Not chosen"), _("Yes"), _("No"), NULL };

  return gtk_drop_down_new_from_strings (labels);
}

static JsonNode *
read_yes_no (GtkWidget *drop_down)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  if (selected != 1 && selected != 2)
    return NULL;
  return json_node_init_boolean (json_node_alloc (), selected == 1);
}

static void
write_yes_no (GtkWidget *drop_down,
              JsonNode  *value)
{
  guint position = 0;

  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    position = json_node_get_boolean (value) ? 1 : 2;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), position);
}

/* Tables (group fields) */

static void
table_line_free (TableLine *line)
{
  g_ptr_array_unref (line->inputs);
  g_free (line);
}

/* Columns: a wide character (汉字) takes two places. */
static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* How many average characters a column's cell wants. */
static guint
column_width (const YcFormField *column)
{
  GPtrArray *options = yc_form_field_get_options (column);
  /* the caption is in a smaller type */
  guint width = text_width (column->label) * 4 / 5;

  if (yc_field_type_get_editor (column->type) == YC_FIELD_EDITOR_CHOICE)
    {
      guint longest = text_width (_("Not chosen"));

      for (guint i = 0; i < options->len; i++)
        longest = MAX (longest, text_width (((YcFormOption *) g_ptr_array_index (options, i))->label));
      /* and the arrow */
      return MAX (width, longest + 4);
    }
  return MAX (width, yc_field_type_get_width (column->type));
}

static JsonNode *
read_input (GtkWidget         *input,
            const YcFormField *column)
{
  if (GTK_IS_DROP_DOWN (input))
    return column->type == YC_FIELD_TYPE_YES_NO ? read_yes_no (input)
                                                : read_choice (input, yc_form_field_get_options (column));
  return yc_field_type_parse (column->type, gtk_editable_get_text (GTK_EDITABLE (input)));
}

static void
write_input (GtkWidget         *input,
             const YcFormField *column,
             JsonNode          *value)
{
  if (GTK_IS_DROP_DOWN (input) && column->type == YC_FIELD_TYPE_YES_NO)
    write_yes_no (input, value);
  else if (GTK_IS_DROP_DOWN (input))
    write_choice (input, yc_form_field_get_options (column), value);
  else
    {
      g_autofree char *text = value_to_text (value);

      set_entry_text (input, text);
    }
}

/* The line's values under the column keys; the form drops the cells its
 * rules hide, as a hidden field is not submitted either. */
static JsonObject *
read_line (YcFieldRow *self,
           TableLine  *line)
{
  GPtrArray *columns = get_columns (self);
  JsonObject *row = json_object_new ();

  for (guint i = 0; i < line->inputs->len; i++)
    {
      const YcFormField *column = g_ptr_array_index (columns, i);
      JsonNode *value;

      if ((value = read_input (g_ptr_array_index (line->inputs, i), column)) != NULL)
        json_object_set_member (row, column->key, value);
    }
  return row;
}

/* The form says which cells of the row its rules show. */
static void
update_line_visibility (YcFieldRow *self,
                        TableLine  *line,
                        guint       position)
{
  GPtrArray *columns = get_columns (self);

  for (guint i = 0; i < line->inputs->len; i++)
    gtk_widget_set_visible (gtk_widget_get_parent (g_ptr_array_index (line->inputs, i)),
                            yc_form_is_cell_visible (self->form, self->key, position,
                                                     ((YcFormField *) g_ptr_array_index (columns, i))->key));
}

static JsonNode *
read_table (YcFieldRow *self)
{
  g_autoptr(JsonArray) rows = json_array_new ();
  gboolean typed = FALSE;

  for (guint i = 0; i < self->lines->len; i++)
    {
      JsonObject *row = read_line (self, g_ptr_array_index (self->lines, i));

      typed |= json_object_get_size (row) > 0;
      json_array_add_object_element (rows, row);
    }
  /* lines nobody has typed into yet are no rows */
  if (!typed)
    return NULL;
  return json_node_init_array (json_node_alloc (), rows);
}

static void
update_table_buttons (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);

  gtk_widget_set_sensitive (self->add_button, self->lines->len < yc_form_field_get_max_rows (field));
  for (guint i = 0; i < self->lines->len; i++)
    gtk_widget_set_sensitive (((TableLine *) g_ptr_array_index (self->lines, i))->remove,
                              self->lines->len > yc_form_field_get_min_rows (field));
}

/* Tests and accessibility tools find a cell by field, row and column. */
static void
name_line (YcFieldRow *self,
           TableLine  *line,
           guint       position)
{
  const YcFormField *field = get_field (self);
  GPtrArray *columns = get_columns (self);
  g_autofree char *number = g_strdup_printf ("%u", position + 1);
  g_autofree char *remove_name = g_strdup_printf ("field:%s:%u:remove", self->key, position);
  g_autofree char *remove_label = g_strdup_printf (_("Remove row %u"), position + 1);

  gtk_label_set_text (GTK_LABEL (line->number), number);
  /* a rule between rows, so that a wrapped row reads as one */
  gtk_widget_set_visible (line->separator, position > 0);
  gtk_widget_set_name (line->remove, remove_name);
  gtk_widget_set_tooltip_text (line->remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  for (guint i = 0; i < line->inputs->len; i++)
    {
      const YcFormField *column = g_ptr_array_index (columns, i);
      GtkWidget *input = g_ptr_array_index (line->inputs, i);
      g_autofree char *name = g_strdup_printf ("field:%s:%u:%s", self->key, position, column->key);
      /* TRANSLATORS: the label of a table cell for screen readers: the
       * table, the row number and the column, e.g. "股东, row 2, 姓名" */
      g_autofree char *label = g_strdup_printf (_("%s, row %u, %s"), field->label, position + 1, column->label);

      gtk_widget_set_name (input, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

/* Only the cell's own line can show or hide cells: a table may have
 * thousands of lines. */
static void
cell_changed (YcFieldRow *self,
              GtkWidget  *input)
{
  if (self->updating || self->form == NULL)
    return;
  on_editor_changed_cb (self);
  for (guint i = 0; i < self->lines->len; i++)
    {
      TableLine *line = g_ptr_array_index (self->lines, i);

      if (g_ptr_array_find (line->inputs, input, NULL))
        {
          update_line_visibility (self, line, i);
          break;
        }
    }
}

static void
on_cell_entry_changed_cb (GtkEditable *input,
                          YcFieldRow  *self)
{
  cell_changed (self, GTK_WIDGET (input));
}

static void
on_cell_choice_selected_cb (GtkDropDown *input,
                            GParamSpec  *pspec,
                            YcFieldRow  *self)
{
  cell_changed (self, GTK_WIDGET (input));
}

static void on_remove_clicked_cb (YcFieldRow *self,
                                  GtkButton  *button);

static GtkWidget *
make_cell (YcFieldRow        *self,
           const YcFormField *column,
           GtkWidget        **input)
{
  const char *label = column->label;
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (NULL);
  g_autofree char *markup = NULL;

  /* a rule-required column shows no star: whether it applies depends on
   * the row, and the problem says so when it does */
  if (column->required)
    markup = g_markup_printf_escaped ("%s <span foreground=\"#c01c28\">*</span>", label);
  else
    markup = g_markup_escape_text (label, -1);
  gtk_label_set_markup (GTK_LABEL (caption), markup);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (caption, label);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");

  if (yc_field_type_get_editor (column->type) == YC_FIELD_EDITOR_CHOICE)
    {
      *input = make_choice (yc_form_field_get_options (column));
      g_signal_connect (*input, "notify::selected", G_CALLBACK (on_cell_choice_selected_cb), self);
    }
  else if (column->type == YC_FIELD_TYPE_YES_NO)
    {
      *input = make_yes_no ();
      g_signal_connect (*input, "notify::selected", G_CALLBACK (on_cell_choice_selected_cb), self);
    }
  else
    {
      /* the caption names the column; the placeholder still does when the
       * caption is cut short */
      *input = make_entry (column->type, label);
      gtk_editable_set_width_chars (GTK_EDITABLE (*input), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (*input), column_width (column));
      g_signal_connect (*input, "changed", G_CALLBACK (on_cell_entry_changed_cb), self);
    }
  if (column->help != NULL)
    gtk_widget_set_tooltip_text (*input, column->help);
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_box_append (GTK_BOX (cell), caption);
  gtk_box_append (GTK_BOX (cell), *input);
  return cell;
}

/* A line holds every column; it wraps into strips when they do not fit
 * side by side, rather than squeezing an ID number into a sliver. */
static TableLine *
make_line (YcFieldRow *self)
{
  GPtrArray *columns = get_columns (self);
  TableLine *line = g_new0 (TableLine, 1);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *strip = NULL;
  guint used = 0;

  line->inputs = g_ptr_array_new ();
  line->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  line->separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  line->number = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (line->number), 2);
  gtk_label_set_xalign (GTK_LABEL (line->number), 1);
  gtk_widget_set_valign (line->number, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (line->number, "heading");
  gtk_widget_add_css_class (line->number, "numeric");
  gtk_widget_set_hexpand (cells, TRUE);

  for (guint i = 0; i < columns->len; i++)
    {
      const YcFormField *column = g_ptr_array_index (columns, i);
      guint width = column_width (column);
      GtkWidget *input = NULL;
      GtkWidget *cell = make_cell (self, column, &input);

      if (strip == NULL || used + width > LINE_BUDGET)
        {
          strip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          gtk_box_append (GTK_BOX (cells), strip);
          used = 0;
        }
      used += width;
      gtk_box_append (GTK_BOX (strip), cell);
      g_ptr_array_add (line->inputs, input);
    }

  line->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (line->remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (line->remove, "flat");
  gtk_widget_add_css_class (line->remove, "circular");
  g_signal_connect_swapped (line->remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);

  gtk_box_append (GTK_BOX (content), line->number);
  gtk_box_append (GTK_BOX (content), cells);
  gtk_box_append (GTK_BOX (content), line->remove);
  gtk_box_append (GTK_BOX (line->box), line->separator);
  gtk_box_append (GTK_BOX (line->box), content);
  return line;
}

static TableLine *
add_line (YcFieldRow *self)
{
  TableLine *line = make_line (self);

  g_ptr_array_add (self->lines, line);
  gtk_box_append (GTK_BOX (self->lines_box), line->box);
  name_line (self, line, self->lines->len - 1);
  update_line_visibility (self, line, self->lines->len - 1);
  return line;
}

static void
remove_line (YcFieldRow *self,
             guint       position)
{
  TableLine *line = g_ptr_array_index (self->lines, position);

  gtk_box_remove (GTK_BOX (self->lines_box), line->box);
  g_ptr_array_remove_index (self->lines, position);
  for (guint i = position; i < self->lines->len; i++)
    name_line (self, g_ptr_array_index (self->lines, i), i);
}

static void
focus_line (YcFieldRow *self,
            guint       position)
{
  TableLine *line;

  if (position >= self->lines->len)
    {
      gtk_widget_grab_focus (self->add_button);
      return;
    }
  line = g_ptr_array_index (self->lines, position);
  for (guint i = 0; i < line->inputs->len; i++)
    {
      GtkWidget *input = g_ptr_array_index (line->inputs, i);

      if (gtk_widget_get_visible (gtk_widget_get_parent (input)) && gtk_widget_grab_focus (input))
        return;
    }
}

static void
write_table (YcFieldRow *self,
             JsonNode   *value)
{
  const YcFormField *field = get_field (self);
  GPtrArray *columns = get_columns (self);
  JsonArray *rows = value != NULL && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
  guint wanted = rows ? json_array_get_length (rows) : 0;
  guint padding = MIN (MIN (yc_form_field_get_min_rows (field), yc_form_field_get_max_rows (field)), MAX_PADDING_LINES);

  wanted = MAX (wanted, padding);
  while (self->lines->len > wanted)
    remove_line (self, self->lines->len - 1);
  while (self->lines->len < wanted)
    add_line (self);

  for (guint r = 0; r < self->lines->len; r++)
    {
      TableLine *line = g_ptr_array_index (self->lines, r);
      JsonNode *row = rows && r < json_array_get_length (rows) ? json_array_get_element (rows, r) : NULL;
      JsonObject *cells = row && JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;

      for (guint i = 0; i < line->inputs->len; i++)
        {
          const YcFormField *column = g_ptr_array_index (columns, i);
          JsonNode *cell = cells ? json_object_get_member (cells, column->key) : NULL;

          write_input (g_ptr_array_index (line->inputs, i), column, cell);
        }
      update_line_visibility (self, line, r);
    }
  update_table_buttons (self);
}

static void
on_add_clicked_cb (YcFieldRow *self)
{
  if (self->lines->len >= yc_form_field_get_max_rows (get_field (self)))
    return;
  add_line (self);
  update_table_buttons (self);
  on_editor_changed_cb (self);
  focus_line (self, self->lines->len - 1);
}

static void
on_remove_clicked_cb (YcFieldRow *self,
                      GtkButton  *button)
{
  for (guint i = 0; i < self->lines->len; i++)
    if (((TableLine *) g_ptr_array_index (self->lines, i))->remove == GTK_WIDGET (button))
      {
        remove_line (self, i);
        update_table_buttons (self);
        on_editor_changed_cb (self);
        /* the focus was on the button just gone */
        focus_line (self, i);
        return;
      }
}

static GtkWidget *
make_table (YcFieldRow *self)
{
  GtkWidget *table = editor_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *add_name = g_strdup_printf ("field:%s:add", self->key);

  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) table_line_free);
  self->lines_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->add_button = gtk_button_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add row"));
  gtk_button_set_child (GTK_BUTTON (self->add_button), content);
  gtk_widget_set_name (self->add_button, add_name);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);

  /* the row's header has these margins from the theme */
  gtk_widget_set_margin_start (table, 12);
  gtk_widget_set_margin_end (table, 12);
  gtk_widget_set_margin_bottom (table, 12);
  gtk_box_append (GTK_BOX (table), self->lines_box);
  gtk_box_append (GTK_BOX (table), self->add_button);
  return table;
}

/* Attachments */

static void
on_file_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(YcFieldRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *digest = NULL;

  if (!(digest = yc_attachments_add_file_finish (YC_CASE_STORE (source), result, &error)))
    {
      /* cancelled: another file was chosen, the scan cleared or the row
       * is gone */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form == NULL)
        return;
      g_free (self->file_error);
      self->file_error = g_strdup (error->message);
      show_problem (self);
      return;
    }
  if (self->form == NULL)
    return;

  /* the value is the scan's SHA-256; the scan itself is in the store */
  g_free (self->file_name);
  self->file_name = g_file_get_basename (self->pending);
  self->touched = TRUE;
  value = json_node_init_string (json_node_alloc (), digest);
  yc_form_set_value (self->form, self->key, value);
  /* the same scan again changes nothing in the form, but its name shows */
  show_problem (self);
}

static void
on_chooser_response_cb (YcFieldRow      *self,
                        int              response,
                        GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
  if (file != NULL)
    yc_field_row_attach_file (self, file);
}

static void
on_choose_clicked_cb (YcFieldRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileFilter *scans;
  GtkFileFilter *all;
  const char *suffixes[] = { "pdf", "ofd", "jpg", "jpeg", "png", "tif", "tiff" };

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach a Scan"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  scans = gtk_file_filter_new ();
  gtk_file_filter_set_name (scans, _("Scans (PDF, OFD and images)"));
  gtk_file_filter_add_mime_type (scans, "application/pdf");
  gtk_file_filter_add_mime_type (scans, "image/*");
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (scans, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), scans);
  g_object_unref (scans);

  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_object_unref (all);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_clear_clicked_cb (YcFieldRow *self)
{
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->file_error, g_free);
  self->touched = TRUE;
  /* the scan stays in the store: another case may hold it */
  if (!yc_attachments_release (self->store, self->case_id, self->key, &error))
    self->file_error = g_strdup (error->message);
  yc_form_set_value (self->form, self->key, NULL);
  show_problem (self);
}

static GtkWidget *
make_attachment (YcFieldRow *self)
{
  GtkWidget *box = editor_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *choose_name = g_strdup_printf ("field:%s:choose", self->key);
  g_autofree char *clear_name = g_strdup_printf ("field:%s:clear", self->key);

  self->choose_button = gtk_button_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "document-open-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Choose scan…"));
  gtk_button_set_child (GTK_BUTTON (self->choose_button), content);
  gtk_widget_set_name (self->choose_button, choose_name);
  g_signal_connect_swapped (self->choose_button, "clicked", G_CALLBACK (on_choose_clicked_cb), self);

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_name (self->clear_button, clear_name);
  gtk_widget_set_tooltip_text (self->clear_button, _("Remove the scan"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove the scan"), -1);
  gtk_widget_set_sensitive (self->clear_button, FALSE);
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);

  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box), self->choose_button);
  gtk_box_append (GTK_BOX (box), self->clear_button);
  return box;
}

/* Multi-line text */

static char *
get_text_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The clerk sees how much room the catalog leaves before the check says
 * it is too long. */
static void
update_count (YcFieldRow *self,
              GtkWidget  *view)
{
  guint max = yc_form_field_get_max_length (get_field (self));
  g_autofree char *typed = get_text_view_text (view);
  guint count = g_utf8_strlen (g_strstrip (typed), -1);
  g_autofree char *text = NULL;

  if (max == 0)
    return;
  /* TRANSLATORS: characters typed and allowed, e.g. "12 / 1000" */
  text = g_strdup_printf (_("%u / %u"), count, max);
  gtk_label_set_text (GTK_LABEL (self->count), text);
  if (count > max)
    gtk_widget_add_css_class (self->count, "error");
  else
    gtk_widget_remove_css_class (self->count, "error");
}

static void
on_text_changed_cb (YcFieldRow *self)
{
  update_count (self, self->editor);
  on_editor_changed_cb (self);
}

/* A text view in a frame, with its count below: Tab leaves it for the
 * next field, as from an entry. Returns the text view. */
static GtkWidget *
make_multiline (YcFieldRow        *self,
                const YcFormField *field)
{
  GtkWidget *view = gtk_text_view_new ();
  g_autofree char *count_name = NULL;

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  /* about four lines before it grows */
  gtk_widget_set_size_request (view, -1, 84);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (on_text_changed_cb), self);

  self->frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (self->frame), view);
  self->count = gtk_label_new (NULL);
  count_name = g_strdup_printf ("field:%s:count", self->key);
  gtk_widget_set_name (self->count, count_name);
  gtk_label_set_xalign (GTK_LABEL (self->count), 1);
  gtk_widget_add_css_class (self->count, "caption");
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_add_css_class (self->count, "numeric");
  gtk_widget_set_visible (self->count, yc_form_field_get_max_length (field) > 0);

  self->below = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  /* the row's header has these margins from the theme */
  gtk_widget_set_margin_start (self->below, 12);
  gtk_widget_set_margin_end (self->below, 12);
  gtk_widget_set_margin_bottom (self->below, 12);
  gtk_box_append (GTK_BOX (self->below), self->frame);
  gtk_box_append (GTK_BOX (self->below), self->count);
  update_count (self, view);
  return view;
}

/* Reading and writing the editor */

/* Reads the editor into a JSON value; NULL when empty. */
static JsonNode *
read_editor (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);

  switch (self->kind)
    {
    case YC_FIELD_EDITOR_ENTRY:
      return yc_field_type_parse (field->type, gtk_editable_get_text (GTK_EDITABLE (self->editor)));

    case YC_FIELD_EDITOR_MULTILINE:
      {
        g_autofree char *text = get_text_view_text (self->editor);

        return yc_field_type_parse (field->type, text);
      }

    case YC_FIELD_EDITOR_YES_NO:
      return json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (GTK_SWITCH (self->editor)));

    case YC_FIELD_EDITOR_CHOICE:
      return read_choice (self->editor, yc_form_field_get_options (field));

    case YC_FIELD_EDITOR_MULTI_CHOICE:
      {
        GPtrArray *options = yc_form_field_get_options (field);
        g_autoptr(JsonArray) chosen = json_array_new ();

        for (guint i = 0; i < self->parts->len; i++)
          if (gtk_check_button_get_active (g_ptr_array_index (self->parts, i)))
            json_array_add_string_element (chosen, option_value (options, i));
        if (json_array_get_length (chosen) == 0)
          return NULL;
        return json_node_init_array (json_node_alloc (), chosen);
      }

    case YC_FIELD_EDITOR_ADDRESS:
      {
        g_autofree char *region = g_strstrip (g_strdup (gtk_editable_get_text (g_ptr_array_index (self->parts, 0))));
        g_autofree char *detail = g_strstrip (g_strdup (gtk_editable_get_text (g_ptr_array_index (self->parts, 1))));
        g_autoptr(JsonObject) address = NULL;

        if (region[0] == '\0' && detail[0] == '\0')
          return NULL;
        address = json_object_new ();
        if (region[0] != '\0')
          json_object_set_string_member (address, "region", region);
        if (detail[0] != '\0')
          json_object_set_string_member (address, "detail", detail);
        return json_node_init_object (json_node_alloc (), address);
      }

    case YC_FIELD_EDITOR_GROUP:
      return read_table (self);

    case YC_FIELD_EDITOR_ATTACHMENT:
    default:
      /* only a chosen file sets it */
      {
        JsonNode *value = yc_form_get_value (self->form, self->key);

        return value ? json_node_copy (value) : NULL;
      }
    }
}

static void
write_editor (YcFieldRow *self,
              JsonNode   *value)
{
  const YcFormField *field = get_field (self);

  self->updating = TRUE;
  switch (self->kind)
    {
    case YC_FIELD_EDITOR_ENTRY:
      {
        g_autofree char *text = value_to_text (value);

        set_entry_text (self->editor, text);
      }
      break;

    case YC_FIELD_EDITOR_MULTILINE:
      {
        g_autofree char *typed = get_text_view_text (self->editor);
        g_autofree char *text = value_to_text (value);

        /* only on a change, as for an entry */
        if (g_strcmp0 (g_strstrip (typed), text ? text : "") != 0)
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor)), text ? text : "", -1);
      }
      break;

    case YC_FIELD_EDITOR_YES_NO:
      gtk_switch_set_active (GTK_SWITCH (self->editor),
                             value && JSON_NODE_HOLDS_VALUE (value) &&
                             json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value));
      break;

    case YC_FIELD_EDITOR_CHOICE:
      write_choice (self->editor, yc_form_field_get_options (field), value);
      break;

    case YC_FIELD_EDITOR_MULTI_CHOICE:
      {
        GPtrArray *options = yc_form_field_get_options (field);
        JsonArray *chosen = value && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

        for (guint i = 0; i < self->parts->len; i++)
          {
            gboolean active = FALSE;

            for (guint j = 0; chosen != NULL && j < json_array_get_length (chosen) && !active; j++)
              active = g_strcmp0 (node_string (json_array_get_element (chosen, j)), option_value (options, i)) == 0;
            gtk_check_button_set_active (g_ptr_array_index (self->parts, i), active);
          }
      }
      break;

    case YC_FIELD_EDITOR_ADDRESS:
      {
        JsonObject *address = value && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;

        set_entry_text (g_ptr_array_index (self->parts, 0),
                        address ? node_string (json_object_get_member (address, "region")) : NULL);
        set_entry_text (g_ptr_array_index (self->parts, 1),
                        address ? node_string (json_object_get_member (address, "detail")) : NULL);
      }
      break;

    case YC_FIELD_EDITOR_GROUP:
      write_table (self, value);
      break;

    case YC_FIELD_EDITOR_ATTACHMENT:
    default:
      /* the row shows what the value says; there is nothing to type */
      break;
    }
  self->updating = FALSE;
}

/* What the value means beside what it is: the region's name, the scan's
 * file. */
static char *
describe_value (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);
  JsonNode *value = yc_form_get_value (self->form, self->key);
  const char *region = NULL;
  const char *name;

  if (self->kind == YC_FIELD_EDITOR_ATTACHMENT)
    {
      g_autoptr(YcAttachment) kept = NULL;

      if (self->file_name != NULL)
        return g_strdup (self->file_name);
      if (node_string (value) == NULL)
        return NULL;
      /* a draft reopened: the store knows the name the scan came with */
      if ((kept = yc_attachments_lookup (self->store, node_string (value), NULL)) && kept->name)
        return g_strdup (kept->name);
      return g_strdup_printf (_("Scan attached, SHA-256 %.12s…"), node_string (value));
    }
  if (field->type == YC_FIELD_TYPE_REGION)
    region = node_string (value);
  else if (self->kind == YC_FIELD_EDITOR_ADDRESS && value != NULL && JSON_NODE_HOLDS_OBJECT (value))
    region = node_string (json_object_get_member (json_node_get_object (value), "region"));
  if (region != NULL && (name = yc_region_name (region)) != NULL)
    return g_strdup (name);
  return NULL;
}

/* The red of an error goes on what the clerk must correct; a whole table
 * or list of choices in red would say that all of it is wrong, so there
 * the subtitle alone says what is. */
static void
set_invalid (YcFieldRow *self,
             gboolean    invalid)
{
  g_autoptr(GPtrArray) marked = g_ptr_array_new ();

  switch (self->kind)
    {
    case YC_FIELD_EDITOR_ENTRY:
    case YC_FIELD_EDITOR_YES_NO:
    case YC_FIELD_EDITOR_CHOICE:
      g_ptr_array_add (marked, self->editor);
      break;

    case YC_FIELD_EDITOR_ADDRESS:
      g_ptr_array_extend (marked, self->parts, NULL, NULL);
      break;

    case YC_FIELD_EDITOR_ATTACHMENT:
      g_ptr_array_add (marked, self->choose_button);
      break;

    case YC_FIELD_EDITOR_MULTILINE:
      g_ptr_array_add (marked, self->frame);
      break;

    case YC_FIELD_EDITOR_MULTI_CHOICE:
    case YC_FIELD_EDITOR_GROUP:
    default:
      break;
    }

  for (guint i = 0; i < marked->len; i++)
    {
      if (invalid)
        gtk_widget_add_css_class (g_ptr_array_index (marked, i), "error");
      else
        gtk_widget_remove_css_class (g_ptr_array_index (marked, i), "error");
    }
  if (invalid)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
show_problem (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *problem = NULL;
  g_autofree char *meaning = describe_value (self);

  if (self->file_error != NULL)
    problem = g_strdup (self->file_error);
  else if (self->touched)
    problem = yc_form_check_field (self->form, self->key);

  if (meaning != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (meaning, -1);

      g_string_append (markup, escaped);
    }
  if (problem != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (problem, -1);

      g_string_append_printf (markup, "%s<span foreground=\"#c01c28\">%s</span>", markup->len ? "\n" : "", escaped);
    }
  else if (field->help != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (field->help, -1);

      g_string_append_printf (markup, "%s%s", markup->len ? "\n" : "", escaped);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), markup->str);
  set_invalid (self, problem != NULL);
}

static void
on_form_changed_cb (YcFieldRow *self,
                    YcForm     *form)
{
  const YcFormField *field = get_field (self);
  JsonNode *value = yc_form_get_value (form, self->key);
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), field->visible);
  title = g_markup_printf_escaped (field->required ? "%s <span foreground=\"#c01c28\">*</span>" : "%s",
                                   field->label);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  if (field->calculated)
    write_editor (self, value);
  if (self->kind == YC_FIELD_EDITOR_ATTACHMENT)
    {
      if (value == NULL)
        g_clear_pointer (&self->file_name, g_free);
      gtk_widget_set_sensitive (self->clear_button, value != NULL && !field->calculated);
    }
  show_problem (self);
}

static void
on_editor_changed_cb (YcFieldRow *self)
{
  g_autoptr(JsonNode) value = NULL;

  if (self->updating || self->form == NULL)
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
  GPtrArray *options = yc_form_field_get_options (field);
  GtkWidget *editor = NULL;

  switch (self->kind)
    {
    case YC_FIELD_EDITOR_YES_NO:
      editor = gtk_switch_new ();
      g_signal_connect_swapped (editor, "notify::active", G_CALLBACK (on_editor_changed_cb), self);
      break;

    case YC_FIELD_EDITOR_CHOICE:
      editor = make_choice (options);
      g_signal_connect_swapped (editor, "notify::selected", G_CALLBACK (on_editor_changed_cb), self);
      break;

    case YC_FIELD_EDITOR_MULTI_CHOICE:
      editor = editor_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_margin_top (editor, 6);
      gtk_widget_set_margin_bottom (editor, 6);
      for (guint i = 0; i < options->len; i++)
        {
          GtkWidget *check = gtk_check_button_new_with_label (((YcFormOption *) g_ptr_array_index (options, i))->label);
          g_autofree char *name = g_strdup_printf ("field:%s:%s", self->key, option_value (options, i));

          gtk_widget_set_name (check, name);
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_editor_changed_cb), self);
          gtk_box_append (GTK_BOX (editor), check);
          g_ptr_array_add (self->parts, check);
        }
      break;

    case YC_FIELD_EDITOR_ADDRESS:
      {
        GtkWidget *region = make_entry (YC_FIELD_TYPE_REGION, NULL);
        GtkWidget *detail = make_entry (YC_FIELD_TYPE_TEXT, _("Street and number"));
        g_autofree char *region_name = g_strdup_printf ("field:%s:region", self->key);
        g_autofree char *detail_name = g_strdup_printf ("field:%s:detail", self->key);
        g_autofree char *region_label = g_strdup_printf (_("%s: region code"), field->label);
        g_autofree char *detail_label = g_strdup_printf (_("%s: street and number"), field->label);

        editor = editor_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        /* six digits need little room; the street needs the rest */
        gtk_editable_set_width_chars (GTK_EDITABLE (region), 7);
        gtk_editable_set_max_width_chars (GTK_EDITABLE (region), 7);
        gtk_editable_set_width_chars (GTK_EDITABLE (detail), 20);
        gtk_widget_set_hexpand (detail, TRUE);
        gtk_widget_set_name (region, region_name);
        gtk_widget_set_name (detail, detail_name);
        gtk_accessible_update_property (GTK_ACCESSIBLE (region), GTK_ACCESSIBLE_PROPERTY_LABEL, region_label, -1);
        gtk_accessible_update_property (GTK_ACCESSIBLE (detail), GTK_ACCESSIBLE_PROPERTY_LABEL, detail_label, -1);
        g_signal_connect_swapped (region, "changed", G_CALLBACK (on_editor_changed_cb), self);
        g_signal_connect_swapped (detail, "changed", G_CALLBACK (on_editor_changed_cb), self);
        gtk_box_append (GTK_BOX (editor), region);
        gtk_box_append (GTK_BOX (editor), detail);
        g_ptr_array_add (self->parts, region);
        g_ptr_array_add (self->parts, detail);
      }
      break;

    case YC_FIELD_EDITOR_GROUP:
      self->below = make_table (self);
      return self->below;

    case YC_FIELD_EDITOR_MULTILINE:
      return make_multiline (self, field);

    case YC_FIELD_EDITOR_ATTACHMENT:
      editor = make_attachment (self);
      break;

    case YC_FIELD_EDITOR_ENTRY:
    default:
      editor = make_entry (field->type, NULL);
      gtk_widget_set_hexpand (editor, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (editor), 28);
      if (field->calculated)
        {
          gtk_editable_set_editable (GTK_EDITABLE (editor), FALSE);
          gtk_widget_set_can_focus (editor, FALSE);
        }
      g_signal_connect_swapped (editor, "changed", G_CALLBACK (on_editor_changed_cb), self);
      break;
    }

  /* a calculated entry reads like text; anything else is simply not for
   * the clerk to change */
  if (field->calculated && self->kind != YC_FIELD_EDITOR_ENTRY)
    gtk_widget_set_sensitive (editor, FALSE);
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
 * @store: where a scan attached to the field is kept
 * @case_id: the draft @form belongs to
 *
 * Returns: a row editing field @key of @form
 */
GtkWidget *
yc_field_row_new (YcForm      *form,
                  const char  *key,
                  YcCaseStore *store,
                  const char  *case_id)
{
  YcFieldRow *self;
  const YcFormField *field;
  GtkEventController *focus;
  g_autofree char *name = NULL;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail ((field = yc_form_lookup_field (form, key)) != NULL, NULL);
  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self = g_object_new (YC_TYPE_FIELD_ROW, NULL);
  self->form = g_object_ref (form);
  self->key = g_strdup (key);
  self->store = g_object_ref (store);
  self->case_id = g_strdup (case_id);
  self->kind = yc_field_type_get_editor (field->type);
  self->editor = make_editor (self, field);
  /* tests and accessibility tools find a field by its key */
  name = g_strconcat ("field:", key, NULL);
  gtk_widget_set_name (self->editor, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL, field->label, -1);

  switch (self->kind)
    {
    case YC_FIELD_EDITOR_GROUP:
    case YC_FIELD_EDITOR_MULTILINE:
      /* a table or a text takes the row's whole width, below its title:
       * the header stays the row's first child, so the theme still
       * styles it */
      gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_box_layout_new (GTK_ORIENTATION_VERTICAL));
      gtk_widget_set_parent (self->below, GTK_WIDGET (self));
      break;

    case YC_FIELD_EDITOR_MULTI_CHOICE:
      /* each check button is its own target */
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->editor);
      break;

    case YC_FIELD_EDITOR_ADDRESS:
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), g_ptr_array_index (self->parts, 0));
      break;

    case YC_FIELD_EDITOR_ATTACHMENT:
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->choose_button);
      break;

    case YC_FIELD_EDITOR_ENTRY:
    case YC_FIELD_EDITOR_YES_NO:
    case YC_FIELD_EDITOR_CHOICE:
    default:
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->editor);
      break;
    }

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

/**
 * yc_field_row_attach_file:
 * @file: the scan
 *
 * Attaches @file to an attachment field, as choosing it in the file
 * chooser does: the scan is copied into the profile's store, the value
 * becomes its SHA-256 once it is there, and the subtitle shows its name.
 */
void
yc_field_row_attach_file (YcFieldRow *self,
                          GFile      *file)
{
  g_return_if_fail (YC_IS_FIELD_ROW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->kind == YC_FIELD_EDITOR_ATTACHMENT);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->file_error, g_free);
  g_set_object (&self->pending, file);
  /* copied and hashed off the main loop */
  yc_attachments_add_file_async (self->store, file, self->case_id, self->key,
                                 yc_form_field_get_material (get_field (self)),
                                 self->cancellable, on_file_stored_cb, g_object_ref (self));
}

/* Tab goes from editor to editor. A list box row would first stop on the
 * row itself, one more key press per field for the clerk, and would move
 * the focus into its one child only, not into a group's table, which is a
 * second child below the header. The row still takes the focus from the
 * arrow keys, as the list box moves it.
 *
 * A calculated field has nothing to focus; the list box would end the
 * tour of the form there, so the row hands the focus on to the next. */
static gboolean
yc_field_row_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN || direction == GTK_DIR_RIGHT;
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  GtkWidget *child;

  if (focus_child != NULL && gtk_widget_child_focus (focus_child, direction))
    return TRUE;
  /* on the row itself, going back leaves it */
  if (gtk_widget_is_focus (widget) && !forward)
    return FALSE;
  if (focus_child != NULL)
    child = forward ? gtk_widget_get_next_sibling (focus_child) : gtk_widget_get_prev_sibling (focus_child);
  else
    child = forward ? gtk_widget_get_first_child (widget) : gtk_widget_get_last_child (widget);
  for (; child != NULL; child = forward ? gtk_widget_get_next_sibling (child) : gtk_widget_get_prev_sibling (child))
    if (gtk_widget_child_focus (child, direction))
      return TRUE;

  if (focus_child == NULL && !gtk_widget_is_focus (widget) &&
      (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD))
    for (GtkWidget *row = forward ? gtk_widget_get_next_sibling (widget) : gtk_widget_get_prev_sibling (widget);
         row != NULL;
         row = forward ? gtk_widget_get_next_sibling (row) : gtk_widget_get_prev_sibling (row))
      if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row) && gtk_widget_is_sensitive (row))
        return gtk_widget_child_focus (row, direction);
  return FALSE;
}

static void
yc_field_row_dispose (GObject *object)
{
  YcFieldRow *self = (YcFieldRow *)object;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* a table or a text is ours, beside the row's own child */
  g_clear_pointer (&self->below, gtk_widget_unparent);
  g_clear_signal_handler (&self->changed_id, self->form);
  g_clear_object (&self->form);
  g_clear_object (&self->store);
  g_clear_object (&self->pending);

  G_OBJECT_CLASS (yc_field_row_parent_class)->dispose (object);
}

static void
yc_field_row_finalize (GObject *object)
{
  YcFieldRow *self = (YcFieldRow *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->file_error, g_free);

  G_OBJECT_CLASS (yc_field_row_parent_class)->finalize (object);
}

static void
yc_field_row_class_init (YcFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_field_row_dispose;
  object_class->finalize = yc_field_row_finalize;

  widget_class->focus = yc_field_row_focus;
}

static void
yc_field_row_init (YcFieldRow *self)
{
  self->parts = g_ptr_array_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), TRUE);
}

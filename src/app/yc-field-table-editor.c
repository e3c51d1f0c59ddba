/* yc-field-table-editor.c: a group field, a table of rows
 *
 * Each row of the value is a line of cells, one per column, that wraps
 * into strips when the columns do not fit side by side. The form says
 * which cells of a row its rules show. Lines are added up to the
 * template's max_rows and removed down to its min_rows; a table padded
 * up to its min_rows is no value until something is typed into it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-editor-box.h"
#include "yc-field-editor-private.h"

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

#define YC_TYPE_FIELD_TABLE_EDITOR (yc_field_table_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldTableEditor, yc_field_table_editor, YC, FIELD_TABLE_EDITOR, GObject)

struct _YcFieldTableEditor
{
  GObject            parent_instance;

  YcForm            *form;
  const YcFormField *field;     /* the form's */
  const char        *key;
  GPtrArray         *columns;   /* YcFormField, the field's */
  GtkWidget         *table;
  GtkWidget         *lines_box;
  GtkWidget         *add_button;
  GPtrArray         *lines;     /* TableLine */
  gboolean           updating;
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldTableEditor, yc_field_table_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

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
    return column->type == YC_FIELD_TYPE_YES_NO ? _yc_field_read_yes_no (input)
                                                : _yc_field_read_choice (input, yc_form_field_get_options (column));
  return yc_field_type_parse (column->type, gtk_editable_get_text (GTK_EDITABLE (input)));
}

static void
write_input (GtkWidget         *input,
             const YcFormField *column,
             JsonNode          *value)
{
  if (GTK_IS_DROP_DOWN (input) && column->type == YC_FIELD_TYPE_YES_NO)
    _yc_field_write_yes_no (input, value);
  else if (GTK_IS_DROP_DOWN (input))
    _yc_field_write_choice (input, yc_form_field_get_options (column), value);
  else
    {
      g_autofree char *text = _yc_field_value_to_text (value);

      _yc_field_set_entry_text (input, text);
    }
}

/* The line's values under the column keys; the form drops the cells its
 * rules hide, as a hidden field is not submitted either. */
static JsonObject *
read_line (YcFieldTableEditor *self,
           TableLine          *line)
{
  GPtrArray *columns = self->columns;
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
update_line_visibility (YcFieldTableEditor *self,
                        TableLine          *line,
                        guint               position)
{
  GPtrArray *columns = self->columns;

  for (guint i = 0; i < line->inputs->len; i++)
    gtk_widget_set_visible (gtk_widget_get_parent (g_ptr_array_index (line->inputs, i)),
                            yc_form_is_cell_visible (self->form, self->key, position,
                                                     ((YcFormField *) g_ptr_array_index (columns, i))->key));
}

static JsonNode *
read_table (YcFieldTableEditor *self)
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
update_table_buttons (YcFieldTableEditor *self)
{
  const YcFormField *field = self->field;

  gtk_widget_set_sensitive (self->add_button, self->lines->len < yc_form_field_get_max_rows (field));
  for (guint i = 0; i < self->lines->len; i++)
    gtk_widget_set_sensitive (((TableLine *) g_ptr_array_index (self->lines, i))->remove,
                              self->lines->len > yc_form_field_get_min_rows (field));
}

/* Tests and accessibility tools find a cell by field, row and column. */
static void
name_line (YcFieldTableEditor *self,
           TableLine          *line,
           guint               position)
{
  const YcFormField *field = self->field;
  GPtrArray *columns = self->columns;
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
cell_changed (YcFieldTableEditor *self,
              GtkWidget          *input)
{
  if (self->updating)
    return;
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
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
on_cell_entry_changed_cb (GtkEditable        *input,
                          YcFieldTableEditor *self)
{
  cell_changed (self, GTK_WIDGET (input));
}

static void
on_cell_choice_selected_cb (GtkDropDown        *input,
                            GParamSpec         *pspec,
                            YcFieldTableEditor *self)
{
  cell_changed (self, GTK_WIDGET (input));
}

static void on_remove_clicked_cb (YcFieldTableEditor *self,
                                  GtkButton  *button);

static GtkWidget *
make_cell (YcFieldTableEditor *self,
           const YcFormField  *column,
           GtkWidget         **input)
{
  const char *label = column->label;
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *name = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (name, label);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (caption), name);
  /* a rule-required column shows no star: whether it applies depends on
   * the row, and the problem says so when it does */
  if (column->required)
    {
      GtkWidget *star = gtk_label_new ("*");

      gtk_widget_add_css_class (star, "caption");
      gtk_widget_add_css_class (star, "dim-label");
      gtk_widget_add_css_class (star, "required-mark");
      gtk_box_append (GTK_BOX (caption), star);
    }

  if (yc_field_type_get_editor (column->type) == YC_FIELD_EDITOR_CHOICE)
    {
      *input = _yc_field_make_choice (yc_form_field_get_options (column));
      g_signal_connect (*input, "notify::selected", G_CALLBACK (on_cell_choice_selected_cb), self);
    }
  else if (column->type == YC_FIELD_TYPE_YES_NO)
    {
      *input = _yc_field_make_yes_no ();
      g_signal_connect (*input, "notify::selected", G_CALLBACK (on_cell_choice_selected_cb), self);
    }
  else
    {
      /* the caption names the column; the placeholder still does when the
       * caption is cut short */
      *input = _yc_field_make_entry (column->type, label);
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
make_line (YcFieldTableEditor *self)
{
  GPtrArray *columns = self->columns;
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
add_line (YcFieldTableEditor *self)
{
  TableLine *line = make_line (self);

  g_ptr_array_add (self->lines, line);
  gtk_box_append (GTK_BOX (self->lines_box), line->box);
  name_line (self, line, self->lines->len - 1);
  update_line_visibility (self, line, self->lines->len - 1);
  return line;
}

static void
remove_line (YcFieldTableEditor *self,
             guint               position)
{
  TableLine *line = g_ptr_array_index (self->lines, position);

  gtk_box_remove (GTK_BOX (self->lines_box), line->box);
  g_ptr_array_remove_index (self->lines, position);
  for (guint i = position; i < self->lines->len; i++)
    name_line (self, g_ptr_array_index (self->lines, i), i);
}

static void
focus_line (YcFieldTableEditor *self,
            guint               position)
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
write_table (YcFieldTableEditor *self,
             JsonNode           *value)
{
  const YcFormField *field = self->field;
  GPtrArray *columns = self->columns;
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
on_add_clicked_cb (YcFieldTableEditor *self)
{
  if (self->lines->len >= yc_form_field_get_max_rows (self->field))
    return;
  add_line (self);
  update_table_buttons (self);
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
  focus_line (self, self->lines->len - 1);
}

static void
on_remove_clicked_cb (YcFieldTableEditor *self,
                      GtkButton          *button)
{
  for (guint i = 0; i < self->lines->len; i++)
    if (((TableLine *) g_ptr_array_index (self->lines, i))->remove == GTK_WIDGET (button))
      {
        remove_line (self, i);
        update_table_buttons (self);
        yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
        /* the focus was on the button just gone */
        focus_line (self, i);
        return;
      }
}

static GtkWidget *
make_table (YcFieldTableEditor *self)
{
  GtkWidget *table = yc_editor_box_new (GTK_ORIENTATION_VERTICAL, 12);
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

YcFieldEditor *
_yc_field_table_editor_new (YcForm            *form,
                            const YcFormField *field)
{
  YcFieldTableEditor *self = g_object_new (YC_TYPE_FIELD_TABLE_EDITOR, NULL);

  self->form = g_object_ref (form);
  self->field = field;
  self->key = field->key;
  self->columns = g_ptr_array_ref (yc_form_field_get_columns (field));
  self->table = g_object_ref_sink (make_table (self));
  return YC_FIELD_EDITOR (self);
}

static GtkWidget *
yc_field_table_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_TABLE_EDITOR (editor)->table;
}

static void
yc_field_table_editor_set_value (YcFieldEditor *editor,
                                 JsonNode      *value)
{
  YcFieldTableEditor *self = YC_FIELD_TABLE_EDITOR (editor);

  self->updating = TRUE;
  write_table (self, value);
  self->updating = FALSE;
}

static JsonNode *
yc_field_table_editor_read_value (YcFieldEditor *editor)
{
  return read_table (YC_FIELD_TABLE_EDITOR (editor));
}

/* the table takes the row's width below the title: nothing to activate */
static GtkWidget *
yc_field_table_editor_get_activatable (YcFieldEditor *editor)
{
  return NULL;
}

/* a whole table in red would say that all of it is wrong: the subtitle
 * alone says what is */
static void
yc_field_table_editor_set_invalid (YcFieldEditor *editor,
                                   gboolean       invalid)
{
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_table_editor_get_widget;
  iface->set_value = yc_field_table_editor_set_value;
  iface->read_value = yc_field_table_editor_read_value;
  iface->get_activatable = yc_field_table_editor_get_activatable;
  iface->set_invalid = yc_field_table_editor_set_invalid;
}

static void
yc_field_table_editor_finalize (GObject *object)
{
  YcFieldTableEditor *self = (YcFieldTableEditor *)object;

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_object (&self->table);
  g_clear_object (&self->form);

  G_OBJECT_CLASS (yc_field_table_editor_parent_class)->finalize (object);
}

static void
yc_field_table_editor_class_init (YcFieldTableEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_field_table_editor_finalize;
}

static void
yc_field_table_editor_init (YcFieldTableEditor *self)
{
}

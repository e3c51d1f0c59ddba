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
#include <math.h>

#include "yc-field-row.h"

/* The form is about 540 pixels wide inside a row: room for about this many
 * average characters of cells side by side before a table line wraps. */
#define LINE_BUDGET 46

/* Padding a table up to its minimum rows is a convenience; a catalog that
 * asks for hundreds gets its rows one "Add row" at a time. */
#define MAX_PADDING_LINES 5

typedef enum
{
  EDITOR_ENTRY,         /* text, numbers, money, dates, codes, regions */
  EDITOR_SWITCH,        /* yes-no */
  EDITOR_CHOICE,
  EDITOR_MULTI_CHOICE,
  EDITOR_ADDRESS,
  EDITOR_GROUP,
  EDITOR_ATTACHMENT,
} EditorKind;

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
  EditorKind            kind;
  GtkWidget            *editor;       /* named "field:KEY"; a problem focuses it */
  GPtrArray            *parts;        /* multi-choice: the check buttons; address: region and detail */
  gulong                changed_id;

  /* group */
  GtkWidget            *lines_box;
  GtkWidget            *add_button;
  GPtrArray            *lines;        /* TableLine */

  /* attachment: the scan is kept in the profile's store, for the case */
  YcCaseStore          *store;
  YcCaseDraft          *draft;
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

static gboolean
is_type (const char *type,
         const char *name)
{
  return g_strcmp0 (type, name) == 0;
}

static JsonArray *
get_columns (YcFieldRow *self)
{
  return yc_json_get_array (get_field (self)->definition, "fields");
}

static EditorKind
kind_for (const YcFormField *field)
{
  if (is_type (field->type, "yes-no"))
    return EDITOR_SWITCH;
  if (is_type (field->type, "choice"))
    return EDITOR_CHOICE;
  if (is_type (field->type, "multi-choice"))
    return EDITOR_MULTI_CHOICE;
  if (is_type (field->type, "address"))
    return EDITOR_ADDRESS;
  if (is_type (field->type, "group"))
    return EDITOR_GROUP;
  if (is_type (field->type, "attachment"))
    return EDITOR_ATTACHMENT;
  return EDITOR_ENTRY;
}

/* Typed text and JSON values */

/* Reads what was typed as a value of @type; NULL when empty. */
static JsonNode *
parse_text (const char *type,
            const char *typed)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));

  if (text[0] == '\0')
    return NULL;
  if (is_type (type, "integer") || is_type (type, "decimal"))
    {
      char *end = NULL;
      double number = g_ascii_strtod (text, &end);

      /* something that is no number stays text, so the core says so; so
       * do "nan" and "inf", which JSON cannot carry */
      if (end == NULL || *end != '\0' || !isfinite (number))
        return json_node_init_string (json_node_alloc (), text);
      if (is_type (type, "integer") && fabs (number) < 1e15 && number == (double) (gint64) number)
        return json_node_init_int (json_node_alloc (), (gint64) number);
      return json_node_init_double (json_node_alloc (), number);
    }
  if (is_type (type, "id-number") || is_type (type, "credit-code"))
    {
      g_autofree char *upper = g_ascii_strup (text, -1);

      return json_node_init_string (json_node_alloc (), upper);
    }
  return json_node_init_string (json_node_alloc (), text);
}

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
option_value (JsonArray *options,
              guint      position)
{
  return json_object_get_string_member (json_array_get_object_element (options, position), "value");
}

/* Widgets shared by fields and table cells */

static GtkWidget *
make_entry (const char *type,
            const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  if (is_type (type, "date"))
    placeholder = "YYYY-MM-DD";
  else if (is_type (type, "money"))
    placeholder = "0.00";
  else if (is_type (type, "region") && placeholder == NULL)
    placeholder = _("6-digit region code");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  if (is_type (type, "mobile") || is_type (type, "landline") || is_type (type, "phone"))
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
  else if (is_type (type, "integer") || is_type (type, "decimal") || is_type (type, "money") ||
           is_type (type, "postal-code") || is_type (type, "region"))
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  if (is_type (type, "region") || is_type (type, "postal-code"))
    gtk_entry_set_max_length (GTK_ENTRY (entry), 6);
  return entry;
}

/* The first entry is "not chosen", so that nothing is chosen by mistake. */
static GtkWidget *
make_choice (JsonArray *options)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("Not chosen"));
  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    gtk_string_list_append (labels, json_object_get_string_member (json_array_get_object_element (options, i), "label"));
  return gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
}

static JsonNode *
read_choice (GtkWidget *drop_down,
             JsonArray *options)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || options == NULL ||
      selected > json_array_get_length (options))
    return NULL;
  return json_node_init_string (json_node_alloc (), option_value (options, selected - 1));
}

static void
write_choice (GtkWidget *drop_down,
              JsonArray *options,
              JsonNode  *value)
{
  const char *chosen = node_string (value);
  guint position = 0;

  for (guint i = 0; chosen != NULL && options != NULL && i < json_array_get_length (options); i++)
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
column_width (JsonObject *column)
{
  const char *type = json_object_get_string_member (column, "type");
  /* the caption is in a smaller type */
  guint width = text_width (json_object_get_string_member (column, "label")) * 4 / 5;

  if (is_type (type, "id-number") || is_type (type, "credit-code"))
    width = MAX (width, 16);
  else if (is_type (type, "choice"))
    {
      JsonArray *options = yc_json_get_array (column, "options");
      guint longest = text_width (_("Not chosen"));

      for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
        longest = MAX (longest, text_width (json_object_get_string_member (json_array_get_object_element (options, i), "label")));
      /* and the arrow */
      width = MAX (width, longest + 4);
    }
  else if (is_type (type, "date"))
    width = MAX (width, 11);
  else if (is_type (type, "integer") || is_type (type, "postal-code") || is_type (type, "region"))
    width = MAX (width, 7);
  else if (is_type (type, "money") || is_type (type, "decimal"))
    width = MAX (width, 9);
  else
    width = MAX (width, 12);
  return width;
}

static JsonNode *
read_input (GtkWidget  *input,
            JsonObject *column)
{
  const char *type = json_object_get_string_member (column, "type");

  if (GTK_IS_DROP_DOWN (input))
    return is_type (type, "yes-no") ? read_yes_no (input)
                                    : read_choice (input, yc_json_get_array (column, "options"));
  return parse_text (type, gtk_editable_get_text (GTK_EDITABLE (input)));
}

static void
write_input (GtkWidget  *input,
             JsonObject *column,
             JsonNode   *value)
{
  const char *type = json_object_get_string_member (column, "type");

  if (GTK_IS_DROP_DOWN (input) && is_type (type, "yes-no"))
    write_yes_no (input, value);
  else if (GTK_IS_DROP_DOWN (input))
    write_choice (input, yc_json_get_array (column, "options"), value);
  else
    {
      g_autofree char *text = value_to_text (value);

      set_entry_text (input, text);
    }
}

/* The line's values under the column keys; without the cells its rules
 * hide, as a hidden field is not submitted either. */
static JsonObject *
read_line (YcFieldRow *self,
           TableLine  *line,
           gboolean    visible_only)
{
  JsonArray *columns = get_columns (self);
  JsonObject *row = json_object_new ();

  for (guint i = 0; i < line->inputs->len; i++)
    {
      GtkWidget *input = g_ptr_array_index (line->inputs, i);
      JsonObject *column = json_array_get_object_element (columns, i);
      JsonNode *value;

      if (visible_only && !gtk_widget_get_visible (gtk_widget_get_parent (input)))
        continue;
      if ((value = read_input (input, column)) != NULL)
        json_object_set_member (row, json_object_get_string_member (column, "key"), value);
    }
  return row;
}

/* A column's "visible" rule sees the row, like its "required" rule: a
 * shareholder has an ID number or a credit code, as the type says. */
static void
update_line_visibility (YcFieldRow *self,
                        TableLine  *line)
{
  JsonArray *columns = get_columns (self);
  g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (data, read_line (self, line, FALSE));
  for (guint i = 0; i < line->inputs->len; i++)
    {
      JsonNode *rule = json_object_get_member (json_array_get_object_element (columns, i), "visible");
      g_autoptr(JsonNode) result = NULL;
      gboolean visible = TRUE;

      /* a rule that fails on odd data shows the cell: better asked than lost */
      if (rule != NULL && (result = yc_json_logic_apply (rule, data, NULL)) != NULL)
        visible = yc_json_logic_truthy (result);
      gtk_widget_set_visible (gtk_widget_get_parent (g_ptr_array_index (line->inputs, i)), visible);
    }
}

static JsonNode *
read_table (YcFieldRow *self)
{
  g_autoptr(JsonArray) rows = json_array_new ();
  gboolean typed = FALSE;

  for (guint i = 0; i < self->lines->len; i++)
    {
      JsonObject *row = read_line (self, g_ptr_array_index (self->lines, i), TRUE);

      typed |= json_object_get_size (row) > 0;
      json_array_add_object_element (rows, row);
    }
  /* lines nobody has typed into yet are no rows */
  if (!typed)
    return NULL;
  return json_node_init_array (json_node_alloc (), rows);
}

static gint64
get_min_rows (YcFieldRow *self)
{
  return json_object_get_int_member_with_default (get_field (self)->definition, "min_rows", 0);
}

static gint64
get_max_rows (YcFieldRow *self)
{
  return json_object_get_int_member_with_default (get_field (self)->definition, "max_rows", G_MAXINT);
}

static void
update_table_buttons (YcFieldRow *self)
{
  gtk_widget_set_sensitive (self->add_button, (gint64) self->lines->len < get_max_rows (self));
  for (guint i = 0; i < self->lines->len; i++)
    gtk_widget_set_sensitive (((TableLine *) g_ptr_array_index (self->lines, i))->remove,
                              (gint64) self->lines->len > get_min_rows (self));
}

/* Tests and accessibility tools find a cell by field, row and column. */
static void
name_line (YcFieldRow *self,
           TableLine  *line,
           guint       position)
{
  const YcFormField *field = get_field (self);
  JsonArray *columns = get_columns (self);
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
      JsonObject *column = json_array_get_object_element (columns, i);
      GtkWidget *input = g_ptr_array_index (line->inputs, i);
      g_autofree char *name = g_strdup_printf ("field:%s:%u:%s", self->key, position,
                                               json_object_get_string_member (column, "key"));
      /* TRANSLATORS: the label of a table cell for screen readers: the
       * table, the row number and the column, e.g. "股东, row 2, 姓名" */
      g_autofree char *label = g_strdup_printf (_("%s, row %u, %s"), field->label, position + 1,
                                                json_object_get_string_member (column, "label"));

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
  for (guint i = 0; i < self->lines->len; i++)
    {
      TableLine *line = g_ptr_array_index (self->lines, i);

      if (g_ptr_array_find (line->inputs, input, NULL))
        {
          update_line_visibility (self, line);
          break;
        }
    }
  on_editor_changed_cb (self);
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
make_cell (YcFieldRow *self,
           JsonObject *column,
           GtkWidget **input)
{
  const char *type = json_object_get_string_member (column, "type");
  const char *label = json_object_get_string_member (column, "label");
  const char *help = json_object_get_string_member_with_default (column, "help", NULL);
  JsonNode *required = json_object_get_member (column, "required");
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (NULL);
  g_autofree char *markup = NULL;

  /* a rule-required column shows no star: whether it applies depends on
   * the row, and the problem says so when it does */
  if (required != NULL && JSON_NODE_HOLDS_VALUE (required) &&
      json_node_get_value_type (required) == G_TYPE_BOOLEAN && json_node_get_boolean (required))
    markup = g_markup_printf_escaped ("%s <span foreground=\"#c01c28\">*</span>", label);
  else
    markup = g_markup_escape_text (label, -1);
  gtk_label_set_markup (GTK_LABEL (caption), markup);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (caption, label);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");

  if (is_type (type, "choice"))
    {
      *input = make_choice (yc_json_get_array (column, "options"));
      g_signal_connect (*input, "notify::selected", G_CALLBACK (on_cell_choice_selected_cb), self);
    }
  else if (is_type (type, "yes-no"))
    {
      *input = make_yes_no ();
      g_signal_connect (*input, "notify::selected", G_CALLBACK (on_cell_choice_selected_cb), self);
    }
  else
    {
      /* the caption names the column; the placeholder still does when the
       * caption is cut short */
      *input = make_entry (type, label);
      gtk_editable_set_width_chars (GTK_EDITABLE (*input), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (*input), column_width (column));
      g_signal_connect (*input, "changed", G_CALLBACK (on_cell_entry_changed_cb), self);
    }
  if (help != NULL)
    gtk_widget_set_tooltip_text (*input, help);
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
  JsonArray *columns = get_columns (self);
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

  for (guint i = 0; columns != NULL && i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);
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
  update_line_visibility (self, line);
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
  JsonArray *columns = get_columns (self);
  JsonArray *rows = value != NULL && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
  guint wanted = rows ? json_array_get_length (rows) : 0;
  gint64 padding = MIN (MIN (get_min_rows (self), get_max_rows (self)), MAX_PADDING_LINES);

  wanted = MAX (wanted, (guint) MAX (padding, 0));
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
          JsonObject *column = json_array_get_object_element (columns, i);
          JsonNode *cell = cells ? json_object_get_member (cells, json_object_get_string_member (column, "key")) : NULL;

          write_input (g_ptr_array_index (line->inputs, i), column, cell);
        }
      update_line_visibility (self, line);
    }
  update_table_buttons (self);
}

static void
on_add_clicked_cb (YcFieldRow *self)
{
  if ((gint64) self->lines->len >= get_max_rows (self))
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
  if (yc_case_draft_get_id (self->draft) != NULL &&
      !yc_attachments_release (self->store, yc_case_draft_get_id (self->draft), self->key, &error))
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

/* Reading and writing the editor */

/* Reads the editor into a JSON value; NULL when empty. */
static JsonNode *
read_editor (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);

  switch (self->kind)
    {
    case EDITOR_ENTRY:
      return parse_text (field->type, gtk_editable_get_text (GTK_EDITABLE (self->editor)));

    case EDITOR_SWITCH:
      return json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (GTK_SWITCH (self->editor)));

    case EDITOR_CHOICE:
      return read_choice (self->editor, yc_json_get_array (field->definition, "options"));

    case EDITOR_MULTI_CHOICE:
      {
        JsonArray *options = yc_json_get_array (field->definition, "options");
        g_autoptr(JsonArray) chosen = json_array_new ();

        for (guint i = 0; i < self->parts->len; i++)
          if (gtk_check_button_get_active (g_ptr_array_index (self->parts, i)))
            json_array_add_string_element (chosen, option_value (options, i));
        if (json_array_get_length (chosen) == 0)
          return NULL;
        return json_node_init_array (json_node_alloc (), chosen);
      }

    case EDITOR_ADDRESS:
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

    case EDITOR_GROUP:
      return read_table (self);

    case EDITOR_ATTACHMENT:
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
    case EDITOR_ENTRY:
      {
        g_autofree char *text = value_to_text (value);

        set_entry_text (self->editor, text);
      }
      break;

    case EDITOR_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (self->editor),
                             value && JSON_NODE_HOLDS_VALUE (value) &&
                             json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value));
      break;

    case EDITOR_CHOICE:
      write_choice (self->editor, yc_json_get_array (field->definition, "options"), value);
      break;

    case EDITOR_MULTI_CHOICE:
      {
        JsonArray *options = yc_json_get_array (field->definition, "options");
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

    case EDITOR_ADDRESS:
      {
        JsonObject *address = value && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;

        set_entry_text (g_ptr_array_index (self->parts, 0),
                        address ? node_string (json_object_get_member (address, "region")) : NULL);
        set_entry_text (g_ptr_array_index (self->parts, 1),
                        address ? node_string (json_object_get_member (address, "detail")) : NULL);
      }
      break;

    case EDITOR_GROUP:
      write_table (self, value);
      break;

    case EDITOR_ATTACHMENT:
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

  if (self->kind == EDITOR_ATTACHMENT)
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
  if (is_type (field->type, "region"))
    region = node_string (value);
  else if (self->kind == EDITOR_ADDRESS && value != NULL && JSON_NODE_HOLDS_OBJECT (value))
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
    case EDITOR_ENTRY:
    case EDITOR_SWITCH:
    case EDITOR_CHOICE:
      g_ptr_array_add (marked, self->editor);
      break;

    case EDITOR_ADDRESS:
      g_ptr_array_extend (marked, self->parts, NULL, NULL);
      break;

    case EDITOR_ATTACHMENT:
      g_ptr_array_add (marked, self->choose_button);
      break;

    case EDITOR_MULTI_CHOICE:
    case EDITOR_GROUP:
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
  if (self->kind == EDITOR_ATTACHMENT)
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
  JsonArray *options = yc_json_get_array (field->definition, "options");
  GtkWidget *editor = NULL;

  switch (self->kind)
    {
    case EDITOR_SWITCH:
      editor = gtk_switch_new ();
      g_signal_connect_swapped (editor, "notify::active", G_CALLBACK (on_editor_changed_cb), self);
      break;

    case EDITOR_CHOICE:
      editor = make_choice (options);
      g_signal_connect_swapped (editor, "notify::selected", G_CALLBACK (on_editor_changed_cb), self);
      break;

    case EDITOR_MULTI_CHOICE:
      editor = editor_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_margin_top (editor, 6);
      gtk_widget_set_margin_bottom (editor, 6);
      for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
        {
          GtkWidget *check = gtk_check_button_new_with_label (json_object_get_string_member (json_array_get_object_element (options, i), "label"));
          g_autofree char *name = g_strdup_printf ("field:%s:%s", self->key, option_value (options, i));

          gtk_widget_set_name (check, name);
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_editor_changed_cb), self);
          gtk_box_append (GTK_BOX (editor), check);
          g_ptr_array_add (self->parts, check);
        }
      break;

    case EDITOR_ADDRESS:
      {
        GtkWidget *region = make_entry ("region", _("Region code"));
        GtkWidget *detail = make_entry ("text", _("Street and number"));
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

    case EDITOR_GROUP:
      return make_table (self);

    case EDITOR_ATTACHMENT:
      editor = make_attachment (self);
      break;

    case EDITOR_ENTRY:
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
  if (field->calculated && self->kind != EDITOR_ENTRY)
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
 * @draft: the case @form becomes, for which a scan attached to the field
 *   is kept
 *
 * Returns: a row editing field @key of @form
 */
GtkWidget *
yc_field_row_new (YcForm      *form,
                  const char  *key,
                  YcCaseDraft *draft)
{
  YcFieldRow *self;
  const YcFormField *field;
  GtkEventController *focus;
  g_autofree char *name = NULL;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail ((field = yc_form_lookup_field (form, key)) != NULL, NULL);
  g_return_val_if_fail (YC_IS_CASE_DRAFT (draft), NULL);

  self = g_object_new (YC_TYPE_FIELD_ROW, NULL);
  self->form = g_object_ref (form);
  self->key = g_strdup (key);
  self->draft = g_object_ref (draft);
  self->store = g_object_ref (yc_case_draft_get_store (draft));
  self->kind = kind_for (field);
  self->editor = make_editor (self, field);
  /* tests and accessibility tools find a field by its key */
  name = g_strconcat ("field:", key, NULL);
  gtk_widget_set_name (self->editor, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL, field->label, -1);

  switch (self->kind)
    {
    case EDITOR_GROUP:
      /* the table takes the row's whole width, below its title: the
       * header stays the row's first child, so the theme still styles it */
      gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_box_layout_new (GTK_ORIENTATION_VERTICAL));
      gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
      break;

    case EDITOR_MULTI_CHOICE:
      /* each check button is its own target */
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->editor);
      break;

    case EDITOR_ADDRESS:
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), g_ptr_array_index (self->parts, 0));
      break;

    case EDITOR_ATTACHMENT:
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->choose_button);
      break;

    case EDITOR_ENTRY:
    case EDITOR_SWITCH:
    case EDITOR_CHOICE:
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
  g_autoptr(GError) error = NULL;
  const char *case_id;

  g_return_if_fail (YC_IS_FIELD_ROW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->kind == EDITOR_ATTACHMENT);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->file_error, g_free);
  /* the scan is kept for its case, which attaching makes if nothing else
   * did yet */
  if (!(case_id = yc_case_draft_ensure (self->draft, &error)))
    {
      self->file_error = g_strdup (error->message);
      show_problem (self);
      return;
    }
  g_set_object (&self->pending, file);
  /* copied and hashed off the main loop */
  yc_attachments_add_file_async (self->store, file, case_id, self->key,
                                 yc_json_get_string (get_field (self)->definition, "material"),
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
  /* the table is ours, beside the row's own child */
  if (self->kind == EDITOR_GROUP)
    g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_signal_handler (&self->changed_id, self->form);
  g_clear_object (&self->form);
  g_clear_object (&self->store);
  g_clear_object (&self->draft);
  g_clear_object (&self->pending);

  G_OBJECT_CLASS (yc_field_row_parent_class)->dispose (object);
}

static void
yc_field_row_finalize (GObject *object)
{
  YcFieldRow *self = (YcFieldRow *)object;

  g_clear_pointer (&self->key, g_free);
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
